import CZlib
import Glibc

/// A file opened for sequential reading, decompressed on the fly when it is gzipped.
///
/// Compression is detected from the gzip magic bytes (`1f 8b`), never from the file name, so a
/// gunzipped file still called `.gz` (or the reverse) reads correctly.
final class ByteStream {
    /// The path it was opened with, for messages.
    let path: String
    /// Whether the file starts with the gzip magic bytes.
    let isCompressed: Bool
    /// Size on disk; for an uncompressed file this is exactly the number of bytes `read` yields.
    let fileSize: Int
    /// Set when a gzip stream ended before its trailer: the data is cut short even if every
    /// promised byte arrived, because the checksum could not be verified.
    private(set) var compressedStreamCutShort = false

    private let descriptor: Int32
    private let gzip: gzFile?

    /// Opens `path`, which must be a regular file; without O_NONBLOCK opening a FIFO would wait
    /// for a writer, forever if none comes (the flag changes nothing for a regular file).
    init(path: String) throws(DatasetError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unreadable(path: path, reason: Self.systemMessage(errno))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = Self.systemMessage(errno)
            close(descriptor)
            throw .unreadable(path: path, reason: reason)
        }
        if let kind = RegularFile.otherKind(mode: info.st_mode) {
            close(descriptor)
            throw .unreadable(path: path, reason: "it is \(kind), not a regular file")
        }
        var magic: (UInt8, UInt8) = (0, 0)
        let peeked = withUnsafeMutableBytes(of: &magic) { pread(descriptor, $0.baseAddress, 2, 0) }
        guard peeked >= 0 else {
            let reason = Self.systemMessage(errno)
            close(descriptor)
            throw .unreadable(path: path, reason: reason)
        }
        fileSize = Int(info.st_size)
        isCompressed = peeked == 2 && magic == (0x1f, 0x8b)
        if isCompressed {
            // gzdopen takes ownership of the descriptor: gzclose closes it.
            guard let handle = gzdopen(descriptor, "rb") else {
                close(descriptor)
                throw .unreadable(path: path, reason: "cannot start gzip decompression")
            }
            // A larger buffer than zlib's 8 KiB default cuts the number of read(2) calls.
            gzbuffer(handle, 1 << 18)
            self.gzip = handle
            self.descriptor = -1
        } else {
            self.gzip = nil
            self.descriptor = descriptor
        }
    }

    deinit {
        if let gzip {
            gzclose(gzip)
        } else {
            close(descriptor)
        }
    }

    /// Fills `buffer` from the stream and returns how many bytes were written; fewer than
    /// `buffer.count` only at the end of the data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        // Keep each call well inside the C `int`/`unsigned` length parameters.
        let maximumRequest = 1 << 30
        var done = 0
        while done < buffer.count {
            let request = min(buffer.count - done, maximumRequest)
            let got =
                gzip.map { readCompressed($0, into: base + done, count: request) }
                ?? readRaw(into: base + done, count: request)
            if got < 0 {
                throw readFailure()
            }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Reads up to `count` bytes (fewer only at the end of the data); for small reads such as headers.
    func readBytes(count: Int) throws(DatasetError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
        defer { buffer.deallocate() }
        let got = try read(into: buffer)
        return Array(buffer[0..<got])
    }

    /// Reads and discards the rest of the stream, returning how many bytes it held.
    func countRemainingBytes() throws(DatasetError) -> Int {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { scratch.deallocate() }
        var total = 0
        while true {
            let got = try read(into: scratch)
            total += got
            if got < scratch.count { return total }
        }
    }

    // MARK: - Helpers

    private func readCompressed(_ handle: gzFile, into pointer: UnsafeMutableRawPointer, count: Int) -> Int {
        let got = Int(gzread(handle, pointer, UInt32(count)))
        if got < count {
            var code: Int32 = Z_OK
            _ = gzerror(handle, &code)
            if code == Z_BUF_ERROR { compressedStreamCutShort = true }
        }
        return got
    }

    private func readRaw(into pointer: UnsafeMutableRawPointer, count: Int) -> Int {
        while true {
            let got = Glibc.read(descriptor, pointer, count)
            if got < 0 && errno == EINTR { continue }
            return got
        }
    }

    private func readFailure() -> DatasetError {
        guard let gzip else {
            return .unreadable(path: path, reason: Self.systemMessage(errno))
        }
        var code: Int32 = Z_OK
        let message = gzerror(gzip, &code).map { String(cString: $0) } ?? "unknown zlib error"
        if code == Z_ERRNO {
            return .unreadable(path: path, reason: Self.systemMessage(errno))
        }
        return .corruptCompression(path: path, detail: message)
    }

    private static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
