/// The colours a terminal offers, from the capabilities the backend found.
public enum Palette: Sendable, Equatable {
    /// No colour at all (NO_COLOR, or a terminal without colours): attributes only.
    case monochrome
    /// The eight ANSI colours.
    case ansi8
    /// The xterm 256-colour palette, with its 24-step grey ramp.
    case ansi256
}

/// How the dashboard looks on a given terminal: the styles of every element and the glyphs.
///
/// Widgets ask the theme for a role (`good`, `muted`, ...) instead of naming colours, so the same
/// widget reads well in 256 colours, in 8 colours and with no colour at all.
public struct Theme: Sendable, Equatable {
    public let palette: Palette
    public let glyphs: Glyphs

    public init(palette: Palette, unicode: Bool) {
        self.palette = palette
        glyphs = unicode ? .unicode : .ascii
    }

    /// Plain text.
    public var normal: CellStyle { .plain }
    /// Labels and secondary figures.
    public var muted: CellStyle { color(c256: 245, c8: nil, dimInMono: true) }
    public var border: CellStyle { color(c256: 240, c8: nil, dimInMono: false) }
    public var title: CellStyle { color(c256: 81, c8: 6, dimInMono: false).emphasized }
    /// The header bar across the top.
    public var headerBar: CellStyle {
        switch palette {
        case .monochrome: CellStyle(reverse: true)
        case .ansi8: CellStyle(foreground: 7, background: 4)
        case .ansi256: CellStyle(foreground: 255, background: 24)
        }
    }
    public var good: CellStyle { color(c256: 114, c8: 2, dimInMono: false) }
    public var bad: CellStyle {
        palette == .monochrome
            ? CellStyle(bold: true, reverse: true) : color(c256: 203, c8: 1, dimInMono: false).emphasized
    }
    public var warning: CellStyle { color(c256: 221, c8: 3, dimInMono: false) }
    public var lossSeries: CellStyle { color(c256: 215, c8: 3, dimInMono: false) }
    public var accuracySeries: CellStyle { color(c256: 114, c8: 2, dimInMono: false) }
    public var validationPoint: CellStyle { color(c256: 213, c8: 5, dimInMono: false).emphasized }
    public var gradientBar: CellStyle { color(c256: 75, c8: 6, dimInMono: false) }
    public var barTrack: CellStyle { color(c256: 238, c8: nil, dimInMono: true) }
    public var frozen: CellStyle {
        palette == .monochrome
            ? CellStyle(bold: true, underline: true) : color(c256: 117, c8: 4, dimInMono: false).emphasized
    }
    public var selection: CellStyle {
        switch palette {
        case .monochrome: CellStyle(reverse: true)
        case .ansi8: CellStyle(foreground: 0, background: 6)
        case .ansi256: CellStyle(foreground: 255, background: 238)
        }
    }
    public var key: CellStyle { color(c256: 229, c8: 3, dimInMono: false).emphasized }

    /// The colour of the `index`th of several runs drawn together (they repeat after the last);
    /// without colour, runs differ by weight and underline.
    public func series(_ index: Int) -> CellStyle {
        let c256: [Int16] = [215, 75, 114, 213, 221, 81, 203, 147]
        let c8: [Int16] = [3, 4, 2, 5, 6, 1, 7]
        switch palette {
        case .monochrome:
            let looks = [CellStyle(), CellStyle(bold: true), CellStyle(underline: true), CellStyle(dim: true)]
            return looks[index % looks.count]
        case .ansi8: return CellStyle(foreground: c8[index % c8.count])
        case .ansi256: return CellStyle(foreground: c256[index % c256.count])
        }
    }

    /// A pinned baseline curve: present but quiet.
    public var baseline: CellStyle { color(c256: 250, c8: 7, dimInMono: true) }

    /// Whether images can be drawn as half blocks in shades of grey.
    public var supportsGreyRamp: Bool { palette == .ansi256 && glyphs.isUnicode }

    /// The 256-colour grey for a brightness in [0, 1] (16 is black, 232...255 the ramp, 231 white).
    public func grey(_ value: Float) -> Int16 {
        let v = value.isFinite ? min(max(value, 0), 1) : 0
        if v < 0.02 { return 16 }
        if v > 0.98 { return 231 }
        return 232 + Int16((v * 23).rounded())
    }

    private func color(c256: Int16, c8: Int16?, dimInMono: Bool) -> CellStyle {
        switch palette {
        case .monochrome: CellStyle(dim: dimInMono)
        case .ansi8: c8.map { CellStyle(foreground: $0) } ?? CellStyle(dim: dimInMono)
        case .ansi256: CellStyle(foreground: c256)
        }
    }
}
