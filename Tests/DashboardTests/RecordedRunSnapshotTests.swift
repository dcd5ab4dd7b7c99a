import Dashboard
import Testing
import Training

/// Whole screens of runs shown together, a pinned baseline and a replay, compared with
/// `Snapshots/*.txt` (re-record with NEUROTOP_RECORD_SNAPSHOTS=1).
struct RecordedRunSnapshotTests {
    private func screen(_ model: DashboardModel, _ width: Int, _ height: Int) -> ScreenBuffer {
        DashboardSnapshotTests.screen(model, width, height, DashboardSnapshotTests.color256)
    }

    @Test func compareAt120x40() {
        Snapshot.check(screen(ComparisonTests.comparedModel(), 120, 40), named: "compare-120x40")
    }

    @Test func compareAt80x24() {
        var model = ComparisonTests.comparedModel()
        model.perform(.nextComparedRun)
        Snapshot.check(screen(model, 80, 24), named: "compare-80x24")
    }

    @Test func seedSetBandAt120x40() {
        Snapshot.check(screen(ComparisonTests.comparedModel(band: true), 120, 40), named: "compare-band-120x40")
    }

    @Test func compareHelpAt80x24() {
        var model = ComparisonTests.comparedModel()
        model.perform(.toggleHelp)
        Snapshot.check(screen(model, 80, 24), named: "compare-help-80x24")
    }

    /// A first run pinned at its end, then the config restarted with a worse learning rate.
    private func baselineModel() -> DashboardModel {
        var model = DashboardSnapshotTests.model(
            RecordedRuns.mlp(steps: 4_690) + [
                .finished(
                    FinalResult(
                        testLoss: 0.0812, testAccuracy: 0.9751, epochs: 5, trainSamplesPerSecond: 41_250, seconds: 8)),
                .stateChanged(.finished),
            ])
        model.perform(.toggleBaseline)
        model.perform(.restart)
        for event in RecordedRuns.mlp(steps: 2_100, lossScale: 1.6, seed: 7) { model.apply(event, to: "mlp-tanh-2") }
        return model
    }

    @Test func pinnedBaselineAt120x40() {
        Snapshot.check(screen(baselineModel(), 120, 40), named: "baseline-120x40")
    }

    @Test func pinnedBaselineAt80x24() {
        Snapshot.check(screen(baselineModel(), 80, 24), named: "baseline-80x24")
    }

    @Test func replayWithAMarkerAt80x24() {
        var now = 0.0
        let replay = ReplayController(timeline: ReplayControllerTests.timeline(), entry: ReplayControllerTests.entry) {
            now
        }
        replay.pump()
        now = 0.2
        replay.pump()
        Snapshot.check(screen(replay.model, 80, 24), named: "replay-80x24")
    }
}
