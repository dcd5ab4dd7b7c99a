import Foundation
import Runs

/// libFuzzer entry point for the recorded-run readers: the input is split into complete lines as
/// `events.jsonl` is while it grows (`EventLogReader.completeLines`), each line is checked as a
/// JSON object with a supported version and decoded into an event or intervention; the same bytes
/// are also read as a `run.json`. Errors are expected; crashes, hangs and leaks are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvents(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let (lines, consumed) = EventLogReader.completeLines(in: bytes)
    precondition(consumed >= 0 && consumed <= bytes.count)
    for line in lines {
        do {
            _ = try EventLogReader.object(line, path: "events.jsonl")
        } catch {
            _ = error.description
        }
        do {
            _ = try RecordedEntry.decode(jsonLine: line.text)
        } catch {
            _ = error.description
        }
    }
    do {
        _ = try RunSummary.decode(Data(bytes))
    } catch {
        _ = error.description
    }
    return 0
}
