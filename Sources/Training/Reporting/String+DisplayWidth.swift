extension Unicode.Scalar {
    /// How many terminal columns the scalar takes, with `wcwidth` semantics: 0 for combining
    /// marks and other zero-width characters, 2 for East Asian wide and full-width characters and
    /// for emoji shown as pictures, 1 otherwise.
    ///
    /// Written out rather than calling Glibc's `wcwidth`, whose answer depends on the process
    /// locale: in the C locale it returns -1 for every non-ASCII character, so a layer name in
    /// Chinese would measure differently in `summary`, in tests and on the dashboard. Control
    /// characters count 1: they are drawn as a visible mark, never sent to the terminal.
    public var displayWidth: Int {
        let value = self.value
        if value < 0x300 { return 1 }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        // Hangul vowels and final consonants join the syllable before them.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        if properties.isEmojiPresentation { return 2 }
        return Self.wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks, as Unicode's EastAsianWidth.txt lists them.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initial consonants
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small forms
        0xFF00...0xFF60,  // full-width forms
        0xFFE0...0xFFE6,  // full-width signs
        0x16FE0...0x18CFF,  // Tangut, Khitan
        0x1AFF0...0x1B2FF,  // Kana supplement and extensions, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B to F
        0x30000...0x3FFFD,  // CJK extensions G and H
    ]
}

extension String {
    /// How many terminal columns the string takes (the sum of its scalars' widths).
    public var displayWidth: Int {
        unicodeScalars.reduce(0) { $0 + $1.displayWidth }
    }

    /// The longest start of the string that fits in `columns` terminal columns (a wide character
    /// that would straddle the edge is left out; zero-width marks stay with their base).
    public func prefix(columns: Int) -> String {
        var used = 0
        var view = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            let width = scalar.displayWidth
            if used + width > columns { break }
            used += width
            view.append(scalar)
        }
        return String(view)
    }
}
