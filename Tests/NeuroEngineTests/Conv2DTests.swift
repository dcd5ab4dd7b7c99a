import Testing

@testable import NeuroEngine

/// A direct convolution written from the definition, to compare the lowered one against:
/// out[n, f, oy, ox] = bias[f] + Σ in[n, c, oy·s - padTop + ky, ox·s - padLeft + kx] · K[ky, kx, c, f],
/// with TensorFlow's 'same' padding (total max((out - 1)·s + k - in, 0), the smaller half first).
private func referenceConvolution(
    input: Tensor, kernel: Tensor, bias: Tensor?, stride: Int, same: Bool
) -> (values: [Float], height: Int, width: Int) {
    let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    let (kh, kw, f) = (kernel.shape[0], kernel.shape[1], kernel.shape[3])
    func extent(_ size: Int, _ k: Int) -> (out: Int, before: Int) {
        if !same { return ((size - k) / stride + 1, 0) }
        let out = Int((Double(size) / Double(stride)).rounded(.up))
        return (out, max((out - 1) * stride + k - size, 0) / 2)
    }
    let (oh, top) = extent(h, kh)
    let (ow, left) = extent(w, kw)
    var result = [Float](repeating: 0, count: n * f * oh * ow)
    for s in 0..<n {
        for filter in 0..<f {
            for oy in 0..<oh {
                for ox in 0..<ow {
                    var sum = Double(bias?[filter] ?? 0)
                    for ky in 0..<kh {
                        for kx in 0..<kw {
                            let y = oy * stride - top + ky
                            let x = ox * stride - left + kx
                            guard y >= 0, y < h, x >= 0, x < w else { continue }
                            for channel in 0..<c {
                                sum +=
                                    Double(input[((s * c + channel) * h + y) * w + x])
                                    * Double(kernel[((ky * kw + kx) * c + channel) * f + filter])
                            }
                        }
                    }
                    result[((s * f + filter) * oh + oy) * ow + ox] = Float(sum)
                }
            }
        }
    }
    return (result, oh, ow)
}

private func randomizeBias(_ layer: Conv2D) {
    guard let bias = layer.bias else { return }
    var rng = SeededRandom(seed: 77)
    for i in 0..<bias.value.count { bias.value[i] = rng.uniform(-0.5, 0.5) }
}

@Test(arguments: [Padding.same, .valid], [true, false])
func convGradientsMatchFiniteDifferences(padding: Padding, useBias: Bool) throws {
    let layer = try built(Conv2D(filters: 3, kernelSize: 3, padding: padding, useBias: useBias), on: [2, 5, 5])
    randomizeBias(layer)
    let report = GradientCheck.check(layer, input: randomTensor([2, 2, 5, 5], seed: 3), mode: .training)
    #expect(report.passed, "\(report)")
}

@Test(arguments: [Padding.same, .valid], [5, 6])
func stridedConvGradientsMatchFiniteDifferences(padding: Padding, size: Int) throws {
    let layer = try built(Conv2D(filters: 2, kernelSize: 3, strides: 2, padding: padding), on: [2, size, size])
    randomizeBias(layer)
    let report = GradientCheck.check(layer, input: randomTensor([2, 2, size, size], seed: 4), mode: .training)
    #expect(report.passed, "\(report)")
}

@Test func rectangularConvWithTanhGradientsMatchFiniteDifferences() throws {
    let layer = try built(
        Conv2D(filters: 2, kernelSize: (2, 3), strides: (1, 2), padding: .same, activation: .tanh), on: [3, 4, 5])
    randomizeBias(layer)
    let report = GradientCheck.check(layer, input: randomTensor([2, 3, 4, 5], seed: 5), mode: .inference)
    #expect(report.passed, "\(report)")
}

@Test(arguments: [(1, false), (1, true), (2, true), (2, false), (3, true)])
func convForwardMatchesTheDefinition(stride: Int, same: Bool) throws {
    for size in [7, 8] {
        let layer = try built(
            Conv2D(filters: 4, kernelSize: 3, strides: stride, padding: same ? .same : .valid), on: [3, size, size + 1])
        randomizeBias(layer)
        let input = randomTensor([2, 3, size, size + 1], seed: 6)
        let y = layer.forward(input, mode: .training)
        let kernel = try #require(layer.kernel).value
        let expected = referenceConvolution(
            input: input, kernel: kernel, bias: layer.bias?.value, stride: stride, same: same)
        #expect(y.shape == [2, 4, expected.height, expected.width])
        #expect(layer.outputShape == [4, expected.height, expected.width])
        let worst = zip(y.array, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-5, "stride \(stride) same \(same) size \(size): worst difference \(worst)")
    }
}

