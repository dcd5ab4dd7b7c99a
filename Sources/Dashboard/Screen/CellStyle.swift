/// How one cell looks: colours as terminal palette indices (-1 is the terminal's default) and
/// a few attributes every terminal understands.
public struct CellStyle: Hashable, Sendable {
    public var foreground: Int16
    public var background: Int16
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(
        foreground: Int16 = -1, background: Int16 = -1, bold: Bool = false, dim: Bool = false,
        reverse: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// The terminal's default look.
    public static let plain = CellStyle()

    /// The same style drawn bold.
    public var emphasized: CellStyle {
        var style = self
        style.bold = true
        return style
    }

    /// The same style with foreground and background swapped.
    public var inverted: CellStyle {
        var style = self
        style.reverse.toggle()
        return style
    }
}
