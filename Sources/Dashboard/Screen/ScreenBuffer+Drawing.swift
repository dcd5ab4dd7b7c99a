import Training

extension ScreenBuffer {
    /// Writes `text` from column `x` of row `y`, clipped to `clip` (the whole buffer by default).
    ///
    /// Text is laid out in terminal columns: a wide character takes two cells, a combining mark
    /// (a Thai vowel above or below, a tone mark, an accent) none: it joins the cell of the
    /// character before it, and is left out when that character is not drawn whole. Other
    /// zero-width characters (the zero-width space, joiners, variation selectors) are left out.
    /// A wide character cut by an edge of `clip` leaves a blank instead of half a character.
    ///
    /// - Returns: the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain, clip: Rect? = nil) -> Int {
        let clip = clip ?? bounds
        guard y >= clip.y, y < clip.maxY else { return x + text.displayWidth }
        var column = x
        // The cell of the last character drawn whole, which a following mark joins.
        var base: Int?
        for scalar in text.unicodeScalars {
            let width = scalar.displayWidth
            if width == 0 {
                if let at = base, scalar.combinesWithPrevious { self[at, y].marks.append(scalar) }
                continue
            }
            base = nil
            if column >= clip.maxX { break }
            for offset in 0..<width where (clip.x..<clip.maxX).contains(column + offset) {
                let whole = column >= clip.x && column + width <= clip.maxX
                if !whole {
                    self[column + offset, y] = Cell(" ", style: style)
                } else if offset == 0 {
                    self[column, y] = Cell(printable(scalar), style: style)
                    base = contains(x: column, y: y) ? column : nil
                } else {
                    self[column + offset, y] = .continuation(style: style)
                }
            }
            column += width
        }
        return min(column, max(clip.maxX, x))
    }

    /// Writes `text` into a one-row rectangle, padded or cut to its width, aligned as asked.
    public mutating func put(_ text: String, in rect: Rect, style: CellStyle = .plain, alignment: Alignment = .left) {
        guard !rect.isEmpty else { return }
        let fitted = text.fitted(to: rect.width, alignment: alignment)
        put(fitted, x: rect.x, y: rect.y, style: style, clip: rect)
    }

    /// Sets every cell of `rect` to `scalar` in `style`.
    public mutating func fill(_ rect: Rect, with scalar: Unicode.Scalar = " ", style: CellStyle = .plain) {
        for y in rect.y..<rect.maxY where y >= 0 && y < height {
            for x in rect.x..<rect.maxX where x >= 0 && x < width {
                cells[y * width + x] = Cell(scalar, style: style)
            }
        }
    }

    /// Changes the style of every cell of `rect`, keeping the characters.
    public mutating func restyle(_ rect: Rect, _ change: (inout CellStyle) -> Void) {
        for y in rect.y..<rect.maxY where y >= 0 && y < height {
            for x in rect.x..<rect.maxX where x >= 0 && x < width {
                change(&cells[y * width + x].style)
            }
        }
    }

    /// Draws a frame around `rect` with `title` in its top edge.
    /// Blanks `rect` and frames it with `title`, as an overlay over the panels; returns its inside.
    mutating func overlay(_ rect: Rect, title: String, theme: Theme) -> Rect {
        fill(rect)
        box(rect, title: title, glyphs: theme.glyphs, style: theme.title, titleStyle: theme.title)
        return rect.inset(by: 1)
    }

    public mutating func box(_ rect: Rect, title: String = "", glyphs: Glyphs, style: CellStyle, titleStyle: CellStyle)
    {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        for x in (rect.x + 1)..<right {
            self[x, rect.y] = Cell(glyphs.horizontal, style: style)
            self[x, bottom] = Cell(glyphs.horizontal, style: style)
        }
        for y in (rect.y + 1)..<bottom {
            self[rect.x, y] = Cell(glyphs.vertical, style: style)
            self[right, y] = Cell(glyphs.vertical, style: style)
        }
        self[rect.x, rect.y] = Cell(glyphs.topLeft, style: style)
        self[right, rect.y] = Cell(glyphs.topRight, style: style)
        self[rect.x, bottom] = Cell(glyphs.bottomLeft, style: style)
        self[right, bottom] = Cell(glyphs.bottomRight, style: style)
        if !title.isEmpty, rect.width > 6 {
            let text = " " + title.fitted(to: rect.width - 6, alignment: .left, padding: false) + " "
            put(text, x: rect.x + 2, y: rect.y, style: titleStyle, clip: rect)
        }
    }

    /// Control characters would move the terminal's cursor; show them as a visible mark.
    private func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.value < 0x20 || scalar.value == 0x7F ? "?" : scalar
    }
}

/// Where text sits in a wider space.
public enum Alignment: Sendable {
    case left, right, center
}

extension String {
    /// The string cut to `width` terminal columns (with an ellipsis when cut and room allows)
    /// and, with `padding`, filled with blanks to exactly `width` columns.
    func fitted(to width: Int, alignment: Alignment = .left, padding: Bool = true, ellipsis: String = "~") -> String {
        guard width > 0 else { return "" }
        var text = self
        if displayWidth > width {
            text = width > 1 ? prefix(columns: width - 1) + ellipsis.prefix(columns: 1) : prefix(columns: width)
        }
        guard padding else { return text }
        let gap = max(0, width - text.displayWidth)
        switch alignment {
        case .left: return text + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + text
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: gap - left)
        }
    }
}
