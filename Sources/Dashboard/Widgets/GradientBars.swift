import Foundation

/// Mean |gradient| drawn as bars on one log scale, shared by every row of a layer table (and
/// by both branches of a fork's table), so rows compare at a glance. The scale covers whole
/// decades and widens only when a value leaves it.
struct GradientBars {
    /// Whole decades covering every current and remembered mean |gradient|, at least four wide.
    let decades: ClosedRange<Int>

    /// The scale for these rows; nil before any gradient figure.
    init?(rows: [LayerRow]) {
        let values = rows.flatMap { row in row.history + (row.meanAbsGradient.map { [$0] } ?? []) }
            .filter { $0 > 0 && $0.isFinite }
        guard let low = values.min(), let high = values.max() else { return nil }
        let top = Int(log10(high).rounded(.up))
        var bottom = Int(log10(low).rounded(.down))
        if top - bottom < 4 { bottom = top - 4 }
        decades = bottom...max(top, bottom + 1)
    }

    /// "log 1e-6..1e-2", for a table's title.
    var title: String { "log 1e\(decades.lowerBound)..1e\(decades.upperBound)" }

    /// A bar of `width` cells for `value`, empty for no value.
    func bar(_ value: Float?, width: Int, glyphs: Glyphs) -> String {
        guard let value, value > 0, value.isFinite else {
            return String(String.UnicodeScalarView(repeatElement(glyphs.barEmpty, count: width)))
        }
        let span = Float(decades.upperBound - decades.lowerBound)
        let fraction = min(max((log10(value) - Float(decades.lowerBound)) / span, 0), 1)
        let filled = max(1, Int((fraction * Float(width)).rounded()))
        return String(String.UnicodeScalarView(repeatElement(glyphs.barFull, count: filled)))
            + String(String.UnicodeScalarView(repeatElement(glyphs.barEmpty, count: width - filled)))
    }
}
