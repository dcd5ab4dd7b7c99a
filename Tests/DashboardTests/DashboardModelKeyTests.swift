import Dashboard
import Testing
import Training

/// Key -> action mapping in each view state.
struct DashboardModelKeyTests {
    static func running(_ events: [TrainingEvent] = RecordedRuns.mlp(steps: 10)) -> DashboardModel {
        DashboardSnapshotTests.model(events)
    }

    @Test func arrowsAndVimKeysSelectLayers() {
        var model = Self.running()
        #expect(model.handle(.down) == [.selectLayer(1)])
        #expect(model.handle(.character("j")) == [.selectLayer(1)])
        model.perform(.selectLayer(1))
        #expect(model.handle(.up) == [.selectLayer(0)])
        #expect(model.handle(.character("k")) == [.selectLayer(0)])
    }

    @Test func selectionStaysInsideTheTable() {
        var model = Self.running()
        model.perform(.selectLayer(-3))
        #expect(model.state.selectedLayer == 0)
        model.perform(.selectLayer(99))
        #expect(model.state.selectedLayer == RecordedRuns.mlpLayers.count - 1)
    }

    @Test func spaceTogglesTheSelectedLayer() {
        var model = Self.running()
        model.perform(.selectLayer(2))
        #expect(model.handle(.character(" ")) == [.trainer(.toggleTrainable(layer: 2))])
    }

    @Test func spaceOnALayerWithoutWeightsOnlyExplains() {
        var model = DashboardSnapshotTests.model(RecordedRuns.cnn(steps: 5), current: "cnn-mp")
        model.perform(.selectLayer(2))
        let actions = model.handle(.character(" "))
        #expect(actions.count == 1)
        guard case .notify(let text) = actions.first else {
            Issue.record("expected a notice, got \(actions)")
            return
        }
        #expect(text.contains("activation"))
    }

    @Test func pauseKeyDependsOnTheRunState() {
        let running = Self.running()
        #expect(running.handle(.character("p")) == [.trainer(.pause)])
        #expect(running.handle(.character("n")).allSatisfy { if case .notify = $0 { true } else { false } })
        let paused = Self.running(RecordedRuns.mlp(steps: 10, state: .paused))
        #expect(paused.handle(.character("p")) == [.trainer(.resume)])
        #expect(paused.handle(.character("n")) == [.trainer(.step)])
    }

    @Test func plusAndMinusScaleTheLearningRate() {
        let model = Self.running()
        #expect(model.handle(.character("+")) == [.trainer(.scaleLearningRate(2))])
        #expect(model.handle(.character("-")) == [.trainer(.scaleLearningRate(0.5))])
    }

    /// At the ends of what training takes (1e-30...1e30), + and - say that the rate is held.
    @Test func plusAndMinusSayWhenTheRateIsHeldAtItsLimit() {
        let high = Self.running(RecordedRuns.mlp(steps: 10) + [.learningRateChanged(6e29)])
        let up = high.handle(.character("+"))
        #expect(up.first == .trainer(.scaleLearningRate(2)))
        guard case .notify(let text) = up.last, up.count == 2 else {
            Issue.record("expected a notice after the command, got \(up)")
            return
        }
        #expect(text == "learning rate held at 1.00e+30: training takes 1e-30..1e+30")
        #expect(high.handle(.character("-")) == [.trainer(.scaleLearningRate(0.5))])

        let low = Self.running(RecordedRuns.mlp(steps: 10) + [.learningRateChanged(1e-30)])
        #expect(
            low.handle(.character("-")) == [
                .trainer(.scaleLearningRate(0.5)),
                .notify("learning rate held at 1.00e-30: training takes 1e-30..1e+30"),
            ])
        #expect(low.handle(.character("+")) == [.trainer(.scaleLearningRate(2))])
    }

    @Test func appKeys() {
        let model = Self.running()
        #expect(model.handle(.character("q")) == [.quit])
        #expect(model.handle(.character("r")) == [.restart])
        #expect(model.handle(.tab) == [.openPicker])
        #expect(model.handle(.character("c")) == [.openPicker])
        #expect(model.handle(.character("?")) == [.toggleHelp])
        #expect(model.handle(.character("s")) == [.cycleSmoothing])
        #expect(model.handle(.character("x")) == [])
    }

    @Test func smoothingCyclesThroughItsLevels() {
        var model = Self.running()
        var seen: [Float] = []
        for _ in DashboardModel.smoothingLevels {
            model.perform(.cycleSmoothing)
            seen.append(model.smoothing)
        }
        #expect(Set(seen) == Set(DashboardModel.smoothingLevels))
    }

    @Test func pickerListsGroupsAndSwitches() {
        var model = Self.running()
        model.perform(.openPicker)
        #expect(model.isPickerOpen)
        #expect(model.pickerEntries.map(\.group) == ["MLP", "MLP", "CNN", "autoencoder"])
        #expect(model.handle(.enter) == [.closePicker])  // the config on screen is highlighted
        model.perform(.movePicker(2))
        #expect(model.handle(.enter) == [.switchConfig("cnn-mp")])
        #expect(model.handle(.escape) == [.closePicker])
        #expect(model.handle(.character("p")) == [])  // training keys do nothing in the picker
        model.perform(.switchConfig("cnn-mp"))
        #expect(!model.isPickerOpen)
        #expect(model.current == "cnn-mp")
    }

    @Test func pickerWrapsAround() {
        var model = Self.running()
        model.perform(.openPicker)
        model.perform(.movePicker(-1))
        #expect(model.pickerSelection == DashboardSnapshotTests.entries.count - 1)
    }

    @Test func helpClosesOnAnyKeyButQuitStillQuits() {
        var model = Self.running()
        model.perform(.toggleHelp)
        #expect(model.handle(.character("p")) == [.toggleHelp])
        #expect(model.handle(.character("q")) == [.quit])
    }

    @Test func restartForgetsTheRunButKeepsTheSelection() {
        var model = Self.running()
        model.perform(.selectLayer(1))
        model.perform(.restart)
        #expect(model.state.stage == nil)
        #expect(model.state.selectedLayer == 1)
    }
}
