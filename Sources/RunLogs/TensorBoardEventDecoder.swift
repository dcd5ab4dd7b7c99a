import Foundation
import SwiftProtobuf
import TensorBoardProtos

/// Turns the payload of one tfevents record (an `Event` protobuf) into neurotop's events.
///
/// Scalars come two ways: PyTorch's SummaryWriter and tensorboardX write `simple_value`; TF2 and
/// Keras write a rank-0 tensor (float or double) under the `scalars` plugin. Histograms likewise:
/// `histo` (HistogramProto) from PyTorch and tensorboardX, a `[k, 3]` tensor of (left edge,
/// right edge, count) under the `histograms` plugin from TF2 and Keras. Images: `image` from
/// PyTorch and tensorboardX, a string tensor `[width, height, png...]` under `images` from TF2
/// (the first image read), both PNG.
/// Anything else (graphs, text, audio, run metadata) is passed over in silence; a value of a known
/// kind that cannot be read gives a notice.
public struct TensorBoardEventDecoder: Sendable {
    /// Keras's `train/` or `validation/`, for tags that do not say.
    public var directorySplit: TagMeaning.Split?

    public init(directorySplit: TagMeaning.Split? = nil) {
        self.directorySplit = directorySplit
    }

    /// Why a record's payload gave nothing.
    public struct DecodingError: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The events of one record, and a line for each value of it that could not be read.
    public func decode(_ payload: [UInt8]) throws(DecodingError) -> (events: [WatchedEvent], problems: [String]) {
        let event: Tensorboard_Event
        do {
            event = try Tensorboard_Event(serializedBytes: payload)
        } catch {
            throw DecodingError(reason: "not an Event protobuf (\(error)): record skipped")
        }
        try Self.checkWireTypes(of: event.unknownFields.data, expected: Self.eventFields, in: "Event")
        guard case .summary(let summary) = event.what else { return ([], []) }
        try Self.checkWireTypes(of: summary.unknownFields.data, expected: [1: .lengthDelimited], in: "Summary")
        var events: [WatchedEvent] = []
        var problems: [String] = []
        for value in summary.value {
            do {
                try Self.checkWireTypes(of: value.unknownFields.data, expected: Self.valueFields, in: "Summary.Value")
            } catch {
                problems.append("tag \"\(value.tag)\": \(error.reason)")
                continue
            }
            do {
                if let decoded = try self.event(of: value, step: event.step, wallTime: event.wallTime) {
                    events.append(decoded)
                }
            } catch {
                problems.append("tag \"\(value.tag)\": \(error.reason)")
            }
        }
        return (events, problems)
    }

    private func event(
        of value: Tensorboard_Summary.Value, step: Int64, wallTime: Double
    ) throws(DecodingError) -> WatchedEvent? {
        let tag = value.tag
        switch value.value {
        case .simpleValue(let number):
            return .scalar(scalar(tag, step, wallTime, Double(number)))
        case .histo(let histogram):
            return .histogram(
                HistogramPoint(
                    tag: tag, step: step, wallTime: wallTime, statistics: try Self.statistics(of: histogram)))
        case .image(let image):
            return .image(
                try Self.image(
                    tag, step, wallTime, png: [UInt8](image.encodedImageString), channels: Int(image.colorspace)))
        case .tensor(let tensor):
            switch value.metadata.pluginData.pluginName {
            case "scalars":
                return .scalar(scalar(tag, step, wallTime, try TensorValues.scalar(of: tensor)))
            case "histograms":
                let buckets = try TensorValues.histogramBuckets(of: tensor)
                return .histogram(
                    HistogramPoint(
                        tag: tag, step: step, wallTime: wallTime, statistics: HistogramStatistics(buckets: buckets)))
            case "images":
                return .image(
                    try Self.image(tag, step, wallTime, png: try TensorValues.firstImage(of: tensor), channels: 0))
            default:
                return nil
            }
        case nil:
            return nil
        }
    }

    /// Event's fields: wall_time, step, file_version, summary.
    static let eventFields: [Int: MistypedFields.WireType] = [
        1: .fixed64, 2: .varint, 3: .lengthDelimited, 5: .lengthDelimited,
    ]
    /// Summary.Value's fields: tag, simple_value, image, histo, tensor, metadata.
    static let valueFields: [Int: MistypedFields.WireType] = [
        1: .lengthDelimited, 2: .fixed32, 4: .lengthDelimited, 5: .lengthDelimited, 8: .lengthDelimited,
        9: .lengthDelimited,
    ]

    /// Refuses a message holding one of its own fields with the wrong wire type.
    static func checkWireTypes(
        of unknownFields: Data, expected: [Int: MistypedFields.WireType], in message: String
    ) throws(DecodingError) {
        guard !unknownFields.isEmpty,
            let (field, wireType) = MistypedFields.first(in: unknownFields, expected: expected)
        else { return }
        throw DecodingError(
            reason: "\(message) field \(field) has wire type \(wireType), not \(expected[field]?.rawValue ?? 0): "
                + "the writer does not follow TensorBoard's event.proto; skipped")
    }

    private func scalar(_ tag: String, _ step: Int64, _ wallTime: Double, _ value: Double) -> ScalarPoint {
        ScalarPoint(
            tag: tag, step: step, wallTime: wallTime, value: value,
            meaning: TagMeaning(tag: tag, directorySplit: directorySplit))
    }

    /// An image summary's PNG decoded.
    static func image(
        _ tag: String, _ step: Int64, _ wallTime: Double, png: [UInt8], channels: Int
    ) throws(DecodingError) -> ImagePoint {
        do {
            let image = try PNGDecoder.grayLevels(of: png)
            return ImagePoint(
                tag: tag, step: step, wallTime: wallTime, width: image.width, height: image.height, channels: channels,
                pixels: image.pixels)
        } catch {
            throw DecodingError(reason: "an image summary holding \(error.reason)")
        }
    }

    /// A HistogramProto's statistics: bucket i holds (bucket_limit[i-1], bucket_limit[i]].
    static func statistics(of histogram: Tensorboard_HistogramProto) throws(DecodingError) -> HistogramStatistics {
        guard histogram.bucket.count == histogram.bucketLimit.count else {
            throw DecodingError(
                reason: "a histogram with \(histogram.bucket.count) bucket counts for "
                    + "\(histogram.bucketLimit.count) bucket limits")
        }
        var buckets: [HistogramStatistics.Bucket] = []
        var lower = -Double.greatestFiniteMagnitude
        for (limit, count) in zip(histogram.bucketLimit, histogram.bucket) {
            buckets.append(HistogramStatistics.Bucket(lower: lower, upper: limit, count: count))
            lower = limit
        }
        var statistics = HistogramStatistics(
            buckets: buckets, minimum: histogram.min, maximum: histogram.max, sum: histogram.sum,
            sumOfSquares: histogram.sumSquares)
        statistics.count = histogram.num
        return statistics
    }
}
