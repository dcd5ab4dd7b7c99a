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
/// the backward pass takes the input gradient directly (`differentiatesInputDirectly`), both to
/// the same sums, and the kernel gradient directly (`differentiatesKernelDirectly`), summed in
/// an order of its own.
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
    var lastInput: Tensor?
    /// True when the first worker's `columns` still holds the im2col matrix of the whole last
    /// forward batch.
    var columnsHoldBatch = false
    /// True when each worker's `padded` still holds the padded input of its whole range of the
    /// last forward batch, in training (the direct forward pass pads it; the direct kernel
    /// gradient reads it).
    var paddedHoldsBatch = false
    private let kernelTransposed = Tensor(shape: [0])
    /// The batch is split between up to two workers (the machines this runs on have few cores,
    /// and one product of these shapes is too small to split well inside BLAS); each has its
    /// own buffers, and the weight gradients of the halves are added at the end.
    let workers = [ConvolutionScratch(), ConvolutionScratch()]
    let output = Tensor(shape: [0])
    let preActivationGradient = Tensor(shape: [0])
    let inputGradient = Tensor(shape: [0])

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

    /// Whether the backward pass takes the kernel gradient directly (`neurotop_conv_kernel_gradient10`)
    /// from the padded input rather than through the column matrix and a product: under the same
    /// conditions as the forward pass. Not the library's summation order: the figures differ in
    /// their last bits from a run on a library kernel.
    var differentiatesKernelDirectly: Bool { convolvesDirectly }

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
    var activationSpan: Int {
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
        // BLIS runs this product markedly faster with the kernel stored filter-major (the direct
        // pass reads the kernel as it is).
        let patch = geometry.patchSize
        if !direct {
            kernelTransposed.copyTransposed(from: kernel.value.pointer, rows: patch, columns: filters)
        }
        let ranges = workerRanges(batch: batch, chunk: chunk)
        let rangeSamples = ranges.map(\.count).max() ?? 0
        for worker in workers.prefix(ranges.count) {
            // The direct pass pads each worker's range at once and needs nothing else (room for
            // the larger range in both, as the backward pass prepares it: the padding is kept).
            if direct {
                worker.preparePadded(geometry, samples: rangeSamples)
            } else {
                worker.prepare(geometry, chunk: chunk, filters: filters)
            }
        }
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
            if direct {
                let range = ranges[index]
                let padded = scratch.padded.pointer
                geometry.pad(source.base + range.lowerBound * inputSize, samples: range.count, into: padded)
                let (channels, paddedPlane) = (geometry.channels, geometry.paddedPlane)
                for s in 0..<range.count {
                    neurotop_conv_direct10(
                        padded + s * channels * paddedPlane, channels, paddedPlane, geometry.paddedWidth,
                        kernelWeights.base, geometry.kernelHeight, geometry.kernelWidth, filters, bias?.base,
                        target.base + (range.lowerBound + s) * filters * plane, height, width)
                }
                return
            }
            var first = ranges[index].lowerBound
            while first < ranges[index].upperBound {
                let samples = min(chunk, ranges[index].upperBound - first)
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
        paddedHoldsBatch = direct && mode == .training
        let span = activationSpan
        activation.apply(output.pointer, rows: output.count / span, columns: span)
        lastInput = input
        return output
    }
}
