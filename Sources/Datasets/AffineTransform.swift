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
public struct AffineTransform: Sendable, Equatable {
    /// Counter-clockwise in the (row, column) plane, in radians.
    public var rotation: Float
    /// In pixels; positive values sample further down (the content moves up).
    public var rowShift: Float
    /// In pixels; positive values sample further right (the content moves left).
    public var columnShift: Float
    public var rowZoom: Float
    public var columnZoom: Float

    public init(rotation: Float = 0, rowShift: Float = 0, columnShift: Float = 0, rowZoom: Float = 1, columnZoom: Float = 1) {
        self.rotation = rotation
        self.rowShift = rowShift
        self.columnShift = columnShift
        self.rowZoom = rowZoom
        self.columnZoom = columnZoom
    }

    /// The transform that leaves every image as it is.
    public static let identity = AffineTransform()

    /// Writes the transformed `rows x columns` image `source` into `destination` (no overlap).
    public func apply(
        _ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, rows: Int, columns: Int
    ) {
        SourceMap(self, rows: rows, columns: columns).apply(source, into: destination)
    }

    /// The transformed image's value at one output pixel.
    public func value(
        of source: UnsafePointer<Float>, row: Int, column: Int, rows: Int, columns: Int
    ) -> Float {
        SourceMap(self, rows: rows, columns: columns).value(of: source, row: row, column: column)
    }
}

/// A transform worked out for one image size: the source coordinates as an affine function of
/// the output pixel, an origin plus a step per output row and per output column. Making one
/// costs a sine and a cosine, so an image's pixels share it.
struct SourceMap {
    let rows: Int, columns: Int
    private let rowOrigin: Float, columnOrigin: Float
    private let rowPerRow: Float, rowPerColumn: Float
    private let columnPerRow: Float, columnPerColumn: Float

    init(_ t: AffineTransform, rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        let cosine = cosf(t.rotation), sine = sinf(t.rotation)
        // M = R·Z; source = c + M·(p - c) + R·t.
        rowPerRow = cosine * t.rowZoom
        rowPerColumn = -sine * t.columnZoom
        columnPerRow = sine * t.rowZoom
        columnPerColumn = cosine * t.columnZoom
        let centreRow = Float(rows - 1) / 2, centreColumn = Float(columns - 1) / 2
        let shiftRow = cosine * t.rowShift - sine * t.columnShift
        let shiftColumn = sine * t.rowShift + cosine * t.columnShift
        rowOrigin = centreRow - rowPerRow * centreRow - rowPerColumn * centreColumn + shiftRow
        columnOrigin = centreColumn - columnPerRow * centreRow - columnPerColumn * centreColumn + shiftColumn
    }

    func apply(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            // The source point moves by a constant step along an output row.
            var y = rowOrigin + rowPerRow * Float(r)
            var x = columnOrigin + columnPerRow * Float(r)
            let out = destination + r * columns
            for c in 0..<columns {
                out[c] = bilinear(source, y: y, x: x, rows: rows, columns: columns)
                y += rowPerColumn
                x += columnPerColumn
            }
        }
    }

    func value(of source: UnsafePointer<Float>, row: Int, column: Int) -> Float {
        let y = rowOrigin + rowPerRow * Float(row) + rowPerColumn * Float(column)
        let x = columnOrigin + columnPerRow * Float(row) + columnPerColumn * Float(column)
        return bilinear(source, y: y, x: x, rows: rows, columns: columns)
    }
}

/// Bilinear interpolation at (y, x), with the point clamped into the image first.
@inline(__always)
private func bilinear(_ image: UnsafePointer<Float>, y: Float, x: Float, rows: Int, columns: Int) -> Float {
    let yc = min(max(y, 0), Float(rows - 1))
    let xc = min(max(x, 0), Float(columns - 1))
    let r0 = Int(yc), c0 = Int(xc)
    let r1 = min(r0 + 1, rows - 1), c1 = min(c0 + 1, columns - 1)
    let fy = yc - Float(r0), fx = xc - Float(c0)
    let top = image[r0 * columns + c0] + (image[r0 * columns + c1] - image[r0 * columns + c0]) * fx
    let bottom = image[r1 * columns + c0] + (image[r1 * columns + c1] - image[r1 * columns + c0]) * fx
    return top + (bottom - top) * fy
}
