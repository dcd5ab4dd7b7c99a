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

    /// Reads an images file (magic `0x00000803`): one byte per pixel.
    public static func readImages(at path: String) throws(DatasetError) -> Images {
        let stream = try ByteStream(path: path)
        let header = try IDXHeader.read(from: stream, expecting: .images)
        try checkRawLength(of: stream, against: header)
        let total = header.elementCount
        var failure: DatasetError?
        let pixels = [UInt8](unsafeUninitializedCapacity: total) { output, initialized in
            var done = 0
            do throws(DatasetError) {
                while done < total {
                    let request = min(chunkSize, total - done)
                    let got = try stream.read(
                        into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: output[done..<(done + request)])))
                    done += got
                    if got < request {
                        throw .truncated(path: path, kind: .images, promised: total, present: done)
                    }
                }
            } catch {
                failure = error
            }
            initialized = done
        }
        if let failure { throw failure }
        try checkEnd(of: stream, after: header)
        return Images(
            count: header.dimensions[0], rows: header.dimensions[1], columns: header.dimensions[2],
            bytes: pixels)
    }

    /// Reads a labels file (magic `0x00000801`): one class index byte per image.
    public static func readLabels(at path: String) throws(DatasetError) -> [UInt8] {
        let stream = try ByteStream(path: path)
        let header = try IDXHeader.read(from: stream, expecting: .labels)
        try checkRawLength(of: stream, against: header)
        let total = header.elementCount
        var failure: DatasetError?
        let labels = [UInt8](unsafeUninitializedCapacity: total) { output, initialized in
            do throws(DatasetError) {
                initialized = try stream.read(into: UnsafeMutableRawBufferPointer(output))
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        guard labels.count == total else {
            throw .truncated(path: path, kind: .labels, promised: total, present: labels.count)
        }
        try checkEnd(of: stream, after: header)
        return labels
    }

    // MARK: - Helpers

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
