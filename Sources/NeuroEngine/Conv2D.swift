/// A 2-D convolution over channels-first images, Keras's `Conv2D`:
/// `output = activation(conv(input, kernel) + bias)`.
///
/// `[batch, channels, height, width] -> [batch, filters, outHeight, outWidth]`. The kernel is
/// `[kernelHeight, kernelWidth, channels, filters]` as in Keras (so parameter counts and saved
/// weights match); read as a `[kernelHeight·kernelWidth·channels, filters]` matrix it multiplies
/// the im2col matrix of the whole batch in a single GEMM.
public final class Conv2D: ActivatedLayer {
    public var name: String
    public let kind = "Conv2D"
    public var trainable: Bool
    public let filters: Int
    public let kernelSize: (height: Int, width: Int)
    public let strides: (height: Int, width: Int)
    public let padding: Padding
    public let activation: Activation
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public private(set) var parameters: [Parameter] = []
    public var outputShape: [Int] {
        guard let geometry else { return [] }
        return [filters, geometry.outputHeight, geometry.outputWidth]
    }

    /// `[kernelHeight, kernelWidth, channels, filters]`; nil until built.
    public private(set) var kernel: Parameter?
    public private(set) var bias: Parameter?
    var geometry: WindowGeometry?
    /// Bounds the im2col matrix (in floats) so that a large evaluation batch is lowered in chunks
    /// of samples instead of needing gigabytes; a training batch fits in one chunk.
    var columnBudget = 1 << 22
    private var lastInput: Tensor?
    /// True when `columns` still holds the im2col matrix of the whole last forward batch.
    private var columnsHoldBatch = false
    private let columns = Tensor(shape: [0])
    /// The GEMM result `[filters, samples·outputPlane]`, and in backward the output gradient in
    /// that layout.
    private let product = Tensor(shape: [0])
    private let output = Tensor(shape: [0])
    private let preActivationGradient = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    /// A convolution with a `kernelSize.height x kernelSize.width` window.
    public init(
        filters: Int, kernelSize: (height: Int, width: Int), strides: (height: Int, width: Int) = (1, 1),
        padding: Padding = .valid, activation: Activation = .linear, useBias: Bool = true,
        kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
        trainable: Bool = true, name: String = "conv2d"
    ) {
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.trainable = trainable
        self.name = name
    }

    /// A convolution with a square `kernelSize x kernelSize` window and equal strides.
    public convenience init(
        filters: Int, kernelSize: Int, strides: Int = 1, padding: Padding = .valid,
        activation: Activation = .linear, useBias: Bool = true,
        kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
        trainable: Bool = true, name: String = "conv2d"
    ) {
        self.init(
            filters: filters, kernelSize: (kernelSize, kernelSize), strides: (strides, strides),
            padding: padding, activation: activation, useBias: useBias,
            kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
            trainable: trainable, name: name)
    }

