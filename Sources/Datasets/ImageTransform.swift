#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A rotation, shift and zoom of an image about its centre, applied by bilinear resampling.
///
/// Follows Keras's `apply_affine_transform`: an output pixel at `p = (row, column)` takes the
/// input's value at `c + R·(Z·(p - c) + t)`, where `c` is the image centre, `R` the rotation,
/// `Z = diag(rowZoom, columnZoom)` and `t = (rowShift, columnShift)` in pixels. A zoom above 1
/// samples a wider area, so the content shrinks. Coordinates outside the image are clamped to
/// the border (Keras's default `fill_mode='nearest'`).
public struct ImageTransform: Sendable, Equatable {
    /// Counter-clockwise in the (row, column) plane, in radians.
    public var rotation: Float = 0
    /// In pixels; positive values sample further down (the content moves up).
    public var rowShift: Float = 0
    /// In pixels; positive values sample further right (the content moves left).
    public var columnShift: Float = 0
    public var rowZoom: Float = 1
    public var columnZoom: Float = 1

    /// The transform that leaves every image as it is.
    public static let identity = ImageTransform()

    /// Writes the transformed `rows x columns` image `source` into `destination` (no overlap).
    public func apply(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, rows: Int, columns: Int
    ) {
        SourceMap(self, rows: rows, columns: columns).apply(source, into: destination)
    }
}

/// A transform worked out for one image size: the source coordinates as an affine function of
/// the output pixel, an origin plus a step per output row and per output column.
private struct SourceMap {
    let rows: Int, columns: Int
    private let rowOrigin: Float, columnOrigin: Float
    private let rowPerRow: Float, rowPerColumn: Float
    private let columnPerRow: Float, columnPerColumn: Float

    init(_ t: ImageTransform, rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        let cosine = cosf(t.rotation)
        let sine = sinf(t.rotation)
        // M = R·Z; source = c + M·(p - c) + R·t.
        rowPerRow = cosine * t.rowZoom
        rowPerColumn = -sine * t.columnZoom
        columnPerRow = sine * t.rowZoom
        columnPerColumn = cosine * t.columnZoom
        let centreRow = Float(rows - 1) / 2
        let centreColumn = Float(columns - 1) / 2
        let shiftRow = cosine * t.rowShift - sine * t.columnShift
        let shiftColumn = sine * t.rowShift + cosine * t.columnShift
        rowOrigin = centreRow - rowPerRow * centreRow - rowPerColumn * centreColumn + shiftRow
        columnOrigin = centreColumn - columnPerRow * centreRow - columnPerColumn * centreColumn + shiftColumn
    }

    func apply(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>) {
        // Fixed point with 16 fraction bits: stepping, clamping and splitting a coordinate into
        // pixel and fraction are then integer operations, which keeps the ~800 samples of an
        // image cheap next to the training step it feeds.
        let maxY = Int32(rows - 1) << 16
        let maxX = Int32(columns - 1) << 16
        let yStep = SourceMap.fixed(rowPerColumn)
        let xStep = SourceMap.fixed(columnPerColumn)
        let lastRow = rows - 1
        let lastColumn = columns - 1
        let content = SourceMap.content(of: source, rows: rows, columns: columns)
        for r in 0..<rows {
            let out = destination + r * columns
            let y0 = rowOrigin + rowPerRow * Float(r)
            let x0 = columnOrigin + columnPerRow * Float(r)
            // Only the stretch of the row that reaches the image's content needs sampling.
            let span = content.map { columnsReaching($0, rowStart: y0, columnStart: x0) } ?? 0..<0
            out.update(repeating: 0, count: span.lowerBound)
            (out + span.upperBound).update(repeating: 0, count: columns - span.upperBound)
            var y = SourceMap.fixed(y0) &+ Int32(span.lowerBound) &* yStep
            var x = SourceMap.fixed(x0) &+ Int32(span.lowerBound) &* xStep
            for c in span {
                let yc = min(max(y, 0), maxY)
                let xc = min(max(x, 0), maxX)
                let r0 = Int(yc >> 16)
                let c0 = Int(xc >> 16)
                let fy = Float(yc & 0xFFFF) * (1 / 65536)
                let fx = Float(xc & 0xFFFF) * (1 / 65536)
                // On the last row or column the far taps repeat the near ones (their weight is 0).
                let down = r0 < lastRow ? columns : 0
                let right = c0 < lastColumn ? 1 : 0
                let tap = source + (r0 &* columns &+ c0)
                let top = tap[0] + (tap[right] - tap[0]) * fx
                let bottom = tap[down] + (tap[down &+ right] - tap[down]) * fx
                out[c] = top + (bottom - top) * fy
                y &+= yStep
                x &+= xStep
            }
        }
    }

