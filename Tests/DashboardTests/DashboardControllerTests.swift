import Dashboard
import Foundation
import NeuroEngine
import Testing

@testable import Training

/// The dashboard driving real trainers on synthetic data, through the same path as the keys.
@Suite(.serialized)
struct DashboardControllerTests {
    static let entries = [
        ConfigEntry(identifier: "mlp-test", name: "Test MLP", group: "MLP"),
        ConfigEntry(identifier: "relu-test", name: "Test ReLU", group: "CNN"),
    ]

    static func controller() -> DashboardController {
        DashboardController(entries: entries, initial: "mlp-test") { identifier in
            identifier == "relu-test"
                ? try TestPlans.relu(identifier: identifier, epochs: 100_000)
                : try TestPlans.mlp(identifier: identifier, epochs: 100_000)
        }
    }

    /// Pumps events until `condition` holds, for at most `seconds`.
    static func wait(
        _ controller: DashboardController, seconds: Double = 60, until condition: (DashboardController) -> Bool
    ) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            controller.pump()
            if condition(controller) { return true }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return false
    }

    /// Every weight of layer `index` of the trainer's current model, as bit patterns.
    static func weights(_ trainer: Trainer, layer index: Int) -> [[UInt32]] {
        trainer.queue.sync { weights(trainer.run, layer: index) }
    }

    /// The trainer's own global step with the weights, read at one moment between two batches.
    static func stepAndWeights(_ trainer: Trainer, layers: [Int]) -> (step: Int, weights: [[[UInt32]]]) {
        trainer.queue.sync { (trainer.run.globalStep, layers.map { weights(trainer.run, layer: $0) }) }
    }

    /// The same, read on the trainer's queue.
    static func weights(_ run: TrainerRun, layer index: Int) -> [[UInt32]] {
        run.currentStage.model.layers[index].parameters.map { parameter in
            (0..<parameter.value.count).map { parameter.value.pointer[$0].bitPattern }
        }
    }

    @Test func aTourStepShowsItsConfigAndMeasuresTheFreshModelsGradients() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        func step(_ id: String, _ config: String, _ measure: TourStep.Measure) -> TourStep {
            TourStep(
                id: id, config: config, title: id, text: "", look: "", suggestion: "", article: "0.01",
                measure: measure, panel: .layers, key: "p")
        }
        let steps = [step("accuracy", "mlp-test", .testAccuracy), step("gradient", "relu-test", .firstKernelGradient)]
        controller.startTour(TourGuide(steps: steps, labels: TourFixtures.thaiLabels))
        #expect(controller.model.tour?.measured.isEmpty == true)
        #expect(controller.press(.right))
        #expect(controller.model.tour?.index == 1)
        #expect(controller.model.current == "relu-test")
        // The figure is the study of a model as it starts, whatever the run has done since.
        let plan = try TestPlans.relu(identifier: "relu-test", epochs: 100_000)
        let stage = try #require(plan.stages.last)
        let fresh = GradientStudy.measure(stage.model, loss: stage.loss, data: plan.data, samples: 5)
        let expected = try #require(TourFigure.gradient(fresh, measure: .firstKernelGradient))
        #expect(controller.model.tour?.measured["gradient"] == expected)
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 3 })
        // Leaving the tour keeps the run training on screen.
        #expect(controller.press(.character("x")))
        #expect(controller.model.tour == nil)
        #expect(controller.model.current == "relu-test")
        let step = controller.model.state.globalStep
        #expect(Self.wait(controller) { $0.model.state.globalStep >= step + 3 })
    }

    @Test func frozenLayerWeightsStayBitIdenticalFor100Batches() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 5 })
        let trainer = try #require(controller.trainer)

        controller.press(.down)
        controller.press(.up)
        #expect(controller.model.state.selectedLayer == 0)
        #expect(controller.model.handle(.character(" ")) == [.trainer(.toggleTrainable(layer: 0))])
        controller.press(.character(" "))

        // The freeze is queued before this read, so the weights read are the frozen ones. The
        // step is the trainer's own at the read: the screen's may lag it by a slice of batches
        // not yet pumped, and counting from there could end the wait before any batch after it.
        // Both layers and the step in one read: between two reads a slice of batches may run.
        let (start, read) = Self.stepAndWeights(trainer, layers: [0, 1])
        let (frozen, otherBefore) = (read[0], read[1])
        #expect(Self.wait(controller) { $0.model.state.globalStep >= start + 100 })
        controller.press(.character("p"))
        #expect(Self.wait(controller) { $0.model.state.runState == .paused })

        #expect(Self.weights(trainer, layer: 0) == frozen)
        #expect(Self.weights(trainer, layer: 1) != otherBefore)
        #expect(controller.model.state.layers[0].summary.trainable == false)
        var screen = ScreenBuffer(width: 120, height: 40)
        controller.model.render(into: &screen, theme: Theme(palette: .ansi8, unicode: true))
        let row = try #require((0..<40).map(screen.line).first { $0.contains("▶ dense ") })
        #expect(row.contains("frozen"))

        // Space again unfreezes: the weights move on the next batches.
        controller.press(.character(" "))
        controller.press(.character("p"))
        let resumed = controller.model.state.globalStep
        #expect(Self.wait(controller) { $0.model.state.globalStep >= resumed + 5 })
        #expect(Self.weights(trainer, layer: 0) != frozen)
    }

    @Test func switchingConfigsPausesAndResumesAtTheSameStep() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 20 })
        let mlp = try #require(controller.trainer)

        controller.press(.tab)
        controller.press(.down)
        controller.press(.enter)
        #expect(controller.model.current == "relu-test")
        #expect(Self.wait(controller) { $0.model.runs["mlp-test"]?.runState == .paused })
        let pausedAt = try #require(controller.model.runs["mlp-test"]?.globalStep)
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 20 })
        #expect(controller.model.runs["mlp-test"]?.globalStep == pausedAt)

        controller.press(.character("c"))
        controller.press(.up)
        controller.press(.enter)
        #expect(controller.model.current == "mlp-test")
        #expect(controller.trainer === mlp)
        #expect(Self.wait(controller) { $0.model.runs["relu-test"]?.runState == .paused })
        let firstSteps = controller.model.state.losses.steps.filter { $0 > pausedAt }
        #expect(Self.wait(controller) { $0.model.state.globalStep > pausedAt + 3 })
        let after = controller.model.state.losses.steps.filter { $0 > pausedAt }
        #expect(firstSteps.isEmpty || firstSteps.first == pausedAt + 1)
        #expect(after.first == pausedAt + 1)
    }

    @Test func restartTrainsAFreshModel() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 30 })
        let old = try #require(controller.trainer)
        controller.press(.character("r"))
        let fresh = try #require(controller.trainer)
        #expect(fresh !== old)
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 1 })
        #expect(old.currentState == .stopped)
    }

    /// Held down (or pasted), r comes faster than a run restarts: the presses read before the
    /// next frame are one restart, so the screen and q answer at once instead of after a restart
    /// (and a recorded run) for every press.
    @Test func restartsAskedBeforeTheNextFrameAreOne() throws {
        let plans = PlanCount()
        let controller = DashboardController(entries: Self.entries, initial: "mlp-test") { identifier in
            plans.made += 1
            return try TestPlans.mlp(identifier: identifier, epochs: 100_000)
        }
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 1 })
        for _ in 0..<20 { controller.press(.character("r")) }
        #expect(plans.made == 2)
        controller.pump()
        controller.press(.character("r"))
        #expect(plans.made == 3)
    }

    /// f held down (or pasted) forks and drops the fork in turn, each fork a trainer and a
    /// recorded run: a fork is begun once before the next frame, the other presses are dropped.
    @Test func forksAskedBeforeTheNextFrameAreOne() throws {
        let plans = PlanCount()
        let controller = DashboardController(entries: Self.entries, initial: "mlp-test") { identifier in
            plans.made += 1
            return try TestPlans.mlp(identifier: identifier, epochs: 100_000)
        }
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 1 })
        for _ in 0..<21 { controller.press(.character("f")) }
        #expect(plans.made == 2)
        #expect(controller.model.fork == nil)
        controller.pump()
        controller.press(.character("f"))
        #expect(plans.made == 3)
        #expect(controller.model.fork != nil)
    }

    /// A restart replaces the trainer: the old one, its model and its buffers must go, or every
    /// press of r keeps a whole run in memory.
    @Test func aRestartedTrainerAndItsModelAreFreed() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 5 })
        weak let oldTrainer = controller.trainer
        weak let oldModel = controller.trainer?.plan.stages.first?.model
        #expect(oldTrainer != nil && oldModel != nil)
        controller.press(.character("r"))
        #expect(Self.wait(controller, seconds: 10) { _ in oldTrainer == nil && oldModel == nil })
    }

    /// Each config keeps its trainer in the one process and the one on screen validates every
    /// few seconds: validating in training-size batches keeps that from needing batch-500
    /// activations on top of what training holds.
    @Test func trainersValidateInTrainingSizeBatches() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        let trainer = try #require(controller.trainer)
        let batch = try #require(trainer.plan.stages.first?.batchSize)
        #expect(batch < TrainingPlan.inferenceBatchSize)
        #expect(trainer.options.evaluationBatchSize == batch)
    }

    /// + and - stop at the limits training takes (1e-30...1e30) and come back from them: no
    /// infinite rate that - cannot halve, no zero that + cannot double.
    @Test func learningRateStaysWithinItsLimitsAndRecovers() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.runState == .running })
        controller.press(.character("p"))
        #expect(Self.wait(controller) { $0.model.state.runState == .paused })
        for _ in 0..<150 { controller.press(.character("+")) }
        #expect(Self.wait(controller, seconds: 10) { $0.model.state.learningRate == 1e30 })
        controller.press(.character("-"))
        #expect(Self.wait(controller, seconds: 10) { $0.model.state.learningRate == 5e29 })
        for _ in 0..<250 { controller.press(.character("-")) }
        #expect(Self.wait(controller, seconds: 10) { $0.model.state.learningRate == 1e-30 })
        controller.press(.character("+"))
        #expect(Self.wait(controller, seconds: 10) { $0.model.state.learningRate == 2e-30 })
        #expect(controller.model.state.runState == .paused)
    }

    @Test func aConfigThatCannotLoadLeavesTheRunAlone() throws {
        let controller = DashboardController(entries: Self.entries, initial: "mlp-test") { identifier in
            guard identifier == "mlp-test" else { throw ModelError.emptyModel }
            return try TestPlans.mlp(identifier: identifier, epochs: 100_000)
        }
        try controller.start()
        defer { controller.stopAll() }
        controller.perform(.switchConfig("relu-test"))
        #expect(controller.model.current == "mlp-test")
        #expect(controller.model.notice?.contains("cannot start relu-test") == true)
        #expect(Self.wait(controller) { $0.model.state.runState == .running })
    }

    @Test func aDivergingRunIsReportedAsAFailure() throws {
        let controller = DashboardController(entries: Self.entries, initial: "mlp-test") { identifier in
            var rng = SeededRandom(seed: 9)
            let model = try Sequential(
                inputShape: [784],
                layers: [
                    Dense(units: 64, activation: .relu), Dense(units: 64, activation: .relu),
                    Dense(units: 10, activation: .softmax),
                ],
                rng: &rng)
            let stage = TrainingStage(
                title: "fit", model: model, loss: .categoricalCrossentropy, optimizer: Adam(learningRate: 1e30),
                epochs: 5,
                batchSize: 16)
            return TrainingPlan(
                name: "Diverging", identifier: identifier, data: SyntheticDigits.dataset(), stages: [stage], seed: 1)
        }
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller, seconds: 30) { $0.failure != nil })
        #expect(controller.failure?.identifier == "mlp-test")
        #expect(controller.failure?.message.contains("NaN") == true)
        #expect(controller.model.state.runState == .failed)
        // The screen stays up; a restart clears the failure, so quitting then is a clean exit.
        #expect(controller.model.failedRuns == ["mlp-test"])
        #expect(controller.press(.character("r")))
        #expect(controller.failure == nil)
        #expect(controller.model.failedRuns.isEmpty)
        #expect(controller.model.state.runState != .failed)
    }
}

/// How many plans a controller's factory made (one per trainer it started).
private final class PlanCount {
    var made = 0
}
