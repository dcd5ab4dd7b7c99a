import CVectorMath

/// Keras's `MaxPooling2D` over channels-first images: the largest value of each window.
///
/// `[batch, channels, height, width] -> [batch, channels, outHeight, outWidth]`. The backward pass
/// sends each output's gradient to the one input that produced it. On ties that is the first
/// largest value in scan order (window rows top to bottom, each row left to right), which is not
/// necessarily the element TensorFlow picks. With padding `same` the padded positions never win.
public final class MaxPooling2D: Layer {
    public var name: String
    public let kind = "MaxPooling2D"
    public var trainable: Bool
    public let poolSize: (height: Int, width: Int)
    public let strides: (height: Int, width: Int)
    public let padding: Padding
    public let parameters: [Parameter] = []
    public var outputShape: [Int] {
        guard let geometry else { return [] }
        return [geometry.channels, geometry.outputHeight, geometry.outputWidth]
    }

    private var geometry: WindowGeometry?
    /// For each output element, the position of its winner inside the input plane (`y·width + x`).
    private let winners = ScratchBuffer<Int32>(zero: 0)
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    /// Pooling over `poolSize` windows moved by `strides` (Keras: strides default to the pool size).
    public init(
        poolSize: (height: Int, width: Int) = (2, 2), strides: (height: Int, width: Int)? = nil,
        padding: Padding = .valid, trainable: Bool = true, name: String = "max_pooling2d"
    ) {
        self.poolSize = poolSize
        self.strides = strides ?? poolSize
        self.padding = padding
        self.trainable = trainable
        self.name = name
    }

    /// Pooling over square windows.
    public convenience init(
        poolSize: Int, strides: Int? = nil, padding: Padding = .valid, trainable: Bool = true,
        name: String = "max_pooling2d"
    ) {
        self.init(
            poolSize: (poolSize, poolSize), strides: strides.map { ($0, $0) }, padding: padding,
            trainable: trainable, name: name)
    }

