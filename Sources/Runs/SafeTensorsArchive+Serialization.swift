import Foundation

extension SafeTensorsArchive {
    // MARK: - Writing

    /// The file's bytes: header length, JSON header padded with spaces to an 8-byte boundary,
    /// then the tensors in `entries` order. The metadata gains the data section's CRC32.
    public func serialized() -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(entries.reduce(0) { $0 + $1.bytes.count })
        var fields: [String] = []
        for entry in entries {
            let begin = data.count
            data.append(contentsOf: entry.bytes)
            let shape = entry.shape.map(String.init).joined(separator: ",")
            fields.append(
                "\(JSONText.quoted(entry.name)):{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],"
                    + "\"data_offsets\":[\(begin),\(data.count)]}")
        }
        var stamped = metadata
        stamped[Self.checksumKey] = Self.hexDigits(Self.crc32(of: data))
        let metadataFields = stamped.keys.sorted().map {
            "\(JSONText.quoted($0)):\(JSONText.quoted(stamped[$0] ?? ""))"
        }
        fields.insert("\"__metadata__\":{\(metadataFields.joined(separator: ","))}", at: 0)
        var header = Array("{\(fields.joined(separator: ","))}".utf8)
        while (8 + header.count) % 8 != 0 { header.append(UInt8(ascii: " ")) }

        var file = LittleEndianBytes.encode([UInt64(header.count)])
        file.reserveCapacity(8 + header.count + data.count)
        file.append(contentsOf: header)
        file.append(contentsOf: data)
        return file
    }

    // MARK: - Reading

    /// Reads and checks a whole file's bytes; nothing in them is trusted before it is checked.
    public init(parsing bytes: [UInt8]) throws(SafeTensorsError) {
        guard bytes.count >= 8 else { throw .tooShort(byteCount: bytes.count) }
        let declared = LittleEndianBytes.uint64(bytes[0..<8])
        let available = bytes.count - 8
        guard declared <= UInt64(min(available, Self.maximumHeaderLength)) else {
            throw .headerLength(declared: declared, available: available)
        }
        let headerEnd = 8 + Int(declared)
        let header = try Self.decodeHeader(Array(bytes[8..<headerEnd]))
        let data = Array(bytes[headerEnd...])

        var metadata = header.metadata
        if let recorded = metadata.removeValue(forKey: Self.checksumKey) {
            let actual = Self.crc32(of: data)
            guard let expected = UInt32(recorded, radix: 16) else {
                throw .headerNotJSON("the recorded checksum '\(recorded)' is not 8 hex digits")
            }
            guard expected == actual else { throw .checksum(expected: expected, actual: actual) }
        }
        self.init(metadata: metadata)

        var covered = 0
        for tensor in header.tensors.sorted(by: { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }) {
            guard tensor.begin >= 0, tensor.begin <= tensor.end, tensor.end <= data.count else {
                throw .badOffsets(tensor: tensor.name, begin: tensor.begin, end: tensor.end, dataLength: data.count)
            }
            guard tensor.begin == covered else {
                throw .overlapOrGap(tensor: tensor.name, begin: tensor.begin, expectedBegin: covered)
            }
            try add(
                tensor.name, dtype: tensor.dtype, shape: tensor.shape, bytes: Array(data[tensor.begin..<tensor.end]))
            covered = tensor.end
        }
        guard covered == data.count else { throw .trailingBytes(covered: covered, dataLength: data.count) }
    }

    private struct TensorHeader {
        let name: String
        let dtype: SafeTensorsDType
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    private static func decodeHeader(
        _ header: [UInt8]
    ) throws(SafeTensorsError) -> (tensors: [TensorHeader], metadata: [String: String]) {
        guard header.first == UInt8(ascii: "{") else { throw .headerNotJSON("it does not start with '{'") }
        let fields: [String: HeaderField]
        do {
            fields = try JSONDecoder().decode([String: HeaderField].self, from: Data(header))
        } catch {
            throw .headerNotJSON(Self.reason(error))
        }
        var tensors: [TensorHeader] = []
        var metadata: [String: String] = [:]
        for (name, field) in fields {
            switch field {
            case .metadata(let values):
                guard name == "__metadata__" else { throw .headerNotJSON("'\(name)' is not a tensor description") }
                metadata = values
            case .tensor(let dtypeName, let shape, let offsets):
                guard name != "__metadata__" else { throw .headerNotJSON("__metadata__ must map strings to strings") }
                guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
                    throw .unknownDType(tensor: name, dtype: dtypeName)
                }
                guard offsets.count == 2 else {
                    throw .headerNotJSON("data_offsets of '\(name)' has \(offsets.count) numbers, not 2")
                }
                tensors.append(TensorHeader(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1]))
            }
        }
        return (tensors, metadata)
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
            DecodingError.keyNotFound(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    static func hexDigits(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}

/// One value of the header object: a tensor's description or the metadata strings.
private enum HeaderField: Decodable {
    case tensor(dtype: String, shape: [Int], offsets: [Int])
    case metadata([String: String])

    private enum Keys: String, CodingKey {
        case dtype, shape
        case dataOffsets = "data_offsets"
    }

    init(from decoder: any Decoder) throws {
        let keyed = try decoder.container(keyedBy: Keys.self)
        if keyed.contains(.dtype) {
            self = .tensor(
                dtype: try keyed.decode(String.self, forKey: .dtype),
                shape: try keyed.decode([Int].self, forKey: .shape),
                offsets: try keyed.decode([Int].self, forKey: .dataOffsets))
        } else {
            self = .metadata(try decoder.singleValueContainer().decode([String: String].self))
        }
    }
}

/// JSON string literals for names and metadata.
enum JSONText {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let digits = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
