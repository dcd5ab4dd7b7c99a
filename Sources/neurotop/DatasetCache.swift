import Datasets

/// Datasets loaded so far, so that every config on the same data shares one copy.
final class DatasetCache {
    private let directory: String?
    private var loaded: [String: Dataset] = [:]

    init(directory: String?) {
        self.directory = directory
    }

    func load(_ name: String) throws -> Dataset {
        if let dataset = loaded[name] { return dataset }
        let dataset = try DatasetCatalog.load(name: name, directory: directory)
        loaded[name] = dataset
        return dataset
    }
}
