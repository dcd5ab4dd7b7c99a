/// Writes protobuf wire format by hand, field by field, so the tests' event files do not come
/// from the generated code they test, and can hold what no generator writes (unknown fields,
/// wrong wire types).
public struct ProtobufWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    public mutating func key(_ field: Int, wireType: Int) {
        varint(UInt64(field << 3 | wireType))
    }

    public mutating func varint(_ field: Int, _ value: UInt64) {
        key(field, wireType: 0)
        varint(value)
    }

    public mutating func double(_ field: Int, _ value: Double) {
        key(field, wireType: 1)
        bytes += littleEndian(value.bitPattern)
    }

    public mutating func float(_ field: Int, _ value: Float) {
        key(field, wireType: 5)
        bytes += littleEndian(value.bitPattern)
    }

    public mutating func bytes(_ field: Int, _ value: [UInt8]) {
        key(field, wireType: 2)
        varint(UInt64(value.count))
        bytes += value
    }

    public mutating func string(_ field: Int, _ value: String) {
        bytes(field, Array(value.utf8))
    }

    public mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
        var inner = ProtobufWriter()
        build(&inner)
        bytes(field, inner.bytes)
    }

    public mutating func packedDoubles(_ field: Int, _ values: [Double]) {
        bytes(field, values.flatMap { littleEndian($0.bitPattern) })
    }

    public mutating func packedFloats(_ field: Int, _ values: [Float]) {
        bytes(field, values.flatMap { littleEndian($0.bitPattern) })
    }

    public func littleEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        (0..<Value.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}
