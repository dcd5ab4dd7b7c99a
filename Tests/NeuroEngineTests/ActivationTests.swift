import Foundation
import Testing

@testable import NeuroEngine

@Test(arguments: Activation.allCases)
func activationLayerGradientsMatchFiniteDifferences(activation: Activation) throws {
    let layer = try built(ActivationLayer(activation), on: [6])
    let input = randomTensor([4, 6], seed: 5, low: -2, high: 2)
    // Keep ReLU's inputs off its kink by more than the step.
    for i in 0..<input.count where abs(input[i]) < 0.1 { input[i] += input[i] < 0 ? -0.1 : 0.1 }
    let report = GradientCheck.check(layer, input: input, mode: .training, step: 1e-2)
    #expect(report.passed, "\(report)")
}

@Test func softmaxRowsSumToOne() {
    let values = Tensor(shape: [2, 3], values: [1, 2, 3, -5, 0, 5])
    Activation.softmax.apply(values.pointer, rows: 2, columns: 3)
    #expect(abs(values.array[0..<3].reduce(0, +) - 1) < 1e-6)
    #expect(abs(values.array[3..<6].reduce(0, +) - 1) < 1e-6)
    #expect(values[2] > values[1] && values[1] > values[0])
}

@Test func reluLayerIsExactOutOfPlaceIncludingTheTail() throws {
    // 3·7 = 21 values: two vectors of eight and a scalar tail of five.
    let layer = try built(ActivationLayer(.relu), on: [7])
    let input = randomTensor([3, 7], seed: 8, low: -1, high: 1)
    input[20] = 0
    let before = input.array
    let y = layer.forward(input, mode: .training)
    #expect(y.shape == [3, 7])
    #expect(y.array == before.map { max($0, 0) })
    #expect(input.array == before, "the input is left alone")
    let gradient = randomTensor([3, 7], seed: 9)
    let dx = try #require(layer.backward(gradient, needsInputGradient: true))
    #expect(dx.array == zip(before, gradient.array).map { $0 > 0 ? $1 : 0 })
}

@Test func vectorizedTanhClampsLikeTheReferenceAndTracksLibm() {
    // The clamp at ±7.905 is done by compare and blend; it must give exactly what clamping each
    // value first gives (NaN clamps to the lower bound, as `clamped(lowerBound:upperBound:)` does).
    let bound: Float = 7.905_311_107_635_498
    var inputs: [Float] = [
        0, -0, 1e-5, -3e-4, 0.5, -1, 3, -7.9, 7.905_311, 7.906, -8, 20, -1e30, .infinity, -.infinity,
    ]
    inputs += (0..<100).map { Float($0 - 50) * 0.173 }
    inputs.append(.nan)
    let count = inputs.count  // 116: fourteen vectors and a tail of four
    let values = Tensor(shape: [count], values: inputs)
    Vectorized.tanh(values.pointer, count: count)
    let clampedInputs = inputs.map { x -> Float in x.isNaN ? -bound : min(max(x, -bound), bound) }
    let reference = Tensor(shape: [count], values: clampedInputs)
    Vectorized.tanh(reference.pointer, count: count)
    for i in 0..<count {
        let x = inputs[i]
        if abs(x) < 0.0004 {
            #expect(values[i].bitPattern == x.bitPattern, "tanh(\(x)) keeps tiny inputs, sign of zero included")
        } else {
            #expect(values[i] == reference[i], "tanh(\(x)): \(values[i]) vs clamped first \(reference[i])")
        }
        if !x.isNaN { #expect(abs(values[i] - Foundation.tanh(x)) < 2e-6, "tanh(\(x)) = \(values[i])") }
    }
    #expect(values[count - 1] == reference[count - 1] && values[count - 1] < -0.99)
}

@Test func tanhOnAVX512GivesThePortableLanesBitForBit() {
    guard Vectorized.hasAVX512 else { return }  // one code path here: nothing to compare
    // -9 to 9 in steps of 1e-4 (the clamp at ±7.905 inside), tiny inputs of both signs down to
    // denormals, zeros, NaN, infinities; 180,066 lanes, so the scalar tail is exercised too.
    var inputs: [Float] = [
        0, -0, .nan, .infinity, -.infinity, 0.0004, -0.0004, Float(0.0004).nextDown, 7.905_311, -7.905_311,
    ]
    inputs += stride(from: Float(-9), to: 9, by: 1e-4)
    for exponent in -140...0 { inputs += [1.7 * Float.pow2(exponent), -1.3 * Float.pow2(exponent)] }
    let count = inputs.count
    let fast = Tensor(shape: [count], values: inputs)
    let portable = Tensor(shape: [count], values: inputs)
    Vectorized.tanh(fast.pointer, count: count)
    Vectorized.portableTanh(portable.pointer, count: count)
    var differing = 0
    for i in 0..<count where fast[i].bitPattern != portable[i].bitPattern { differing += 1 }
    #expect(count % 16 != 0 && count > 180_000)
    #expect(differing == 0, "\(differing) of \(count) lanes differ")
}

extension Float {
    fileprivate static func pow2(_ exponent: Int) -> Float { Float(sign: .plus, exponent: exponent, significand: 1) }
}
