import CZlib

/// Decodes the PNG images of TensorBoard's image summaries into gray levels, as far as the
/// digits panel needs: 8-bit, not interlaced, in any of PNG's colour types but palettes.
/// Colour pixels are averaged over their red, green and blue: tensorboardX writes a grayscale
/// image as RGB with three equal channels, which this gives back exactly; alpha is dropped.
///
/// A hostile header cannot make it allocate much: the image is refused above `maximumPixels`,
/// and zlib inflates into a buffer of exactly the size the header announces.
enum PNGDecoder {
    /// Digits are 28x28; a summary image larger than 2048x2048 is not one.
    static let maximumPixels = 2048 * 2048

    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    /// Why an image's bytes are not a PNG this decoder reads.
    struct Failure: Error, Equatable {
        var reason: String
    }

    /// The image's gray levels, row by row.
    static func grayLevels(of png: [UInt8]) throws(Failure) -> (width: Int, height: Int, pixels: [UInt8]) {
        guard png.starts(with: signature) else { throw Failure(reason: "not a PNG (no PNG signature)") }
        var header: [UInt8] = []
        var compressed: [UInt8] = []
        var index = signature.count
        while index + 12 <= png.count {
            let length = Int(bigEndian(png, at: index))
            let type = String(decoding: png[index + 4..<index + 8], as: UTF8.self)
            guard length <= png.count - index - 12 else { throw Failure(reason: "a PNG chunk runs past the end") }
            let data = png[index + 8..<index + 8 + length]
            if type == "IHDR" { header = Array(data) }
            if type == "IDAT" { compressed += data }
            if type == "IEND" { break }
            index += 12 + length
        }
        guard header.count == 13 else { throw Failure(reason: "a PNG without its IHDR header") }
        let width = Int(bigEndian(header, at: 0))
        let height = Int(bigEndian(header, at: 4))
        let (depth, colour, interlace) = (header[8], header[9], header[12])
        guard width > 0, height > 0, width <= maximumPixels / height else {
            throw Failure(reason: "a PNG of \(width)x\(height) pixels; at most \(maximumPixels) are read")
        }
        let channels: Int
        switch colour {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: throw Failure(reason: "a PNG of colour type \(colour) (palette); gray and RGB are read")
        }
        guard depth == 8, interlace == 0 else {
            throw Failure(
                reason: "a PNG of \(depth)-bit samples\(interlace == 0 ? "" : ", interlaced"); 8-bit are read")
        }
        let rows = try unfiltered(
            try inflated(compressed, size: height * (1 + width * channels)), rowBytes: width * channels,
            channels: channels)
        let pixels = stride(from: 0, to: rows.count, by: channels).map { start -> UInt8 in
            if channels < 3 { return rows[start] }
            return UInt8((Int(rows[start]) + Int(rows[start + 1]) + Int(rows[start + 2]) + 1) / 3)
        }
        return (width, height, pixels)
    }

    /// The zlib stream inflated into exactly `size` bytes.
    private static func inflated(_ compressed: [UInt8], size: Int) throws(Failure) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        var outputSize = uLongf(size)
        let status = output.withUnsafeMutableBufferPointer { target in
            compressed.withUnsafeBufferPointer { source in
                uncompress(target.baseAddress, &outputSize, source.baseAddress, uLong(source.count))
            }
        }
        guard status == Z_OK, Int(outputSize) == size else {
            throw Failure(
                reason: "a PNG whose image data does not inflate to its \(size) bytes (zlib status \(status))")
        }
        return output
    }

    /// Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth), dropping the filter bytes.
    private static func unfiltered(_ data: [UInt8], rowBytes: Int, channels: Int) throws(Failure) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: data.count / (rowBytes + 1) * rowBytes)
        var previous = [UInt8](repeating: 0, count: rowBytes)
        for row in 0..<data.count / (rowBytes + 1) {
            let filter = data[row * (rowBytes + 1)]
            let line = data[(row * (rowBytes + 1) + 1)...].prefix(rowBytes)
            var current = [UInt8](repeating: 0, count: rowBytes)
            for (column, byte) in zip(0..<rowBytes, line) {
                let left = column >= channels ? Int(current[column - channels]) : 0
                let up = Int(previous[column])
                let upLeft = column >= channels ? Int(previous[column - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4: predictor = paeth(left, up, upLeft)
                default: throw Failure(reason: "a PNG row with filter type \(filter)")
                }
                current[column] = byte &+ UInt8(truncatingIfNeeded: predictor)
            }
            result.replaceSubrange(row * rowBytes..<(row + 1) * rowBytes, with: current)
            previous = current
        }
        return result
    }

    /// PNG's Paeth predictor: whichever of left, up and up-left is nearest to left + up - up-left.
    static func paeth(_ left: Int, _ up: Int, _ upLeft: Int) -> Int {
        let estimate = left + up - upLeft
        let (toLeft, toUp, toUpLeft) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
        if toLeft <= toUp && toLeft <= toUpLeft { return left }
        return toUp <= toUpLeft ? up : upLeft
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
    }
}
