import Testing
import Training

@testable import Dashboard

/// The learned-and-forgotten panel (`g`): which flipped digits it shows, in which colours, the
/// counts per epoch under them, and what it says before there is anything to show.
struct FlipsWidgetTests {
    static func state(_ events: [TrainingEvent]) -> DashboardState {
        var state = DashboardState()
        for event in events { state.apply(event) }
        return state
    }

    static func draw(_ events: [TrainingEvent], width: Int, height: Int, theme: Theme = WidgetCanvas.color8)
        -> WidgetCanvas
    {
        let state = Self.state(events)
        return WidgetCanvas(width: width, height: height) { buffer, rect in
            FlipsWidget(state: state, theme: theme).draw(into: &buffer, rect: rect)
        }
    }

    @Test func titleAndCountsPerEpochFollowTheEvents() {
        let canvas = Self.draw(RecordedRuns.mlpWithFlips(steps: 2_814), width: 48, height: 18)
        #expect(canvas.lines[0].contains("epoch 3: 301 learned, 188 forgotten"), "\(canvas.lines[0])")
        let table = canvas.lines.suffix(5)
        #expect(table.contains { $0.contains("epoch learned forgotten  never") })
        #expect(table.contains { $0.contains("    1   +9204        -0    796") }, "\(Array(table))")
        #expect(table.contains { $0.contains("    3    +301      -188    311") })
    }

    @Test func learnedAndForgottenDigitsHaveCaptionsAndColoursOfTheirOwn() throws {
        let theme = WidgetCanvas.color256
        let canvas = Self.draw(RecordedRuns.mlpWithFlips(steps: 1_900), width: 48, height: 18, theme: theme)
        let captionRow = canvas.lines.firstIndex { $0.contains("+ 7") } ?? -1
        try #require(captionRow > 0, "\(canvas.lines)")
        #expect(canvas.style(of: "+ 7", row: captionRow) == theme.good)
        let forgottenRow = canvas.lines.firstIndex { $0.contains("- 9 as 4") } ?? -1
        #expect(forgottenRow > 0, "\(canvas.lines)")
        if forgottenRow > 0 { #expect(canvas.style(of: "- 9 as 4", row: forgottenRow) == theme.bad) }
        // The images' lit halves are drawn in the green ramp (learned) and the red ramp (forgotten).
        let colours = Set(canvas.buffer.cells.filter { $0.scalar == "▀" }.map(\.style.foreground))
        let greens = Set((1...5).map { Int16(16 + 6 * $0) })
        let reds = Set((1...5).map { Int16(16 + 36 * $0) })
        #expect(!colours.isDisjoint(with: greens) && !colours.isDisjoint(with: reds), "\(colours)")
        #expect(colours.allSatisfy { $0 == 16 || greens.contains($0) || reds.contains($0) })
    }

    @Test func forgottenDigitsKeepHalfTheSlots() {
        let flips = RecordedRuns.flips(epoch: 1, counts: (512, 143, 402))
        let shown = FlipsWidget.shown(flips, capacity: 6)
        #expect(shown.map(\.1) == [.learned, .learned, .learned, .forgotten, .forgotten, .forgotten])
        let fewForgotten = RecordedRuns.flips(epoch: 1, counts: (512, 1, 402))
        #expect(FlipsWidget.shown(fewForgotten, capacity: 6).map(\.1).filter { $0 == .learned }.count == 5)
        let fewLearned = RecordedRuns.flips(epoch: 1, counts: (2, 143, 402))
        #expect(FlipsWidget.shown(fewLearned, capacity: 6).map(\.1).filter { $0 == .forgotten }.count == 4)
    }

    @Test func beforeTheFirstValidationItSaysSo() {
        let canvas = Self.draw(RecordedRuns.mlp(steps: 200), width: 40, height: 10)
        #expect(canvas.lines[0].contains("learned & forgotten"))
        #expect(canvas.lines[1].contains("waiting for the first validation"))
    }

    /// A replay or a resumed run has the counts but no flipped digits (they are shown live only).
    @Test func countsWithoutDigitsSayWhenDigitsCome() {
        let events = RecordedRuns.mlpWithFlips(steps: 1_900).filter {
            if case .flips = $0 { false } else { true }
        }
        let canvas = Self.draw(events, width: 48, height: 10)
        #expect(canvas.lines[1].contains("digits appear at the next live validation"))
        #expect(!canvas.lines.joined().contains("waiting for the first validation"))
    }

    @Test func aNewStageForgetsTheLastStagesFlips() {
        var events = RecordedRuns.mlpWithFlips(steps: 1_900)
        #expect(Self.state(events).flips != nil)
        events.append(
            .stageStarted(RecordedRuns.stage(layers: RecordedRuns.mlpLayers, epochs: 5, reportsAccuracy: false)))
        let canvas = Self.draw(events, width: 48, height: 10)
        #expect(canvas.lines[1].contains("counted only where the stage classifies"))
    }

    @Test func gTogglesThePanel() {
        var model = DashboardSnapshotTests.model(RecordedRuns.mlpWithFlips())
        #expect(model.handle(.character("g")) == [.toggleFlips])
        model.perform(.toggleFlips)
        #expect(model.showsFlips)
        #expect(DashboardSnapshotTests.screen(model, 80, 24, WidgetCanvas.color8).plainText.contains("forgotten"))
        model.perform(.toggleFlips)
        #expect(!DashboardSnapshotTests.screen(model, 80, 24, WidgetCanvas.color8).plainText.contains("forgotten"))
    }
}