@Test(arguments: [(1, 1), (2, 2), (2, 3), (4, 4), (5, 2)], [Padding.same, .valid])
func unitStrideConvForwardMatchesTheDefinitionForEveryKernelShape(kernel: (Int, Int), padding: Padding) throws {
    let layer = try built(Conv2D(filters: 3, kernelSize: kernel, padding: padding), on: [2, 6, 7])
    randomizeBias(layer)
    let input = randomTensor([3, 2, 6, 7], seed: 12)
    let y = layer.forward(input, mode: .training)
    let expected = referenceConvolution(
        input: input, kernel: try #require(layer.kernel).value, bias: layer.bias?.value, stride: 1,
        same: padding == .same)
    #expect(y.shape == [3, 3, expected.height, expected.width])
    let worst = zip(y.array, expected.values).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst < 1e-5)
}

@Test(arguments: [(2, 2), (2, 3)], [Padding.same, .valid])
func unitStrideConvWithEvenKernelsGradientsMatchFiniteDifferences(kernel: (Int, Int), padding: Padding) throws {
    let layer = try built(Conv2D(filters: 2, kernelSize: kernel, padding: padding), on: [2, 4, 5])
    randomizeBias(layer)
    let report = GradientCheck.check(layer, input: randomTensor([2, 2, 4, 5], seed: 13), mode: .training)
    #expect(report.passed, "\(report)")
}

@Test func sameStrideTwoPadsTheLargerHalfAfter() {
    // in 6, k 3, s 2: out 3, total padding (3 - 1)·2 + 3 - 6 = 1, all of it after.
    #expect(Padding.same.output(input: 6, window: 3, stride: 2) == (3, 0))
    // in 5: out 3, total 2, one before.
    #expect(Padding.same.output(input: 5, window: 3, stride: 2) == (3, 1))
    #expect(Padding.same.output(input: 28, window: 3, stride: 1) == (28, 1))
    #expect(Padding.valid.output(input: 28, window: 3, stride: 1) == (26, 0))
}

@Test func convLoweredInChunksMatchesOneChunk() throws {
    let whole = try built(Conv2D(filters: 3, kernelSize: 3, padding: .same), on: [2, 6, 6], seed: 8)
    let chunked = try built(Conv2D(filters: 3, kernelSize: 3, padding: .same), on: [2, 6, 6], seed: 8)
    chunked.columnBudget = 2 * 18 * 48  // two samples per chunk: 18 rows of 6·8 columns each
    randomizeBias(whole)
    randomizeBias(chunked)
    let input = randomTensor([5, 2, 6, 6], seed: 9)
    let gradient = randomTensor([5, 3, 6, 6], seed: 10)
    #expect(whole.forward(input, mode: .training).array == chunked.forward(input, mode: .training).array)
    let dxWhole = try #require(whole.backward(gradient, needsInputGradient: true)).array
    let dxChunked = try #require(chunked.backward(gradient, needsInputGradient: true)).array
    #expect(zip(dxWhole, dxChunked).allSatisfy { abs($0 - $1) < 1e-5 })
    let dkWhole = try #require(whole.kernel).gradient.array
    let dkChunked = try #require(chunked.kernel).gradient.array
    #expect(zip(dkWhole, dkChunked).allSatisfy { abs($0 - $1) < 1e-4 })
    #expect(try #require(whole.bias).gradient.array == (try #require(chunked.bias)).gradient.array)
    let report = GradientCheck.check(chunked, input: randomTensor([3, 2, 6, 6], seed: 11), mode: .training)
    #expect(report.passed, "\(report)")
}

@Test func convKernelHasKerasShapeAndGlorotRange() throws {
    let layer = try built(Conv2D(filters: 10, kernelSize: 3, padding: .same, useBias: false), on: [1, 28, 28])
    let kernel = try #require(layer.kernel)
    #expect(kernel.value.shape == [3, 3, 1, 10])
    #expect(layer.parameterCount == 90)
    #expect(layer.kind == "Conv2D" && layer.name == "conv2d")
    // fan-in 3·3·1 = 9, fan-out 3·3·10 = 90
    let limit = (6.0 / 99.0 as Float).squareRoot()
    #expect(kernel.value.array.allSatisfy { abs($0) <= limit })
    #expect(kernel.value.array.contains { abs($0) > 0.8 * limit })
}

@Test func convRejectsAKernelLargerThanAValidInput() {
    var rng = SeededRandom(seed: 1)
    #expect(throws: ModelError.self) {
        try Conv2D(filters: 2, kernelSize: 5).build(inputShape: [1, 3, 3], rng: &rng)
    }
    #expect(throws: ModelError.self) {
        try Conv2D(filters: 2, kernelSize: 3).build(inputShape: [784], rng: &rng)
    }
}
