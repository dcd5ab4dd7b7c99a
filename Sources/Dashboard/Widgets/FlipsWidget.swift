import Training

/// The test digits that changed verdict at the last validation, learned ones (wrong before,
/// right now) in green and forgotten ones (right before, wrong now) in red, above a table of
/// the learned, forgotten and never-learned counts of each epoch. Shown in place of the test
/// digits with `g`.
struct FlipsWidget {
    let state: DashboardState
    let theme: Theme

    static let minimumSlotWidth = 10

    func draw(into buffer: inout ScreenBuffer, rect: Rect) {
        let inner = rect.inset(by: 1)
        let counted = state.epochs.filter { $0.learned != nil }
        guard let flips = state.flips, inner.height > 0 else {
            buffer.box(
                rect, title: "learned & forgotten", glyphs: theme.glyphs, style: theme.border, titleStyle: theme.title)
            // Flipped digits are shown live only (a replay or a resumed run has the counts alone).
            let waiting =
                state.stage?.reportsAccuracy == false
                ? "counted only where the stage classifies"
                : counted.isEmpty ? "waiting for the first validation" : "digits appear at the next live validation"
            buffer.put(waiting, in: inner.row(0), style: theme.muted)
            drawCounts(counted, into: &buffer, rect: inner, rows: min(counted.count, max(0, inner.height - 2)))
            return
        }
        buffer.box(
            rect, title: title(flips, room: rect.width - 6), glyphs: theme.glyphs, style: theme.border,
            titleStyle: theme.title)
        // The counts take the bottom rows (up to half the panel), the digits the rest.
        let countRows = min(counted.count, max(1, inner.height / 2 - 1))
        let tableHeight = countRows + 1
        let imagesRect = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - tableHeight))
        drawDigits(flips, into: &buffer, rect: imagesRect)
        drawCounts(counted, into: &buffer, rect: inner, rows: countRows)
    }

    /// "epoch 3: 412 learned, 57 forgotten", shortened to fit `room` columns.
    private func title(_ flips: FlipSnapshot, room: Int) -> String {
        let counts = "\(flips.learnedCount) learned, \(flips.forgottenCount) forgotten"
        let candidates = [
            "epoch \(flips.epoch + 1): " + counts, counts, "+\(flips.learnedCount) -\(flips.forgottenCount)",
        ]
        return candidates.first { $0.displayWidth <= room } ?? candidates[candidates.count - 1]
    }

    /// Which flipped digits fit: forgotten ones are rarer and keep at least half the slots when
    /// there are enough of them; learned ones come first on screen.
    static func shown(_ flips: FlipSnapshot, capacity: Int) -> [(FlipSnapshot.Digit, DigitTint)] {
        let forgotten = min(flips.forgotten.count, max(capacity / 2, capacity - flips.learned.count))
        let learned = min(flips.learned.count, capacity - forgotten)
        return flips.learned.prefix(learned).map { ($0, .learned) }
            + flips.forgotten.prefix(forgotten).map { ($0, .forgotten) }
    }

    /// The panel height from which learned and forgotten digits get a row each.
    static let splitHeight = 10

    private func drawDigits(_ flips: FlipSnapshot, into buffer: inout ScreenBuffer, rect: Rect) {
        guard rect.height > 1, flips.rows > 0, flips.columns > 0 else { return }
        if flips.learned.isEmpty && flips.forgotten.isEmpty {
            buffer.put("no digit changed verdict", in: rect.row(0), style: theme.muted)
            return
        }
        guard rect.height >= Self.splitHeight else {
            drawGrid(flips, rect: rect, into: &buffer) { Self.shown(flips, capacity: $0) }
            return
        }
        // Learned digits above, forgotten ones below, each row scaled to its half.
        let (top, bottom) = rect.splitTop(rect.height / 2)
        drawGrid(flips, rect: top, into: &buffer) { capacity in flips.learned.prefix(capacity).map { ($0, .learned) } }
        drawGrid(flips, rect: bottom, into: &buffer) { capacity in
            flips.forgotten.prefix(capacity).map { ($0, .forgotten) }
        }
    }

    /// Draws the digits `pick` chooses for a grid of the capacity that fits `rect`.
    private func drawGrid(
        _ flips: FlipSnapshot, rect: Rect, into buffer: inout ScreenBuffer,
        pick: (Int) -> [(FlipSnapshot.Digit, DigitTint)]
    ) {
        let geometry = SampleSnapshot(rows: flips.rows, columns: flips.columns, inputs: [], labels: [])
        let grid = ImageGrid(samples: geometry, rect: rect, imagesPerSlot: 1, minimumSlot: Self.minimumSlotWidth)
        let painter = DigitsWidget(state: state, theme: theme)
        for (position, (digit, tint)) in pick(grid.capacity).enumerated() {
            let slot = grid.slot(position)
            painter.drawImage(
                digit.image, samples: geometry, grid: grid, scale: 1, tint: tint, into: &buffer, x: slot.imageX,
                y: slot.y)
            let caption = Rect(x: slot.x, y: slot.y + grid.imageHeight, width: grid.slotWidth, height: 1)
            if tint == .learned {
                buffer.put("+ \(digit.label)", in: caption, style: theme.good, alignment: .center)
            } else {
                buffer.put("- \(digit.label) as \(digit.prediction)", in: caption, style: theme.bad, alignment: .center)
            }
        }
    }

    /// The last `rows` counted epochs under a header line, at the bottom of `rect`.
    private func drawCounts(_ epochs: [EpochSummary], into buffer: inout ScreenBuffer, rect: Rect, rows: Int) {
        guard rows > 0, rect.height > rows else { return }
        let top = rect.maxY - rows - 1
        buffer.put(line("epoch", "learned", "forgotten", "never"), in: rect.row(top - rect.y), style: theme.muted)
        for (offset, summary) in epochs.suffix(rows).enumerated() {
            let row = rect.row(top - rect.y + 1 + offset)
            buffer.put(
                line(
                    "\(summary.epoch + 1)", "+\(summary.learned ?? 0)", "-\(summary.forgotten ?? 0)",
                    "\(summary.neverLearned ?? 0)"), in: row, style: theme.normal)
        }
    }

    private func line(_ epoch: String, _ learned: String, _ forgotten: String, _ never: String) -> String {
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        return pad(epoch, 5) + pad(learned, 8) + pad(forgotten, 10) + pad(never, 7)
    }
}
