/// Reads TFRecord frames (the container of TensorBoard's event files) from bytes in memory.
public enum TFRecordFraming {
    /// Length (8 bytes) and its masked CRC (4 bytes).
    public static let headerSize = 12
    /// The payload's masked CRC.
    public static let footerSize = 4

    /// The frame that starts at `start` in `bytes`; a length over `maximumLength` whose checksum
    /// matches is refused rather than allocated.
    public static func frame(
        at start: Int, in bytes: UnsafeRawBufferPointer, maximumLength: Int
    ) -> TFRecordFrame {
        let available = bytes.count - start
        guard available >= headerSize else { return .incomplete(needed: headerSize) }
        let lengthBytes = UnsafeRawBufferPointer(rebasing: bytes[start..<start + 8])
        let length = littleEndianUInt64(lengthBytes)
        guard littleEndianUInt32(bytes, at: start + 8) == CRC32C.masked(lengthBytes) else {
            return .badLengthChecksum
        }
        guard length <= UInt64(maximumLength) else { return .tooLong(length: length) }
        let size = headerSize + Int(length) + footerSize
        guard available >= size else { return .incomplete(needed: size) }
        let payload = start + headerSize..<start + headerSize + Int(length)
        let stored = littleEndianUInt32(bytes, at: payload.upperBound)
        guard stored == CRC32C.masked(UnsafeRawBufferPointer(rebasing: bytes[payload])) else {
            return .badDataChecksum(length: Int(length), next: start + size)
        }
        return .record(payload: payload, next: start + size)
    }

    /// One record framed as TensorFlow writes it (for tests, fuzz seeds and tools).
    public static func framed(_ payload: [UInt8]) -> [UInt8] {
        let length = littleEndianBytes(UInt64(payload.count))
        return length + littleEndianBytes(CRC32C.masked(length)) + payload
            + littleEndianBytes(CRC32C.masked(payload))
    }

    // MARK: - Little-endian integers

    static func littleEndianUInt64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        bytes.prefix(8).reversed().reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
    }

    static func littleEndianUInt32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reversed().reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
    }

    static func littleEndianBytes<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        (0..<Value.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}
