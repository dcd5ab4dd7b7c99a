extension String {
    /// The zero-width space (U+200B): marks where a line may break inside text written without
    /// spaces between words, as Thai is.
    public static let zeroWidthSpace: Unicode.Scalar = "\u{200B}"

    /// The text as lines of at most `columns` terminal columns.
    ///
    /// Lines break only where the text allows: at spaces (dropped at the break, a run of them
    /// read as one) and at zero-width spaces, so Thai, which has no spaces between words, breaks
    /// at the word boundaries its writer marked and never inside a word. A word wider than a whole
    /// line is cut by columns, its combining marks kept with their base. Newlines start a new
    /// line. The zero-width spaces are taken out of the result: they only ever told where to
    /// break, and terminals disagree on how wide they are.
    public func wrapped(toColumns columns: Int) -> [String] {
        let columns = Swift.max(1, columns)
        return split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
            Self.wrap(paragraph, columns: columns)
        }
    }

    /// One paragraph, greedily: each word goes on the line if it fits, else starts the next.
    private static func wrap(_ paragraph: Substring, columns: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in words(of: paragraph) {
            let gap = lineWidth == 0 || !word.spaceBefore ? 0 : 1
            let width = word.text.displayWidth
            if lineWidth + gap + width <= columns {
                line += (gap == 1 ? " " : "") + word.text
                lineWidth += gap + width
                continue
            }
            if lineWidth > 0 { lines.append(line) }
            var rest = word.text
            while rest.displayWidth > columns {
                let head = rest.prefix(columns: columns)
                // A wide character in a one-column line still has to go somewhere.
                let cut = head.isEmpty ? String(rest.unicodeScalars.prefix(1)) : head
                lines.append(cut)
                rest = String(rest.unicodeScalars.dropFirst(cut.unicodeScalars.count))
            }
            line = rest
            lineWidth = rest.displayWidth
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The paragraph's unbreakable pieces, each with whether a space (rather than only a
    /// zero-width space, or nothing) came before it.
    private static func words(of paragraph: Substring) -> [(text: String, spaceBefore: Bool)] {
        var words: [(text: String, spaceBefore: Bool)] = []
        var current = String.UnicodeScalarView()
        var currentSpaceBefore = false
        var pendingSpace = false
        for scalar in paragraph.unicodeScalars {
            if scalar == " " || scalar == zeroWidthSpace {
                if !current.isEmpty {
                    words.append((String(current), currentSpaceBefore))
                    current = String.UnicodeScalarView()
                    pendingSpace = false
                }
                if scalar == " " { pendingSpace = true }
                continue
            }
            if current.isEmpty {
                currentSpaceBefore = pendingSpace
                pendingSpace = false
            }
            current.append(scalar)
        }
        if !current.isEmpty { words.append((String(current), currentSpaceBefore)) }
        return words
    }
}
