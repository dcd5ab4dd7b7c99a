/// What the dashboard keeps of a run another program writes (a TensorBoard log), beyond what
/// its own runs have: the scalars no panel takes, where its epochs and images stand.
public struct WatchedRun: Sendable {
    /// What the layer table's figures are: gradients when the log has histograms of them, else
    /// the weights themselves.
    public enum LayerFigure: Sendable, Equatable { case weights, gradients }

    /// Scalars that feed no panel (a learning rate, a custom metric), by tag.
    public private(set) var scalars: [String: MetricSeries] = [:]
    /// Their tags in the order they first came.
    public private(set) var scalarTags: [String] = []
    /// The scalar drawn in place of the accuracy chart (`v` cycles through them); nil: accuracy.
    public var chartedScalar: String?
    public internal(set) var layerFigure: LayerFigure = .weights
    /// The tag and step of the images the digits panel shows.
    public internal(set) var imageTag: String?
    public internal(set) var imageStep: Int64 = -1
    /// When the writer last wrote (seconds since the Unix epoch), and how many values came.
    public internal(set) var lastWallTime: Double = 0
    public internal(set) var valueCount = 0
    /// Values skipped for a step no training has (said once in the journal).
    var skippedSteps = 0
    /// Whether the log has per-batch training figures (then epoch figures are not charted as
    /// points of their own).
    var hasBatchFigures = false
    /// The lowest and highest steps of the per-batch training figures.
    var firstBatchStep: Int?
    var lastBatchStep = 0
    /// Element counts of each tensor seen in a histogram, by layer and tensor name.
    var tensorSizes: [String: [String: Int]] = [:]
    /// Layers for which a kernel-like tensor was seen (it then stands for the layer).
    var layersWithKernel: Set<String> = []
    /// The journal line of each epoch, filled in as its figures come (Keras writes the
    /// training and validation figures in two files).
    var journalLines: [Int: Int] = [:]

    init() {}

    mutating func record(scalar tag: String, step: Int, value: Float) {
        if scalars[tag] == nil { scalarTags.append(tag) }
        scalars[tag, default: MetricSeries()].append(step: step, value: value)
    }

    mutating func heard(at wallTime: Double) {
        lastWallTime = max(lastWallTime, wallTime)
        valueCount += 1
    }
}
