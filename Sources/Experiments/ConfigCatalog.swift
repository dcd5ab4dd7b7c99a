import Foundation

/// The bundled `configs/` directory: which experiments ship, and loading them by name.
public struct ConfigCatalog: Sendable {
    /// What `neurotop` runs when given no config.
    public static let defaultIdentifier = "mlp-tanh-4"

    /// One bundled config, as `neurotop list` and the dashboard's config switcher show it.
    public struct Entry: Sendable {
        /// The file stem (`mlp-tanh-1`), which `ConfigLoader.load` accepts.
        public let identifier: String
        /// The display name from the file; the identifier when the file does not load.
        public let name: String
        public let group: ConfigGroup
        /// The article's test accuracy, a fraction (0.972).
        public let referenceAccuracy: Double?
        /// The file's path (relative to the working directory when inside it).
        public let path: String
        /// Why the file does not load; nil when it does.
        public let problem: ConfigError?
    }

    /// The directory, as found (absolute, or as given).
    public let directory: String
    /// `directory` as messages show it: relative to the working directory when inside it.
    public let displayDirectory: String

    /// A catalog of `directory`; `currentDirectory` only shortens the paths shown in messages.
    public init(directory: String, currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.directory = directory
        self.displayDirectory = Self.relative(directory, to: currentDirectory)
    }

    /// The identifiers of every `.yaml` file in the directory, MLPs first, then CNNs, then
    /// autoencoders, each group in natural order (`mlp-tanh-2` before `mlp-tanh-10`).
    public var identifiers: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let stems = files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .map { ($0 as NSString).deletingPathExtension }
        return Array(Set(stems)).sorted { a, b in
            let (groupA, groupB) = (ConfigGroup(identifier: a), ConfigGroup(identifier: b))
            if groupA != groupB { return groupA < groupB }
            return a.compare(b, options: .numeric) == .orderedAscending
        }
    }

    /// The file of a bundled config, if there is one.
    public func path(for identifier: String) -> String? {
        guard !identifier.isEmpty, !identifier.contains("/") else { return nil }
        for ending in [".yaml", ".yml"] {
            let path = (directory as NSString).appendingPathComponent(identifier + ending)
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// Loads a bundled config by identifier.
    public func load(_ identifier: String) throws(ConfigError) -> ExperimentConfig {
        guard let path = path(for: identifier) else {
            throw .unknownConfig(name: identifier, directory: displayDirectory, available: identifiers)
        }
        return try ConfigLoader.load(file: path, displayPath: displayPath(of: path))
    }

    /// Every bundled config, loaded: a file that fails to load is still listed, with its problem.
    public func entries() -> [Entry] {
        identifiers.compactMap { identifier in
            guard let path = path(for: identifier) else { return nil }
            do throws(ConfigError) {
                let config = try ConfigLoader.load(file: path, displayPath: displayPath(of: path))
                return Entry(
                    identifier: identifier, name: config.name, group: config.group,
                    referenceAccuracy: config.reference?.testAccuracy, path: displayPath(of: path), problem: nil)
            } catch {
                return Entry(
                    identifier: identifier, name: identifier, group: ConfigGroup(identifier: identifier),
                    referenceAccuracy: nil, path: displayPath(of: path), problem: error)
            }
        }
    }

    // MARK: - Private

    private func displayPath(of path: String) -> String {
        (displayDirectory as NSString).appendingPathComponent((path as NSString).lastPathComponent)
    }

    /// `path` relative to `base` when it lies inside it (`configs`), else unchanged.
    static func relative(_ path: String, to base: String) -> String {
        let standardPath = (path as NSString).standardizingPath
        let standardBase = (base as NSString).standardizingPath
        guard standardPath.hasPrefix("/"), standardBase.hasPrefix("/") else { return path }
        let prefix = standardBase.hasSuffix("/") ? standardBase : standardBase + "/"
        guard standardPath.hasPrefix(prefix) else { return standardPath }
        return String(standardPath.dropFirst(prefix.count))
    }
}
