import ArgumentParser

/// Options shared by the commands that train.
struct RunOptions: ParsableArguments {
    @Option(help: "Train for this many epochs instead of the config's.")
    var epochs: Int?

    @Option(help: "Seed for initial weights and shuffling instead of the config's.")
    var seed: UInt64?

    @Option(name: .customLong("batch-size"), help: "Mini-batch size instead of the config's.")
    var batchSize: Int?

    @Option(name: .customLong("steps-per-epoch"), help: "End each epoch after this many batches (a quick look).")
    var stepsPerEpoch: Int?

    @Option(help: "Read the dataset's IDX files (.gz or raw) from this directory.")
    var data: String?

    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1 (got \(epochs))") }
        if let stepsPerEpoch, stepsPerEpoch < 1 {
            throw ValidationError("--steps-per-epoch must be at least 1 (got \(stepsPerEpoch))")
        }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1 (got \(batchSize))") }
    }
}
