import Training

/// Where the digits panel puts its images: how many pixels each cell covers, how large an image
/// is in cells, and the grid of slots (one image with its caption, or a group of images side by
/// side for autoencoders) centred in the panel.
///
/// Images are drawn at half resolution (2 pixel columns and 4 pixel rows per cell, as a half
/// block of two greys) when that fits; an image too large for the panel covers more pixels per
/// cell, so that at least one is always on screen. Any size from 1x1 up works.
struct ImageGrid {
    /// Pixel columns and rows per cell (rows always even: a cell shows two halves).
    let pixelsAcross: Int
    let pixelsDown: Int
    /// One image's size in cells.
    let imageWidth: Int
    let imageHeight: Int
    /// The columns each image gets (at least its width, wider for its caption).
    let imageSlotWidth: Int
    /// A slot: `imagesPerSlot` images side by side with one blank column between them.
    let slotWidth: Int
    let across: Int
    let down: Int
    private let gap: Int
    private let left: Int
    private let top: Int

    init(samples: SampleSnapshot, rect: Rect, imagesPerSlot: Int, minimumSlot: Int) {
        let count = max(1, imagesPerSlot)
        let widest = max(1, (rect.width - (count - 1)) / count)
        let tallest = max(1, rect.height - 1)  // a row for the caption
        pixelsAcross = max(2, Self.divideRoundingUp(samples.columns, widest))
        let down = max(4, Self.divideRoundingUp(samples.rows, tallest))
        pixelsDown = down + down % 2
        imageWidth = Self.divideRoundingUp(samples.columns, pixelsAcross)
        imageHeight = Self.divideRoundingUp(samples.rows, pixelsDown)
        imageSlotWidth = max(imageWidth, min(minimumSlot, widest))
        slotWidth = count * (imageSlotWidth + 1) - 1
        gap = count == 1 ? 1 : 2
        across = max(1, (rect.width + gap) / (slotWidth + gap))
        self.down = max(0, rect.height / (imageHeight + 1))
        left = rect.x + max(0, (rect.width - (across * (slotWidth + gap) - gap)) / 2)
        top = rect.y
    }

    /// How many slots fit.
    var capacity: Int { across * down }

    /// Slot `position` (row by row): its left column, the column of its first image (centred
    /// in its column) and its top row.
    func slot(_ position: Int) -> (x: Int, imageX: Int, y: Int) {
        let x = left + (position % across) * (slotWidth + gap)
        let y = top + (position / across) * (imageHeight + 1)
        return (x, x + (imageSlotWidth - imageWidth) / 2, y)
    }

    private static func divideRoundingUp(_ value: Int, _ divisor: Int) -> Int {
        (max(value, 0) + divisor - 1) / divisor
    }
}
