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

    /// The narrowest column a digit gets, so that its caption ("3 ✗ true 8") stays readable
    /// under an image only a few pixels wide.
    static let minimumPredictionWidth = 10
    static let minimumPairWidth = 5

    func draw(into buffer: inout ScreenBuffer, rect: Rect) {
        let inner = rect.inset(by: 1)
        guard let samples = state.samples, !samples.inputs.isEmpty, samples.rows > 0, samples.columns > 0 else {
            let watched = state.watched != nil
            buffer.box(
                rect, title: watched ? "images" : "test digits", glyphs: theme.glyphs, style: theme.border,
                titleStyle: theme.title)
            buffer.put(
                watched ? "no images in the log yet" : "waiting for predictions", in: inner.row(0), style: theme.muted)
            return
        }
        if let reconstructions = samples.reconstructions {
            buffer.box(
                rect,
                title: samples.cleanInputs == nil ? "input | reconstruction" : "clean | corrupted | reconstruction",
                glyphs: theme.glyphs, style: theme.border, titleStyle: theme.title)
            drawPairs(samples, reconstructions, into: &buffer, rect: inner)
        } else {
            let grid = ImageGrid(
                samples: samples, rect: inner, imagesPerSlot: 1, minimumSlot: Self.minimumPredictionWidth)
            let shown = min(samples.inputs.count, grid.capacity)
            buffer.box(
                rect, title: predictionTitle(samples, shown: shown, room: rect.width - 6), glyphs: theme.glyphs,
                style: theme.border, titleStyle: theme.title)
            drawPredictions(samples, grid: grid, shown: shown, into: &buffer)
        }
    }

    /// "test digits  15/16 right, showing 6": how many it got right, and how many of them are on
    /// screen when not all fit; shortened to fit `room` columns.
    private func predictionTitle(_ samples: SampleSnapshot, shown: Int, room: Int) -> String {
        if let watched = state.watched, let tag = watched.imageTag {
            // A watched log's images: their tag and step.
            let candidates = ["images  \(tag)  step \(watched.imageStep)", "\(tag)  step \(watched.imageStep)", tag]
            return candidates.first { $0.displayWidth <= room } ?? "images"
        }
        guard let predictions = samples.predictions else { return "test digits" }
        let right = zip(predictions, samples.labels).filter { $0 == $1 }.count
        let score = "\(right)/\(predictions.count) right"
        let count = shown < samples.inputs.count ? ", showing \(shown)" : ""
        let candidates = ["test digits  " + score + count, score + count, score]
        return candidates.first { $0.displayWidth <= room } ?? score
    }

    // MARK: - Layouts

    /// Misclassified digits first (the ones worth seeing), then the rest, each group in the
    /// trainer's order.
    static func displayOrder(_ samples: SampleSnapshot) -> [Int] {
        guard let predictions = samples.predictions else { return Array(samples.inputs.indices) }
        let indices = samples.inputs.indices.filter { $0 < predictions.count && $0 < samples.labels.count }
        let wrong = indices.filter { predictions[$0] != samples.labels[$0] }
        let right = indices.filter { predictions[$0] == samples.labels[$0] }
        return wrong + right
    }

    private func drawPredictions(
        _ samples: SampleSnapshot, grid: ImageGrid, shown: Int, into buffer: inout ScreenBuffer
    ) {
        for (position, index) in Self.displayOrder(samples).prefix(shown).enumerated() {
            let slot = grid.slot(position)
            drawImage(
                samples.inputs[index], samples: samples, grid: grid, scale: 1, into: &buffer, x: slot.imageX, y: slot.y)
            let label = Rect(x: slot.x, y: slot.y + grid.imageHeight, width: grid.slotWidth, height: 1)
            // A watched log's images come without labels (-1).
            let truth = samples.labels.indices.contains(index) ? samples.labels[index] : -1
            guard let predicted = samples.predictions?[index] else {
                if truth >= 0 { buffer.put("\(truth)", in: label, style: theme.muted, alignment: .center) }
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
        _ samples: SampleSnapshot, _ reconstructions: [[Float]], into buffer: inout ScreenBuffer, rect: Rect
    ) {
        let clean = samples.cleanInputs
        let captions = clean == nil ? ["in", "out"] : ["clean", "noisy", "out"]
        let grid = ImageGrid(
            samples: samples, rect: rect, imagesPerSlot: captions.count, minimumSlot: Self.minimumPairWidth)
        let shown = min(samples.inputs.count, reconstructions.count, clean?.count ?? .max, grid.capacity)
        for index in 0..<shown {
            let slot = grid.slot(index)
            // ReLU outputs have no upper bound: scale each reconstruction by its own maximum.
            // Inputs are drawn as they are (noise above 1 saturates).
            let output = reconstructions[index]
            let peak = output.max() ?? 1
            let images = (clean.map { [$0[index]] } ?? []) + [samples.inputs[index], output]
            for (column, image) in images.enumerated() {
                let scale: Float = column == images.count - 1 && peak > 0 ? 1 / peak : 1
                let left = slot.x + column * (grid.imageSlotWidth + 1)
                let imageX = left + (grid.imageSlotWidth - grid.imageWidth) / 2
                drawImage(image, samples: samples, grid: grid, scale: scale, into: &buffer, x: imageX, y: slot.y)
                buffer.put(
                    captions[column],
                    in: Rect(x: left, y: slot.y + grid.imageHeight, width: grid.imageSlotWidth, height: 1),
                    style: theme.muted, alignment: .center)
            }
        }
    }

    // MARK: - One image

    /// Draws one image with its top-left cell at (`x`, `y`), each cell covering the grid's block
    /// of pixels (a partial block at the right and bottom edges averages the pixels it has), in
    /// greys or in the ramp of `tint`.
    func drawImage(
        _ pixels: [Float], samples: SampleSnapshot, grid: ImageGrid, scale: Float, tint: DigitTint = .grey,
        into buffer: inout ScreenBuffer, x: Int, y: Int
    ) {
        let (rows, columns) = (samples.rows, samples.columns)
        guard pixels.count >= rows * columns else { return }
        func mean(_ top: Int, _ bottom: Int, _ left: Int) -> Float {
            let (bottom, right) = (min(bottom, rows), min(left + grid.pixelsAcross, columns))
            guard top < bottom, left < right else { return 0 }
            var sum: Float = 0
            for r in top..<bottom {
                for c in left..<right { sum += pixels[r * columns + c] }
            }
            return sum / Float((bottom - top) * (right - left)) * scale
        }
        let down = grid.pixelsDown
        for cellRow in 0..<grid.imageHeight {
            for cellColumn in 0..<grid.imageWidth {
                let top = cellRow * down
                let left = cellColumn * grid.pixelsAcross
                if theme.supportsGreyRamp {
                    let upper = theme.shade(mean(top, top + down / 2, left), tint: tint)
                    let lower = theme.shade(mean(top + down / 2, top + down, left), tint: tint)
                    buffer[x + cellColumn, y + cellRow] = ScreenBuffer.Cell(
                        "▀", style: CellStyle(foreground: upper, background: lower))
                } else {
                    let shades = theme.glyphs.shades
                    let raw = mean(top, top + down, left)
                    let value = raw.isFinite ? min(max(raw, 0), 1) : 0
                    let level = min(shades.count - 1, Int((value * Float(shades.count - 1)).rounded()))
                    buffer[x + cellColumn, y + cellRow] = ScreenBuffer.Cell(shades[level], style: theme.style(of: tint))
                }
            }
        }
    }
}
