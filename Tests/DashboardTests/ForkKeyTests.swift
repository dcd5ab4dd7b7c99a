import Dashboard
import Testing
import Training

/// What the fork's keys ask for, and what the model does with the answers.
struct ForkKeyTests {
    static func forked(phase: ForkView.Phase = .choosing) -> DashboardModel {
        var model = DashboardSnapshotTests.model(RecordedRuns.mlp(steps: 200))
        model.perform(.forkStarted(ForkView(original: "mlp-tanh-2", stage: 0, epoch: 0, globalStep: 200)))
        if phase != .choosing { model.perform(.changeTwin(.scaleLearningRate(0.5))) }
        if phase == .keeping { model.perform(.askWhichBranch(true)) }
        return model
    }

    @Test func fForksAnActiveRunOnly() {
        let model = DashboardSnapshotTests.model(RecordedRuns.mlp(steps: 200))
        #expect(model.handle(.character("f")) == [.fork])
        let ended = DashboardSnapshotTests.model(RecordedRuns.mlp(steps: 200, state: .finished))
        #expect(ended.handle(.character("f")) != [.fork])
    }

    @Test func rightAfterForkingTheNextChangeGoesToTheTwin() {
        var model = Self.forked()
        model.perform(.selectLayer(1))
        #expect(model.handle(.character(" ")) == [.changeTwin(.toggleFreeze(layer: 1))])
        #expect(model.handle(.character("+")) == [.changeTwin(.scaleLearningRate(2))])
        #expect(model.handle(.character("-")) == [.changeTwin(.scaleLearningRate(0.5))])
        #expect(model.handle(.character("z")) == [.changeTwin(.resetLayer(layer: 1))])
        #expect(model.handle(.character("o")) == [.changeTwin(.useSGD)])
        #expect(model.describe(.useSGD) == "SGD momentum 0.9")
        #expect(model.handle(.escape) == [.keepBranch(twin: false)])
        #expect(model.handle(.down) == [.selectLayer(2)])
        // The twin starts as a copy of the original's history.
        #expect(model.runs["mlp-tanh-2 (fork)"]?.globalStep == 200)
    }

    @Test func onceChangedKeysActOnBothAndFAsksWhichBranchToKeep() {
        let model = Self.forked(phase: .running)
        #expect(model.fork?.change == "lr /2")
        #expect(model.handle(.character("p")) == [.trainer(.pause)])
        #expect(model.handle(.character("F")) == [.askWhichBranch(true)])
        #expect(model.handle(.tab).count == 1)
        #expect(model.handle(.tab).first != .openPicker)
        let asking = Self.forked(phase: .keeping)
        #expect(asking.fork?.phase == .keeping)
        #expect(asking.handle(.character("a")) == [.keepBranch(twin: false)])
        #expect(asking.handle(.character("b")) == [.keepBranch(twin: true)])
        #expect(asking.handle(.escape) == [.askWhichBranch(false)])
    }

    @Test func keepingTheTwinPutsItsStateOnScreen() {
        var model = Self.forked(phase: .running)
        model.apply(.learningRateChanged(0.0005), to: "mlp-tanh-2 (fork)")
        model.perform(.keepBranch(twin: true))
        #expect(model.fork == nil)
        #expect(model.state.learningRate == 0.0005)
        #expect(model.runs["mlp-tanh-2 (fork)"] == nil)
    }
}
