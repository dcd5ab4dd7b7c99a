import Foundation
import RunLogs

/// Where each input is written for the file readers, one file per process (libFuzzer runs
/// inputs one at a time; scripts/fuzz.sh points TMPDIR at a scratch directory).
private let inputPath = NSTemporaryDirectory() + "/fuzz-tfevents-\(ProcessInfo.processInfo.processIdentifier)"

/// libFuzzer entry point for the TensorBoard reader: the input is written to a file and read as
/// a tfevents file, as `neurotop watch` reads one: TFRecord framing (length, both masked CRC32C
/// checks, the record cap) through a window of a few bytes, so that records cross window edges,
/// then each record's `Event` protobuf decoded (wire types checked, scalars, histograms,
/// tensors) and printed as a JSON line. The file is then read again from the first half of its
/// records, as a reader following a growing file does. Errors and notices are expected;
/// crashes, hangs and leaks are not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTFEvents(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(bytes: data, count: size)
    guard FileManager.default.createFile(atPath: inputPath, contents: bytes) else { return 0 }
    defer { try? FileManager.default.removeItem(atPath: inputPath) }
    let bounds = ReadBounds(window: 16, maximum: 4096)
    var reader = TFRecordFileReader(path: inputPath, bounds: bounds)
    let batch: TFRecordFileReader.Batch
    do {
        batch = try reader.readAvailable()
    } catch {
        _ = error.description
        return 0
    }
    precondition(reader.offset <= size)
    let decoder = TensorBoardEventDecoder(directorySplit: .validation)
    for record in batch.records {
        precondition(record.offset + record.payload.count <= size)
        do {
            let decoded = try decoder.decode(record.payload)
            for event in decoded.events { _ = WatchedRecord(run: "fuzz", event: event).jsonLine() }
        } catch {
            _ = error.description
        }
    }
    if let middle = batch.records.dropFirst(batch.records.count / 2).first {
        var again = TFRecordFileReader(path: inputPath, offset: middle.offset, bounds: bounds)
        let rest = try? again.readAvailable()
        precondition(rest == nil || rest?.records.count == batch.records.count - batch.records.count / 2)
    }
    return 0
}
