import Foundation
import TensorBoardProtos

/// The numbers of a TensorProto: from `tensor_content` (raw little-endian bytes) when the writer
/// packed them there, else from the typed `*_val` fields.
enum TensorValues {
    typealias DecodingError = TensorBoardEventDecoder.DecodingError

    /// The single number of a scalar tensor (rank 0, or one element).
    static func scalar(of tensor: Tensorboard_TensorProto) throws(DecodingError) -> Double {
        let elements = tensor.tensorShape.dim.reduce(Int64(1)) { $0 &* $1.size }
        guard elements == 1 else {
            throw DecodingError(reason: "a scalar summary holding \(elements) values instead of one")
        }
        let values = try numbers(of: tensor, atMost: 1)
        guard let value = values.first else { throw DecodingError(reason: "a scalar summary holding no value") }
        return value
    }

    /// The buckets of TF2's histogram tensor: `[k, 3]`, rows of (left edge, right edge, count).
    static func histogramBuckets(of tensor: Tensorboard_TensorProto) throws(DecodingError) -> [HistogramStatistics
        .Bucket]
    {
        let dims = tensor.tensorShape.dim.map(\.size)
        guard dims.count == 2, dims[1] == 3, dims[0] >= 0, dims[0] <= maximumCount / 3 else {
            throw DecodingError(reason: "a histogram tensor of shape \(dims), not [buckets, 3]")
        }
        let values = try numbers(of: tensor, atMost: Int(dims[0]) * 3)
        guard values.count == Int(dims[0]) * 3 else {
            throw DecodingError(reason: "a histogram tensor of shape \(dims) holding \(values.count) values")
        }
        return stride(from: 0, to: values.count, by: 3).map {
            HistogramStatistics.Bucket(lower: values[$0], upper: values[$0 + 1], count: values[$0 + 2])
        }
    }

    /// The first PNG of TF2's image tensor: strings `[width, height, png, png...]`.
    static func firstImage(of tensor: Tensorboard_TensorProto) throws(DecodingError) -> [UInt8] {
        guard tensor.stringVal.count >= 3 else {
            throw DecodingError(reason: "an image tensor holding no image (\(tensor.stringVal.count) strings)")
        }
        return [UInt8](tensor.stringVal[2])
    }

    /// No summary neurotop reads has more values than this (a histogram has ~30-1,000 buckets).
    static let maximumCount = 1 << 20

    /// Up to `limit` numbers of a float, double or integer tensor, as doubles.
    static func numbers(of tensor: Tensorboard_TensorProto, atMost limit: Int) throws(DecodingError) -> [Double] {
        let content = [UInt8](tensor.tensorContent.prefix(limit * 8))
        switch tensor.dtype {
        case .dtFloat:
            if content.isEmpty { return tensor.floatVal.prefix(limit).map(Double.init) }
            return littleEndian(content, width: 4, limit: limit).map { Double(Float(bitPattern: UInt32($0))) }
        case .dtDouble:
            if content.isEmpty { return Array(tensor.doubleVal.prefix(limit)) }
            return littleEndian(content, width: 8, limit: limit).map { Double(bitPattern: $0) }
        case .dtInt32:
            if content.isEmpty { return tensor.intVal.prefix(limit).map(Double.init) }
            return littleEndian(content, width: 4, limit: limit).map { Double(Int32(bitPattern: UInt32($0))) }
        case .dtInt64:
            if content.isEmpty { return tensor.int64Val.prefix(limit).map(Double.init) }
            return littleEndian(content, width: 8, limit: limit).map { Double(Int64(bitPattern: $0)) }
        default:
            throw DecodingError(reason: "a numeric summary of data type \(tensor.dtype.rawValue), not float or double")
        }
    }

    /// Whole `width`-byte little-endian integers of `bytes`, at most `limit`.
    private static func littleEndian(_ bytes: [UInt8], width: Int, limit: Int) -> [UInt64] {
        let count = min(bytes.count / width, limit)
        return (0..<count).map { index in
            bytes[index * width..<(index + 1) * width].reversed().reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        }
    }
}