    public func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw .invalidInputShape(layer: name, shape: inputShape, expected: "[channels, height, width]")
        }
        guard filters > 0 else { throw .invalidArgument(layer: name, message: "filters must be positive") }
        guard kernelSize.height > 0, kernelSize.width > 0, strides.height > 0, strides.width > 0 else {
            throw .invalidArgument(layer: name, message: "kernel_size and strides must be positive")
        }
        let geometry = WindowGeometry(
            channels: inputShape[0], height: inputShape[1], width: inputShape[2],
            kernel: kernelSize, strides: strides, padding: padding)
        guard geometry.outputHeight > 0, geometry.outputWidth > 0 else {
            throw .invalidArgument(
                layer: name,
                message: "a \(kernelSize.height)x\(kernelSize.width) kernel does not fit a "
                    + "\(inputShape[1])x\(inputShape[2]) input with padding 'valid'; use padding 'same'")
        }
        self.geometry = geometry
        let taps = kernelSize.height * kernelSize.width
        let kernel = Parameter(
            name: "kernel", shape: [kernelSize.height, kernelSize.width, geometry.channels, filters],
            isKernel: true)
        kernelInitializer.fill(kernel.value, fanIn: taps * geometry.channels, fanOut: taps * filters, rng: &rng)
        self.kernel = kernel
        parameters = [kernel]
        if useBias {
            let bias = Parameter(name: "bias", shape: [filters])
            biasInitializer.fill(bias.value, fanIn: taps * geometry.channels, fanOut: taps * filters, rng: &rng)
            self.bias = bias
            parameters.append(bias)
        }
    }

    /// Samples per im2col chunk.
    private func chunkSize(_ geometry: WindowGeometry, batch: Int) -> Int {
        let perSample = max(geometry.patchSize * geometry.outputPlane, 1)
        return max(1, min(batch, columnBudget / perSample))
    }

    /// The run of values the activation treats as one row: softmax normalises over the last
    /// axis as Keras's does; the element-wise ones take the whole tensor at once.
    private var activationSpan: Int {
        max(activation == .softmax ? (geometry?.outputWidth ?? 1) : output.count, 1)
    }

    // MARK: - Forward

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        guard let geometry, let kernel else { preconditionFailure("\(name) used before build") }
        let batch = input.rows
        let inputSize = geometry.channels * geometry.inputPlane
        precondition(input.columns == inputSize || batch == 0, "\(name) expects \(inputSize) inputs per sample")
        let plane = geometry.outputPlane
        output.resize(to: [batch, filters, geometry.outputHeight, geometry.outputWidth])
        let chunk = chunkSize(geometry, batch: batch)
        columns.resize(to: [geometry.patchSize, chunk * plane])
        product.resize(to: [filters, chunk * plane])
        var first = 0
        while first < batch {
            let samples = min(chunk, batch - first)
            let leading = samples * plane
            geometry.im2col(input.pointer + first * inputSize, samples: samples, into: columns.pointer)
            GEMM.multiply(
                kernel.value.pointer, transposeA: true, columns.pointer, into: product.pointer,
                m: filters, n: leading, k: geometry.patchSize)
            // [filters, samples, plane] -> [samples, filters, plane], adding the bias on the way.
            for s in 0..<samples {
                for f in 0..<filters {
                    let source = product.pointer + f * leading + s * plane
                    let target = output.pointer + ((first + s) * filters + f) * plane
                    if let bias {
                        let b = bias.value.pointer[f]
                        for p in 0..<plane { target[p] = source[p] + b }
                    } else {
                        target.update(from: source, count: plane)
                    }
                }
            }
            first += samples
        }
        columnsHoldBatch = batch <= chunk
        let span = activationSpan
        activation.apply(output.pointer, rows: output.count / span, columns: span)
        lastInput = input
        return output
    }

    // MARK: - Backward

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        if activation == .linear {
            return backward(preActivationGradient: outputGradient, needsInputGradient: needsInputGradient)
        }
        preActivationGradient.copy(from: outputGradient)
        let span = activationSpan
        activation.backward(
            output: output.pointer, gradient: preActivationGradient.pointer,
            rows: output.count / span, columns: span)
        return backward(preActivationGradient: preActivationGradient, needsInputGradient: needsInputGradient)
    }

    public func backward(preActivationGradient gradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard let geometry, let kernel, let input = lastInput else {
            preconditionFailure("\(name): backward before forward")
        }
        precondition(gradient.count == output.count, "\(name): gradient \(gradient.shape) for output \(output.shape)")
        let batch = gradient.rows
        let plane = geometry.outputPlane
        let inputSize = geometry.channels * geometry.inputPlane
        if let bias {
            let db = bias.gradient.pointer
            db.update(repeating: 0, count: filters)
            for s in 0..<batch {
                for f in 0..<filters {
                    let row = gradient.pointer + (s * filters + f) * plane
                    var sum: Float = 0
                    for p in 0..<plane { sum += row[p] }
                    db[f] += sum
                }
            }
        }
        if needsInputGradient {
            inputGradient.resize(to: [batch, geometry.channels, geometry.height, geometry.width])
            inputGradient.fill(0)
        }
        let chunk = chunkSize(geometry, batch: batch)
        var first = 0
        while first < batch {
            let samples = min(chunk, batch - first)
            let leading = samples * plane
            if !columnsHoldBatch {
                geometry.im2col(input.pointer + first * inputSize, samples: samples, into: columns.pointer)
            }
            // [samples, filters, plane] -> [filters, samples, plane], the GEMM layout.
            for s in 0..<samples {
                for f in 0..<filters {
                    (product.pointer + f * leading + s * plane).update(
                        from: gradient.pointer + ((first + s) * filters + f) * plane, count: plane)
                }
            }
            // dK = columns · dYᵀ, summed over chunks.
            GEMM.multiply(
                columns.pointer, product.pointer, transposeB: true, into: kernel.gradient.pointer,
                m: geometry.patchSize, n: filters, k: leading, beta: first == 0 ? 0 : 1)
            if needsInputGradient {
                // d columns = K · dY, then scattered back onto the input.
                GEMM.multiply(
                    kernel.value.pointer, product.pointer, into: columns.pointer,
                    m: geometry.patchSize, n: leading, k: filters)
                geometry.col2im(columns.pointer, samples: samples, into: inputGradient.pointer + first * inputSize)
                columnsHoldBatch = false
            }
            first += samples
        }
        return needsInputGradient ? inputGradient : nil
    }
}
