import Testing

@testable import NeuroEngine

/// A deliberately wrong layer: y = 2x, but its backward pass claims dy/dx = 2·(1 + error).
private final class MiscalculatedDoubling: Layer {
    var name = "miscalculated"
    let kind = "Miscalculated"
    var trainable = true
    let parameters: [Parameter] = []
    var outputShape: [Int] = []
    let error: Float
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    init(error: Float) { self.error = error }

    func replica() -> any Layer { MiscalculatedDoubling(error: error) }

    func build(inputShape: [Int], rng: inout SeededRandom) throws(ModelError) { outputShape = inputShape }

    func forward(_ input: Tensor, mode: Mode) -> Tensor {
        output.copy(from: input)
        for i in 0..<output.count { output[i] *= 2 }
        return output
    }

    func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        inputGradient.copy(from: outputGradient)
        for i in 0..<inputGradient.count { inputGradient[i] *= 2 * (1 + error) }
        return inputGradient
    }
}

@Test func gradientCheckAcceptsACorrectGradient() throws {
    let layer = try built(MiscalculatedDoubling(error: 0), on: [6])
    let report = GradientCheck.check(layer, input: randomTensor([3, 6], seed: 1), mode: .training)
    #expect(report.passed, "\(report)")
    #expect(report.checked == 18)
}

@Test func gradientCheckCatchesAGradientOffByThreePercent() throws {
    let layer = try built(MiscalculatedDoubling(error: 0.03), on: [6])
    let report = GradientCheck.check(layer, input: randomTensor([3, 6], seed: 1), mode: .training)
    #expect(!report.passed)
    #expect(report.mismatches.count == 18)
}
