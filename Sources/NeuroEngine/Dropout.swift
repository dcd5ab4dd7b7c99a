/// Keras's `Dropout` (inverted dropout): in training each value is zeroed with probability `rate`
/// and the kept ones are scaled by 1 / (1 - rate), so inference is the identity.
///
/// Any shape. The masks come from a generator the layer owns, split off the model's generator when
/// it is built, so a seed fixes them too.
public final class Dropout: RandomDrawingLayer {
    public var name: String
    public let kind = "Dropout"
    /// Keras ignores `trainable` for dropout: it depends on the mode alone.
    public var trainable: Bool
    public let rate: Float
    public let parameters: [Parameter] = []
    public private(set) var outputShape: [Int] = []
    /// A keep pattern (1 keep, 0 drop, one per value of a batch) used instead of random draws in
    /// training mode; kept values are still scaled. For tests.
    public var fixedKeepPattern: Tensor?
    public var random = SeededRandom(seed: 0)
    /// The last training batch's multipliers: 0 or 1 / (1 - rate).
    private let mask = Tensor(shape: [0])
    private var lastUsedMask = false
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    public init(rate: Float, trainable: Bool = true, name: String = "dropout") {
        self.rate = rate
        self.trainable = trainable
        self.name = name
    }

    public func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) {
        try ModelError.checkShape(inputShape, layer: name)
        guard rate >= 0, rate < 1 else {
            throw .invalidArgument(layer: name, message: "rate must be in [0, 1), got \(rate)")
        }
        outputShape = inputShape
        random = rng.split()
    }

    public func replica() -> any Layer {
        Dropout(rate: rate, trainable: trainable, name: name)
    }

    /// In inference mode (or with rate 0) the input itself is returned.
    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        lastUsedMask = mode == .training && rate > 0
        guard lastUsedMask else { return input }
        let count = input.count
        let keptScale = 1 / (1 - rate)
        mask.resize(to: input.shape)
        let m = mask.pointer
        if let pattern = fixedKeepPattern {
            precondition(pattern.count == count, "\(name): keep pattern of \(pattern.count) for \(count) values")
            for i in 0..<count { m[i] = pattern.pointer[i] != 0 ? keptScale : 0 }
        } else {
            for i in 0..<count { m[i] = random.nextUnit() >= rate ? keptScale : 0 }
        }
        output.resize(to: input.shape)
        let x = input.pointer
        let y = output.pointer
        for i in 0..<count { y[i] = x[i] * m[i] }
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        guard lastUsedMask else { return outputGradient }
        precondition(outputGradient.count == mask.count, "\(name): backward before forward")
        inputGradient.resize(to: outputGradient.shape)
        let g = outputGradient.pointer
        let m = mask.pointer
        let dx = inputGradient.pointer
        for i in 0..<mask.count { dx[i] = g[i] * m[i] }
        return inputGradient
    }
}
