import Foundation
import RunLogs

/// Where each input is written for the file reader, one file per process.
private let inputPath = NSTemporaryDirectory() + "/fuzz-event-stream-\(ProcessInfo.processInfo.processIdentifier)"

/// libFuzzer entry point for `neurotop watch`'s events.jsonl reader: the input is written to a
/// file and read through a window of a few bytes with a line cap of 512 bytes (so that lines
/// cross window edges and long lines are skipped), each line checked as a JSON object with a
/// supported version (Python's NaN and Infinity quoted first), decoded into an event and printed
/// again as a JSON line. Notices are expected; crashes, hangs and leaks are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventStream(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard FileManager.default.createFile(atPath: inputPath, contents: Data(bytes: data, count: size)) else {
        return 0
    }
    defer { try? FileManager.default.removeItem(atPath: inputPath) }
    var reader = EventStreamReader(path: inputPath, bounds: ReadBounds(window: 7, maximum: 512))
    do {
        let batch = try reader.readAvailable()
        precondition(reader.offset <= size && batch.pendingBytes <= size)
        for entry in batch.entries { _ = WatchedRecord(run: "fuzz", event: .recorded(entry)).jsonLine() }
        for notice in batch.notices { _ = notice.description }
    } catch {
        _ = error.description
    }
    return 0
}
