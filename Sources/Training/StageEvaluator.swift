import Datasets
import Dispatch
import Foundation
import NeuroEngine

/// Runs a stage's model over a data set in inference mode (validation), on both cores when the
/// machine has two.
///
/// The set is cut into the same pieces either way, half an evaluation batch each, so that two
/// threads together hold no more activations than one batch did. On two threads the first half
/// of the pieces goes through the stage's model and the second half through a replica of it with
/// the weights copied in, each with its own input tensors; every piece's loss keeps its place and
/// the places are summed in order afterwards. So the predictions and the loss are bit for bit
/// those of one thread, whichever thread finishes first, and runs (and resumed runs) reproduce.
final class StageEvaluator {
    /// What one pass over a set gives.
    struct Result: Equatable {
        var loss: Float
        /// The share of examples whose most probable class is the label; nil unless classifying.
        var accuracy: Float?
        /// The most probable class of every example, in order; nil unless classifying.
        var predictions: [Int]?
    }

    /// Whether validation takes two threads: only with at least two cores.
    static let parallel = CorePair.shared != nil

    private let model: Sequential
    /// The first half's lane, on the stage's model itself.
    private let firstLane: EvaluationLane
    /// The second half's lane, on a replica of the model built at the first parallel pass (it
    /// holds half a batch of activations of its own).
    private var secondLane: EvaluationLane?

    init(model: Sequential) {
        self.model = model
        firstLane = EvaluationLane(model: model)
    }

    /// One pass over `set` in pieces of half of `batchSize`, on two threads when `parallel`.
    func evaluate(
        _ set: ImageSet, loss: Loss, target: StageTarget, classes: Int, batchSize: Int, parallel: Bool = parallel
    ) -> Result {
        let pieceSize = max(1, (batchSize + 1) / 2)
        let pieces = (set.count + pieceSize - 1) / pieceSize
        let second = parallel && pieces >= 2 ? preparedSecondLane() : nil
        let lanes = [firstLane] + (second.map { [$0] } ?? [])
        let split = (pieces + 1) / 2
        let ranges = lanes.count == 2 ? [0..<split, split..<pieces] : [0..<pieces]
        // The second lane runs on another thread: a kernel a test put in place goes with it.
        let kernel = GEMM.kernelInPlace
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            GEMM.using(kernel) {
                lanes[index].run(
                    set, loss: loss, target: target, classes: classes, pieceSize: pieceSize, pieces: ranges[index])
            }
        }
        // In piece order, the order one thread adds them in.
        var lossSum: Double = 0
        for lane in lanes {
            for pieceLoss in lane.losses { lossSum += pieceLoss }
        }
        let count = max(set.count, 1)
        let meanLoss = Float(lossSum / Double(count))
        guard target == .labels else { return Result(loss: meanLoss) }
        let predictions = lanes.flatMap(\.predictions)
        let correct = zip(predictions, set.labels).reduce(0) { $0 + ($1.0 == Int($1.1) ? 1 : 0) }
        return Result(loss: meanLoss, accuracy: Float(correct) / Float(count), predictions: predictions)
    }

    /// The second lane with the model's current weights; nil when the replica cannot be built
    /// (then validation runs on one thread).
    private func preparedSecondLane() -> EvaluationLane? {
        if secondLane == nil, let replica = try? model.replica() { secondLane = EvaluationLane(model: replica) }
        secondLane?.model.copyWeights(from: model)
        return secondLane
    }
}

/// One thread's model, input tensors and results. Used by one thread at a time.
final class EvaluationLane: @unchecked Sendable {
    let model: Sequential
    private let input = Tensor(shape: [0])
    /// What the model should give for `input`: one-hot labels, or the input itself.
    private let expected = Tensor(shape: [0])
    /// Each piece's loss times its size, for the pieces of the last `run`.
    private(set) var losses: [Double] = []
    /// The predicted classes of the last `run`'s examples, when classifying.
    private(set) var predictions: [Int] = []

    init(model: Sequential) { self.model = model }

    /// Runs the examples of `pieces` (of `pieceSize` examples each) through the model.
    func run(
        _ set: ImageSet, loss: Loss, target: StageTarget, classes: Int, pieceSize: Int, pieces: Range<Int>
    ) {
        losses.removeAll(keepingCapacity: true)
        predictions.removeAll(keepingCapacity: true)
        for piece in pieces {
            let first = piece * pieceSize
            let count = min(pieceSize, set.count - first)
            fill(from: set, first: first, count: count, target: target, classes: classes)
            let output = model.forward(input, mode: .inference)
            losses.append(Double(loss.value(prediction: output, target: expected)) * Double(count))
            guard target == .labels else { continue }
            let columns = output.columns
            for row in 0..<count { predictions.append(argmax(output.pointer + row * columns, count: columns)) }
        }
    }

    /// The examples `first..<first + count` as one input, with what the model should give.
    private func fill(from set: ImageSet, first: Int, count: Int, target: StageTarget, classes: Int) {
        let size = set.imageSize
        input.resize(to: [count] + model.inputShape)
        for row in 0..<count { set.copyImage(first + row, to: input.pointer + row * size) }
        if target == .inputs {
            expected.resize(to: [count] + model.outputShape)
            expected.pointer.update(from: input.pointer, count: input.count)
            return
        }
        expected.resize(to: [count, classes])
        expected.fill(0)
        for row in 0..<count { expected[row * classes + Int(set.labels[first + row])] = 1 }
    }
}
