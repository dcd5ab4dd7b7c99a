import Foundation
import RunLogs
import RunLogsTestSupport

/// TensorBoard logs as Keras and PyTorch write them, for the watch dashboard's tests.
enum WatchedLogs {
    /// Batch figures per epoch in `keras(epochs:)`.
    static let batchesPerEpoch = 3

    static func loss(step: Int) -> Float { 2.5 / Float(step + 1) }
    static func accuracy(step: Int) -> Float { 1 - 0.9 / Float(step + 1) }
    static func validationAccuracy(epoch: Int) -> Float { 0.5 + 0.1 * Float(epoch) }

    /// A Keras run: `train/` with per-batch and per-epoch figures, the learning rate and a
    /// kernel histogram per epoch; `validation/` with the epoch figures.
    static func keras(epochs: Int, wallTime: Double = 1_796_100_000) -> (train: [UInt8], validation: [UInt8]) {
        var train = [TFEventsFixture.fileVersion(wallTime: wallTime)]
        var validation = [TFEventsFixture.fileVersion(wallTime: wallTime)]
        for epoch in 0..<epochs {
            for batch in 1...batchesPerEpoch {
                let step = epoch * batchesPerEpoch + batch
                train.append(
                    TFEventsFixture.event(
                        step: Int64(step), wallTime: wallTime + Double(step),
                        values: [
                            TFEventsFixture.tensorScalar("batch_loss", Double(loss(step: step))),
                            TFEventsFixture.tensorScalar("batch_accuracy", Double(accuracy(step: step))),
                        ]))
            }
            let end = wallTime + Double((epoch + 1) * batchesPerEpoch)
            train.append(
                TFEventsFixture.event(
                    step: Int64(epoch), wallTime: end,
                    values: [
                        TFEventsFixture.tensorScalar("epoch_loss", Double(loss(step: epoch))),
                        TFEventsFixture.tensorScalar("epoch_accuracy", Double(accuracy(step: epoch))),
                        TFEventsFixture.tensorScalar("epoch_learning_rate", 0.001),
                        TFEventsFixture.histogram(
                            "sequential/dense/kernel/histogram", of: [-0.5, -0.25, 0.25, 0.5, Double(epoch)],
                            limits: [-0.3, 0, 0.3, 10]),
                    ]))
            validation.append(
                TFEventsFixture.event(
                    step: Int64(epoch), wallTime: end,
                    values: [
                        TFEventsFixture.tensorScalar("epoch_loss", Double(loss(step: epoch + 1))),
                        TFEventsFixture.tensorScalar("epoch_accuracy", Double(validationAccuracy(epoch: epoch))),
                    ]))
        }
        return (TFEventsFixture.file(train), TFEventsFixture.file(validation))
    }

    /// Records of a PyTorch loop at `steps` (`SummaryWriter.add_scalar`, `simple_value`).
    static func pytorch(steps: Range<Int>, wallTime: Double = 1_796_100_000) -> [UInt8] {
        TFEventsFixture.file(
            steps.map { step in
                TFEventsFixture.event(
                    step: Int64(step), wallTime: wallTime + Double(step),
                    values: [
                        TFEventsFixture.simpleValue("Loss/train", loss(step: step)),
                        TFEventsFixture.simpleValue("Accuracy/train", accuracy(step: step)),
                    ])
            })
    }

    /// A single-channel image summary of a `size` x `size` image with every pixel `level`.
    static func image(_ tag: String, level: UInt8, size: Int = 4) -> [UInt8] {
        var value = ProtobufWriter()
        value.string(1, tag)
        value.message(4) { image in
            image.varint(1, UInt64(size))
            image.varint(2, UInt64(size))
            image.varint(3, 1)
            image.bytes(
                4, PNGFixture.png(width: size, height: size, pixels: [UInt8](repeating: level, count: size * size)))
        }
        return value.bytes
    }
}
