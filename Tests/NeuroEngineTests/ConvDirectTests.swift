import Testing

@testable import NeuroEngine

/// The direct convolution (CVectorMath's conv.h), which Conv2D's forward pass takes where the own
/// AVX-512 kernels run, against one scalar chain of fused multiply-adds per output in the lowered
/// product's order of k, (ky, kx, channel), from zero, then the bias: bit for bit, the sums
/// OpenBLAS's SkylakeX kernels give the lowered product. Likewise the direct input gradient of
/// the backward pass against the lowered path's sums: per tap one chain over the filters, the
/// taps added in (ky, kx) order. The direct kernel gradient (conv_kernel_gradient.h) sums in an
/// order of its own, and is checked against the exact sums.
@Suite struct ConvDirectTests {
    struct Case: CustomStringConvertible, Sendable {
        var channels, height, width, filters, kernelHeight, kernelWidth: Int
        var padding: Padding
        var bias: Bool
        var description: String {
            "\(channels)x\(height)x\(width) \(filters) filters \(kernelHeight)x\(kernelWidth) \(padding) bias \(bias)"
        }
    }

    static let cases = [
        Case(channels: 1, height: 28, width: 28, filters: 10, kernelHeight: 3, kernelWidth: 3, padding: .same, bias: false),
        Case(channels: 10, height: 14, width: 14, filters: 10, kernelHeight: 3, kernelWidth: 3, padding: .same, bias: false),
        Case(channels: 3, height: 9, width: 33, filters: 20, kernelHeight: 5, kernelWidth: 5, padding: .same, bias: true),
        Case(channels: 2, height: 7, width: 13, filters: 10, kernelHeight: 2, kernelWidth: 3, padding: .valid, bias: true),
        Case(channels: 1, height: 5, width: 17, filters: 10, kernelHeight: 3, kernelWidth: 3, padding: .valid, bias: false),
    ]

