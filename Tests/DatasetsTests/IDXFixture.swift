/// Builds small IDX files byte by byte so each test controls every header field.
enum IDXFixture {
    /// A header: the magic number then each dimension, all big-endian 32-bit.
    static func header(magic: UInt32, dimensions: [UInt32]) -> [UInt8] {
        ([magic] + dimensions).flatMap { value in
            [UInt8(value >> 24 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
        }
    }

    /// A well-formed images file of `count` images, `rows x columns` each, holding `pixels`.
    static func images(count: Int, rows: Int, columns: Int, pixels: [UInt8]) -> [UInt8] {
        header(magic: 0x0803, dimensions: [UInt32(count), UInt32(rows), UInt32(columns)]) + pixels
    }

    /// A well-formed labels file.
    static func labels(_ labels: [UInt8]) -> [UInt8] {
        header(magic: 0x0801, dimensions: [UInt32(labels.count)]) + labels
    }

    /// Pixel bytes that differ from image to image and position to position.
    static func pattern(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(($0 * 37 + 11) % 256) }
    }
}
