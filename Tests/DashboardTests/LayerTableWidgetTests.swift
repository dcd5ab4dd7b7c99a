import NeuroEngine
import Testing
import Training

@testable import Dashboard

/// The layer table on its own: which columns it keeps at each width, how frozen layers look,
/// its parameter counts, and alignment with names in any script.
struct LayerTableWidgetTests {
    static func draw(_ events: [TrainingEvent], width: Int, height: Int = 6, theme: Theme = WidgetCanvas.ascii)
        -> WidgetCanvas
    {
        var state = DashboardState()
        for event in events { state.apply(event) }
        return WidgetCanvas(width: width, height: height) { buffer, rect in
            LayerTableWidget(state: state, theme: theme).draw(into: &buffer, rect: rect)
        }
    }

    static func mlp(steps: Int = 40) -> [TrainingEvent] { RecordedRuns.mlp(steps: steps) }

    @Test func at120ColumnsEveryColumnIsShown() {
        let lines = Self.draw(Self.mlp(), width: 118).lines
        #expect(
            lines[1]
                == "|  name          type       output               params train  mean|g| (log)   mean|g|   max|g|    upd/w history     |"
        )
        #expect(
            lines[2]
                == "|> dense         Dense      (None, 100)          78,500 train  #########..... 4.36e-04 7.62e-03 2.45e-03 .           |"
        )
    }

    @Test func at80ColumnsTheTypeAndHistoryGo() {
        let lines = Self.draw(Self.mlp(), width: 78).lines
        #expect(lines[1] == "|  name      output       params train  log|g|      mean|g|   max|g|    upd/w|")
        #expect(lines[3] == "|  dense_1   100          10,100 train  ########.. 1.46e-03 2.56e-02 1.23e-03|")
    }

    @Test func at60ColumnsTheShapeAndCountGoToo() {
        let lines = Self.draw(Self.mlp(), width: 58).lines
        #expect(lines[1] == "|  name      train  log|g|      mean|g|   max|g|    upd/w|")
        #expect(lines[4] == "|  dense_2   train  ########## 6.62e-03 1.16e-01 8.17e-04|")
    }

    /// Freezing a layer live changes the trainable count in the title, and the row's mark.
    @Test func freezingALayerUpdatesTheTrainableCountAndItsMark() {
        var layers = RecordedRuns.mlpLayers
        layers[1].trainable = false
        layers[1].trainableParameterCount = 0
        let theme = WidgetCanvas.color8
        let canvas = Self.draw(Self.mlp() + [.layersChanged(layers)], width: 118, theme: theme)
        #expect(canvas.lines[0].contains("89,610 params, 79,510 trainable"), "\(canvas.lines[0])")
        #expect(canvas.lines[3].contains("10,100 frozen"))
        #expect(canvas.style(of: "frozen", row: 3) == theme.frozen)
        #expect(canvas.style(of: "train ", row: 4) == theme.good)
        #expect(theme.frozen.bold && theme.frozen.foreground == 4)
    }

    /// Names in wide characters (CJK, emoji) and with combining marks keep every column where
    /// it belongs: each row is exactly as wide as the table on a terminal.
    @Test func wideAndCombiningNamesKeepTheColumnsAligned() {
        var layers = RecordedRuns.mlpLayers
        layers[0].name = "全結合層"
        layers[1].name = "🧠dense"
        layers[2].name = "de\u{301}nse\u{301}"
        var events = Self.mlp()
        events.append(.layersChanged(layers))
        for width in [58, 78, 118] {
            let lines = Self.draw(events, width: width).lines
            for row in 2...4 {
                #expect(lines[row].displayWidth == width, "row \(row) at \(width): \(lines[row])")
                #expect(lines[row].hasSuffix("|"))
            }
            // The train mark starts in the same terminal column on every row.
            let marks = (2...4).map { row in lines[row].components(separatedBy: " train ")[0].displayWidth }
            #expect(Set(marks).count == 1, "\(marks) at \(width)")
        }
    }
}
