import ArgumentParser

/// What a training command may change about a config's recipe, apart from the seed.
struct RecipeOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: "Train for this many epochs instead of the config's (the fine-tuning stage, for pre-training configs).")
    var epochs: Int?

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Mini-batch size instead of the config's.")
    var batchSize: Int?

    @OptionGroup var dataOptions: DataOptions

    var stepsPerEpoch: Int? { dataOptions.stepsPerEpoch }
    var data: String? { dataOptions.data }

    /// Upper bounds that keep every count far from overflow and memory exhaustion.
    static let largestEpochs = 1_000_000
    static let largestBatch = 1 << 20

    /// Whether the run follows the config's own recipe on its own data (its figures are then
    /// comparable with the article's).
    var followsConfig: Bool { epochs == nil && batchSize == nil && stepsPerEpoch == nil && data == nil }

    func validate() throws {
        if let epochs, epochs > Self.largestEpochs {
            throw ValidationError("--epochs must be at most \(Self.largestEpochs) (got \(epochs))")
        }
        if let batchSize, batchSize > Self.largestBatch {
            throw ValidationError("--batch-size must be at most \(Self.largestBatch) (got \(batchSize))")
        }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1 (got \(epochs))") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1 (got \(batchSize))") }
    }
}

/// Which data a run reads, and how much of it makes an epoch (shared with `recon`, which takes
/// no other recipe change).
struct DataOptions: ParsableArguments {
    @Option(
        name: .customLong("steps-per-epoch"), parsing: .unconditional,
        help: "End each epoch after this many batches (a quick look).")
    var stepsPerEpoch: Int?

    @OptionGroup var dataset: DatasetOption

    var data: String? { dataset.data }

    func validate() throws {
        if let stepsPerEpoch, stepsPerEpoch > RecipeOptions.largestBatch {
            throw ValidationError(
                "--steps-per-epoch must be at most \(RecipeOptions.largestBatch) (got \(stepsPerEpoch))")
        }
        if let stepsPerEpoch, stepsPerEpoch < 1 {
            throw ValidationError("--steps-per-epoch must be at least 1 (got \(stepsPerEpoch))")
        }
    }
}

/// `--data DIR`, for every command that loads a dataset.
struct DatasetOption: ParsableArguments {
    @Option(help: "Read the dataset's IDX files (.gz or raw) from this directory.")
    var data: String?
}

/// Options shared by the commands that train one run: the recipe's overrides and the seed.
struct RunOptions: ParsableArguments {
    @OptionGroup var recipe: RecipeOptions

    @Option(
        parsing: .unconditional, help: "Seed for initial weights and shuffling instead of the config's.",
        transform: SeedOption.parse)
    var seed: UInt64?

    var epochs: Int? { recipe.epochs }
    var batchSize: Int? { recipe.batchSize }
    var stepsPerEpoch: Int? { recipe.stepsPerEpoch }
    var data: String? { recipe.data }
}

/// Reads a `--seed` value. Options that take numbers are parsed unconditionally, so that `-1`
/// is read as a value and refused with what is allowed (ArgumentParser would call it a missing
/// value, taking it for an option).
enum SeedOption {
    static func parse(_ text: String) throws -> UInt64 {
        guard let seed = UInt64(text) else { throw InvalidSeed() }
        return seed
    }

    /// Printed after ArgumentParser's "The value '-1' is invalid for '--seed <seed>': ".
    struct InvalidSeed: Error, CustomStringConvertible {
        var description: String { "must be a whole number from 0 to \(UInt64.max)" }
    }
}
