import Foundation

/// Finds fields that a message knows by number but that came with another wire type.
///
/// SwiftProtobuf, like protobuf's own runtimes, keeps such a field as an unknown field and reads
/// the message without it, so a record whose `summary` was written as a number would give nothing
/// and say nothing; this tells the reader which field it was, to name in a notice.
enum MistypedFields {
    enum WireType: Int {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    /// The first field of `unknownFields` (bytes in wire format, as SwiftProtobuf keeps them)
    /// whose number `expected` knows with another wire type.
    static func first(in unknownFields: Data, expected: [Int: WireType]) -> (field: Int, wireType: Int)? {
        var reader = WireReader(bytes: [UInt8](unknownFields))
        while let key = reader.varint() {
            let field = Int(truncatingIfNeeded: key >> 3)
            let wireType = Int(key & 7)
            if let known = expected[field], known.rawValue != wireType { return (field, wireType) }
            guard reader.skip(wireType: wireType) else { return nil }
        }
        return nil
    }

    /// A cursor over wire-format bytes; nil or false at anything malformed.
    private struct WireReader {
        let bytes: [UInt8]
        var index = 0

        mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count, shift < 64 {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }

        mutating func skip(wireType: Int) -> Bool {
            switch wireType {
            case 0: return varint() != nil
            case 1: index += 8
            case 5: index += 4
            case 2:
                guard let length = varint(), length <= UInt64(bytes.count - index) else { return false }
                index += Int(length)
            default: return false
            }
            return index <= bytes.count
        }
    }
}
