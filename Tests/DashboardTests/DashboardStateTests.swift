import Dashboard
import NeuroEngine
import Testing
import Training

/// How events build the per-run state.
struct DashboardStateTests {
    static func state(_ events: [TrainingEvent]) -> DashboardState {
        var state = DashboardState()
        for event in events { state.apply(event) }
        return state
    }

    @Test func batchesBuildTheSeries() {
        let state = Self.state(RecordedRuns.mlp(steps: 120))
        #expect(state.losses.values.count == 120)
        #expect(state.accuracies.steps.last == 120)
        #expect(state.globalStep == 120)
        #expect(state.runState == .running)
    }

    @Test func epochsAreJournaledWithValidation() {
        let state = Self.state(RecordedRuns.mlp(steps: 938 * 2))
        #expect(state.epochs.count == 2)
        #expect(state.journal.filter { $0.hasPrefix("epoch") }.count == 2)
        #expect(state.journal.first { $0.hasPrefix("epoch 1/5") }?.contains("val_acc") == true)
    }

    @Test func gradientReadingsUseTheKernel() {
        let statistics = [
            ParameterStatistics(
                layerIndex: 0, layerName: "dense", parameterName: "bias", isKernel: false, meanAbsGradient: 9,
                maxAbsGradient: 9, updateRatio: nil),
            ParameterStatistics(
                layerIndex: 0, layerName: "dense", parameterName: "kernel", isKernel: true, meanAbsGradient: 0.5,
                maxAbsGradient: 2, updateRatio: 0.01),
        ]
        let state = Self.state(
            RecordedRuns.mlp(steps: 1) + [.gradients(GradientSnapshot(globalStep: 2, parameters: statistics))])
        #expect(state.layers[0].meanAbsGradient == 0.5)
        #expect(state.layers[0].updateRatio == 0.01)
        // Layers missing from a reading (frozen below every trainable one) show no figures.
        #expect(state.layers[1].meanAbsGradient == nil)
    }

    @Test func layersChangedMarksAFrozenLayerAndKeepsItsHistory() {
        var layers = RecordedRuns.mlpLayers
        layers[1].trainable = false
        let before = Self.state(RecordedRuns.mlp(steps: 400))
        let after = Self.state(RecordedRuns.mlp(steps: 400) + [.layersChanged(layers)])
        #expect(after.layers[1].summary.trainable == false)
        #expect(after.layers[1].history == before.layers[1].history)
    }

    @Test func aNewStageStartsFreshSeries() {
        var info = RecordedRuns.stage(layers: RecordedRuns.mlpLayers, epochs: 2, reportsAccuracy: true)
        info.index = 1
        info.count = 2
        let state = Self.state(RecordedRuns.mlp(steps: 300) + [.stageStarted(info)])
        #expect(state.losses.isEmpty)
        #expect(state.stage?.index == 1)
        #expect(state.journal.last?.contains("stage 2/2") == true)
    }

    @Test func failureIsKept() {
        let state = Self.state(RecordedRuns.mlp(steps: 3) + [.failed("loss is not a number")])
        #expect(state.runState == .failed)
        #expect(state.failure == "loss is not a number")
    }

    @Test func smoothingIsDebiasedExponentialAverage() {
        var series = MetricSeries()
        for (step, value) in [Float(4), 2, 2].enumerated() { series.append(step: step + 1, value: value) }
        let smoothed = series.smoothed(0.5)
        #expect(smoothed[0] == 4)
        #expect(abs(smoothed[1] - (4 * 0.25 + 2 * 0.5) / 0.75) < 1e-5)
        #expect(series.smoothed(0) == [4, 2, 2])
    }

    @Test func columnsAverageStepsIntoBuckets() {
        var series = MetricSeries()
        for step in 1...8 { series.append(step: step, value: Float(step)) }
        #expect(series.columns(4, totalSteps: 8, smoothing: 0) == [1.5, 3.5, 5.5, 7.5])
        // Buckets past the last step stay empty.
        #expect(series.columns(8, totalSteps: 16, smoothing: 0) == [1.5, 3.5, 5.5, 7.5, nil, nil, nil, nil])
    }
}
