/// Why bytes are not a safetensors file this program can trust.
///
/// Each message says what is wrong in terms of the file; the caller adds which file and what to
/// do (resume from an earlier run, start again).
public enum SafeTensorsError: Error, Equatable, CustomStringConvertible {
    case tooShort(byteCount: Int)
    case headerLength(declared: UInt64, available: Int)
    case headerNotJSON(String)
    case unknownDType(tensor: String, dtype: String)
    case badShape(tensor: String)
    case badOffsets(tensor: String, begin: Int, end: Int, dataLength: Int)
    case sizeMismatch(tensor: String, expected: Int, actual: Int)
    case overlapOrGap(tensor: String, begin: Int, expectedBegin: Int)
    case trailingBytes(covered: Int, dataLength: Int)
    case checksum(expected: UInt32, actual: UInt32)
    case duplicateName(String)
    case invalidName(String)
    case missingTensor(String)
    case wrongTensor(name: String, expected: String, actual: String)

    public var description: String {
        switch self {
        case .tooShort(let count):
            "it is \(count) bytes long, shorter than the 8-byte header length that starts every safetensors file"
        case .headerLength(let declared, let available):
            "its header claims \(declared) bytes but only \(available) follow (the file is truncated or not safetensors)"
        case .headerNotJSON(let reason):
            "its header is not the JSON object safetensors requires (\(reason))"
        case .unknownDType(let tensor, let dtype):
            "tensor '\(tensor)' has dtype '\(dtype)', which is not a safetensors dtype"
        case .badShape(let tensor):
            "tensor '\(tensor)' has a shape with a negative or too large dimension"
        case .badOffsets(let tensor, let begin, let end, let length):
            "tensor '\(tensor)' claims bytes \(begin)..<\(end) of a \(length)-byte data section"
        case .sizeMismatch(let tensor, let expected, let actual):
            "tensor '\(tensor)' needs \(expected) bytes for its dtype and shape but its offsets span \(actual)"
        case .overlapOrGap(let tensor, let begin, let expectedBegin):
            "tensor '\(tensor)' starts at byte \(begin) where \(expectedBegin) was expected (tensors overlap or leave a gap)"
        case .trailingBytes(let covered, let length):
            "its tensors cover \(covered) of the \(length) data bytes"
        case .checksum(let expected, let actual):
            "its data fail the checksum (CRC32 0x\(SafeTensorsArchive.hexDigits(actual)), recorded "
                + "0x\(SafeTensorsArchive.hexDigits(expected))): a byte was changed after writing"
        case .duplicateName(let name):
            "the name '\(name)' is given to two tensors"
        case .invalidName(let name):
            "the name '\(name)' is reserved or empty"
        case .missingTensor(let name):
            "it has no tensor named '\(name)'"
        case .wrongTensor(let name, let expected, let actual):
            "tensor '\(name)' is \(actual) where \(expected) was expected"
        }
    }
}
