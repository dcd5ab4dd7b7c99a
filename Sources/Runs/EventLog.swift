import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An append-only log of JSON lines (`events.jsonl`): each line is written whole with one
/// `write(2)` on a descriptor opened with `O_APPEND`, so a reader never sees half of a line
/// except at the very end of a file whose writer was killed, and that last line is ignored.
public final class EventLogWriter {
    public let path: String
    private var descriptor: Int32

    /// Opens (creating if needed) the log at `path` for appending (and reading, to find its last line).
    public init(path: String) throws(AtomicFile.WriteError) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicFile.WriteError(path: path, step: "open", code: errno) }
    }

    deinit { close() }

    /// Cuts an unfinished last line, left by a writer killed in the middle of it: appended after
    /// it, the next line would be glued to it into one line that is not JSON, and the log would be
    /// damaged there for every reader. Readers ignore such a line anyway, so nothing is lost.
    public func cutUnfinishedLine() throws(AtomicFile.WriteError) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw AtomicFile.WriteError(path: path, step: "read", code: errno)
        }
        let size = Int(status.st_size)
        // Backwards a block at a time: the last newline is near the end unless the line is huge.
        var end = size
        var cut = 0
        while end > 0 {
            let start = max(0, end - 4096)
            var bytes = [UInt8](repeating: 0, count: end - start)
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(start)) }
            guard count == bytes.count else {
                throw AtomicFile.WriteError(path: path, step: "read", code: count < 0 ? errno : EIO)
            }
            if let newline = bytes.lastIndex(of: UInt8(ascii: "\n")) {
                cut = start + newline + 1
                break
            }
            end = start
        }
        guard cut < size else { return }
        guard ftruncate(descriptor, off_t(cut)) == 0 else {
            throw AtomicFile.WriteError(path: path, step: "cut the unfinished last line of", code: errno)
        }
    }

    /// Appends one line; `line` must hold no newline of its own.
    public func append(_ line: String) throws(AtomicFile.WriteError) {
        precondition(!line.contains("\n"), "an event line holds a newline")
        guard descriptor >= 0 else { throw AtomicFile.WriteError(path: path, step: "append to", code: EBADF) }
        try AtomicFile.writeAll(Array((line + "\n").utf8), to: descriptor, path: path)
    }

    /// Flushes what was appended to disk (at epoch ends; not per line, which would cost a disk round trip).
    public func sync() throws(AtomicFile.WriteError) {
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            throw AtomicFile.WriteError(path: path, step: "flush", code: descriptor >= 0 ? errno : EBADF)
        }
    }

    public func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }
}

/// Reads an event log: complete lines as JSON objects, an unfinished last line left for later.
public enum EventLogReader {
    public struct Line: Sendable {
        /// 1-based line number in the file.
        public let number: Int
        public let text: String
    }

    /// Why a log cannot be read.
    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case notJSON(path: String, line: Int)
        case unsupportedVersion(path: String, line: Int, version: Int)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
            case .notJSON(let path, let line): "\(path) line \(line) is not a JSON object: the log is damaged there"
            case .unsupportedVersion(let path, let line, let version):
                "\(path) line \(line) has schema version \(version), newer than this neurotop reads (\(supportedVersion)); "
                    + "update neurotop"
            }
        }
    }

    /// The newest schema version this reader understands (see docs/events.md).
    public static let supportedVersion = 1

    /// The complete lines of `bytes` and how many bytes they span (the rest is an unfinished line).
    public static func completeLines(in bytes: [UInt8], firstNumber: Int = 1) -> (lines: [Line], consumed: Int) {
        var lines: [Line] = []
        var start = 0
        var number = firstNumber
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if !text.allSatisfy(\.isWhitespace) { lines.append(Line(number: number, text: text)) }
            number += 1
            start = index + 1
        }
        return (lines, start)
    }

    /// Every complete line of the log at `path` as a JSON object, checked for its `v` field.
    public static func objects(at path: String) throws(ReadError) -> [[String: Any]] {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedFailureReason ?? "\(error)")
        }
        return try completeLines(in: bytes).lines.map { line throws(ReadError) in
            try object(line, path: path)
        }
    }

    /// One line as a JSON object, refusing anything else and versions newer than this reader.
    public static func object(_ line: Line, path: String) throws(ReadError) -> [String: Any] {
        guard let data = line.text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw .notJSON(path: path, line: line.number) }
        if let version = object["v"] as? Int, version > supportedVersion {
            throw .unsupportedVersion(path: path, line: line.number, version: version)
        }
        return object
    }
}
