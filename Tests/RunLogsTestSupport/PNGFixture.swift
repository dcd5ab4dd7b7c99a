import CZlib

/// PNG files written by hand (signature, IHDR, one zlib IDAT, IEND), each row with a chosen
/// filter, to test the decoder's unfiltering against images whose pixels are known.
public enum PNGFixture {
    /// An 8-bit PNG of `pixels` (row by row, `channels` samples each: 1 gray, 2 gray and alpha,
    /// 3 RGB, 4 RGBA), row r filtered with `filters[r % filters.count]` (0 None ... 4 Paeth).
    public static func png(
        width: Int, height: Int, channels: Int = 1, pixels: [UInt8], filters: [UInt8] = [0]
    ) -> [UInt8] {
        let rowBytes = width * channels
        var raw: [UInt8] = []
        for row in 0..<height {
            let filter = filters[row % filters.count]
            raw.append(filter)
            for column in 0..<rowBytes {
                let byte = pixels[row * rowBytes + column]
                let left = column >= channels ? Int(pixels[row * rowBytes + column - channels]) : 0
                let up = row > 0 ? Int(pixels[(row - 1) * rowBytes + column]) : 0
                let upLeft = row > 0 && column >= channels ? Int(pixels[(row - 1) * rowBytes + column - channels]) : 0
                let predictor: Int
                switch filter {
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4: predictor = paeth(left, up, upLeft)
                default: predictor = 0
                }
                raw.append(byte &- UInt8(truncatingIfNeeded: predictor))
            }
        }
        let colourType: UInt8 = [1: 0, 2: 4, 3: 2, 4: 6][channels] ?? 0
        let header = bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, colourType, 0, 0, 0]
        return [137, 80, 78, 71, 13, 10, 26, 10] + chunk("IHDR", header) + chunk("IDAT", compressed(raw))
            + chunk("IEND", [])
    }

    static func paeth(_ left: Int, _ up: Int, _ upLeft: Int) -> Int {
        let estimate = left + up - upLeft
        let distances = [abs(estimate - left), abs(estimate - up), abs(estimate - upLeft)]
        if distances[0] <= distances[1] && distances[0] <= distances[2] { return left }
        return distances[1] <= distances[2] ? up : upLeft
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        let crc = typed.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc)
    }

    static func compressed(_ bytes: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(size))
        _ = output.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress(target.baseAddress, &size, source.baseAddress, uLong(source.count))
            }
        }
        return Array(output.prefix(Int(size)))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
}
