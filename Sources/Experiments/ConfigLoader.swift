import Datasets
import Foundation
import Yams

/// Turns a command-line argument or a file into an `ExperimentConfig`.
public enum ConfigLoader {
    /// Loads `argument`: a path to a `.yaml` file (`configs/mlp-tanh-1.yaml`, `./mine.yaml`), or a
    /// bare name (`mlp-tanh-1`) looked up in the bundled configs directory.
    ///
    /// An argument with a `/` or a `.yaml`/`.yml` ending is a path; a bare `name.yaml` that does
    /// not exist here falls back to the bundled config of that stem.
    /// - Parameter catalog: where bare names are looked up; found with
    ///   `ConfigCatalog.locate()` (only when needed) when nil.
    public static func load(_ argument: String, catalog: ConfigCatalog? = nil) throws(ConfigError)
        -> ExperimentConfig
    {
        if argument.contains("/") { return try load(file: argument) }
        if argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") {
            if FileManager.default.fileExists(atPath: argument) { return try load(file: argument) }
            // `neurotop mlp-tanh-1.yaml` from elsewhere: the bundled file of that name, if any.
            let stem = (argument as NSString).deletingPathExtension
            guard let catalog = catalog ?? (try? ConfigCatalog.locate()), catalog.path(for: stem) != nil else {
                throw .fileNotFound(path: argument)
            }
            return try catalog.load(stem)
        }
        let found: ConfigCatalog
        if let catalog { found = catalog } else { found = try ConfigCatalog.locate() }
        return try found.load(argument)
    }

    /// What keeps `name` from being a config's `name` (the rules of its `name:` field), worded to
    /// follow the option that gave it; nil when it is a fine name.
    public static func nameProblem(_ name: String) -> String? {
        switch NameRule.fault(of: name) {
        case .blank:
            return "is blank; give the config a name"
        case .tooLong(let characters):
            return "is \(characters) characters long; keep it to \(NameRule.longestName)"
        case .controlCharacters:
            return "contains control characters (such as tabs or line breaks); "
                + "use letters, digits, spaces and punctuation"
        case nil:
            return nil
        }
    }

    /// The most bytes a config file may hold.
    static let largestFile = 1 << 20

    /// How long reading a config waits for bytes before giving up: a pipe with nothing writing to
    /// it would otherwise hang the program without a word.
    public static let readTimeout: Duration = .seconds(10)

    /// Loads the config at `path`; messages name the file as `displayPath` (the path itself
    /// when nil). The identifier is the file's stem.
    ///
    /// - Parameter timeout: how long to wait for data from a pipe (tests shorten it).
    public static func load(file path: String, displayPath: String? = nil, timeout: Duration = readTimeout)
        throws(ConfigError) -> ExperimentConfig
    {
        let shown = displayPath ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: shown)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: shown, reason: "it is a directory") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unreadable(path: shown, reason: "permission denied; make it readable (chmod +r)")
        }
        // stat(2) follows links as opening the file will; a pipe (`<(...)`) reads fine, a device
        // such as /dev/zero would never end.
        var info = stat()
        let mode = stat(path, &info) == 0 ? info.st_mode : 0
        if mode & S_IFMT != S_IFIFO, let kind = RegularFile.otherKind(mode: mode) {
            let reason = "it is \(kind), not a regular file; give the path of a YAML config file"
            throw .unreadable(path: shown, reason: reason)
        }
        let data: [UInt8]
        do {
            data = try ConfigFileReader(timeout: timeout, limit: Self.largestFile).read(path)
        } catch {
            throw .unreadable(path: shown, reason: error.reason)
        }
        guard data.count <= Self.largestFile else {
            throw .unreadable(
                path: shown, reason: "larger than \(Self.largestFile >> 20) MiB; a config is a page of YAML")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .unreadable(path: shown, reason: "not readable as UTF-8 text")
        }
        let identifier = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(yaml: text, file: shown, identifier: identifier)
    }

    /// Parses config text; `file` is only used in messages.
    ///
    /// Besides reading the schema this assembles the model once, so a config that loads is one
    /// whose layers fit together.
    public static func parse(yaml: String, file: String, identifier: String) throws(ConfigError) -> ExperimentConfig {
        try parse(yaml: yaml, file: file, identifier: identifier, registry: .keras)
    }

    static func parse(yaml: String, file: String, identifier: String, registry: LayerRegistry) throws(ConfigError)
        -> ExperimentConfig
    {
        try ConfigTextLimits.check(yaml, file: file)
        let document: Node?
        do {
            document = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw malformed(error, file: file)
        } catch {
            throw .malformedYAML(file: file, line: 1, problem: "\(error)")
        }
        guard let document else { throw .emptyDocument(file: file) }
        let root = ConfigNode(
            node: document, location: ConfigLocation(file: file, line: document.mark?.line ?? 1, path: ""))
        if root.isNull { throw .emptyDocument(file: file) }
        var config = try ExperimentConfig(root: root, identifier: identifier, registry: registry)
        config.source = yaml
        _ = try config.makeModel()
        return config
    }

    // MARK: - Private

    /// libyaml's complaint as one located line.
    private static func malformed(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = problem
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            return .malformedYAML(file: file, line: mark.line, problem: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .malformedYAML(
                file: file, line: context.mark.line,
                problem: "duplicate key \(keys) in one mapping; keep only one")
        case .reader(let problem, let offset, _, let yaml):
            let line = offset.map { yaml.prefix($0).filter { $0 == "\n" }.count + 1 } ?? 1
            return .malformedYAML(file: file, line: line, problem: problem)
        default:
            return .malformedYAML(file: file, line: 1, problem: "\(error)")
        }
    }
}
