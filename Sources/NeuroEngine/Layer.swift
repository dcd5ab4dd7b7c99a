/// Whether a forward pass is part of training (dropout active, batch statistics) or inference.
public enum Mode: Sendable {
    case training
    case inference
}

/// One weight tensor of a layer with its gradient, by Keras's name (`kernel`, `bias`, ...).
public final class Parameter {
    public let name: String
    public let value: Tensor
    /// dL/d value from the last backward pass, summed over the batch (already averaged by the loss).
    public let gradient: Tensor
    /// False for state that no optimizer touches, such as BatchNorm's moving statistics.
    public let isLearnable: Bool
    /// False for tensors left out of the gradient study (biases, BatchNorm), as in the article.
    public let isKernel: Bool

    public init(name: String, shape: [Int], isLearnable: Bool = true, isKernel: Bool = false) {
        self.name = name
        self.value = Tensor(shape: shape)
        self.gradient = Tensor(shape: shape)
        self.isLearnable = isLearnable
        self.isKernel = isKernel
    }
}

/// A layer of a `Sequential` model.
///
/// Shapes exclude the batch: a Dense layer built on `[784]` maps `[batch, 784] -> [batch, units]`.
/// A layer owns its output and input-gradient tensors and reuses them from batch to batch.
public protocol Layer: AnyObject {
    /// The instance name shown in summaries (`dense`, `dense_1`, ...).
    var name: String { get set }
    /// The Keras class name (`Dense`, `Conv2D`, ...).
    var kind: String { get }
    /// Keras's `trainable`: when false, no weight of the layer changes and its optimizer state is
    /// left alone; layers with batch statistics then run in inference mode.
    var trainable: Bool { get set }
    /// Every weight tensor, learnable or not, in Keras's order. Empty until built.
    var parameters: [Parameter] { get }
    /// The per-sample output shape; valid once built.
    var outputShape: [Int] { get }
    /// Floats of scratch the layer keeps besides its outputs and input gradients, whatever the
    /// batch (a convolution's column matrices); 0 for most layers. For memory estimates.
    var scratchValues: Int { get }

    /// A new, unbuilt layer with this one's settings and name: `Sequential.replica()` builds a
    /// second copy of a model from these, to run inference on another thread.
    func replica() -> any Layer
    /// Allocates and initialises the weights for a per-sample input shape.
    func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError)
    /// Computes the output for a batch. The returned tensor belongs to the layer.
    func forward(_ input: Tensor, mode: Mode) -> Tensor
    /// Given dL/d output for the batch of the last forward pass, accumulates the parameter
    /// gradients and, when asked, returns dL/d input (a tensor that belongs to the layer).
    func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor?
}

/// A layer that draws random numbers in training (dropout masks) from a generator of its own,
/// which is then part of a run's state: saved with it, so a resumed run draws the same masks.
public protocol RandomDrawingLayer: Layer {
    var random: SeededRandom { get set }
}

/// A layer whose last step is an `Activation`, so that the model can fuse softmax with
/// cross-entropy and start the backward pass from the pre-activation gradient.
public protocol ActivatedLayer: Layer {
    var activation: Activation { get }
    /// Like `backward`, but `preActivationGradient` is already dL/d(pre-activation).
    func backward(preActivationGradient: Tensor, needsInputGradient: Bool) -> Tensor?
}

extension Layer {
    public var scratchValues: Int { 0 }

    /// The number of weights, learnable or not.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
    /// The number of weights an optimizer may change now.
    public var trainableParameterCount: Int {
        trainable ? parameters.filter(\.isLearnable).reduce(0) { $0 + $1.value.count } : 0
    }
}

/// What can go wrong when assembling a model.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// The most weights one tensor, or values one sample's activation, may hold (2^28 floats,
    /// 1 GiB): a guard against configs that would exhaust memory.
    public static let largestTensor = 1 << 28

    /// Throws when `factors` multiply to more than `largestTensor` (or overflow).
    public static func checkSize(_ factors: [Int], layer: String, what: String) throws(ModelError) {
        var product = 1
        for factor in factors {
            let (next, overflow) = product.multipliedReportingOverflow(by: max(factor, 0))
            guard !overflow, next <= largestTensor else {
                throw .invalidArgument(
                    layer: layer,
                    message:
                        "\(what) \(factors.map(String.init).joined(separator: "x")) is too large (more than \(largestTensor) values); use smaller sizes"
                )
            }
            product = next
        }
    }

    /// Throws when a layer that takes any shape is given one with no dimension or an empty one.
    public static func checkShape(_ inputShape: [Int], layer: String) throws(ModelError) {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw .invalidInputShape(layer: layer, shape: inputShape, expected: "at least one dimension")
        }
    }

    case invalidInputShape(layer: String, shape: [Int], expected: String)
    case invalidArgument(layer: String, message: String)
    case emptyModel

    public var description: String {
        switch self {
        case .invalidInputShape(let layer, let shape, let expected):
            "layer \(layer) got input shape \(shape) but needs \(expected)"
        case .invalidArgument(let layer, let message):
            "layer \(layer): \(message)"
        case .emptyModel:
            "the model has no layers"
        }
    }
}