    @Test(arguments: cases)
    func everyOutputIsOneChainInTheOrderOfK(_ c: Case) throws {
        let layer = Conv2D(
            filters: c.filters, kernelSize: (c.kernelHeight, c.kernelWidth), padding: c.padding, useBias: c.bias)
        var rng = SeededRandom(seed: UInt64(c.channels * 1000 + c.width))
        try layer.build(inputShape: [c.channels, c.height, c.width], rng: &rng)
        guard layer.convolvesDirectly else { return }  // the lowered path here: nothing to compare
        let geometry = try #require(layer.geometry)
        if let bias = layer.bias {
            for i in 0..<bias.value.count { bias.value.pointer[i] = rng.nextUnit() - 0.5 }
        }
        let batch = 5
        let inputSize = c.channels * c.height * c.width
        let input = Tensor(shape: [batch, c.channels, c.height, c.width])
        for i in 0..<input.count { input.pointer[i] = i % 11 == 0 ? 0 : rng.nextUnit() * 2 - 1 }
        let output = layer.forward(input, mode: .inference)
        let (outHeight, outWidth) = (geometry.outputHeight, geometry.outputWidth)
        let kernel = try #require(layer.kernel).value.pointer
        var differing = 0
        for s in 0..<batch {
            for f in 0..<c.filters {
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        var sum: Float = 0
                        var k = 0
                        for ky in 0..<c.kernelHeight {
                            for kx in 0..<c.kernelWidth {
                                for channel in 0..<c.channels {
                                    let (row, column) = (y + ky - geometry.padTop, x + kx - geometry.padLeft)
                                    let inside = (0..<c.height).contains(row) && (0..<c.width).contains(column)
                                    let value =
                                        inside
                                        ? input.pointer[s * inputSize + (channel * c.height + row) * c.width + column]
                                        : 0
                                    sum = sum.addingProduct(kernel[k * c.filters + f], value)  // one rounding
                                    k += 1
                                }
                            }
                        }
                        let expected = sum + (layer.bias?.value.pointer[f] ?? 0)
                        let got = output.pointer[((s * c.filters + f) * outHeight + y) * outWidth + x]
                        if got.bitPattern != expected.bitPattern { differing += 1 }
                    }
                }
            }
        }
        #expect(differing == 0, "\(differing) of \(output.count) outputs differ")
        #expect(output.count == batch * c.filters * outHeight * outWidth)
    }

    static let gradientCases = [
        Case(channels: 10, height: 14, width: 14, filters: 10, kernelHeight: 3, kernelWidth: 3, padding: .same, bias: false),
        Case(channels: 20, height: 9, width: 33, filters: 7, kernelHeight: 5, kernelWidth: 5, padding: .same, bias: true),
        Case(channels: 10, height: 7, width: 13, filters: 10, kernelHeight: 2, kernelWidth: 3, padding: .valid, bias: false),
        Case(channels: 10, height: 28, width: 28, filters: 3, kernelHeight: 3, kernelWidth: 3, padding: .same, bias: false),
        Case(channels: 10, height: 6, width: 17, filters: 12, kernelHeight: 3, kernelWidth: 1, padding: .valid, bias: true),
    ]

    @Test(arguments: gradientCases)
    func everyInputGradientSumsTheLoweredPathsChains(_ c: Case) throws {
        let layer = Conv2D(
            filters: c.filters, kernelSize: (c.kernelHeight, c.kernelWidth), padding: c.padding, useBias: c.bias)
        var rng = SeededRandom(seed: UInt64(c.channels * 100 + c.width))
        try layer.build(inputShape: [c.channels, c.height, c.width], rng: &rng)
        guard layer.differentiatesInputDirectly else { return }  // the lowered path here: nothing to compare
        let geometry = try #require(layer.geometry)
        let batch = 9  // two workers, several chunks each, a short last chunk
        let input = Tensor(shape: [batch, c.channels, c.height, c.width])
        for i in 0..<input.count { input.pointer[i] = rng.nextUnit() * 2 - 1 }
        let output = layer.forward(input, mode: .training)
        let (outHeight, outWidth) = (geometry.outputHeight, geometry.outputWidth)
        let gradient = Tensor(shape: output.shape)
        // Zeros, values of both signs and sizes far apart, so that a chain in another order or a
        // tap added twice changes bits.
        for i in 0..<gradient.count {
            gradient.pointer[i] = i % 7 == 0 ? 0 : (rng.nextUnit() * 2 - 1) * (i % 5 == 0 ? 1000 : 1)
        }
        let inputGradient = try #require(layer.backward(preActivationGradient: gradient, needsInputGradient: true))
        let kernel = try #require(layer.kernel).value.pointer
        var differing = 0
        for s in 0..<batch {
            for channel in 0..<c.channels {
                for y in 0..<c.height {
                    for x in 0..<c.width {
                        var sum: Float = 0
                        for ky in 0..<c.kernelHeight {
                            for kx in 0..<c.kernelWidth {
                                let (row, column) = (y + geometry.padTop - ky, x + geometry.padLeft - kx)
                                guard (0..<outHeight).contains(row), (0..<outWidth).contains(column) else { continue }
                                var chain: Float = 0
                                let k = (ky * c.kernelWidth + kx) * c.channels + channel
                                for f in 0..<c.filters {
                                    let g = gradient.pointer[((s * c.filters + f) * outHeight + row) * outWidth + column]
                                    chain = chain.addingProduct(kernel[k * c.filters + f], g)  // one rounding
                                }
                                sum += chain
                            }
                        }
                        let got = inputGradient.pointer[((s * c.channels + channel) * c.height + y) * c.width + x]
                        if got.bitPattern != sum.bitPattern { differing += 1 }
                    }
                }
            }
        }
        #expect(differing == 0, "\(differing) of \(inputGradient.count) input gradients differ")
        #expect(inputGradient.count == input.count)
    }

    /// The direct kernel gradient sums in an order of its own: each entry against the exact sum
    /// (in Double), to within float32 rounding of the sum of its terms' magnitudes. A tap read one
    /// position off, a sample or a tail of a run left out, or a chunk's sums written over the
    /// previous chunk's, is off by whole terms.
    @Test(arguments: cases)
    func everyKernelGradientIsTheSumOfItsProducts(_ c: Case) throws {
        let layer = Conv2D(
            filters: c.filters, kernelSize: (c.kernelHeight, c.kernelWidth), padding: c.padding, useBias: c.bias)
        var rng = SeededRandom(seed: UInt64(c.channels * 10 + c.width))
        try layer.build(inputShape: [c.channels, c.height, c.width], rng: &rng)
        guard layer.differentiatesKernelDirectly else { return }  // the lowered path here: nothing to compare
        let geometry = try #require(layer.geometry)
        let batch = 9  // two workers, several chunks each, a short last chunk
        let inputSize = c.channels * c.height * c.width
        let input = Tensor(shape: [batch, c.channels, c.height, c.width])
        for i in 0..<input.count { input.pointer[i] = rng.nextUnit() * 2 - 1 }
        let output = layer.forward(input, mode: .training)
        let (outHeight, outWidth) = (geometry.outputHeight, geometry.outputWidth)
        let gradient = Tensor(shape: output.shape)
        for i in 0..<gradient.count { gradient.pointer[i] = i % 7 == 0 ? 0 : rng.nextUnit() * 2 - 1 }
        // Twice: the second pass must not build on the first's sums.
        _ = layer.backward(preActivationGradient: gradient, needsInputGradient: false)
        _ = layer.backward(preActivationGradient: gradient, needsInputGradient: false)
        let kernelGradient = try #require(layer.kernel).gradient.pointer
        var wrong: [String] = []
        for ky in 0..<c.kernelHeight {
            for kx in 0..<c.kernelWidth {
                for channel in 0..<c.channels {
                    for f in 0..<c.filters {
                        var (exact, magnitude) = (0.0, 0.0)
                        for s in 0..<batch {
                            for y in 0..<outHeight {
                                for x in 0..<outWidth {
                                    let (row, column) = (y + ky - geometry.padTop, x + kx - geometry.padLeft)
                                    guard (0..<c.height).contains(row), (0..<c.width).contains(column) else { continue }
                                    let value = Double(
                                        input.pointer[s * inputSize + (channel * c.height + row) * c.width + column])
                                    let g = Double(gradient.pointer[((s * c.filters + f) * outHeight + y) * outWidth + x])
                                    exact += value * g
                                    magnitude += abs(value * g)
                                }
                            }
                        }
                        let k = (ky * c.kernelWidth + kx) * c.channels + channel
                        let got = Double(kernelGradient[k * c.filters + f])
                        if abs(got - exact) > 1e-5 * magnitude + 1e-30 {
                            wrong.append("(\(ky),\(kx),\(channel),\(f)): \(got) for \(exact)")
                        }
                    }
                }
            }
        }
        let wrongCount = wrong.count
        #expect(wrongCount == 0, "entries wrong, the first: \(wrong.prefix(3))")
    }
}
