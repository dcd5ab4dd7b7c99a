import Experiments

/// libFuzzer entry point for the YAML config reader: any bytes go through the same checks as a
/// config file (UTF-8, the size and shape caps, YAML, the schema, building the model), and every
/// error's message is rendered. Success is not required, only that nothing crashes, hangs or leaks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    do {
        let config = try ConfigLoader.parse(yaml: text, file: "fuzz.yaml", identifier: "fuzz")
        _ = config.name
    } catch {
        _ = error.description
    }
    return 0
}
