/// The class the model predicted for every test example at one validation pass: what the
/// learned and forgotten counts of `epoch_end` are computed from, recorded so that anyone can
/// check them (and count flips their own way).
public struct TestPredictions: Sendable, Codable, Equatable {
    /// 0-based stage and epoch of the evaluation.
    public var stage: Int
    public var epoch: Int
    /// One class per test example, in test-set order.
    public var predictions: [Int]

    public init(stage: Int, epoch: Int, predictions: [Int]) {
        self.stage = stage
        self.epoch = epoch
        self.predictions = predictions
    }
}
