import Foundation
import RunLogs

/// Where each input is written for the file reader, one file per process.
private let inputPath = NSTemporaryDirectory() + "/fuzz-event-stream-\(ProcessInfo.processInfo.processIdentifier)"

/// libFuzzer entry point for `neurotop watch`'s events.jsonl reader: the input is written to a
/// file and read through a window of a few bytes, a line cap of 512 bytes and batches of 4 KB
/// (so that lines cross window edges, long lines are skipped and reads resume), each line
/// checked as a JSON object with a supported version (Python's NaN and Infinity quoted first),
/// decoded into an event and printed again as a JSON line. Notices are expected; crashes, hangs and leaks are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventStream(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard FileManager.default.createFile(atPath: inputPath, contents: Data(bytes: data, count: size)) else {
        return 0
    }
    defer { try? FileManager.default.removeItem(atPath: inputPath) }
    // The first byte picks the window (1-64 bytes), so that lines cross window edges at every
    // place without every input paying for a read per byte.
    let window = 1 + Int(size > 0 ? data[0] : 0) % 64
    var reader = EventStreamReader(path: inputPath, bounds: ReadBounds(window: window, maximum: 512, batch: 4096))
    do {
        var batch: EventStreamReader.Batch
        repeat {
            let before = reader.offset
            batch = try reader.readAvailable()
            precondition(reader.offset <= size && batch.pendingBytes <= size)
            precondition(!batch.hasMore || reader.offset > before, "a batch that read nothing")
            for entry in batch.entries { _ = WatchedRecord(run: "fuzz", event: .recorded(entry)).jsonLine() }
            for notice in batch.notices { _ = notice.description }
        } while batch.hasMore
    } catch {
        _ = error.description
    }
    return 0
}
