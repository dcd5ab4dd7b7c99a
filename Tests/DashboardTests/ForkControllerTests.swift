import Dashboard
import Foundation
import NeuroEngine
import Testing

@testable import Training

/// `f` and `F` in the dashboard, driving real trainers on synthetic data.
@Suite(.serialized)
struct ForkControllerTests {
    static func controller(epochs: Int = 100_000) -> DashboardController {
        DashboardController(entries: DashboardControllerTests.entries, initial: "mlp-test") { identifier in
            try TestPlans.mlp(identifier: identifier, epochs: epochs)
        }
    }

    static func wait(_ controller: DashboardController, until condition: (DashboardController) -> Bool) -> Bool {
        DashboardControllerTests.wait(controller, until: condition)
    }

    @Test func aLayerFrozenInBranchBStaysAsItWasWhileBranchATrainsIt() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 5 })
        controller.press(.character("f"))
        let fork = try #require(controller.model.fork)
        #expect(fork.phase == .choosing)
        let twin = try #require(controller.trainer(for: fork.twin))
        controller.press(.character(" "))
        #expect(controller.model.fork?.phase == .running)
        #expect(controller.model.fork?.change == "dense frozen")
        // Once B has applied the freeze, its first layer no longer moves; A's does.
        #expect(Self.wait(controller) { $0.model.runs[fork.twin]?.layers.first?.summary.trainable == false })
        // Steps counted from each trainer's own at the read (the screen's may lag them).
        let (twinStep, twinRead) = DashboardControllerTests.stepAndWeights(twin, layers: [0])
        let original = try #require(controller.trainer)
        let (step, originalRead) = DashboardControllerTests.stepAndWeights(original, layers: [0])
        let (frozenAt, originalAt) = (twinRead[0], originalRead[0])
        #expect(
            Self.wait(controller) {
                $0.model.state.globalStep >= step + 10 && ($0.model.runs[fork.twin]?.globalStep ?? 0) >= twinStep + 10
            })
        #expect(DashboardControllerTests.weights(twin, layer: 0) == frozenAt)
        #expect(DashboardControllerTests.weights(original, layer: 0) != originalAt)
        // The branches stay within the lockstep's slack of each other.
        let (a, b) = (controller.model.state.globalStep, controller.model.runs[fork.twin]?.globalStep ?? 0)
        #expect(abs(a - b) <= 50)
    }

    @Test func keepingBranchBPutsItOnScreenAndStopsA() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 3 })
        controller.press(.character("f"))
        let fork = try #require(controller.model.fork)
        let original = try #require(controller.trainer)
        let twin = try #require(controller.trainer(for: fork.twin))
        controller.press(.character("+"))
        #expect(controller.model.fork?.change == "lr x2")
        #expect(Self.wait(controller) { $0.model.runs[fork.twin]?.learningRate == 0.002 })
        controller.press(.character("F"))
        #expect(controller.model.fork?.phase == .keeping)
        controller.press(.character("b"))
        #expect(controller.model.fork == nil)
        #expect(controller.model.runs[fork.twin] == nil)
        #expect(controller.trainer === twin)
        #expect(original.currentState == .stopped)
        #expect(Self.wait(controller) { $0.model.state.learningRate == 0.002 && $0.model.state.globalStep > 3 })
        // The kept branch can fork again.
        controller.press(.character("f"))
        #expect(controller.model.fork != nil)
    }

    @Test func oSwitchesBranchBAloneToSGDWithMomentum() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 2 })
        controller.press(.character("f"))
        let fork = try #require(controller.model.fork)
        let twin = try #require(controller.trainer(for: fork.twin))
        controller.press(.character("o"))
        #expect(Self.wait(controller) { $0.model.runs[fork.twin]?.learningRate == ForkView.sgdLearningRate })
        #expect(twin.withModel { _ in twin.plan.stages[0].optimizer.kind } == "SGD")
        let original = try #require(controller.trainer)
        #expect(original.withModel { _ in original.plan.stages[0].optimizer.kind } == "Adam")
    }

    @Test func escapeRightAfterForkingDropsTheTwin() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 2 })
        let original = try #require(controller.trainer)
        controller.press(.character("f"))
        let fork = try #require(controller.model.fork)
        let twin = try #require(controller.trainer(for: fork.twin))
        controller.press(.escape)
        #expect(controller.model.fork == nil)
        #expect(controller.trainer === original)
        #expect(twin.currentState == .stopped)
        #expect(original.currentState == .running)
    }

    @Test func aResetInBranchBPutsTheConfigsFreshWeightsIntoTheLayer() throws {
        let controller = Self.controller()
        try controller.start()
        defer { controller.stopAll() }
        #expect(Self.wait(controller) { $0.model.state.globalStep >= 5 })
        controller.press(.character("p"))
        #expect(Self.wait(controller) { $0.model.state.runState == .paused })
        controller.press(.character("f"))
        let fork = try #require(controller.model.fork)
        let twin = try #require(controller.trainer(for: fork.twin))
        controller.press(.character("z"))
        #expect(controller.model.fork?.change == "dense reset")
        _ = twin.currentState
        let fresh = try TestPlans.mlp(identifier: "mlp-test", epochs: 1).stages[0].model.layers[0].parameters.map {
            $0.value.array.map(\.bitPattern)
        }
        #expect(DashboardControllerTests.weights(twin, layer: 0) == fresh)
        #expect(DashboardControllerTests.weights(try #require(controller.trainer), layer: 0) != fresh)
    }
}
