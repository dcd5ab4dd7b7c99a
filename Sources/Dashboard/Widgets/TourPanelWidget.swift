/// The tour's side panel: the step's title and explanation, what to look at and which key to
/// try, the article's figure beside the measured one, and the tour's keys.
///
/// Text is wrapped by terminal columns at spaces and at the zero-width spaces that mark Thai
/// word boundaries. The figure and the keys keep their place at the bottom; when the panel is
/// too short for everything, the explanation gives up its last lines (ending in "…").
struct TourPanelWidget {
    let guide: TourGuide
    /// The run of the step's config.
    let run: DashboardState
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer, rect: Rect) {
        let step = guide.current
        let labels = guide.labels
        let title = "\(labels.step) \(guide.index + 1)/\(guide.steps.count): \(step.config)"
        buffer.box(rect, title: title, glyphs: theme.glyphs, style: theme.border, titleStyle: theme.title)
        let inner = rect.inset(by: 1)
        guard inner.width > 0, inner.height > 0 else { return }
        let width = inner.width
        let heading = step.title.wrapped(toColumns: width).map { ($0, theme.title) }
        let body = step.text.wrapped(toColumns: width).map { ($0, theme.normal) }
        let look = "\(labels.look): \(step.look)".wrapped(toColumns: width).map { ($0, theme.warning) }
        let suggestion = "\(labels.suggestion): \(step.suggestion)".wrapped(toColumns: width).map { ($0, theme.key) }
        let figure = labels.figureLine(article: step.article, you: guide.figure(for: step, run: run))
            .wrapped(toColumns: width).map { ($0, theme.good.emphasized) }
        let keys = labels.keys.wrapped(toColumns: width).map { ($0, theme.muted) }

        let bottom = look + [("", theme.normal)] + suggestion + [("", theme.normal)] + figure + keys
        let room = max(0, inner.height - bottom.count - heading.count - 1)
        var shownBody = Array(body.prefix(room))
        if body.count > room, let last = shownBody.popLast() {
            shownBody.append((last.0.prefix(columns: width - 1) + (theme.glyphs.isUnicode ? "…" : "~"), last.1))
        }
        var lines = heading + [("", theme.normal)] + shownBody
        let gap = inner.height - lines.count - bottom.count
        if gap > 0 { lines += Array(repeating: ("", theme.normal), count: gap) }
        lines += bottom
        for (row, line) in lines.prefix(inner.height).enumerated() {
            buffer.put(line.0, in: inner.row(row), style: line.1)
        }
    }
}
