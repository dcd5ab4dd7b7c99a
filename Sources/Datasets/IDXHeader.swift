/// The validated header of an IDX file: its kind and dimensions.
///
/// Validation happens before any payload is allocated, so a corrupt or hostile header can
/// neither crash the reader nor make it reserve absurd amounts of memory.
struct IDXHeader: Equatable {
    /// The IDX type code for unsigned bytes, the only element type the MNIST family uses.
    static let unsignedByteType: UInt8 = 0x08
    /// Upper bound on payload bytes (1 GiB, so at most 4 GiB of `Float` pixels). The largest
    /// MNIST-format set, EMNIST ByClass, has about 0.55 G pixels.
    static let maximumElements = 1 << 30

    let kind: IDXKind
    /// `[count, rows, columns]` for images, `[count]` for labels; each at least 1.
    let dimensions: [Int]
    /// Product of the dimensions: the payload length in bytes.
    let elementCount: Int

    /// Reads and checks the header at the start of `stream`.
    static func read(from stream: ByteStream, expecting kind: IDXKind) throws(DatasetError) -> IDXHeader {
        let path = stream.path
        let magicBytes = try stream.readBytes(count: 4)
        guard magicBytes.count == 4 else {
            throw .truncatedHeader(path: path, expected: kind.headerSize, present: magicBytes.count)
        }
        let magic = bigEndian(magicBytes[0..<4])
        guard magicBytes[0] == 0, magicBytes[1] == 0 else {
            throw .notIDX(path: path, kind: kind, magic: magic)
        }
        guard magicBytes[2] == unsignedByteType else {
            throw .unsupportedElementType(path: path, typeCode: magicBytes[2])
        }
        guard Int(magicBytes[3]) == kind.rank else {
            throw .wrongRank(path: path, kind: kind, found: Int(magicBytes[3]))
        }

        let dimensionBytes = try stream.readBytes(count: 4 * kind.rank)
        guard dimensionBytes.count == 4 * kind.rank else {
            throw .truncatedHeader(path: path, expected: kind.headerSize, present: 4 + dimensionBytes.count)
        }
        let dimensions = (0..<kind.rank).map { index in
            Int(bigEndian(dimensionBytes[(4 * index)..<(4 * index + 4)]))
        }
        var elementCount = 1
        for (index, dimension) in dimensions.enumerated() {
            guard dimension > 0 else {
                throw .emptyDimension(path: path, index: index)
            }
            // Each factor is below 2^32, so the product of two fits in Int; the bound check
            // after every step keeps the running product below 2^30.
            elementCount *= dimension
            guard elementCount <= maximumElements else {
                throw .tooLarge(path: path, kind: kind, dimensions: dimensions)
            }
        }
        return IDXHeader(kind: kind, dimensions: dimensions, elementCount: elementCount)
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { ($0 << 8) | UInt32($1) }
    }
}
