import Testing

@testable import NeuroEngine

/// Finite-difference gradient checks: the analytic gradients of a layer or a model against central
/// differences of the same computation.
///
/// For a layer the loss is a fixed random linear functional of the output, L = Σ rᵢ·yᵢ, so every
/// output element takes part and dL/dy = r is what the backward pass receives. Each input element
/// and each element of every learnable parameter is nudged by ±step; the difference quotient uses
/// the step actually taken in Float and a loss summed in Double.
enum GradientCheck {
    /// One element whose analytic and numeric derivatives disagree.
    struct Mismatch: CustomStringConvertible {
        var tensor: String
        var index: Int
        var analytic: Double
        var numeric: Double
        var relativeError: Double
        var description: String {
            "\(tensor)[\(index)]: analytic \(analytic), numeric \(numeric), relative error \(relativeError)"
        }
    }

    /// The outcome of a check: the worst relative error seen and every element over the tolerance.
    struct Report: CustomStringConvertible {
        var checked = 0
        var worst = 0.0
        var mismatches: [Mismatch] = []
        var passed: Bool { mismatches.isEmpty && checked > 0 }
        var description: String {
            "\(checked) derivatives, worst relative error \(worst)"
                + (mismatches.isEmpty ? "" : "; " + mismatches.prefix(5).map(\.description).joined(separator: "; "))
        }

        /// |a - n| / max(|a|, |n|, floor): relative, except that derivatives smaller than `floor`
        /// are compared absolutely, since Float rounding swamps their difference quotients.
        mutating func compare(
            _ tensor: String, _ index: Int, analytic: Double, numeric: Double, tolerance: Double, floor: Double
        ) {
            let error = abs(analytic - numeric) / max(abs(analytic), abs(numeric), floor)
            checked += 1
            worst = max(worst, error)
            if error > tolerance {
                mismatches.append(
                    Mismatch(tensor: tensor, index: index, analytic: analytic, numeric: numeric, relativeError: error))
            }
        }
    }

    /// Checks a built layer's input gradient and learnable parameter gradients at `input`.
    ///
    /// - Parameter prepare: runs before every forward pass (to reset state a forward pass may
    ///   change, or to fix a dropout mask).
    static func check(
        _ layer: any Layer, input: Tensor, mode: Mode, step: Float = 1e-2, tolerance: Double = 1e-2,
        floor: Double = 1e-2, seed: UInt64 = 99
    ) -> Report {
        let firstOutput = layer.forward(input, mode: mode)
        var rng = SeededRandom(seed: seed)
        let weights = Tensor(shape: firstOutput.shape)
        for i in 0..<weights.count { weights[i] = rng.uniform(-1, 1) }
        func loss() -> Double {
            let y = layer.forward(input, mode: mode)
            var total = 0.0
            for i in 0..<y.count { total += Double(weights[i]) * Double(y[i]) }
            return total
        }
        // Analytic: one forward (again, so the layer's cached state is for this exact input) and
        // one backward of r.
        _ = layer.forward(input, mode: mode)
        let inputGradient = layer.backward(weights, needsInputGradient: true)?.array ?? []
        let learnable = layer.parameters.filter(\.isLearnable)
        let parameterGradients = learnable.map(\.gradient.array)

        var report = Report()
        #expect(inputGradient.count == input.count, "\(layer.name) returned no input gradient")
        for (index, analytic) in inputGradient.enumerated() {
            let numeric = difference(of: loss, nudging: input.pointer + index, step: step)
            report.compare(
                "input", index, analytic: Double(analytic), numeric: numeric, tolerance: tolerance, floor: floor)
        }
        for (parameter, gradient) in zip(learnable, parameterGradients) {
            for (index, analytic) in gradient.enumerated() {
                let numeric = difference(of: loss, nudging: parameter.value.pointer + index, step: step)
                report.compare(
                    parameter.name, index, analytic: Double(analytic), numeric: numeric, tolerance: tolerance,
                    floor: floor)
            }
        }
        return report
    }

    /// Checks every learnable parameter gradient `Sequential.computeGradients` fills (all layers,
    /// the loss's own path including the fused softmax one) against differences of the loss.
    static func check(
        _ model: Sequential, input: Tensor, target: Tensor, loss: Loss, mode: Mode = .training,
        step: Float = 1e-2, tolerance: Double = 1e-2, floor: Double = 1e-2
    ) -> Report {
        model.computeGradients(input: input, target: target, loss: loss, mode: mode, allLayers: true)
        let learnable = model.layers.flatMap { layer in
            layer.parameters.filter(\.isLearnable).map { (name: "\(layer.name).\($0.name)", parameter: $0) }
        }
        let gradients = learnable.map(\.parameter.gradient.array)
        func value() -> Double {
            Double(loss.value(prediction: model.forward(input, mode: mode), target: target))
        }
        var report = Report()
        for ((name, parameter), gradient) in zip(learnable, gradients) {
            for (index, analytic) in gradient.enumerated() {
                let numeric = difference(of: value, nudging: parameter.value.pointer + index, step: step)
                report.compare(
                    name, index, analytic: Double(analytic), numeric: numeric, tolerance: tolerance, floor: floor)
            }
        }
        return report
    }

    /// Checks a loss's gradient with respect to the prediction.
    static func check(
        _ loss: Loss, prediction: Tensor, target: Tensor, step: Float = 1e-3, tolerance: Double = 1e-2,
        floor: Double = 1e-3
    ) -> Report {
        let gradient = Tensor(shape: [0])
        loss.gradient(prediction: prediction, target: target, into: gradient)
        let analytic = gradient.array
        func value() -> Double { Double(loss.value(prediction: prediction, target: target)) }
        var report = Report()
        for (index, a) in analytic.enumerated() {
            let numeric = difference(of: value, nudging: prediction.pointer + index, step: step)
            report.compare(
                "prediction", index, analytic: Double(a), numeric: numeric, tolerance: tolerance, floor: floor)
        }
        return report
    }

    /// The central difference of `f` in the element at `element`, which is restored afterwards.
    private static func difference(
        of f: () -> Double, nudging element: UnsafeMutablePointer<Float>, step: Float
    ) -> Double {
        let original = element.pointee
        let up = original + step
        let down = original - step
        element.pointee = up
        let above = f()
        element.pointee = down
        let below = f()
        element.pointee = original
        return (above - below) / (Double(up) - Double(down))
    }
}

/// A tensor of uniform random values in [low, high).
func randomTensor(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1) -> Tensor {
    var rng = SeededRandom(seed: seed)
    let tensor = Tensor(shape: shape)
    for i in 0..<tensor.count { tensor[i] = rng.uniform(low, high) }
    return tensor
}

/// Builds a layer alone on a per-sample input shape.
func built<L: Layer>(_ layer: L, on shape: [Int], seed: UInt64 = 1) throws -> L {
    var rng = SeededRandom(seed: seed)
    try layer.build(inputShape: shape, rng: &rng)
    return layer
}
