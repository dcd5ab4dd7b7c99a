/// One of the four files that make up an MNIST-format dataset directory.
public enum DatasetFileRole: Sendable, Equatable, CaseIterable, CustomStringConvertible {
    case trainImages
    case trainLabels
    case testImages
    case testLabels

    /// File names tried, in order: the canonical `train-images-idx3-ubyte` style and the
    /// `train-images.idx3-ubyte` style some mirrors use, each gzipped first, then raw.
    public var candidateNames: [String] {
        let split = self == .trainImages || self == .trainLabels ? "train" : "t10k"
        let (content, format) =
            self == .trainImages || self == .testImages
            ? ("images", "idx3-ubyte") : ("labels", "idx1-ubyte")
        return [
            "\(split)-\(content)-\(format).gz", "\(split)-\(content)-\(format)",
            "\(split)-\(content).\(format).gz", "\(split)-\(content).\(format)",
        ]
    }

    /// The candidate names folded for messages: `train-images-idx3-ubyte[.gz]` and
    /// `train-images.idx3-ubyte[.gz]`.
    var namePatterns: [String] {
        candidateNames.filter { !$0.hasSuffix(".gz") }.map { $0 + "[.gz]" }
    }

    public var description: String {
        switch self {
        case .trainImages: "training images"
        case .trainLabels: "training labels"
        case .testImages: "test images"
        case .testLabels: "test labels"
        }
    }
}
