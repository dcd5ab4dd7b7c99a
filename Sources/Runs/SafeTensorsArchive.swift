import CZlib
import Foundation

/// Named tensors and string metadata in the safetensors format, the way they lie in a file.
///
/// The file is an 8-byte little-endian header length, a JSON header mapping each name to its
/// dtype, shape and byte range, then the tensors' raw little-endian bytes back to back. Python's
/// `safetensors.numpy.load_file` reads what `serialized()` writes. Writing adds a CRC32 of the
/// data section to the metadata (`checksumKey`); reading checks it where present, so a flipped
/// byte is an error rather than a silently different weight. Everything read is checked before
/// it is used: lengths, offsets and sizes, with overflow checks.
public struct SafeTensorsArchive: Sendable, Equatable {
    /// One tensor: its name, element type, shape and raw little-endian bytes.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let dtype: SafeTensorsDType
        public let shape: [Int]
        public let bytes: [UInt8]
    }

    /// The metadata key under which the data section's CRC32 is kept, as 8 hex digits.
    public static let checksumKey = "neurotop.crc32"
    /// The largest header accepted, as in the format's reference reader.
    public static let maximumHeaderLength = 100 << 20

    /// The tensors in file order.
    public private(set) var entries: [Entry] = []
    /// String-to-string metadata (`__metadata__`), without the checksum.
    public var metadata: [String: String]

    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
    }

    // MARK: - Adding and reading tensors

    /// Adds a tensor of raw bytes; the byte count must match the dtype and shape.
    public mutating func add(
        _ name: String, dtype: SafeTensorsDType, shape: [Int], bytes: [UInt8]
    ) throws(SafeTensorsError) {
        guard !name.isEmpty, name != "__metadata__" else { throw .invalidName(name) }
        guard entry(named: name) == nil else { throw .duplicateName(name) }
        guard let expected = Self.byteCount(dtype: dtype, shape: shape) else { throw .badShape(tensor: name) }
        guard expected == bytes.count else {
            throw .sizeMismatch(tensor: name, expected: expected, actual: bytes.count)
        }
        entries.append(Entry(name: name, dtype: dtype, shape: shape, bytes: bytes))
    }

    /// Adds float32 values with the given shape.
    public mutating func add(_ name: String, float32 values: [Float], shape: [Int]) throws(SafeTensorsError) {
        try add(name, dtype: .float32, shape: shape, bytes: LittleEndianBytes.encode(values.map(\.bitPattern)))
    }

    /// Adds int64 values with the given shape.
    public mutating func add(_ name: String, int64 values: [Int64], shape: [Int]) throws(SafeTensorsError) {
        try add(
            name, dtype: .int64, shape: shape, bytes: LittleEndianBytes.encode(values.map { UInt64(bitPattern: $0) }))
    }

    /// The tensor called `name`, if there is one.
    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// The float32 values of `name`, checking its dtype and, when given, its shape.
    public func float32(_ name: String, shape: [Int]? = nil) throws(SafeTensorsError) -> [Float] {
        let entry = try checkedEntry(name, dtype: .float32, shape: shape)
        return LittleEndianBytes.decode(entry.bytes, as: UInt32.self).map(Float.init(bitPattern:))
    }

    /// The int64 values of `name`, checking its dtype and, when given, its shape.
    public func int64(_ name: String, shape: [Int]? = nil) throws(SafeTensorsError) -> [Int64] {
        let entry = try checkedEntry(name, dtype: .int64, shape: shape)
        return LittleEndianBytes.decode(entry.bytes, as: UInt64.self).map { Int64(bitPattern: $0) }
    }

    private func checkedEntry(
        _ name: String, dtype: SafeTensorsDType, shape: [Int]?
    ) throws(SafeTensorsError) -> Entry {
        guard let entry = entry(named: name) else { throw .missingTensor(name) }
        let wanted = "\(dtype.rawValue) \(shape.map { "\($0)" } ?? "\(entry.shape)")"
        guard entry.dtype == dtype, shape == nil || shape == entry.shape else {
            throw .wrongTensor(name: name, expected: wanted, actual: "\(entry.dtype.rawValue) \(entry.shape)")
        }
        return entry
    }

    /// Bytes for `shape` elements of `dtype`, or nil for a negative or overflowing shape.
    static func byteCount(dtype: SafeTensorsDType, shape: [Int]) -> Int? {
        var count = dtype.byteSize
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// The CRC32 of `bytes` (zlib's polynomial, as in gzip and PNG).
    static func crc32(of bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer -> UInt32 in
            var crc = CZlib.crc32(0, nil, 0)
            var offset = 0
            while offset < buffer.count {
                let length = min(buffer.count - offset, Int(UInt32.max >> 1))
                crc = CZlib.crc32(crc, buffer.baseAddress.map { $0 + offset }, uInt(length))
                offset += length
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }
}
