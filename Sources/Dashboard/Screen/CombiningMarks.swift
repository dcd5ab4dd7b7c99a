/// The combining marks drawn on one cell's character: a Thai vowel above or below its consonant,
/// a tone mark stacked over it, an accent.
///
/// Marks take no column of their own, so they belong to the cell of the character they sit on
/// and reach the terminal together with it (ncurses draws a cell as one base character and up to
/// four marks). Stored inline so that a cell stays a plain value that is cheap to copy and compare.
public struct CombiningMarks: Equatable, Sendable {
    /// The most marks a cell keeps; ncurses holds five characters per cell, the base included.
    public static let capacity = 4

    private var first: UInt32 = 0
    private var second: UInt32 = 0
    private var third: UInt32 = 0
    private var fourth: UInt32 = 0

    public init() {}

    public var isEmpty: Bool { first == 0 }

    /// The marks in the order they were added.
    public var scalars: [Unicode.Scalar] {
        [first, second, third, fourth].prefix { $0 != 0 }.compactMap(Unicode.Scalar.init)
    }

    /// Adds `mark` after the others; false when the cell holds `capacity` marks already.
    @discardableResult
    public mutating func append(_ mark: Unicode.Scalar) -> Bool {
        if first == 0 {
            first = mark.value
        } else if second == 0 {
            second = mark.value
        } else if third == 0 {
            third = mark.value
        } else if fourth == 0 {
            fourth = mark.value
        } else {
            return false
        }
        return true
    }
}

extension Unicode.Scalar {
    /// Whether the scalar is drawn on the character before it, taking no column: a nonspacing or
    /// enclosing mark. Variation selectors are left out, although Unicode files them as marks:
    /// they ask for emoji or text presentation, which may change how wide the terminal draws the
    /// character before them.
    var combinesWithPrevious: Bool {
        if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { return false }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return displayWidth == 0
        default: return false
        }
    }
}
