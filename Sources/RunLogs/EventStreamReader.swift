import Foundation
import Runs

/// Reads an `events.jsonl` (neurotop's event stream, docs/events.md) from where it last stopped,
/// so a stream another program is still writing can be followed: an unfinished last line waits
/// for its newline.
///
/// Unlike `RecordedRun.loadEntries`, which refuses a damaged log, this reader skips what it cannot
/// read with a notice and goes on: a stream written by another program (the Keras callback, a
/// PyTorch hook) may hold a line neurotop does not understand, and one such line must not hide
/// the rest. A line over `bounds.maximum` (16 MiB) is skipped without being kept in memory; bytes that
/// are not UTF-8 are replaced (U+FFFD); Python's bare `NaN`, `Infinity` and `-Infinity` read as
/// neurotop's `"nan"`, `"inf"` and `"-inf"`.
public struct EventStreamReader: Sendable {
    /// The lines read by one call, with what was skipped on the way.
    public struct Batch: Sendable {
        public var entries: [RecordedEntry] = []
        public var notices: [ReadNotice] = []
        /// Bytes of an unfinished last line (no newline yet).
        public var pendingBytes = 0
        /// Whether the call stopped at `ReadBounds.batch` with more of the file to read.
        public var hasMore = false
    }

    public let path: String
    /// How many times the file shrank and was read again from its start (its writer started over).
    public private(set) var restarts = 0
    /// Where the next unread byte is (the start of a line, unless a long line is being skipped).
    public private(set) var offset: Int
    /// The 1-based number of the line that starts at `offset`.
    public private(set) var lineNumber: Int
    /// Set while the rest of an overlong line is passed over.
    private var isSkippingLine = false

    /// Tests and the fuzzer read through windows of a few bytes and a low line cap.
    public let bounds: ReadBounds

    public init(path: String, offset: Int = 0, lineNumber: Int = 1, bounds: ReadBounds = .eventLines) {
        self.path = path
        self.offset = offset
        self.lineNumber = lineNumber
        self.bounds = bounds
    }

    /// The complete lines from `offset` on, up to the end of the file as it is now or about
    /// `ReadBounds.batch` bytes (then `hasMore` is set).
    public mutating func readAvailable() throws(RunLogError) -> Batch {
        var batch = Batch()
        let file = try OpenFile(path: path)
        let size = try file.size()
        if size < offset {
            batch.notices.append(notice("the file shrank to \(size) bytes: read again from its start"))
            restarts += 1
            offset = 0
            lineNumber = 1
            isSkippingLine = false
        }
        var line: [UInt8] = []
        var position = offset
        let start = offset
        while position < size {
            // Stops between windows once a line was read; a line begun is read again whole by
            // the next call.
            if position - start >= bounds.batch && offset > start {
                batch.hasMore = true
                return batch
            }
            let chunk = try file.read(at: position, count: min(bounds.window, size - position))
            if chunk.isEmpty { break }
            var start = 0
            while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
                if isSkippingLine {
                    isSkippingLine = false
                } else {
                    line += chunk[start..<newline]
                    take(line, into: &batch)
                }
                line.removeAll(keepingCapacity: true)
                lineNumber += 1
                start = newline + 1
                offset = position + start
            }
            if !isSkippingLine {
                line += chunk[start...]
                if line.count > bounds.maximum {
                    batch.notices.append(
                        notice(
                            "the line is over the \(ByteCount(bounds.maximum)) a line may have: skipped to its end"
                        ))
                    isSkippingLine = true
                    line = []
                }
            }
            position += chunk.count
            if isSkippingLine { offset = position }
        }
        batch.pendingBytes = isSkippingLine ? 0 : line.count
        return batch
    }

    /// Decodes one complete line into `batch`, or says why it was skipped.
    private func take(_ bytes: [UInt8], into batch: inout Batch) {
        guard bytes.contains(where: { !Self.isWhitespace($0) }) else { return }
        guard bytes.count <= bounds.maximum else {
            batch.notices.append(
                notice("the line is over the \(ByteCount(bounds.maximum)) a line may have: skipped"))
            return
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if String(validating: bytes, as: UTF8.self) == nil {
            batch.notices.append(notice("bytes that are not UTF-8, read as U+FFFD"))
        }
        if jsonObject(text) == nil, let quoted = NonFiniteJSON.quoted(text) { text = quoted }
        guard let object = jsonObject(text) else {
            batch.notices.append(notice("not a JSON object: line skipped"))
            return
        }
        if let version = object["v"] as? Int, version > EventLogReader.supportedVersion {
            batch.notices.append(
                notice(
                    "schema version \(version), newer than this neurotop reads "
                        + "(\(EventLogReader.supportedVersion)): line skipped; update neurotop"))
            return
        }
        do {
            if let entry = try RecordedEntry.decode(jsonLine: text) { batch.entries.append(entry) }
        } catch {
            batch.notices.append(notice("\(error): line skipped"))
        }
    }

    private func jsonObject(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    private func notice(_ message: String) -> ReadNotice {
        ReadNotice(path: path, place: "line \(lineNumber)", message: message)
    }
}
