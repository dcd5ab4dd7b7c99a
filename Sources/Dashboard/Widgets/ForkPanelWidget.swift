import Training

/// Where a fork stands, in place of the test digits: the two branches with their latest batch
/// loss, and each epoch's validation figure since the fork in A and in B with their difference.
struct ForkPanelWidget {
    let branches: ForkBranches
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer, rect: Rect) {
        let title = "forked at step \(Format.grouped(branches.fork.globalStep))"
        buffer.box(rect, title: title, glyphs: theme.glyphs, style: theme.border, titleStyle: theme.title)
        let inner = rect.inset(by: 1)
        guard inner.height >= 1 else { return }
        let glyph = theme.glyphs.isUnicode ? "━ " : "= "
        for (branch, (label, state)) in [
            (branches.fork.originalLabel, branches.original), (branches.fork.twinLabel, branches.twin),
        ].enumerated()
        where branch < inner.height {
            var line = Segments()
            line.add(glyph, theme.series(branch).emphasized)
            line.add(label, theme.normal)
            if state.failure != nil {
                line.add("  failed (its loss diverged)", theme.warning)
            } else if let loss = state.batch?.loss {
                line.add("  loss \(Format.fixed(loss, 4))", theme.muted, priority: 1)
            }
            line.draw(into: &buffer, rect: inner.row(branch))
        }
        let accuracy = branches.original.stage?.reportsAccuracy ?? true
        let rows = paired(accuracy: accuracy)
        guard inner.height > 3 else { return }
        guard !rows.isEmpty else {
            buffer.put("A and B compared at epoch ends", in: inner.row(3), style: theme.muted)
            return
        }
        let what = accuracy ? "val_acc" : "val_loss"
        buffer.put(header(what), in: inner.row(3), style: theme.muted.emphasized)
        // The latest epochs when they do not all fit.
        let room = inner.height - 4
        for (offset, row) in rows.suffix(room).enumerated() {
            var line = Segments()
            line.add(pad("\(row.epoch + 1)", 3), theme.normal)
            line.add(pad(figure(row.a, accuracy), 9), theme.series(0))
            line.add(pad(figure(row.b, accuracy), 9), theme.series(1))
            if let a = row.a, let b = row.b {
                let difference = accuracy ? (b - a) * 100 : b - a
                let better = accuracy ? difference > 0 : difference < 0
                let sign = difference > 0 ? "+" : ""
                line.add(
                    pad(sign + Format.fixed(difference, accuracy ? 2 : 4), 8),
                    difference == 0 ? theme.muted : better ? theme.good : theme.warning)
            }
            line.draw(into: &buffer, rect: inner.row(4 + offset))
        }
    }

    /// Epochs that ended in either branch since the fork, with each one's validation figure.
    private func paired(accuracy: Bool) -> [(epoch: Int, a: Float?, b: Float?)] {
        guard branches.original.stage?.index == branches.fork.stage else { return [] }
        func figures(_ state: DashboardState) -> [Int: Float] {
            var result: [Int: Float] = [:]
            for summary in state.epochs where summary.epoch >= branches.fork.epoch {
                if let value = accuracy ? summary.validationAccuracy : summary.validationLoss {
                    result[summary.epoch] = value
                }
            }
            return result
        }
        let (a, b) = (figures(branches.original), figures(branches.twin))
        return Set(a.keys).union(b.keys).sorted().map { ($0, a[$0], b[$0]) }
    }

    private func header(_ what: String) -> String {
        "ep" + pad("A " + what, 10) + pad("B", 9) + pad("B-A", 8)
    }

    private func figure(_ value: Float?, _ accuracy: Bool) -> String {
        guard let value else { return "-" }
        return accuracy ? Format.percent(value, 2) : Format.fixed(value, 4)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
