import NeuroEngine

/// What a trainer reports, posted into an `EventChannel` for any number of views to consume.
public enum TrainingEvent: Sendable, Equatable {
    /// The run is about to train: what it is and how long it will take.
    case started(RunInfo)
    /// A new stage began (pre-training stages, then the final fit).
    case stageStarted(StageInfo)
    /// One optimisation step finished.
    case batchEnded(BatchProgress)
    /// An epoch finished, with validation figures when the stage validates.
    case epochEnded(EpochSummary)
    /// Gradient statistics of the last step, posted at a bounded rate.
    case gradients(GradientSnapshot)
    /// The model's current view of a few fixed test images, posted at a bounded rate.
    case samples(SampleSnapshot)
    /// Every test example's predicted class at a validation pass of a classifying stage.
    case testPredictions(TestPredictions)
    /// A few of the test digits learned or forgotten at the last validation pass, with images.
    case flips(FlipSnapshot)
    /// The layer table changed (a layer was frozen or unfrozen).
    case layersChanged([LayerSummary])
    /// Running, paused, and so on.
    case stateChanged(RunState)
    /// The learning rate changed.
    case learningRateChanged(Float)
    /// A line for the log.
    case log(String)
    /// The run ended normally with its test figures.
    case finished(FinalResult)
    /// The run stopped on an error.
    case failed(String)
    /// The user did something to the run (paused it, froze a layer...), at the step it took effect.
    case intervention(Intervention)
    /// Everything needed to continue the run from here; posted only to a trainer's taps
    /// (recorders), at the start, at every epoch end and on request.
    case checkpoint(RunSnapshot)

    /// Whether a slow consumer may skip this event when others queue up behind it.
    ///
    /// Every case is listed: a new event posted at a high rate must be added here, or it wakes
    /// the dashboard on every post.
    public var isCoalescable: Bool {
        switch self {
        case .batchEnded, .gradients, .samples: true
        case .started, .stageStarted, .epochEnded, .testPredictions, .flips, .layersChanged, .stateChanged,
            .learningRateChanged, .log, .finished, .failed, .intervention, .checkpoint:
            false
        }
    }
}

/// A trainer's state as a view shows it.
public enum RunState: String, Sendable, Codable {
    case ready, running, paused, finished, stopped, failed
}

public struct RunInfo: Sendable, Codable, Equatable {
    public var name: String
    public var identifier: String
    public var datasetName: String
    public var trainCount: Int
    public var testCount: Int
    public var stageCount: Int
    public var referenceAccuracy: Double?

    public init(
        name: String, identifier: String, datasetName: String, trainCount: Int, testCount: Int,
        stageCount: Int, referenceAccuracy: Double?
    ) {
        self.name = name
        self.identifier = identifier
        self.datasetName = datasetName
        self.trainCount = trainCount
        self.testCount = testCount
        self.stageCount = stageCount
        self.referenceAccuracy = referenceAccuracy
    }
}

public struct StageInfo: Sendable, Codable, Equatable {
    /// 0-based index of the stage in the plan.
    public var index: Int
    public var count: Int
    public var title: String
    public var epochs: Int
    public var stepsPerEpoch: Int
    public var batchSize: Int
    public var learningRate: Float
    public var optimizer: String
    public var loss: String
    /// Whether accuracy means anything (labels as targets).
    public var reportsAccuracy: Bool
    public var layers: [LayerSummary]
    public var parameterCounts: ParameterCounts

    public init(
        index: Int, count: Int, title: String, epochs: Int, stepsPerEpoch: Int, batchSize: Int,
        learningRate: Float, optimizer: String, loss: String, reportsAccuracy: Bool,
        layers: [LayerSummary], parameterCounts: ParameterCounts
    ) {
        self.index = index
        self.count = count
        self.title = title
        self.epochs = epochs
        self.stepsPerEpoch = stepsPerEpoch
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.loss = loss
        self.reportsAccuracy = reportsAccuracy
        self.layers = layers
        self.parameterCounts = parameterCounts
    }
}

public struct BatchProgress: Sendable, Codable, Equatable {
    /// 0-based epoch within the stage.
    public var epoch: Int
    /// Steps done in this epoch (1 after the first batch).
    public var step: Int
    public var stepsPerEpoch: Int
    /// Steps done in the whole stage.
    public var globalStep: Int
    /// This batch's loss and accuracy.
    public var loss: Float
    public var accuracy: Float
    /// Keras's running averages over the epoch so far.
    public var epochLoss: Float
    public var epochAccuracy: Float
    /// Training throughput over the epoch so far.
    public var samplesPerSecond: Double
    /// Seconds spent training in this epoch so far.
    public var epochElapsed: Double

