import Testing
import Training

@testable import Dashboard

/// The bottom line on its own: key hints, and the latest notice in the room they leave.
struct StatusLineWidgetTests {
    static func draw(_ model: DashboardModel, width: Int) -> WidgetCanvas {
        WidgetCanvas(width: width, height: 1) { buffer, rect in
            StatusLineWidget(model: model, theme: WidgetCanvas.ascii).draw(into: &buffer, rect: rect)
        }
    }

    @Test func aNoticeIsShownWholeAt120Columns() {
        var model = DashboardSnapshotTests.model(RecordedRuns.mlp(steps: 10))
        let notice = "learning rate held at 1.00e+30: training takes 1e-30..1e+30"
        model.perform(.notify(notice))
        let line = Self.draw(model, width: 120).lines[0]
        #expect(line.hasSuffix(notice), "\(line)")
        #expect(line.hasPrefix("up/dn layer  space freeze  p pause"))
    }

    @Test func withoutANoticeEveryHintShowsAt120Columns() {
        let model = DashboardSnapshotTests.model(RecordedRuns.mlp(steps: 10))
        let line = Self.draw(model, width: 120).lines[0]
        #expect(
            line.hasPrefix(
                "up/dn layer  space freeze  p pause  n step  +/- lr  s smooth  tab configs  r restart  ? help  q quit"))
    }

    @Test func aLongNoticeIsCutOnlyWhenNoHintCanGive() {
        var model = DashboardSnapshotTests.model(RecordedRuns.mlp(steps: 10))
        model.perform(.notify(String(repeating: "x", count: 200)))
        let line = Self.draw(model, width: 80).lines[0]
        #expect(line.hasPrefix("up/dn layer  space freeze  p pause  ? help  q quit   xxx"))
        #expect(line.hasSuffix("x~"))
        #expect(line.count == 80)
    }
}
