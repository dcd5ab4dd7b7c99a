import Datasets
import Experiments
import Foundation
import Testing
import Training

@testable import Dashboard

/// The drawing canvas against a model trained on real MNIST, through the dashboard's keys.
struct CanvasDrawingTests {
    /// `d`, the cursor up to row 4, then space and down twenty times: a vertical stroke.
    static let verticalStroke: [Key] =
        [.character("d")] + Array(repeating: .up, count: 10)
        + (0..<20).flatMap { _ in [Key.character(" "), .down] }

    @Test func verticalStrokeReadsAsOneForATrainedReluMLP() throws {
        let mnist = try DatasetCatalog.load(name: "mnist", directory: nil)
        let slice = Dataset(name: "mnist", train: mnist.train.prefix(6000), test: mnist.test.prefix(500))
        let controller = DashboardController(
            entries: [ConfigEntry(identifier: "mlp-relu-1", name: "ReLU 100-10", group: "MLP")], initial: "mlp-relu-1",
            options: .headless
        ) { identifier in try ConfigLoader.load(identifier).makePlan(data: slice, epochs: 1) }
        try controller.start()
        let deadline = Date().addingTimeInterval(120)
        while ![.finished, .failed].contains(controller.model.state.runState), Date() < deadline {
            controller.pump()
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(controller.model.state.runState == .finished)
        for key in Self.verticalStroke { controller.press(key) }
        #expect(controller.model.canvasReading == nil, "read at the next pump, once for all the keys")
        controller.pump()
        let canvas = try #require(controller.model.canvas)
        #expect(!canvas.isBlank)
        let reading = try #require(controller.model.canvasReading)
        guard case .probabilities(let values) = reading else {
            Issue.record("expected class probabilities, got \(reading)")
            return
        }
        #expect(values.count == 10)
        #expect(reading.mostProbable == 1, "probabilities \(values)")
        controller.press(.character("x"))
        controller.pump()
        #expect(controller.model.canvas?.isBlank == true)
        #expect(controller.model.canvasReading == nil)
        controller.press(.escape)
        #expect(controller.model.canvas == nil)
    }

    @Test func canvasKeysMoveAndInkOnlyWhileOpen() {
        var model = DashboardModel(entries: [], current: "mlp-relu-1")
        #expect(model.handle(.character("d")) == [.toggleCanvas])
        model.perform(.toggleCanvas)
        #expect(model.handle(.left) == [.moveCanvasCursor(rows: 0, columns: -1)])
        #expect(model.handle(.character(" ")) == [.paintCanvas])
        #expect(model.handle(.character("x")) == [.clearCanvas])
        #expect(model.handle(.character("d")) == [.toggleCanvas])
        model.perform(.moveCanvasCursor(rows: -100, columns: 100))
        #expect(model.canvas?.cursorRow == 0)
        #expect(model.canvas?.cursorColumn == DigitCanvas.side - 1)
        model.perform(.paintCanvas)
        #expect(model.canvas?.pixels[DigitCanvas.side - 1] == 1)
    }
}
