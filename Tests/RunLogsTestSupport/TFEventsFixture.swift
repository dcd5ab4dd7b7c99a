import Foundation
import RunLogs

/// Tiny TensorBoard event files written by hand: the records PyTorch's SummaryWriter,
/// tensorboardX and Keras write, with TensorBoard's field numbers (event.proto, summary.proto,
/// tensor.proto, histogram.proto).
public enum TFEventsFixture {
    /// The first record of every event file.
    public static func fileVersion(wallTime: Double = 1_700_000_000) -> [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        event.string(3, "brain.Event:2")
        return event.bytes
    }

    /// An Event holding a Summary of `values` (each a Summary.Value's bytes).
    public static func event(step: Int64, wallTime: Double = 1_700_000_001, values: [[UInt8]]) -> [UInt8] {
        var event = ProtobufWriter()
        event.double(1, wallTime)
        event.varint(2, UInt64(bitPattern: step))
        event.message(5) { summary in
            for value in values { summary.bytes(1, value) }
        }
        return event.bytes
    }

    /// A scalar as PyTorch and tensorboardX write it: `simple_value`.
    public static func simpleValue(_ tag: String, _ value: Float) -> [UInt8] {
        var summaryValue = ProtobufWriter()
        summaryValue.string(1, tag)
        summaryValue.float(2, value)
        return summaryValue.bytes
    }

    /// A scalar as TF2 and Keras write it: a rank-0 tensor under the `scalars` plugin, its value
    /// in `float_val` / `double_val` or, with `packed`, in `tensor_content`.
    public static func tensorScalar(_ tag: String, _ value: Double, double: Bool = false, packed: Bool = false)
        -> [UInt8]
    {
        var summaryValue = ProtobufWriter()
        summaryValue.string(1, tag)
        summaryValue.message(9) { metadata in
            metadata.message(1) { plugin in plugin.string(1, "scalars") }
        }
        summaryValue.message(8) { tensor in
            tensor.varint(1, double ? 2 : 1)
            tensor.message(2) { _ in }
            switch (double, packed) {
            case (false, false): tensor.packedFloats(5, [Float(value)])
            case (true, false): tensor.packedDoubles(6, [value])
            case (false, true): tensor.bytes(4, tensor.littleEndian(Float(value).bitPattern))
            case (true, true): tensor.bytes(4, tensor.littleEndian(value.bitPattern))
            }
        }
        return summaryValue.bytes
    }

    /// A histogram as PyTorch and tensorboardX write it (HistogramProto): bucket i holds
    /// (limits[i-1], limits[i]].
    public static func histogram(_ tag: String, of values: [Double], limits: [Double]) -> [UInt8] {
        var counts = [Double](repeating: 0, count: limits.count)
        for value in values {
            counts[limits.firstIndex { value <= $0 } ?? limits.count - 1] += 1
        }
        var summaryValue = ProtobufWriter()
        summaryValue.string(1, tag)
        summaryValue.message(5) { histogram in
            histogram.double(1, values.min() ?? 0)
            histogram.double(2, values.max() ?? 0)
            histogram.double(3, Double(values.count))
            histogram.double(4, values.reduce(0, +))
            histogram.double(5, values.reduce(0) { $0 + $1 * $1 })
            histogram.packedDoubles(6, limits)
            histogram.packedDoubles(7, counts)
        }
        return summaryValue.bytes
    }

    /// A histogram as TF2 and Keras write it: a `[k, 3]` double tensor of (left, right, count).
    public static func tensorHistogram(_ tag: String, rows: [(Double, Double, Double)]) -> [UInt8] {
        var summaryValue = ProtobufWriter()
        summaryValue.string(1, tag)
        summaryValue.message(9) { metadata in
            metadata.message(1) { plugin in plugin.string(1, "histograms") }
        }
        summaryValue.message(8) { tensor in
            tensor.varint(1, 2)
            tensor.message(2) { shape in
                shape.message(2) { dim in dim.varint(1, UInt64(rows.count)) }
                shape.message(2) { dim in dim.varint(1, 3) }
            }
            tensor.packedDoubles(6, rows.flatMap { [$0.0, $0.1, $0.2] })
        }
        return summaryValue.bytes
    }

    /// Records framed as TFRecord, one after the other.
    public static func file(_ records: [[UInt8]]) -> [UInt8] {
        records.flatMap(TFRecordFraming.framed)
    }
}
