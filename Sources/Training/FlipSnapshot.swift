/// A few of the test digits that changed verdict at the last evaluation, with their images, so
/// that a view can show what was learned and what was forgotten. Posted on the live channel
/// only (like sample predictions, it is not recorded).
public struct FlipSnapshot: Sendable, Codable, Equatable {
    /// One test digit that flipped.
    public struct Digit: Sendable, Codable, Equatable {
        /// Its index in the test set.
        public var index: Int
        public var label: Int
        /// The class predicted at this evaluation.
        public var prediction: Int
        /// The image, `rows` x `columns` values in [0, 1].
        public var image: [Float]

        public init(index: Int, label: Int, prediction: Int, image: [Float]) {
            self.index = index
            self.label = label
            self.prediction = prediction
            self.image = image
        }
    }

    /// 0-based epoch of the evaluation, within its stage.
    public var epoch: Int
    public var rows: Int
    public var columns: Int
    /// Digits now right that were wrong at the previous evaluation (the first ones, by index).
    public var learned: [Digit]
    /// Digits now wrong that were right at the previous evaluation (the first ones, by index).
    public var forgotten: [Digit]
    /// How many flipped each way in all (the lists above hold only a few).
    public var learnedCount: Int
    public var forgottenCount: Int

    public init(
        epoch: Int, rows: Int, columns: Int, learned: [Digit], forgotten: [Digit], learnedCount: Int,
        forgottenCount: Int
    ) {
        self.epoch = epoch
        self.rows = rows
        self.columns = columns
        self.learned = learned
        self.forgotten = forgotten
        self.learnedCount = learnedCount
        self.forgottenCount = forgottenCount
    }
}
