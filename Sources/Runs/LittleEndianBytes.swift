/// Fixed-width integers to and from little-endian bytes, whatever the host's byte order.
///
/// On a little-endian host (every platform neurotop builds for today) both directions are one
/// memory copy: a checkpoint of a few megabytes is encoded in well under a millisecond, beside
/// training. The byte-by-byte path keeps big-endian hosts correct.
enum LittleEndianBytes {
    static func encode<Value: FixedWidthInteger>(_ values: [Value]) -> [UInt8] {
        #if _endian(little)
            return values.withUnsafeBytes { Array($0) }
        #else
            let width = Value.bitWidth / 8
            var bytes = [UInt8](repeating: 0, count: values.count * width)
            for (index, value) in values.enumerated() {
                let little = value.littleEndian
                withUnsafeBytes(of: little) { raw in
                    for byte in 0..<width { bytes[index * width + byte] = raw[byte] }
                }
            }
            return bytes
        #endif
    }

    /// Decodes whole values; a trailing partial value is ignored (callers check sizes first).
    static func decode<Value: FixedWidthInteger>(_ bytes: [UInt8], as type: Value.Type) -> [Value] {
        let width = Value.bitWidth / 8
        let count = bytes.count / width
        #if _endian(little)
            return [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    if let source = raw.baseAddress, let target = buffer.baseAddress, count > 0 {
                        UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: count * width)
                    }
                }
                initialized = count
            }
        #else
            return (0..<count).map { index in
                var value: Value = 0
                for byte in 0..<width { value |= Value(bytes[index * width + byte]) << (8 * byte) }
                return value
            }
        #endif
    }

    static func uint64(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for (shift, byte) in bytes.prefix(8).enumerated() { value |= UInt64(byte) << (8 * shift) }
        return value
    }
}
