import NeuroEngine
import Testing

@testable import Training

/// The gradient table as `neurotop grads` prints it.
@Suite struct GradientTableFormatterTests {
    static let rows = [
        KernelGradient(
            layerIndex: 0, layerName: "dense", layerKind: "Dense", kernelShape: [784, 100], meanAbsGradient: 0.0052),
        KernelGradient(
            layerIndex: 1, layerName: "dense_1", layerKind: "Dense", kernelShape: [100, 100], meanAbsGradient: 0.013),
        KernelGradient(
            layerIndex: 2, layerName: "dense_2", layerKind: "Dense", kernelShape: [100, 10], meanAbsGradient: 0.026),
    ]

    @Test func oneRowPerKernelWithABarProportionalToItsFigure() {
        let table = GradientTableFormatter.table(Self.rows, barWidth: 10)
        #expect(
            table.split(separator: "\n").map(String.init) == [
                " layer (type)     kernel     mean |dL/dW|",
                " dense (Dense)    784x100        0.005200  ██",
                " dense_1 (Dense)  100x100        0.013000  █████",
                " dense_2 (Dense)  100x10         0.026000  ██████████",
            ])
    }

    @Test func barsUseEighthsAndNeverHideASmallNonZeroFigure() {
        #expect(GradientTableFormatter.bar(1, of: 1, width: 4) == "████")
        #expect(GradientTableFormatter.bar(0.5625, of: 1, width: 2) == "█▏")
        #expect(GradientTableFormatter.bar(1e-9, of: 1, width: 30) == "▏")
        #expect(GradientTableFormatter.bar(0, of: 1, width: 30) == "")
        #expect(GradientTableFormatter.bar(.nan, of: 1, width: 30) == "")
        #expect(GradientTableFormatter.bar(1, of: 0, width: 30) == "")
    }

    @Test func figuresReadLikeTheArticlesAndTinyOnesStayVisible() {
        #expect(GradientTableFormatter.figure(0.0052303853) == "0.005230")
        #expect(GradientTableFormatter.figure(3.2e-7) == "3.20e-07")
        #expect(GradientTableFormatter.figure(0) == "0.000000")
    }
}
