import ArgumentParser

/// Options shared by the commands that train.
struct RunOptions: ParsableArguments {
    @Option(help: "Train for this many epochs instead of the config's (the fine-tuning stage, for pre-training configs).")
    var epochs: Int?

    @Option(help: "Seed for initial weights and shuffling instead of the config's.")
    var seed: UInt64?

    @Option(name: .customLong("batch-size"), help: "Mini-batch size instead of the config's.")
    var batchSize: Int?

    @Option(name: .customLong("steps-per-epoch"), help: "End each epoch after this many batches (a quick look).")
    var stepsPerEpoch: Int?

    @Option(help: "Read the dataset's IDX files (.gz or raw) from this directory.")
    var data: String?

    /// Upper bounds that keep every count far from overflow and memory exhaustion.
    static let largestEpochs = 1_000_000
    static let largestBatch = 1 << 20

    func validate() throws {
        try Self.check(epochs: epochs, batchSize: batchSize, stepsPerEpoch: stepsPerEpoch)
    }

    /// The bounds on the sizes a training command may ask for.
    static func check(epochs: Int?, batchSize: Int?, stepsPerEpoch: Int?) throws {
        if let epochs, epochs > Self.largestEpochs {
            throw ValidationError("--epochs must be at most \(Self.largestEpochs) (got \(epochs))")
        }
        if let batchSize, batchSize > Self.largestBatch {
            throw ValidationError("--batch-size must be at most \(Self.largestBatch) (got \(batchSize))")
        }
        if let stepsPerEpoch, stepsPerEpoch > Self.largestBatch {
            throw ValidationError("--steps-per-epoch must be at most \(Self.largestBatch) (got \(stepsPerEpoch))")
        }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1 (got \(epochs))") }
        if let stepsPerEpoch, stepsPerEpoch < 1 {
            throw ValidationError("--steps-per-epoch must be at least 1 (got \(stepsPerEpoch))")
        }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1 (got \(batchSize))") }
    }
}
