import Training

/// The config picker: bundled configs grouped by family, each with how far its run has got.
struct ConfigPickerOverlay {
    let model: DashboardModel
    let selection: Int
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer, bounds: Rect) {
        let entries = model.pickerEntries
        var rows: [(text: String, entry: Int?)] = []
        var group: String?
        for (index, entry) in entries.enumerated() {
            if entry.group != group {
                group = entry.group
                rows.append((entry.group, nil))
            }
            rows.append(("", index))
        }
        // Wide enough for the longest name beside the longest status, as the screen allows.
        let statuses = entries.map { status(of: $0.identifier) }
        let needed = zip(entries, statuses).map { entry, status in
            "> \(entry.identifier)  \(entry.name)".displayWidth + status.displayWidth + 6
        }
        let width = min(bounds.width - 4, max(76, needed.max() ?? 0))
        let height = min(bounds.height - 2, rows.count + 2)
        let inner = buffer.overlay(
            bounds.centred(width: width, height: height),
            title: model.isWatching ? "runs (enter shows, esc closes)" : "configs (enter shows, esc closes)",
            theme: theme)
        // Scroll so that the highlighted entry is visible.
        let selectedRow = rows.firstIndex { $0.entry == selection } ?? 0
        let first = min(max(0, selectedRow - inner.height + 1), max(0, rows.count - inner.height))
        for (offset, row) in rows.dropFirst(first).prefix(inner.height).enumerated() {
            let line = inner.row(offset)
            guard let index = row.entry else {
                buffer.put(row.text, in: line, style: theme.muted.emphasized)
                continue
            }
            let entry = entries[index]
            let selected = index == selection
            let style = selected ? theme.selection : theme.normal
            if selected { buffer.fill(line, style: style) }
            let marker = entry.identifier == model.current ? String(Character(theme.glyphs.pointer)) : " "
            let status = statuses[index]
            // The status takes its own width (at most 2/5 of the row), the name all the rest.
            let statusWidth = min(status.displayWidth, line.width * 2 / 5)
            let left = Rect(x: line.x + 1, y: line.y, width: line.width - statusWidth - 4, height: 1)
            buffer.put("\(marker) \(entry.identifier)  \(entry.name)", in: left, style: style)
            var statusStyle = selected ? style : theme.muted
            if !selected, status.hasPrefix("running") { statusStyle = theme.good }
            buffer.put(
                status, in: Rect(x: line.maxX - statusWidth - 1, y: line.y, width: statusWidth, height: 1),
                style: statusStyle, alignment: .right)
        }
    }

    private func status(of identifier: String) -> String {
        guard let run = model.runs[identifier], run.stage != nil || run.failure != nil else {
            return model.isWatching ? "nothing yet" : "not started"
        }
        if let watched = run.watched {
            let step = max(run.losses.steps.last ?? 0, run.accuracies.steps.last ?? 0)
            let epoch = run.epochs.last.map { ", epoch \($0.epoch + 1)" } ?? ""
            return "watching, step \(Format.grouped(step))\(epoch), \(Format.grouped(watched.valueCount)) values"
        }
        let position = "epoch \(min((run.batch?.epoch ?? 0) + 1, run.stage?.epochs ?? 1)) step \(run.batch?.step ?? 0)"
        switch run.runState {
        case .running: return "running, " + position
        case .paused: return "paused, " + position
        case .finished:
            if let accuracy = run.result?.testAccuracy { return "finished, test " + Format.percent(accuracy, 2) }
            return "finished"
        case .failed: return "failed"
        case .stopped: return "stopped"
        case .ready: return "starting"
        }
    }
}
