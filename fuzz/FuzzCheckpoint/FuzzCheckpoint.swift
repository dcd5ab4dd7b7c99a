import Runs

/// libFuzzer entry point for the checkpoint reader: the input is parsed as a safetensors file
/// (header length, JSON header, offsets, CRC32), and when it parses, turned into a run snapshot,
/// which decodes the position and frozen-layer JSON kept in `__metadata__` and checks every
/// tensor's type and shape. Errors are expected; crashes, hangs and leaks are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpoint(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let archive: SafeTensorsArchive
    do {
        archive = try SafeTensorsArchive(parsing: bytes)
    } catch {
        _ = error.description
        return 0
    }
    do {
        let snapshot = try archive.runSnapshot()
        precondition(!snapshot.stages.isEmpty)
    } catch {
        _ = error.description
    }
    return 0
}
