import Testing
import Training

@testable import Dashboard

/// The test-digits panel on its own: images of any size, which digits it shows first, and the
/// colours of its verdicts.
struct DigitsWidgetTests {
    /// A sample of `count` images `rows` x `columns`, every pixel lit, labelled 0, 1, 2, ...
    static func samples(
        rows: Int, columns: Int, count: Int = 16, wrong: Set<Int> = [], kind: Kind = .predictions
    ) -> SampleSnapshot {
        let inputs = (0..<count).map { _ in [Float](repeating: 1, count: rows * columns) }
        let labels = (0..<count).map { $0 % 10 }
        var snapshot = SampleSnapshot(rows: rows, columns: columns, inputs: inputs, labels: labels)
        switch kind {
        case .predictions:
            snapshot.predictions = labels.enumerated().map {
                wrong.contains($0.offset) ? ($0.element + 1) % 10 : $0.element
            }
            snapshot.confidences = labels.map { _ in 0.9 }
        case .reconstructions:
            snapshot.reconstructions = inputs.map { $0.map { $0 * 2 } }
        case .denoising:
            snapshot.reconstructions = inputs
            snapshot.cleanInputs = inputs
        }
        return snapshot
    }

    enum Kind: CaseIterable {
        case predictions, reconstructions, denoising
    }

    static func state(_ samples: SampleSnapshot) -> DashboardState {
        var state = DashboardState()
        for event in RecordedRuns.mlp(steps: 3) { state.apply(event) }
        state.apply(.samples(samples))
        return state
    }

    static func draw(_ samples: SampleSnapshot, width: Int, height: Int, theme: Theme = WidgetCanvas.ascii)
        -> WidgetCanvas
    {
        let state = Self.state(samples)
        return WidgetCanvas(width: width, height: height) { buffer, rect in
            DigitsWidget(state: state, theme: theme).draw(into: &buffer, rect: rect)
        }
    }

    /// `--data` takes any MNIST-format directory: every image size up to 32x32 must draw, on
    /// the smallest and a large screen, as predictions and as reconstructions, in both looks.
    @Test(arguments: [(80, 24), (120, 40)])
    func everyImageSizeDrawsOnTheWholeDashboard(width: Int, height: Int) {
        var running = DashboardModel(entries: DashboardSnapshotTests.entries, current: "mlp-tanh-2")
        for event in RecordedRuns.mlp(steps: 3) { running.apply(event, to: "mlp-tanh-2") }
        for kind in Kind.allCases {
            for rows in 1...32 {
                for columns in 1...32 {
                    var model = running
                    model.apply(.samples(Self.samples(rows: rows, columns: columns, kind: kind)), to: "mlp-tanh-2")
                    // The grey ramp for every kind (where small images trapped), characters for one.
                    let themes =
                        kind == .predictions ? [WidgetCanvas.color256, WidgetCanvas.ascii] : [WidgetCanvas.color256]
                    for theme in themes {
                        var buffer = ScreenBuffer(width: width, height: height)
                        model.render(into: &buffer, theme: theme)
                        let lit: Unicode.Scalar = theme.supportsGreyRamp ? "▀" : "@"
                        let drawn = buffer.cells.filter { $0.scalar == lit }.count
                        #expect(drawn > 0, "no image drawn for \(rows)x\(columns) \(kind) at \(width)x\(height)")
                    }
                }
            }
        }
    }

    /// The wrong digit comes first; each caption gets at least 10 columns under a 1-pixel image.
    @Test func aOnePixelImageIsOneCell() {
        let canvas = Self.draw(Self.samples(rows: 1, columns: 1, count: 2, wrong: [1]), width: 24, height: 5)
        #expect(
            canvas.lines == [
                "+- 1/2 right ----------+",
                "|    @          @      |",
                "|2 X true 1  0 ok 90%  |",
                "|                      |",
                "+----------------------+",
            ])
    }

    @Test func aFiveByThreeImageCoversTwoByTwoCells() {
        let canvas = Self.draw(Self.samples(rows: 5, columns: 3, count: 1), width: 12, height: 5)
        #expect(
            canvas.lines == [
                "+- 1/1 r~ -+",
                "|    @@    |",
                "|    @@    |",
                "| 0 ok 90% |",
                "+----------+",
            ])
    }

    @Test func misclassifiedDigitsComeFirstAndTheTitleSaysHowManyAreShown() {
        // 16 digits, the 10th wrong; 120x40's panel holds 6 of them, 80x24's 2.
        let samples = RecordedRuns.samples(wrong: [9])
        let wide = Self.draw(samples, width: 48, height: 18, theme: WidgetCanvas.color8)
        #expect(wide.lines[0].contains("test digits  15/16 right, showing 6"))
        let firstCaption = wide.lines.first { $0.contains("true") || $0.contains("✓") } ?? ""
        #expect(firstCaption.contains("2 ✗ true 9  "), "\(firstCaption)")
        #expect(firstCaption.contains("7 ✓ 97%"))

        let narrow = Self.draw(samples, width: 32, height: 10, theme: WidgetCanvas.color8)
        #expect(narrow.lines[0].contains("15/16 right, showing 2"))
        #expect(narrow.lines.contains { $0.contains("2 ✗ true 9") })
    }

    @Test func allShownMeansNoCount() {
        let canvas = Self.draw(Self.samples(rows: 28, columns: 28, count: 3), width: 48, height: 18)
        #expect(canvas.lines[0].contains("3/3 right -"))
        #expect(!canvas.lines[0].contains("showing"))
    }

    /// The verdict's colour carries its meaning: red and bold for a wrong digit, green for a right one.
    @Test func verdictsAreColouredByMeaning() {
        let theme = WidgetCanvas.color8
        let canvas = Self.draw(RecordedRuns.samples(wrong: [9]), width: 48, height: 18, theme: theme)
        let row = canvas.lines.firstIndex { $0.contains("true 9") } ?? 0
        #expect(canvas.style(of: "2 ✗ true 9", row: row) == theme.bad)
        #expect(canvas.style(of: "7 ✓", row: row) == theme.good)
        #expect(theme.bad.bold && theme.bad.foreground == 1 && theme.good.foreground == 2)
    }

    @Test func reconstructionsSitBesideTheirInputs() {
        let canvas = Self.draw(
            Self.samples(rows: 4, columns: 4, count: 2, kind: .reconstructions), width: 30, height: 5)
        #expect(
            canvas.lines == [
                "+- input | reconstruction ---+",
                "|   @@    @@     @@    @@    |",
                "|   in    out    in    out   |",
                "|                            |",
                "+----------------------------+",
            ])
    }
}
