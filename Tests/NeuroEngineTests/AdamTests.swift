import Foundation
import Testing

@testable import NeuroEngine

@Test func adamFirstStepMatchesAHandComputation() {
    // Step 1 with Keras defaults: m = 0.1·g, v = 0.001·g², alpha = 0.001·sqrt(0.001)/0.1, so
    // Δ = alpha·m/(sqrt(v) + ε) = 0.001·sign(g) / (1 + ε/(sqrt(0.001)·|g|)).
    // For g = 0.5: ε/(0.0316228·0.5) = 6.3246e-6, Δ = 0.00099999368.
    let parameter = Parameter(name: "kernel", shape: [2])
    parameter.value[0] = 1
    parameter.value[1] = -2
    parameter.gradient[0] = 0.5
    parameter.gradient[1] = -0.1
    let adam = Adam()
    _ = adam.step([parameter], measureUpdateRatio: false)
    #expect(abs(Double(parameter.value[0]) - (1 - 0.000_999_993_68)) < 1e-7)
    // g = -0.1: ε/(0.0316228·0.1) = 3.1623e-5, Δ = -0.00099996838.
    #expect(abs(Double(parameter.value[1]) - (-2 + 0.000_999_968_38)) < 1e-7)
    #expect(adam.iterations == 1)
}

@Test func adamFollowsTheKerasFormulaOverSteps() {
    let parameter = Parameter(name: "kernel", shape: [3])
    let gradients: [[Float]] = [[0.3, -0.2, 0], [0.1, 0.4, -0.05], [-0.2, 0.1, 0.02]]
    var w: [Double] = [0.5, -0.5, 0.1]
    var m = [0.0, 0, 0]
    var v = [0.0, 0, 0]
    for i in 0..<3 { parameter.value[i] = Float(w[i]) }
    let adam = Adam(learningRate: 0.01)
    var beta1Power = 1.0
    var beta2Power = 1.0
    for g in gradients {
        for i in 0..<3 { parameter.gradient[i] = g[i] }
        _ = adam.step([parameter], measureUpdateRatio: false)
        // Keras 3: lr_t = lr·sqrt(1 - β2^t)/(1 - β1^t); w -= lr_t·m/(sqrt(v) + ε).
        beta1Power *= 0.9
        beta2Power *= 0.999
        let rate = 0.01 * (1 - beta2Power).squareRoot() / (1 - beta1Power)
        for i in 0..<3 {
            m[i] = 0.9 * m[i] + 0.1 * Double(g[i])
            v[i] = 0.999 * v[i] + 0.001 * Double(g[i]) * Double(g[i])
            w[i] -= rate * m[i] / (v[i].squareRoot() + 1e-7)
        }
    }
    for i in 0..<3 { #expect(abs(Double(parameter.value[i]) - w[i]) < 1e-6) }
}

/// Whatever path runs the update (sixteen lanes on AVX-512, eight, one by one; on both cores for a
/// large kernel), each weight gets exactly what Keras's formula gives in float32, operation by
/// operation: no fused multiply-add, no reordering.
@Test(arguments: [[784, 100], [1027], [15]])
func adamGivesTheScalarFormulaBitForBitOnEveryPath(shape: [Int]) {
    let parameter = Parameter(name: "kernel", shape: shape)
    let count = parameter.value.count
    let start = randomTensor([count], seed: 21)
    parameter.value.copy(from: start)
    var w = (0..<count).map { start[$0] }
    var m = [Float](repeating: 0, count: count)
    var v = [Float](repeating: 0, count: count)
    let adam = Adam(learningRate: 0.003)
    for step in 1...3 {
        let gradient = randomTensor([count], seed: UInt64(30 + step))
        parameter.gradient.copy(from: gradient)
        _ = adam.step([parameter], measureUpdateRatio: false)
        let t = Double(step)
        // As Adam computes it: in double precision from the float32 settings.
        let (rate, beta1, beta2) = (Double(Float(0.003)), Double(Float(0.9)), Double(Float(0.999)))
        let alpha = Float(rate * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t)))
        let (b1, b2, epsilon): (Float, Float, Float) = (1 - 0.9, 1 - 0.999, 1e-7)
        for i in 0..<count {
            let g = gradient[i]
            m[i] += (g - m[i]) * b1
            v[i] += (g * g - v[i]) * b2
            w[i] -= alpha * m[i] / (v[i].squareRoot() + epsilon)
        }
        let differing = (0..<count).filter { parameter.value[$0].bitPattern != w[$0].bitPattern }.count
        #expect(differing == 0, "step \(step): \(differing) of \(count) weights differ")
    }
}
