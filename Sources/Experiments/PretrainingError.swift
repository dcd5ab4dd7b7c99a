import NeuroEngine

/// What can be wrong with a pre-training schedule or the classifier it initialises.
public enum PretrainingError: Error, CustomStringConvertible {
    case noStages
    case inputNotFlat([Int])
    case invalidUnits(Int)
    case invalidEpochs(Int)
    case invalidBatchSize(Int)
    case invalidModel(ModelError)
    case fineTuningTooShallow(denseLayers: Int, stages: Int)
    case fineTuningShapeMismatch(layer: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .noStages:
            "the pre-training schedule has no stages; list at least one autoencoder"
        case .inputNotFlat(let shape):
            "pre-training needs a flat input such as [784], not \(shape)"
        case .invalidUnits(let units):
            "an autoencoder needs a positive number of units, not \(units)"
        case .invalidEpochs(let epochs):
            "every stage needs at least 1 epoch, not \(epochs)"
        case .invalidBatchSize(let size):
            "the pre-training batch size must be positive, not \(size)"
        case .invalidModel(let error):
            "a pre-training model cannot be built: \(error)"
        case .fineTuningTooShallow(let dense, let stages):
            "the model has \(dense) Dense layers but \(stages) pre-trained matrices to take; start it with \(stages) Dense layers of the stages' sizes"
        case .fineTuningShapeMismatch(let layer, let expected, let found):
            "layer \(layer) has a \(found) kernel but the pre-trained matrix is \(expected); give it \(expected.last ?? 0) units"
        }
    }
}
