/// The fork's questions, in a box over the middle of the screen: what to do to branch B just
/// after `f`, and which branch to keep after `F`.
struct ForkPromptOverlay {
    let fork: ForkView
    let selectedLayer: String?
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer, bounds: Rect) {
        let lines: [(String, String)]
        let title: String
        switch fork.phase {
        case .choosing:
            title = "forked: change branch B"
            let layer = selectedLayer ?? "the selected layer"
            lines = [
                ("space", "freeze / unfreeze \(layer) in B"),
                ("+  -", "double / halve B's learning rate"),
                ("z", "reset \(layer)'s weights in B"),
                ("o", "B switches to SGD, momentum 0.9, lr 0.01"),
                ("\(theme.glyphs.arrowUpDown)  j k", "select another layer"),
                ("esc  f", "no fork after all"),
                ("", "A and B train on the same batches"),
            ]
        case .keeping:
            title = "keep which branch?"
            lines = [
                ("a", "keep A (\(fork.originalLabel)), drop B"),
                ("b", "keep B (\(fork.twinLabel)), drop A"),
                ("esc", "keep both"),
            ]
        case .running:
            return
        }
        let keyWidth = (lines.map(\.0.count).max() ?? 0) + 2
        let width = min(bounds.width, max(title.count + 6, (lines.map { keyWidth + $0.1.count }.max() ?? 0) + 4))
        let inner = buffer.overlay(bounds.centred(width: width, height: lines.count + 2), title: title, theme: theme)
        for (index, (key, text)) in lines.enumerated() where index < inner.height {
            let row = inner.row(index)
            buffer.put(key, in: Rect(x: row.x, y: row.y, width: keyWidth, height: 1), style: theme.key)
            buffer.put(
                text, in: Rect(x: row.x + keyWidth, y: row.y, width: row.width - keyWidth, height: 1),
                style: key.isEmpty ? theme.muted : theme.normal)
        }
    }
}
