/// Turns a drawing into what MNIST's digits look like, so a model trained on MNIST reads it as
/// it reads the test set: the ink's bounding box scaled to fit 20x20 keeping its aspect, then
/// placed in 28x28 with its centre of mass at the centre (LeCun et al.'s preparation).
public enum DigitPreprocessing {
    /// The side of the image a model takes.
    public static let side = 28
    /// The side of the box the ink is scaled into.
    public static let box = 20

    /// `pixels` (row by row, `side`x`side`, values 0...1) prepared as MNIST is; a blank drawing
    /// stays blank.
    public static func mnist(_ pixels: [Float]) -> [Float] {
        let side = Self.side
        guard pixels.count == side * side else { return [Float](repeating: 0, count: side * side) }
        var top = side
        var bottom = -1
        var left = side
        var right = -1
        for row in 0..<side {
            for column in 0..<side where pixels[row * side + column] > 0 {
                top = min(top, row)
                bottom = max(bottom, row)
                left = min(left, column)
                right = max(right, column)
            }
        }
        guard bottom >= 0 else { return [Float](repeating: 0, count: side * side) }
        let height = bottom - top + 1
        let width = right - left + 1
        let scale = Float(box) / Float(max(height, width))
        let scaledHeight = max(1, Int((Float(height) * scale).rounded()))
        let scaledWidth = max(1, Int((Float(width) * scale).rounded()))
        // Area sampling: each target pixel averages the source pixels it covers.
        var scaled = [Float](repeating: 0, count: scaledHeight * scaledWidth)
        for y in 0..<scaledHeight {
            for x in 0..<scaledWidth {
                let y0 = Float(y) / scale
                let y1 = Float(y + 1) / scale
                let x0 = Float(x) / scale
                let x1 = Float(x + 1) / scale
                var sum: Float = 0
                var area: Float = 0
                for sy in Int(y0)..<min(height, Int(y1.rounded(.up))) {
                    let dy = min(y1, Float(sy + 1)) - max(y0, Float(sy))
                    guard dy > 0 else { continue }
                    for sx in Int(x0)..<min(width, Int(x1.rounded(.up))) {
                        let dx = min(x1, Float(sx + 1)) - max(x0, Float(sx))
                        guard dx > 0 else { continue }
                        sum += dy * dx * pixels[(top + sy) * side + left + sx]
                        area += dy * dx
                    }
                }
                scaled[y * scaledWidth + x] = area > 0 ? min(1, sum / area) : 0
            }
        }
        // Centre of mass of the scaled ink, moved to the image's centre.
        var mass: Float = 0
        var massY: Float = 0
        var massX: Float = 0
        for y in 0..<scaledHeight {
            for x in 0..<scaledWidth {
                let value = scaled[y * scaledWidth + x]
                mass += value
                massY += value * (Float(y) + 0.5)
                massX += value * (Float(x) + 0.5)
            }
        }
        let centreY = mass > 0 ? massY / mass : Float(scaledHeight) / 2
        let centreX = mass > 0 ? massX / mass : Float(scaledWidth) / 2
        let half = Float(side) / 2
        let offsetY = Int((half - centreY).rounded())
        let offsetX = Int((half - centreX).rounded())
        var output = [Float](repeating: 0, count: side * side)
        for y in 0..<scaledHeight {
            for x in 0..<scaledWidth {
                let row = y + offsetY
                let column = x + offsetX
                guard (0..<side).contains(row), (0..<side).contains(column) else { continue }
                output[row * side + column] = scaled[y * scaledWidth + x]
            }
        }
        return output
    }
}
