import Dashboard
import Testing
import Training

/// Runs shown together and a pinned baseline: what the keys do.
struct ComparisonTests {
    static func comparedModel(band: Bool = false) -> DashboardModel {
        let labels = ["seed 1", "seed 2", "seed 3"]
        var model = DashboardModel(
            entries: labels.map { ConfigEntry(identifier: $0, name: "Tanh 100-100-10", group: "recorded") },
            current: labels[0])
        for (index, label) in labels.enumerated() {
            let events =
                RecordedRuns.mlp(steps: 4_690, lossScale: 1 + 0.6 * Double(index), seed: UInt64(index + 1)) + [
                    .finished(
                        FinalResult(
                            testLoss: 0.08, testAccuracy: 0.975 - 0.002 * Float(index), epochs: 5,
                            trainSamplesPerSecond: 41_250, seconds: 8)),
                    .stateChanged(.finished),
                ]
            for event in events { model.apply(event, to: label) }
        }
        model.mark(Intervention(action: .freeze, globalStep: 2_000, layer: "dense"), on: "seed 2")
        model.compare(
            Comparison(
                members: labels.enumerated().map {
                    Comparison.Member(label: $1, testAccuracy: 0.975 - 0.002 * Float($0))
                }, drawsBand: band))
        return model
    }

    @Test func tabCyclesTheRunTheHeaderAndTableShow() {
        var model = Self.comparedModel()
        #expect(model.current == "seed 1")
        for expected in ["seed 2", "seed 3", "seed 1"] {
            for action in model.handle(.tab) { model.perform(action) }
            #expect(model.current == expected)
        }
        #expect(!model.isPickerOpen)
    }

    @Test func keysThatWouldTrainAreRefused() {
        let model = Self.comparedModel()
        #expect(
            model.handle(.character(" ")).contains(.notify("compare shows recorded runs: they cannot be changed")))
        #expect(model.handle(.character("r")) == [.notify("compare shows recorded runs: they cannot be changed")])
        #expect(model.handle(.character("j")) == [.selectLayer(1)])
        // No model reads a drawing here: d says so instead of opening a canvas nothing reads.
        #expect(
            model.handle(.character("d")) == [
                .notify("compare has no model to read a drawing: d draws a digit for a run being trained")
            ])
    }

    @Test func bPinsTheRunOnScreenAndUnpinsIt() {
        var model = DashboardSnapshotTests.model(RecordedRuns.mlp(steps: 2_000))
        #expect(model.handle(.character("b")) == [.toggleBaseline])
        model.perform(.toggleBaseline)
        #expect(model.baseline?.label == "mlp-tanh-2")
        #expect(model.baseline?.state.globalStep == 2_000)
        #expect(model.notice == "mlp-tanh-2 pinned as the baseline; r trains it again beside it")
        // Restarting keeps the baseline: that is what it is for.
        model.perform(.restart)
        #expect(model.baseline?.state.globalStep == 2_000)
        #expect(model.state.globalStep == 0)
        model.perform(.toggleBaseline)
        #expect(model.baseline == nil)
        #expect(model.notice == "baseline mlp-tanh-2 removed")
    }
}
