import Dashboard
import NeuroEngine
import Testing
import Training

/// A forked run on screen: both branches' curves, the split layer table and the fork panel.
struct ForkSnapshotTests {
    /// The recorded MLP forked at step 1,000 (in epoch 2) with its first layer frozen in branch
    /// B, both branches trained on to step 2,100 (through the end of epoch 2).
    static func forkedModel() -> DashboardModel {
        let forkStep = 1_000
        var model = DashboardSnapshotTests.model(RecordedRuns.mlp(steps: forkStep))
        let view = ForkView(original: "mlp-tanh-2", stage: 0, epoch: 1, globalStep: forkStep)
        model.perform(.forkStarted(view))
        model.perform(.changeTwin(.toggleFreeze(layer: 0)))
        var frozen = RecordedRuns.mlpLayers
        frozen[0].trainable = false
        frozen[0].trainableParameterCount = 0
        let twinStart: [TrainingEvent] = [
            .started(
                RunInfo(
                    name: "Tanh 100-100-10", identifier: "mlp-tanh-2", datasetName: "mnist", trainCount: 60_000,
                    testCount: 10_000, stageCount: 1, referenceAccuracy: 0.974)),
            .stageStarted(RecordedRuns.stage(layers: RecordedRuns.mlpLayers, epochs: 5, reportsAccuracy: true)),
            .layersChanged(frozen),
        ]
        for event in twinStart { model.apply(event, to: view.twin) }
        let after = { (events: [TrainingEvent]) in events.filter { Self.isAfter(forkStep, $0) } }
        for event in after(
            RecordedRuns.training(
                steps: 2_100, layers: RecordedRuns.mlpLayers, epochs: 5, base: [2.1e-4, 6.3e-4, 3.2e-3]))
        {
            model.apply(event, to: view.original)
        }
        let twinEvents = RecordedRuns.training(
            steps: 2_100, layers: frozen, epochs: 5, base: [0, 7.1e-4, 3.5e-3], lossScale: 1.18, seed: 9)
        for event in after(twinEvents) {
            // The frozen branch validates a little lower.
            guard case .epochEnded(var summary) = event else {
                model.apply(event, to: view.twin)
                continue
            }
            summary.validationAccuracy = summary.validationAccuracy.map { $0 - 0.0042 }
            model.apply(.epochEnded(summary), to: view.twin)
        }
        return model
    }

    /// Whether a recorded event comes after step `step` (the fork), so a branch replays only that.
    static func isAfter(_ step: Int, _ event: TrainingEvent) -> Bool {
        switch event {
        case .batchEnded(let progress): progress.globalStep > step
        case .gradients(let snapshot): snapshot.globalStep > step
        case .epochEnded(let summary): (summary.epoch + 1) * summary.stepsPerEpoch > step
        case .samples: false
        default: true
        }
    }

    @Test func forkedRunAt80x24() {
        Snapshot.check(
            DashboardSnapshotTests.screen(Self.forkedModel(), 80, 24, DashboardSnapshotTests.color8),
            named: "fork-80x24")
    }

    @Test func forkedRunAt120x40() {
        Snapshot.check(
            DashboardSnapshotTests.screen(Self.forkedModel(), 120, 40, DashboardSnapshotTests.color256),
            named: "fork-120x40")
    }

    @Test func forkChoiceAt80x24() {
        var model = DashboardSnapshotTests.model(RecordedRuns.mlp(steps: 500))
        model.perform(.forkStarted(ForkView(original: "mlp-tanh-2", stage: 0, epoch: 0, globalStep: 500)))
        Snapshot.check(
            DashboardSnapshotTests.screen(model, 80, 24, DashboardSnapshotTests.color8), named: "fork-choice-80x24")
    }

    @Test func theForkPanelGivesEachEpochsValidationInBothBranchesAndTheirDifference() {
        let model = Self.forkedModel()
        let twin = model.runs["mlp-tanh-2 (fork)"]
        let a = model.state.epochs.first { $0.epoch == 1 }?.validationAccuracy
        let b = twin?.epochs.first { $0.epoch == 1 }?.validationAccuracy
        #expect(a != nil && b != nil && a != b)
        // Before the fork the branches share their history.
        #expect(twin?.epochs.first { $0.epoch == 0 } == model.state.epochs.first { $0.epoch == 0 })
        let text = DashboardSnapshotTests.screen(model, 120, 40, DashboardSnapshotTests.color256).plainText
        if let a, let b {
            let difference = (b - a) * 100
            let expected = (difference > 0 ? "+" : "") + String(format: "%.2f", difference)
            #expect(text.contains(expected))
        }
        #expect(text.contains("B dense frozen"))
        #expect(text.contains("frozen"))
    }
}
