import Training

/// A few fixed test digits as the model sees them, with its prediction and the true label;
/// misclassified ones are marked. For autoencoders: each input beside its reconstruction (and,
/// for a denoising stage, the clean image before the corrupted input).
///
/// Images are drawn at half resolution: each cell covers 2 pixel columns and 4 pixel rows, as
/// a half block with the top and bottom halves in the 256-colour grey ramp when the terminal
/// has it, or as a character from a brightness ramp otherwise.
struct DigitsWidget {
    let state: DashboardState
    let theme: Theme

    func draw(into buffer: inout ScreenBuffer, rect: Rect) {
        buffer.box(rect, title: title, glyphs: theme.glyphs, style: theme.border, titleStyle: theme.title)
        let inner = rect.inset(by: 1)
        guard let samples = state.samples, !samples.inputs.isEmpty else {
            buffer.put("waiting for predictions", in: inner.row(0), style: theme.muted)
            return
        }
        let cellWidth = (samples.columns + 1) / 2
        let cellHeight = (samples.rows + 3) / 4
        if let reconstructions = samples.reconstructions {
            drawPairs(samples, reconstructions, into: &buffer, rect: inner, size: (cellWidth, cellHeight))
        } else {
            drawPredictions(samples, into: &buffer, rect: inner, size: (cellWidth, cellHeight))
        }
    }

    private var title: String {
        guard let samples = state.samples else { return "test digits" }
        if samples.reconstructions != nil {
            return samples.cleanInputs == nil ? "input | reconstruction" : "clean | corrupted | reconstruction"
        }
        guard let predictions = samples.predictions else { return "test digits" }
        let right = zip(predictions, samples.labels).filter { $0 == $1 }.count
        return "test digits  \(right)/\(predictions.count) right"
    }

    // MARK: - Layouts

    private func drawPredictions(
        _ samples: SampleSnapshot, into buffer: inout ScreenBuffer, rect: Rect, size: (Int, Int)
    ) {
        let (width, height) = size
        let across = max(1, (rect.width + 1) / (width + 1))
        let down = max(0, rect.height / (height + 1))
        let shown = min(samples.inputs.count, across * down)
        // Centre the grid in the panel.
        let left = rect.x + max(0, (rect.width - (across * (width + 1) - 1)) / 2)
        for index in 0..<shown {
            let x = left + (index % across) * (width + 1)
            let y = rect.y + (index / across) * (height + 1)
            drawImage(
                samples.inputs[index], rows: samples.rows, columns: samples.columns, scale: 1, into: &buffer, x: x, y: y
            )
            let label = Rect(x: x, y: y + height, width: width, height: 1)
            let truth = samples.labels[index]
            guard let predicted = samples.predictions?[index] else {
                buffer.put("\(truth)", in: label, style: theme.muted, alignment: .center)
                continue
            }
            if predicted == truth {
                let confidence = samples.confidences.map { " " + Format.percent($0[index], 0) } ?? ""
                buffer.put(
                    "\(predicted) \(theme.glyphs.check)\(confidence)", in: label, style: theme.good, alignment: .center)
            } else {
                buffer.put(
                    "\(predicted) \(theme.glyphs.cross) true \(truth)", in: label, style: theme.bad, alignment: .center)
            }
        }
    }

    /// Each input beside its reconstruction; for a denoising stage the clean image comes first,
    /// then the corrupted one the model saw, then the reconstruction.
    private func drawPairs(
        _ samples: SampleSnapshot, _ reconstructions: [[Float]], into buffer: inout ScreenBuffer, rect: Rect,
        size: (Int, Int)
    ) {
        let (width, height) = size
        let clean = samples.cleanInputs
        let captions = clean == nil ? ["in", "out"] : ["clean", "noisy", "out"]
        let groupWidth = captions.count * (width + 1) - 1
        let across = max(1, (rect.width + 2) / (groupWidth + 2))
        let down = max(0, rect.height / (height + 1))
        let shown = min(samples.inputs.count, reconstructions.count, clean?.count ?? .max, across * down)
        let left = rect.x + max(0, (rect.width - (across * (groupWidth + 2) - 2)) / 2)
        for index in 0..<shown {
            let x = left + (index % across) * (groupWidth + 2)
            let y = rect.y + (index / across) * (height + 1)
            // ReLU outputs have no upper bound: scale each reconstruction by its own maximum.
            // Inputs are drawn as they are (noise above 1 saturates).
            let output = reconstructions[index]
            let peak = output.max() ?? 1
            let images = (clean.map { [$0[index]] } ?? []) + [samples.inputs[index], output]
            for (column, image) in images.enumerated() {
                let scale: Float = column == images.count - 1 && peak > 0 ? 1 / peak : 1
                let left = x + column * (width + 1)
                drawImage(
                    image, rows: samples.rows, columns: samples.columns, scale: scale, into: &buffer, x: left, y: y)
                buffer.put(
                    captions[column], in: Rect(x: left, y: y + height, width: width, height: 1), style: theme.muted,
                    alignment: .center)
            }
        }
    }

    // MARK: - One image

    private func drawImage(
        _ pixels: [Float], rows: Int, columns: Int, scale: Float, into buffer: inout ScreenBuffer, x: Int, y: Int
    ) {
        guard pixels.count >= rows * columns else { return }
        func mean(_ top: Int, _ bottom: Int, _ column: Int) -> Float {
            var sum: Float = 0
            var count = 0
            for r in top..<min(bottom, rows) {
                for c in column..<min(column + 2, columns) {
                    sum += pixels[r * columns + c]
                    count += 1
                }
            }
            return count > 0 ? sum / Float(count) * scale : 0
        }
        for cellRow in 0..<((rows + 3) / 4) {
            for cellColumn in 0..<((columns + 1) / 2) {
                let top = cellRow * 4
                let column = cellColumn * 2
                if theme.supportsGreyRamp {
                    let upper = theme.grey(mean(top, top + 2, column))
                    let lower = theme.grey(mean(top + 2, top + 4, column))
                    buffer[x + cellColumn, y + cellRow] = ScreenBuffer.Cell(
                        "▀", style: CellStyle(foreground: upper, background: lower))
                } else {
                    let shades = theme.glyphs.shades
                    let raw = mean(top, top + 4, column)
                    let value = raw.isFinite ? min(max(raw, 0), 1) : 0
                    let level = min(shades.count - 1, Int((value * Float(shades.count - 1)).rounded()))
                    buffer[x + cellColumn, y + cellRow] = ScreenBuffer.Cell(shades[level], style: theme.normal)
                }
            }
        }
    }
}
