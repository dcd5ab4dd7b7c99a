/// Which of the two IDX files of the MNIST family a file is meant to be.
///
/// Images are rank 3 (`[count, rows, columns]`, magic `0x00000803`), labels rank 1
/// (`[count]`, magic `0x00000801`); both hold unsigned bytes (type code `0x08`).
public enum IDXKind: Sendable, Equatable, CustomStringConvertible {
    case images
    case labels

    /// Number of dimensions the header must declare.
    var rank: Int {
        switch self {
        case .images: 3
        case .labels: 1
        }
    }

    /// The full 32-bit magic number, type byte and rank included.
    var magic: UInt32 { 0x0000_0800 | UInt32(rank) }

    /// Bytes taken by the magic number and the dimensions.
    var headerSize: Int { 4 + 4 * rank }

    /// What one payload byte is, for messages ("header promises 10 label bytes").
    var byteName: String {
        switch self {
        case .images: "pixel bytes"
        case .labels: "label bytes"
        }
    }

    public var description: String {
        switch self {
        case .images: "images"
        case .labels: "labels"
        }
    }
}
