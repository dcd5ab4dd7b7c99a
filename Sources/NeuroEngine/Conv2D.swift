import CVectorMath
import Dispatch
import Foundation

/// A 2-D convolution over channels-first images, Keras's `Conv2D`:
/// `output = activation(conv(input, kernel) + bias)`.
///
/// `[batch, channels, height, width] -> [batch, filters, outHeight, outWidth]`. The kernel is
/// `[kernelHeight, kernelWidth, channels, filters]` as in Keras (so parameter counts and saved
/// weights match). The convolution is lowered onto BLAS: the im2col matrix of a group of samples
/// (`columnBudget`) times the kernel read as a matrix, one GEMM per group, into reused buffers;
/// the backward pass is two more GEMMs and the adjoint scatter (col2im). Where neurotop's own
/// AVX-512 kernels run, the forward pass convolves directly instead (`convolvesDirectly`) and
/// the backward pass takes the input gradient directly (`differentiatesInputDirectly`), to the
/// same sums.
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

    /// Each worker's column matrix and its gradient, for a chunk of samples within `columnBudget`
    /// (or one sample, when a sample alone is larger).
    public var scratchValues: Int {
        guard let g = geometry else { return 0 }
        let chunk = max(columnBudget, g.patchSize * max(g.columnsPerSample, g.outputPlane))
        return 2 * 2 * chunk
    }
    /// Bounds the im2col matrix (in floats): the batch is lowered a few samples at a time so that
    /// the matrix stays in a core's L2 cache between being written and being multiplied (measured
    /// about 30% faster per training step than one matrix for a batch of 64), and so that a large
    /// evaluation batch never needs gigabytes.
    var columnBudget = 1 << 16
    private var lastInput: Tensor?
    /// True when the first worker's `columns` still holds the im2col matrix of the whole last
    /// forward batch.
    private var columnsHoldBatch = false
    private let kernelTransposed = Tensor(shape: [0])
    /// The batch is split between up to two workers (the machines this runs on have few cores,
    /// and one product of these shapes is too small to split well inside BLAS); each has its
    /// own buffers, and the weight gradients of the halves are added at the end.
    private let workers = [ConvolutionScratch(), ConvolutionScratch()]
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
        try WindowGeometry.checkSample(inputShape, layer: name)
        guard filters > 0 else { throw .invalidArgument(layer: name, message: "filters must be positive") }
        guard kernelSize.height > 0, kernelSize.width > 0, strides.height > 0, strides.width > 0 else {
            throw .invalidArgument(layer: name, message: "kernel_size and strides must be positive")
        }
        try ModelError.checkSize(
            [kernelSize.height, kernelSize.width, inputShape[0], filters], layer: name, what: "the kernel")
        // The lowering holds one sample's patches: output pixels x kernel taps x channels.
        try ModelError.checkSize(
            [inputShape[1], inputShape[2], kernelSize.height, kernelSize.width, inputShape[0]], layer: name,
            what: "the patches of one sample")
        let geometry = try WindowGeometry(
            sample: inputShape, window: kernelSize, named: "kernel", strides: strides, padding: padding, layer: name)
        try ModelError.checkSize(
            [geometry.outputHeight, geometry.outputWidth, filters], layer: name, what: "the output of one sample")
        self.geometry = geometry
        let taps = kernelSize.height * kernelSize.width
        let (fanIn, fanOut) = (taps * geometry.channels, taps * filters)
        let kernel = kernelInitializer.parameter(
            "kernel", shape: [kernelSize.height, kernelSize.width, geometry.channels, filters], isKernel: true,
            fanIn: fanIn, fanOut: fanOut, rng: &rng)
        self.kernel = kernel
        parameters = [kernel]
        if useBias {
            let bias = biasInitializer.parameter("bias", shape: [filters], fanIn: fanIn, fanOut: fanOut, rng: &rng)
            self.bias = bias
            parameters.append(bias)
        }
    }

    public func replica() -> any Layer {
        let copy = Conv2D(
            filters: filters, kernelSize: kernelSize, strides: strides, padding: padding, activation: activation,
            useBias: useBias, kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
            trainable: trainable, name: name)
        copy.columnBudget = columnBudget
        return copy
    }

    /// The samples each worker takes: two halves when the batch holds at least two chunks, else
    /// the whole batch for one worker. Kept from the last call, so that a step makes no array.
    func workerRanges(batch: Int, chunk: Int) -> [Range<Int>] {
        if lastRanges.batch == batch, lastRanges.chunk == chunk { return lastRanges.ranges }
        let half = (batch + 1) / 2
        // Two workers whatever the cores (on one, CorePair runs them one after the other): the
        // kernel gradient is the sum of the workers' parts, so their number decides its rounding,
        // and a run trains to the same figures on one core as on two.
        let ranges = batch >= 2 * chunk ? [0..<half, half..<batch] : [0..<batch]
        lastRanges = (batch, chunk, ranges)
        return ranges
    }

    private var lastRanges: (batch: Int, chunk: Int, ranges: [Range<Int>]) = (-1, -1, [])

    /// Whether the forward pass convolves directly (`neurotop_conv_direct10`) rather than through
    /// the lowered product: where neurotop's own AVX-512 kernels run (no library named, none put
    /// in place by a test), for unit strides and filters in tens. The same sums either way.
    var convolvesDirectly: Bool {
        OwnKernel.enabled && GEMM.override == nil && geometry?.isUnitStride == true && filters % 10 == 0
    }

    /// Whether the backward pass takes the input gradient directly (`neurotop_conv_input_gradient10`)
    /// rather than through the lowered product `K·dY` and col2im: under the same conditions as the
    /// forward pass, for channels in tens. The same sums either way.
    var differentiatesInputDirectly: Bool {
        OwnKernel.enabled && GEMM.override == nil && geometry.map { $0.isUnitStride && $0.channels % 10 == 0 } == true
    }

    /// Runs the workers: in a training step on `CorePair` (its helper thread is spinning for the
    /// step's next piece, and a Dispatch thread beside it would leave three threads on two
    /// cores), elsewhere (validation lanes, already one per core) on Dispatch's pool.
    static func eachWorker(_ count: Int, training: Bool, _ body: @Sendable (Int) -> Void) {
        if count == 2, training {
            CorePair.run(body)
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    /// Samples per im2col chunk.
    func chunkSize(_ geometry: WindowGeometry, batch: Int) -> Int {
        let perSample = max(geometry.patchSize * geometry.columnsPerSample, 1)
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
        let (height, width, pitch) = (geometry.outputHeight, geometry.outputWidth, geometry.columnRowPitch)
        let run = geometry.columnsPerSample
        let plane = geometry.outputPlane
        output.resize(batch, filters, height, width)
        let chunk = chunkSize(geometry, batch: batch)
        let direct = convolvesDirectly
        // BLIS runs this product markedly faster with the kernel stored filter-major.
        let patch = geometry.patchSize
        kernelTransposed.resize(filters, patch)
        if !direct {
            for k in 0..<patch {
                for f in 0..<filters { kernelTransposed.pointer[f * patch + k] = kernel.value.pointer[k * filters + f] }
            }
        }
        let ranges = workerRanges(batch: batch, chunk: chunk)
        for worker in workers.prefix(ranges.count) { worker.prepare(geometry, chunk: chunk, filters: filters) }
        let filters = filters
        let bias = (self.bias?.value.pointer).map(SharedPointer.init)
        let weights = SharedPointer(kernelTransposed.pointer)
        let kernelWeights = SharedPointer(kernel.value.pointer)
        let source = SharedPointer(input.pointer)
        let target = SharedPointer(output.pointer)
        let workers = workers
        let gemmKernel = GEMM.current  // the workers run on other threads: pass the kernel on
        Self.eachWorker(ranges.count, training: mode == .training) { index in
            let scratch = workers[index]
            var first = ranges[index].lowerBound
            while first < ranges[index].upperBound {
                let samples = min(chunk, ranges[index].upperBound - first)
                if direct {
                    let padded = scratch.padded.pointer
                    geometry.pad(source.base + first * inputSize, samples: samples, into: padded)
                    let (channels, paddedPlane) = (geometry.channels, geometry.paddedPlane)
                    for s in 0..<samples {
                        neurotop_conv_direct10(
                            padded + s * channels * paddedPlane, channels, paddedPlane, geometry.paddedWidth,
                            kernelWeights.base, geometry.kernelHeight, geometry.kernelWidth, filters, bias?.base,
                            target.base + (first + s) * filters * plane, height, width)
                    }
                    first += samples
                    continue
                }
                let leading = samples * run
                geometry.im2col(
                    source.base + first * inputSize, samples: samples, padded: scratch.padded.pointer,
                    into: scratch.columns.pointer)
                GEMM.multiply(
                    weights.base, scratch.columns.pointer, into: scratch.product.pointer,
                    m: filters, n: leading, k: geometry.patchSize, using: gemmKernel)
                // [filters, samples, rows of pitch] -> [samples, filters, rows of width], adding the bias.
                for s in 0..<samples {
                    for f in 0..<filters {
                        let from = scratch.product.pointer + f * leading + s * run
                        let to = target.base + ((first + s) * filters + f) * plane
                        let b = bias?.base[f] ?? 0
                        if Vectorized.hasAVX512 {
                            neurotop_rows_plus(from, pitch, to, width, height, width, b)
                            continue
                        }
                        for y in 0..<height {
                            let row = from + y * pitch
                            let out = to + y * width
                            for x in 0..<width { out[x] = row[x] + b }
                        }
                    }
                }
                first += samples
            }
        }
        columnsHoldBatch = ranges.count == 1 && batch <= chunk && !direct
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

    /// dK = columns · dYᵀ, dbias = Σ dY, dx = col2im(K · dY), with dY in the GEMM layout (dx
    /// directly from dY where `differentiatesInputDirectly`).
    public func backward(preActivationGradient gradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard let geometry, let kernel, let input = lastInput else {
            preconditionFailure("\(name): backward before forward")
        }
        precondition(gradient.count == output.count, "\(name): gradient \(gradient.shape) for output \(output.shape)")
        let batch = gradient.rows
        let (height, width, pitch) = (geometry.outputHeight, geometry.outputWidth, geometry.columnRowPitch)
        let run = geometry.columnsPerSample
        let plane = geometry.outputPlane
        let inputSize = geometry.channels * geometry.inputPlane
        if let bias {
            let db = bias.gradient.pointer
            for f in 0..<filters {
                var sum: Double = 0
                for s in 0..<batch {
                    sum += Double(Vectorized.sum(gradient.pointer + (s * filters + f) * plane, count: plane))
                }
                db[f] = Float(sum)
            }
        }
        if needsInputGradient {
            inputGradient.resize(batch, geometry.channels, geometry.height, geometry.width)
        }
        let chunk = chunkSize(geometry, batch: batch)
        let ranges = workerRanges(batch: batch, chunk: chunk)
        for worker in workers.prefix(ranges.count) { worker.prepare(geometry, chunk: chunk, filters: filters) }
        let reuseColumns = columnsHoldBatch && ranges.count == 1
        let direct = needsInputGradient && differentiatesInputDirectly
        let (margin, span) = (geometry.gradientMargin, geometry.gradientSpan)
        if direct {
            for worker in workers.prefix(ranges.count) { worker.gradientPlanes.resize(filters * span) }
        }
        let filters = filters
        let weights = SharedPointer(kernel.value.pointer)
        let patch = geometry.patchSize
        let source = SharedPointer(input.pointer)
        let outputGradient = SharedPointer(gradient.pointer)
        let inputGradientPointer = needsInputGradient ? SharedPointer(inputGradient.pointer) : nil
        let workers = workers
        let gemmKernel = GEMM.current  // the workers run on other threads: pass the kernel on
        Self.eachWorker(ranges.count, training: true) { index in
            let scratch = workers[index]
            let product = scratch.product.pointer
            let columns = scratch.columns.pointer
            let planes = scratch.gradientPlanes.pointer
            // Only the runs of the output gradient are written below: the margins stay zero.
            if direct { planes.update(repeating: 0, count: filters * span) }
            var first = ranges[index].lowerBound
            while first < ranges[index].upperBound {
                let samples = min(chunk, ranges[index].upperBound - first)
                let leading = samples * run
                if !reuseColumns {
                    geometry.im2col(
                        source.base + first * inputSize, samples: samples, padded: scratch.padded.pointer, into: columns
                    )
                }
                // [samples, filters, rows of width] -> [filters, samples, rows of pitch]; the discarded
                // columns get zero so that they add nothing to dK or dx.
                for s in 0..<samples {
                    for f in 0..<filters {
                        let from = outputGradient.base + ((first + s) * filters + f) * plane
                        let to = product + f * leading + s * run
                        if Vectorized.hasAVX512 {
                            neurotop_rows_zero_padded(from, width, to, pitch, height, width)
                            continue
                        }
                        for y in 0..<height {
                            let row = from + y * width
                            let out = to + y * pitch
                            for x in 0..<width { out[x] = row[x] }
                            for x in width..<pitch { out[x] = 0 }
                        }
                    }
                }
                GEMM.multiply(
                    columns, product, transposeB: true, into: scratch.kernelGradient.pointer,
                    m: patch, n: filters, k: leading, beta: first == ranges[index].lowerBound ? 0 : 1,
                    using: gemmKernel)
                if let inputGradientPointer, direct {
                    for s in 0..<samples {
                        for f in 0..<filters {
                            (planes + f * span + margin).update(from: product + f * leading + s * run, count: run)
                        }
                        neurotop_conv_input_gradient10(
                            planes, filters, span, margin, geometry.paddedWidth, weights.base, geometry.kernelHeight,
                            geometry.kernelWidth, geometry.channels, inputGradientPointer.base + (first + s) * inputSize,
                            geometry.height, geometry.width, geometry.padTop, geometry.padLeft)
                    }
                } else if let inputGradientPointer {
                    GEMM.multiply(
                        weights.base, product, into: columns, m: patch, n: leading, k: filters, using: gemmKernel)
                    geometry.col2im(
                        columns, samples: samples, padded: scratch.padded.pointer,
                        into: inputGradientPointer.base + first * inputSize)
                }
                first += samples
            }
        }
        if needsInputGradient { columnsHoldBatch = false }
        // dK is the sum of the workers' parts.
        let dK = kernel.gradient.pointer
        let count = kernel.gradient.count
        dK.update(from: workers[0].kernelGradient.pointer, count: count)
        for worker in workers.dropFirst().prefix(ranges.count - 1) {
            for i in 0..<count { dK[i] += worker.kernelGradient.pointer[i] }
        }
        return needsInputGradient ? inputGradient : nil
    }
}

/// One worker's buffers for the lowered convolution.
///
/// Shared across the workers of one step, each using only its own instance.
final class ConvolutionScratch: @unchecked Sendable {
    /// The im2col matrix `[patch, samples·columnsPerSample]`.
    let columns = Tensor(shape: [0])
    /// Zero-padded copies of the input planes (unit strides), reused for the input gradient.
    let padded = Tensor(shape: [0])
    /// The GEMM result `[filters, samples·columnsPerSample]`, and in backward the output gradient
    /// in that layout.
    let product = Tensor(shape: [0])
    /// This worker's part of dK, `[patch, filters]`.
    let kernelGradient = Tensor(shape: [0])
    /// One sample's output gradient for the direct input gradient: `filters` planes of
    /// `gradientSpan` floats, each the rows of the product's layout between zero margins.
    let gradientPlanes = Tensor(shape: [0])

    func prepare(_ geometry: WindowGeometry, chunk: Int, filters: Int) {
        columns.resize(geometry.patchSize, chunk * geometry.columnsPerSample)
        product.resize(filters, chunk * geometry.columnsPerSample)
        padded.resize(geometry.isUnitStride ? chunk * geometry.channels * geometry.paddedPlane : 0)
        kernelGradient.resize(geometry.patchSize, filters)
    }
}

/// Memory that the workers of one parallel step share; each writes only its own samples.
struct SharedPointer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>

    init(_ base: UnsafeMutablePointer<Float>) { self.base = base }
}
