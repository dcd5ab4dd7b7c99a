/// Reads MNIST-format IDX files, raw or gzipped, with every length checked against the header.
///
/// A file is rejected when its header is malformed, when it holds fewer payload bytes than the
/// header promises (truncated, or a header that lies upward) or more (trailing bytes, or a header
/// that lies downward), and when its gzip stream is corrupt.
public enum IDXReader {
    /// The pixel bytes of an images file.
    public struct Images: Sendable {
        public let count: Int
        public let rows: Int
        public let columns: Int
        /// `count * rows * columns` bytes, image after image, each row-major.
        public let bytes: [UInt8]
    }

    /// Payload bytes read per call: large enough that the per-call cost vanishes.
    static let chunkSize = 1 << 18
    /// The most a gzip stream gets reserved before its bytes arrive. Its uncompressed length is
    /// known only by reading it, so a header that lies upward (or a cut-off file) must not get a
    /// gigabyte on trust: beyond this, the payload grows as data comes in.
    static let compressedReserve = 1 << 26

    /// Reads an images file (magic `0x00000803`): one byte per pixel.
    public static func readImages(at path: String) throws(DatasetError) -> Images {
        let stream = try ByteStream(path: path)
        let header = try IDXHeader.read(from: stream, expecting: .images)
        let pixels = try readPayload(of: stream, header: header)
        return Images(
            count: header.dimensions[0], rows: header.dimensions[1], columns: header.dimensions[2],
            bytes: pixels)
    }

    /// Reads a labels file (magic `0x00000801`): one class index byte per image.
    public static func readLabels(at path: String) throws(DatasetError) -> [UInt8] {
        let stream = try ByteStream(path: path)
        let header = try IDXHeader.read(from: stream, expecting: .labels)
        return try readPayload(of: stream, header: header)
    }

    // MARK: - Helpers

    /// Bytes to reserve up front for a payload the header says is `total` long: all of it for a
    /// raw file (its size on disk was checked first), at most `compressedReserve` for gzip.
    static func reservation(for total: Int, compressed: Bool) -> Int {
        compressed ? min(total, compressedReserve) : total
    }

    /// The `header.elementCount` bytes after the header, checked to be exactly all the file holds.
    private static func readPayload(of stream: ByteStream, header: IDXHeader) throws(DatasetError) -> [UInt8] {
        try checkRawLength(of: stream, against: header)
        let total = header.elementCount
        var payload: [UInt8] = []
        payload.reserveCapacity(reservation(for: total, compressed: stream.isCompressed))
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        while payload.count < total {
            let request = min(chunkSize, total - payload.count)
            let got = try stream.read(
                into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: chunk[0..<request])))
            payload.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<got]))
            if got < request {
                throw .truncated(path: stream.path, kind: header.kind, promised: total, present: payload.count)
            }
        }
        try checkEnd(of: stream, after: header)
        return payload
    }

    /// For an uncompressed file the size on disk settles the payload length before anything
    /// is allocated.
    private static func checkRawLength(of stream: ByteStream, against header: IDXHeader) throws(DatasetError) {
        guard !stream.isCompressed else { return }
        let present = stream.fileSize - header.kind.headerSize
        if present < header.elementCount {
            throw .truncated(path: stream.path, kind: header.kind, promised: header.elementCount, present: present)
        }
        if present > header.elementCount {
            throw .trailingBytes(
                path: stream.path, kind: header.kind, promised: header.elementCount,
                extra: present - header.elementCount)
        }
    }

    /// After the payload the stream must be exhausted, and a gzip stream must have ended cleanly.
    private static func checkEnd(of stream: ByteStream, after header: IDXHeader) throws(DatasetError) {
        let extra = try stream.countRemainingBytes()
        if extra > 0 {
            throw .trailingBytes(path: stream.path, kind: header.kind, promised: header.elementCount, extra: extra)
        }
        if stream.compressedStreamCutShort {
            throw .corruptCompression(path: stream.path, detail: "the gzip stream ends before its checksum")
        }
    }
}