    public init(
        epoch: Int, step: Int, stepsPerEpoch: Int, globalStep: Int, loss: Float, accuracy: Float,
        epochLoss: Float, epochAccuracy: Float, samplesPerSecond: Double, epochElapsed: Double
    ) {
        self.epoch = epoch
        self.step = step
        self.stepsPerEpoch = stepsPerEpoch
        self.globalStep = globalStep
        self.loss = loss
        self.accuracy = accuracy
        self.epochLoss = epochLoss
        self.epochAccuracy = epochAccuracy
        self.samplesPerSecond = samplesPerSecond
        self.epochElapsed = epochElapsed
    }
}

public struct EpochSummary: Sendable, Codable, Equatable {
    public var epoch: Int
    public var epochs: Int
    public var stepsPerEpoch: Int
    public var loss: Float
    public var accuracy: Float
    public var validationLoss: Float?
    public var validationAccuracy: Float?
    /// Seconds spent training this epoch (validation excluded).
    public var seconds: Double
    public var samplesPerSecond: Double
    /// Test examples right at this validation that were wrong at the previous one (or, at the
    /// first, right at all); nil when no validation ran or the stage does not classify.
    public var learned: Int?
    /// Test examples wrong at this validation that were right at the previous one: forgetting
    /// events (Toneva et al., ICLR 2019).
    public var forgotten: Int?
    /// Test examples wrong at every validation of the stage so far.
    public var neverLearned: Int?

    public init(
        epoch: Int, epochs: Int, stepsPerEpoch: Int, loss: Float, accuracy: Float,
        validationLoss: Float?, validationAccuracy: Float?, seconds: Double, samplesPerSecond: Double,
        learned: Int? = nil, forgotten: Int? = nil, neverLearned: Int? = nil
    ) {
        self.epoch = epoch
        self.epochs = epochs
        self.stepsPerEpoch = stepsPerEpoch
        self.loss = loss
        self.accuracy = accuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.seconds = seconds
        self.samplesPerSecond = samplesPerSecond
        self.learned = learned
        self.forgotten = forgotten
        self.neverLearned = neverLearned
    }
}

public struct GradientSnapshot: Sendable, Codable, Equatable {
    public var globalStep: Int
    public var parameters: [ParameterStatistics]
    /// What the figures measure when a writer says (`"source": "update"`: the weight change, not the
    /// gradient); nil for neurotop's own runs, whose figures are of the gradient. Kept so a line
    /// read back (`neurotop watch`) says what its writer said.
    public var source: GradientSource?

    public init(globalStep: Int, parameters: [ParameterStatistics], source: GradientSource? = nil) {
        self.globalStep = globalStep
        self.parameters = parameters
        self.source = source
    }
}

/// A few fixed test images with what the model makes of them.
public struct SampleSnapshot: Sendable, Codable, Equatable {
    public var rows: Int
    public var columns: Int
    /// The images as the model sees them (corrupted, for a denoising stage).
    public var inputs: [[Float]]
    /// The true labels.
    public var labels: [Int]
    /// Predicted class per image (classification stages).
    public var predictions: [Int]?
    /// Probability of the predicted class.
    public var confidences: [Float]?
    /// Reconstructed images (autoencoder stages), unscaled.
    public var reconstructions: [[Float]]?
    /// The clean images, when the inputs are corrupted.
    public var cleanInputs: [[Float]]?

    public init(
        rows: Int, columns: Int, inputs: [[Float]], labels: [Int], predictions: [Int]? = nil,
        confidences: [Float]? = nil, reconstructions: [[Float]]? = nil, cleanInputs: [[Float]]? = nil
    ) {
        self.rows = rows
        self.columns = columns
        self.inputs = inputs
        self.labels = labels
        self.predictions = predictions
        self.confidences = confidences
        self.reconstructions = reconstructions
        self.cleanInputs = cleanInputs
    }
}

public struct FinalResult: Sendable, Codable, Equatable {
    public var testLoss: Float
    /// nil for a plan whose last stage does not classify.
    public var testAccuracy: Float?
    public var epochs: Int
    public var trainSamplesPerSecond: Double
    public var seconds: Double
    /// Where the run is recorded (the `run_dir` of a `result` line read back from a file); nil for
    /// a result the trainer posts, which knows nothing of recording (the recorder adds the field).
    public var runDirectory: String?

    /// A result as the trainer posts it (a line read back sets `runDirectory` too).
    public init(testLoss: Float, testAccuracy: Float?, epochs: Int, trainSamplesPerSecond: Double, seconds: Double) {
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.epochs = epochs
        self.trainSamplesPerSecond = trainSamplesPerSecond
        self.seconds = seconds
    }

    /// `run_dir` in the lines (the snake_case strategies map it to `runDir`).
    private enum CodingKeys: String, CodingKey {
        case testLoss, testAccuracy, epochs, trainSamplesPerSecond, seconds
        case runDirectory = "runDir"
    }
}
