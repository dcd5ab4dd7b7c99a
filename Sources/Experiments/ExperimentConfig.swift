import NeuroEngine
import Training

/// One experiment as a config file describes it: the model, how to compile and fit it, and the
/// figure of the article (the Keras tutorial named in README.md, "The article") to compare against.
///
/// A plain value, checked when loaded (every layer's arguments, and that the layers fit
/// together), so `makeModel` and `makePlan` fail only on problems the file cannot know about,
/// such as a dataset of another image size.
public struct ExperimentConfig: Sendable {
    /// The display name (`Tanh 100-100-10`).
    public var name: String
    /// The file stem (`mlp-tanh-2`).
    public var identifier: String
    /// The file as the user named it, the prefix of error messages.
    public var file: String
    /// The dataset name (`mnist`, `fashion-mnist`); `mnist` when the file does not say.
    public var dataset: String
    /// The per-sample input shape (`[784]`, or `[1, 28, 28]` channels first).
    public var inputShape: [Int]
    public var layers: [LayerSpec]
    public var loss: Loss
    public var optimizer: OptimizerSpec
    public var batchSize: Int
    public var epochs: Int
    /// Fixes the initial weights and the shuffling order.
    public var seed: UInt64
    /// The article's figure for this experiment, when the file gives one.
    public var reference: ReferenceResult?
    /// Greedy autoencoder pre-training before the fit, when the file has a `pretrain:` section.
    public var pretraining: PretrainingSchedule?
    /// The YAML text the config was read from (a recorded run keeps it, overrides applied).
    public var source = ""

    /// MLP, CNN or autoencoder, from the identifier's prefix.
    public var group: ConfigGroup { ConfigGroup(identifier: identifier) }
}
