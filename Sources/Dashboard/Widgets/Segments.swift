import Training

/// A line made of styled pieces that gives up its least important pieces when space is short.
struct Segments {
    private var pieces: [(text: String, style: CellStyle, priority: Int)] = []

    /// Adds a piece; the higher `priority`, the earlier it is dropped (0 is never dropped).
    /// Pieces of the same priority are dropped together, so a label goes with its value.
    mutating func add(_ text: String, _ style: CellStyle, priority: Int = 0) {
        pieces.append((text, style, priority))
    }

    /// The columns of every piece, and of the pieces that are never dropped.
    var fullWidth: Int { pieces.reduce(0) { $0 + $1.text.displayWidth } }
    var minimumWidth: Int { pieces.filter { $0.priority == 0 }.reduce(0) { $0 + $1.text.displayWidth } }

    /// Draws the pieces that fit into the one-row `rect`, in order, from its left edge
    /// (or right-aligned), and returns the columns used.
    @discardableResult
    func draw(into buffer: inout ScreenBuffer, rect: Rect, alignRight: Bool = false) -> Int {
        var kept = pieces
        var total = kept.reduce(0) { $0 + $1.text.displayWidth }
        while total > rect.width, let worst = kept.map(\.priority).max(), worst > 0 {
            kept.removeAll { $0.priority == worst }
            total = kept.reduce(0) { $0 + $1.text.displayWidth }
        }
        var x = alignRight ? max(rect.x, rect.maxX - total) : rect.x
        for piece in kept {
            x = buffer.put(piece.text, x: x, y: rect.y, style: piece.style, clip: rect)
        }
        return min(total, rect.width)
    }
}
