import Dashboard
import Testing
import Training

/// Playing a recorded run back into the dashboard against a clock the test moves.
struct ReplayControllerTests {
    /// A clock the test sets.
    final class Clock: @unchecked Sendable {
        var now = 100.0
    }

    static let entry = ConfigEntry(identifier: "mlp-tanh-2-20261130-210000", name: "Tanh 100-100-10", group: "recorded")

    /// Two epochs of the snapshot MLP (938 steps each, 1.455 s of training each), a freeze
    /// after step 1000, the result.
    static func timeline() -> ReplayTimeline {
        var items = RecordedRuns.mlp(steps: 1_876).map { ReplayTimeline.Item.event($0) }
        let index = items.firstIndex {
            if case .event(.batchEnded(let progress)) = $0 { progress.globalStep == 1_000 } else { false }
        }
        items.insert(.marker(Intervention(action: .freeze, globalStep: 1_000, layer: "dense")), at: (index ?? 0) + 1)
        items.append(
            .event(
                .finished(
                    FinalResult(
                        testLoss: 0.08, testAccuracy: 0.9751, epochs: 2, trainSamplesPerSecond: 41_250, seconds: 3))))
        items.append(.event(.stateChanged(.finished)))
        return ReplayTimeline(items: items)
    }

    private func replay(_ clock: Clock) -> ReplayController {
        let controller = ReplayController(timeline: Self.timeline(), entry: Self.entry) { clock.now }
        controller.pump()  // starts the clock
        return controller
    }

    @Test func playsTenTimesTheTrainingPaceAtFirst() {
        let clock = Clock()
        let replay = replay(clock)
        #expect(replay.model.playback?.speed == 10)
        clock.now += 0.1  // one second of the recording: 1 s * 41,250 / 64 = 644 steps
        #expect(replay.pump())
        #expect(replay.model.state.globalStep == 644)
        #expect(replay.model.state.result == nil)
        #expect(replay.model.playback?.isAtEnd == false)
    }

    @Test func theNumberKeysSetTheSpeed() {
        let clock = Clock()
        let replay = replay(clock)
        #expect(replay.press(.character("1")))
        clock.now += 0.5
        replay.pump()
        #expect(replay.model.state.globalStep == 322)
        #expect(replay.model.playback?.speed == 1)
        replay.press(.character("3"))
        clock.now += 0.01  // one more second at 100x
        replay.pump()
        #expect(replay.model.state.globalStep == 966)
        #expect(replay.model.notice == "replay at 100x")
    }

    @Test func pauseStopsThePlayback() {
        let clock = Clock()
        let replay = replay(clock)
        replay.press(.character("p"))
        #expect(replay.model.playback?.isPaused == true)
        clock.now += 5
        #expect(!replay.pump())
        #expect(replay.model.state.globalStep == 0)
        replay.press(.character(" "))
        clock.now += 0.1
        replay.pump()
        #expect(replay.model.state.globalStep == 644)
    }

    @Test func theEndKeyShowsTheWholeRunWithItsResultAndMarkers() {
        let clock = Clock()
        let replay = replay(clock)
        replay.press(.character("e"))
        let model = replay.model
        #expect(model.state.globalStep == 1_876)
        #expect(model.state.result?.testAccuracy == 0.9751)
        #expect(model.state.runState == .finished)
        #expect(model.state.epochs.count == 2)
        #expect(model.playback?.isAtEnd == true)
        #expect(
            model.markers[Self.entry.identifier] == [Intervention(action: .freeze, globalStep: 1_000, layer: "dense")])
        // Nothing left to play.
        clock.now += 10
        #expect(!replay.pump())
    }

    @Test func aMarkerAppearsOnlyOnceItsStepIsPlayed() {
        let clock = Clock()
        let replay = replay(clock)
        clock.now += 0.1
        replay.pump()
        #expect(replay.model.markers[Self.entry.identifier] == nil)
        clock.now += 0.1
        replay.pump()
        #expect(replay.model.markers[Self.entry.identifier]?.count == 1)
    }

    @Test func rPlaysAgainFromTheStart() {
        let clock = Clock()
        let replay = replay(clock)
        replay.press(.character("e"))
        replay.press(.character("r"))
        #expect(replay.model.state.globalStep == 0)
        #expect(replay.model.state.result == nil)
        #expect(replay.model.playback?.isAtEnd == false)
        clock.now += 0.1
        replay.pump()
        #expect(replay.model.state.globalStep == 644)
    }

    @Test func keysThatWouldChangeTheRunSaySoAndQuitQuits() {
        let clock = Clock()
        let replay = replay(clock)
        replay.press(.character("+"))
        #expect(replay.model.notice == "a replay shows recorded runs: they cannot be changed")
        replay.press(.character("d"))
        #expect(replay.model.canvas == nil)
        #expect(
            replay.model.notice == "a replay has no model to read a drawing: d draws a digit for a run being trained")
        replay.press(.tab)
        #expect(!replay.model.isPickerOpen)
        replay.press(.character("?"))
        #expect(replay.model.showsHelp)
        replay.press(.character("?"))
        #expect(!replay.press(.character("q")))
    }
}
