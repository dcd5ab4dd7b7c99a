/// The characters widgets draw with: Unicode box drawing and blocks, or plain ASCII when the
/// terminal's locale cannot show them.
public struct Glyphs: Sendable, Equatable {
    public var horizontal: Unicode.Scalar
    public var vertical: Unicode.Scalar
    public var topLeft: Unicode.Scalar
    public var topRight: Unicode.Scalar
    public var bottomLeft: Unicode.Scalar
    public var bottomRight: Unicode.Scalar
    /// Partial heights for sparklines and bars, lowest (blank) first, full block last.
    public var levels: [Unicode.Scalar]
    /// A filled and an empty stretch of a horizontal bar.
    public var barFull: Unicode.Scalar
    public var barEmpty: Unicode.Scalar
    /// Marks a validation point on a chart.
    public var point: Unicode.Scalar
    /// Marks the selected row.
    public var pointer: Unicode.Scalar
    public var check: String
    public var cross: String
    public var arrowUpDown: String
    /// Brightness ramp for drawing images with characters, darkest first.
    public var shades: [Unicode.Scalar]
    public var isUnicode: Bool

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        levels: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], barFull: "█", barEmpty: "░",
        point: "●", pointer: "▶", check: "✓", cross: "✗", arrowUpDown: "↑↓",
        shades: [" ", "░", "▒", "▓", "█"], isUnicode: true)

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        levels: [" ", "_", "_", ".", ".", "-", "=", "=", "#"], barFull: "#", barEmpty: ".",
        point: "o", pointer: ">", check: "ok", cross: "X", arrowUpDown: "up/dn",
        shades: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"], isUnicode: false)
}
