/// Turns a dataset name or a `--data` directory into a loaded `Dataset`.
///
/// Known names: `mnist` (the copy bundled in the repository's `data/mnist`, see
/// `BundledDataSearch`) and `fashion-mnist` (the Debian package `dataset-fashion-mnist`).
/// A directory, when given, wins over the name.
public struct DatasetCatalog: Sendable {
    /// Dataset names `load(name:directory:)` understands without a directory.
    public static let knownNames = ["mnist", "fashion-mnist"]
    /// Where the `dataset-fashion-mnist` package installs its files.
    public static let defaultFashionMNISTDirectory = "/usr/share/datasets/fashion-mnist"

    /// How the bundled MNIST is found.
    public var bundled: BundledDataSearch
    /// Where Fashion-MNIST is expected.
    public var fashionMNISTDirectory: String

    public init(
        bundled: BundledDataSearch = .forCurrentProcess(),
        fashionMNISTDirectory: String = DatasetCatalog.defaultFashionMNISTDirectory
    ) {
        self.bundled = bundled
        self.fashionMNISTDirectory = fashionMNISTDirectory
    }

    /// Loads dataset `name`, or the IDX files in `directory` when one is given (`--data DIR`),
    /// as this process finds them.
    public static func load(name: String, directory: String?) throws(DatasetError) -> Dataset {
        try DatasetCatalog().load(name: name, directory: directory)
    }

    /// Loads dataset `name`, or the IDX files in `directory` when one is given.
    ///
    /// A dataset read from a directory is named after the directory.
    public func load(name: String, directory: String?) throws(DatasetError) -> Dataset {
        if let directory {
            return try DatasetDirectory(path: directory).load(name: directory)
        }
        let canonical = name.lowercased()
        return try locate(name: canonical).load(name: canonical)
    }

    /// The directory holding dataset `name`, without reading it.
    public func locate(name: String) throws(DatasetError) -> DatasetDirectory {
        switch name.lowercased() {
        case "mnist":
            guard let path = bundled.locate("mnist") else {
                throw .notInstalled(
                    name: "mnist", searched: bundled.searchedPlaces(for: "mnist"),
                    remedy: "set \(BundledDataSearch.environmentVariable) to a directory containing mnist/, "
                        + "or pass --data DIR")
            }
            return DatasetDirectory(path: path)
        case "fashion-mnist":
            guard LocalFiles.isDirectory(fashionMNISTDirectory) else {
                throw .notInstalled(
                    name: "fashion-mnist", searched: [fashionMNISTDirectory],
                    remedy: "install it with `sudo apt-get install dataset-fashion-mnist`, or pass --data DIR")
            }
            return DatasetDirectory(path: fashionMNISTDirectory)
        default:
            throw .unknownName(name: name, known: Self.knownNames)
        }
    }
}