    /// The bounding box of the nonzero pixels; nil for a blank image. A box touching the border
    /// is widened to the whole image, since clamping repeats border pixels outwards.
    private static func content(
        of image: UnsafePointer<Float>, rows: Int, columns: Int
    ) -> (top: Int, bottom: Int, left: Int, right: Int)? {
        // Which rows and columns hold a nonzero value: OR the bits of every magnitude (sign
        // cleared), integer work the compiler vectorises.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: columns) { columnBits in
            guard let inColumn = columnBits.baseAddress else { return nil }
            inColumn.initialize(repeating: 0, count: columns)
            var top = rows
            var bottom = -1
            for r in 0..<rows {
                let row = image + r * columns
                var inRow: UInt32 = 0
                for c in 0..<columns {
                    let magnitude = row[c].bitPattern & 0x7FFF_FFFF
                    inColumn[c] |= magnitude
                    inRow |= magnitude
                }
                if inRow != 0 {
                    top = min(top, r)
                    bottom = r
                }
            }
            guard bottom >= 0 else { return nil }
            var left = 0
            var right = columns - 1
            while inColumn[left] == 0 { left += 1 }
            while inColumn[right] == 0 { right -= 1 }
            if top == 0 || left == 0 || bottom == rows - 1 || right == columns - 1 {
                return (0, rows - 1, 0, columns - 1)
            }
            return (top, bottom, left, right)
        }
    }

    /// The output columns of a row whose sample point can have a nonzero tap: those whose source
    /// point lies strictly inside the box grown by one pixel. Generous by a column on each side
    /// (and a hundredth of a pixel, for fixed-point drift); sampling a column that turns out blank
    /// costs time, never accuracy.
    private func columnsReaching(
        _ box: (top: Int, bottom: Int, left: Int, right: Int), rowStart y0: Float, columnStart x0: Float
    ) -> Range<Int> {
        if box.top == 0, box.left == 0, box.bottom == rows - 1, box.right == columns - 1 { return 0..<columns }
        func within(_ start: Float, _ step: Float, _ low: Int, _ high: Int) -> (Float, Float) {
            let lower = Float(low) - 1.01
            let upper = Float(high) + 1.01
            guard step != 0 else { return start > lower && start < upper ? (-.infinity, .infinity) : (1, 0) }
            let a = (lower - start) / step
            let b = (upper - start) / step
            return (min(a, b), max(a, b))
        }
        let (rowLow, rowHigh) = within(y0, rowPerColumn, box.top, box.bottom)
        let (columnLow, columnHigh) = within(x0, columnPerColumn, box.left, box.right)
        let low = max(rowLow, columnLow, -1)
        let high = min(rowHigh, columnHigh, Float(columns))
        guard low <= high else { return 0..<0 }
        let first = max(0, Int(low.rounded(.down)))
        let end = min(columns, Int(high.rounded(.up)) + 1)
        return first < end ? first..<end : 0..<0
    }

    /// A coordinate in 16.16 fixed point; far-off values are held well inside Int32 (anything
    /// beyond the image is clamped to its border anyway).
    private static func fixed(_ value: Float) -> Int32 {
        Int32(min(max(value, -16_384), 16_384) * 65536)
    }
}
