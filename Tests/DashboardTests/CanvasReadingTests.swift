import Experiments
import NeuroEngine
import Testing
import Training

@testable import Dashboard

/// The drawing read by every kind of model: flat MLP input, CNN image input, autoencoder.
struct CanvasReadingTests {
    static func drawing() -> [Float] {
        var canvas = DigitCanvas()
        for _ in 0..<10 {
            canvas.paint()
            canvas.move(rows: 1, columns: 0)
        }
        return canvas.modelInput
    }

    static func firstModel(_ identifier: String) throws -> Sequential {
        let plan = try ConfigLoader.load(identifier).makePlan(data: SyntheticDigits.dataset())
        return try #require(plan.stages.first?.model)
    }

    @Test(arguments: ["mlp-relu-1", "cnn-mp-conv"])
    func classifiersGiveTenProbabilities(identifier: String) throws {
        let reading = CanvasReading.read(Self.drawing(), with: try Self.firstModel(identifier))
        guard case .probabilities(let values) = reading else {
            Issue.record("\(identifier): expected probabilities, got \(reading)")
            return
        }
        #expect(values.count == 10)
        #expect(abs(values.reduce(0, +) - 1) < 1e-3)
    }

    @Test func autoencoderGivesItsReconstruction() throws {
        let reading = CanvasReading.read(Self.drawing(), with: try Self.firstModel("ae-denoise"))
        guard case .reconstruction(let values) = reading else {
            Issue.record("expected a reconstruction, got \(reading)")
            return
        }
        #expect(values.count == DigitPreprocessing.side * DigitPreprocessing.side)
    }
}
