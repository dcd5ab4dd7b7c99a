import Testing
import Training

@testable import Dashboard

/// The two header rows on their own: what runs, its state and its progress.
struct HeaderWidgetTests {
    static func draw(_ events: [TrainingEvent], width: Int, theme: Theme = WidgetCanvas.ascii) -> WidgetCanvas {
        var state = DashboardState()
        for event in events { state.apply(event) }
        let entry = ConfigEntry(identifier: "mlp-tanh-2", name: "Tanh 100-100-10", group: "MLP")
        return WidgetCanvas(width: width, height: 2) { buffer, rect in
            HeaderWidget(state: state, entry: entry, theme: theme).draw(into: &buffer, rect: rect)
        }
    }

    @Test func at80ColumnsTheLeastUsefulPiecesGo() {
        let lines = Self.draw(RecordedRuns.mlp(steps: 1_341), width: 80).lines
        #expect(
            lines == [
                " neurotop  Tanh 100-100-10  mnist 60,000/10,000     Adam lr 1.00e-03  * running",
                " epoch 2/5 #####........ 42%  step 403/938  41.3k samples/s  ETA 0:05",
            ])
    }

    @Test func at120ColumnsEverythingFits() {
        let lines = Self.draw(RecordedRuns.mlp(steps: 1_341), width: 120).lines
        #expect(
            lines[1]
                == " epoch 2/5 ########........... 42%  step 403/938  total 1,341  41.3k samples/s  ETA 0:05  trained 0:02  params 89,610"
        )
    }

    @Test func beforeTheFirstStageItSaysWhatItLoads() {
        #expect(
            Self.draw([], width: 80).lines == [
                " neurotop  Tanh 100-100-10 (mlp-tanh-2)                              * starting",
                " loading the config and the data...",
            ])
    }

    /// The run state is coloured by meaning in 256 colours: paused amber, failed red.
    @Test func theStateLabelIsColouredByMeaning() {
        let theme = WidgetCanvas.color256
        let paused = Self.draw(RecordedRuns.mlp(steps: 10, state: .paused), width: 120, theme: theme)
        #expect(paused.style(of: "● paused", row: 0)?.foreground == 221)
        let failed = Self.draw(RecordedRuns.mlp(steps: 10) + [.failed("nan")], width: 120, theme: theme)
        #expect(failed.style(of: "● failed", row: 0)?.foreground == 210)
    }

    /// The learning rate shown follows the trainer's changes.
    @Test func theLearningRateFollowsChanges() {
        let lines = Self.draw(RecordedRuns.mlp(steps: 10) + [.learningRateChanged(1e30)], width: 120).lines
        #expect(lines[0].contains("Adam lr 1.00e+30"))
    }
}
