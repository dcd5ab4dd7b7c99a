/// Why a training plan cannot run on its data.
public enum PlanError: Error, Equatable, CustomStringConvertible {
    /// The model reads a different number (or arrangement) of values than the images hold.
    case inputMismatch(inputShape: [Int], dataset: String, rows: Int, columns: Int)
    /// A classifier's output does not have one value per class.
    case classCountMismatch(outputShape: [Int], dataset: String, classes: Int)
    /// An autoencoder's output is not the size of the image it must reproduce.
    case reconstructionMismatch(stage: String, outputShape: [Int], pixels: Int)

    public var description: String {
        switch self {
        case .inputMismatch(let inputShape, let dataset, let rows, let columns):
            "model.input \(inputShape) holds \(inputShape.reduce(1, *)) values but dataset '\(dataset)' has "
                + "\(rows)x\(columns) images (\(rows * columns) pixels); "
                + "set model.input to [\(rows * columns)] or [1, \(rows), \(columns)]"
        case .classCountMismatch(let outputShape, let dataset, let classes):
            "the model outputs \(outputShape) but dataset '\(dataset)' has \(classes) classes; "
                + "end with Dense {units: \(classes), activation: softmax}"
        case .reconstructionMismatch(let stage, let outputShape, let pixels):
            "autoencoder '\(stage)' outputs \(outputShape) but must reproduce \(pixels) pixels"
        }
    }
}
