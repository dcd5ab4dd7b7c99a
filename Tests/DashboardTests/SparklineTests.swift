import Testing

@testable import Dashboard

/// The block charts on their own: one-row sparklines and multi-row bars.
struct SparklineTests {
    @Test func aLineRisesThroughTheLevels() {
        let values: [Float] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
        #expect(Sparkline.line(values, range: 0...8, glyphs: .unicode) == "▁▁▂▃▄▅▆▇█")
        #expect(Sparkline.line(values, range: 0...8, glyphs: .ascii) == "___..-==#")
    }

    @Test func nonFiniteValuesAreBlankInALine() {
        #expect(Sparkline.line([1, .nan, .infinity, 1], range: 0...1, glyphs: .unicode) == "█  █")
    }

    @Test func barsGrowFromTheBottomInEighths() {
        let canvas = WidgetCanvas(width: 5, height: 2) { buffer, rect in
            Sparkline.bars(
                [0, 0.25, 0.5, 1, nil], range: 0...1, into: &buffer, rect: rect, glyphs: .unicode, style: .plain)
        }
        #expect(canvas.lines == ["   █", "▁▄██"])
    }

    @Test func aFlatSeriesStillGetsARange() {
        let range = Sparkline.range(of: [2, 2, 2])
        #expect(range.map { $0.lowerBound < 2 && $0.upperBound > 2 } == true)
        #expect(Sparkline.range(of: [.nan]) == nil)
    }
}