    public func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) {
        try WindowGeometry.checkSample(inputShape, layer: name)
        guard poolSize.height > 0, poolSize.width > 0, strides.height > 0, strides.width > 0 else {
            throw .invalidArgument(layer: name, message: "pool_size and strides must be positive")
        }
        geometry = try WindowGeometry(
            sample: inputShape, window: poolSize, named: "pool", strides: strides, padding: padding, layer: name)
    }

    public func replica() -> any Layer {
        MaxPooling2D(poolSize: poolSize, strides: strides, padding: padding, trainable: trainable, name: name)
    }

    public func forward(_ input: Tensor, mode: Mode) -> Tensor {
        guard let g = geometry else { preconditionFailure("\(name) used before build") }
        let batch = input.rows
        precondition(input.columns == g.channels * g.inputPlane || batch == 0, "\(name): input \(input.shape)")
        output.resize(batch, g.channels, g.outputHeight, g.outputWidth)
        winners.reserve(output.count)
        if g.hasWholeTwoByTwoWindows {
            let planes = batch * g.channels
            // A training step has both cores to itself; validation's lanes already take one each.
            CorePair.run(when: mode == .training) { forwardTwoByTwo(input, planes: CorePair.range($0, of: planes), g) }
            return output
        }
        let best = winners.pointer
        let out = output.pointer
        var o = 0
        for planeIndex in 0..<(batch * g.channels) {
            let plane = input.pointer + planeIndex * g.inputPlane
            for oy in 0..<g.outputHeight {
                let top = oy * g.strideY - g.padTop
                let yLow = max(top, 0)
                let yHigh = min(top + g.kernelHeight, g.height)
                for ox in 0..<g.outputWidth {
                    let left = ox * g.strideX - g.padLeft
                    let xLow = max(left, 0)
                    let xHigh = min(left + g.kernelWidth, g.width)
                    var winner = yLow * g.width + xLow
                    var largest = plane[winner]
                    for y in yLow..<yHigh {
                        for x in xLow..<xHigh where plane[y * g.width + x] > largest {
                            winner = y * g.width + x
                            largest = plane[winner]
                        }
                    }
                    out[o] = largest
                    best[o] = Int32(truncatingIfNeeded: winner)
                    o += 1
                }
            }
        }
        return output
    }

    /// The common 2x2, stride 2 case without padding, four windows at a time and branch-free
    /// (on random data a branch per comparison mispredicts about half the time).
    private func forwardTwoByTwo(_ input: Tensor, planes: Range<Int>, _ g: WindowGeometry) {
        let best = winners.pointer
        let out = output.pointer
        let width = g.width
        let outputWidth = g.outputWidth
        var o = planes.lowerBound * g.outputPlane
        if Vectorized.hasAVX512 {
            // Sixteen windows at a time, the same choices (CVectorMath's pool.h).
            neurotop_max_pool_2x2(
                input.pointer + planes.lowerBound * g.inputPlane, planes.count, g.height, width, g.outputHeight,
                outputWidth, out + o, best + o)
            return
        }
        let lanes = SIMD4<Int32>(0, 2, 4, 6)
        let below = SIMD4<Int32>(repeating: Int32(truncatingIfNeeded: width))
        for planeIndex in planes {
            let plane = input.pointer + planeIndex * g.inputPlane
            for oy in 0..<g.outputHeight {
                let top = plane + 2 * oy * width
                let bottom = top + width
                let rowStart = 2 * oy * width
                var ox = 0
                while ox + 4 <= outputWidth {
                    let upper = UnsafeRawPointer(top + 2 * ox).loadUnaligned(as: SIMD8<Float>.self)
                    let lower = UnsafeRawPointer(bottom + 2 * ox).loadUnaligned(as: SIMD8<Float>.self)
                    let base = SIMD4<Int32>(repeating: Int32(truncatingIfNeeded: rowStart + 2 * ox)) &+ lanes
                    // Scan order top-left, top-right, bottom-left, bottom-right; strict > keeps the first.
                    var largest = upper.evenHalf
                    var winner = base
                    var larger = upper.oddHalf .> largest
                    largest.replace(with: upper.oddHalf, where: larger)
                    winner.replace(with: base &+ 1, where: larger)
                    larger = lower.evenHalf .> largest
                    largest.replace(with: lower.evenHalf, where: larger)
                    winner.replace(with: base &+ below, where: larger)
                    larger = lower.oddHalf .> largest
                    largest.replace(with: lower.oddHalf, where: larger)
                    winner.replace(with: base &+ below &+ 1, where: larger)
                    UnsafeMutableRawPointer(out + o).storeBytes(of: largest, as: SIMD4<Float>.self)
                    UnsafeMutableRawPointer(best + o).storeBytes(of: winner, as: SIMD4<Int32>.self)
                    o += 4
                    ox += 4
                }
                while ox < outputWidth {
                    let x = 2 * ox
                    var largest = top[x]
                    var winner = rowStart + x
                    if top[x + 1] > largest { (largest, winner) = (top[x + 1], rowStart + x + 1) }
                    if bottom[x] > largest { (largest, winner) = (bottom[x], rowStart + width + x) }
                    if bottom[x + 1] > largest { (largest, winner) = (bottom[x + 1], rowStart + width + x + 1) }
                    out[o] = largest
                    best[o] = Int32(truncatingIfNeeded: winner)
                    o += 1
                    ox += 1
                }
            }
        }
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        guard let g = geometry else { preconditionFailure("\(name) used before build") }
        precondition(outputGradient.count == output.count, "\(name): backward before forward")
        let batch = outputGradient.rows
        inputGradient.resize(batch, g.channels, g.height, g.width)
        if g.isTiledByTwoByTwo {
            let planes = batch * g.channels
            CorePair.run { backwardTwoByTwo(outputGradient, planes: CorePair.range($0, of: planes), g) }
            return inputGradient
        }
        inputGradient.fill(0)
        let best = winners.pointer
        let dy = outputGradient.pointer
        let perPlane = g.outputPlane
        for planeIndex in 0..<(batch * g.channels) {
            let dx = inputGradient.pointer + planeIndex * g.inputPlane
            let base = planeIndex * perPlane
            for o in base..<(base + perPlane) { dx[Int(best[o])] += dy[o] }
        }
        return inputGradient
    }

    /// The 2x2, stride 2 windows that tile the input exactly: each pair of input rows is zeroed
    /// and then gets its winners' gradients while it is in L1, instead of a pass zeroing the
    /// whole input gradient and a second pass adding into it.
    private func backwardTwoByTwo(_ outputGradient: Tensor, planes: Range<Int>, _ g: WindowGeometry) {
        let best = winners.pointer
        let dy = outputGradient.pointer
        let width = g.width
        let outputWidth = g.outputWidth
        var o = planes.lowerBound * g.outputPlane
        if Vectorized.hasAVX512 {
            // Sixteen windows at a time, every element written once (CVectorMath's pool.h).
            neurotop_max_unpool_2x2(
                dy + o, best + o, planes.count, g.outputHeight, outputWidth,
                inputGradient.pointer + planes.lowerBound * g.inputPlane)
            return
        }
        for planeIndex in planes {
            let plane = inputGradient.pointer + planeIndex * g.inputPlane
            for oy in 0..<g.outputHeight {
                (plane + 2 * oy * width).update(repeating: 0, count: 2 * width)
                for _ in 0..<outputWidth {
                    plane[Int(best[o])] = dy[o]
                    o += 1
                }
            }
        }
    }
}

extension WindowGeometry {
    /// 2x2 windows with stride 2 that all lie inside the input (no padding reaches into them):
    /// the case of the forward pass's fast path.
    fileprivate var hasWholeTwoByTwoWindows: Bool {
        kernelHeight == 2 && kernelWidth == 2 && strideY == 2 && strideX == 2 && padTop == 0 && padLeft == 0
            && outputHeight * 2 <= height && outputWidth * 2 <= width
    }

    /// Such windows that also cover every input element once: the case of the backward pass's
    /// fast path, which zeroes the input gradient two rows at a time.
    fileprivate var isTiledByTwoByTwo: Bool {
        hasWholeTwoByTwoWindows && outputHeight * 2 == height && outputWidth * 2 == width
    }
}
