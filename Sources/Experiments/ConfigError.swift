import NeuroEngine

/// Everything that can be wrong with a config, each with a one-line message that says where and
/// what to do.
///
/// Messages for problems inside a file start with `file:line: key.path:` so an editor can jump
/// there: `configs/foo.yaml:7: model.layers[2].Dense.unit: unknown argument 'unit'; allowed: ...`.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    // MARK: Finding the file
    /// A path was given and nothing is there.
    case fileNotFound(path: String)
    /// The file exists but could not be read as UTF-8 text.
    case unreadable(path: String, reason: String)
    /// A bare name that is not among the bundled configs.
    case unknownConfig(name: String, directory: String, available: [String])
    /// No bundled `configs/` directory was found in any of the places searched.
    case configsDirectoryNotFound(searched: [String])

    // MARK: Reading YAML
    /// The text is not valid YAML.
    case malformedYAML(file: String, line: Int, problem: String)
    /// The file holds no YAML document at all.
    case emptyDocument(file: String)
    /// The text holds far more values, or nests far deeper, than any config: refused before
    /// parsing, so that it costs neither time nor memory.
    case tooComplex(file: String, line: Int, problem: String)

    // MARK: The schema
    /// A mapping holds a key the schema does not know.
    case unknownKey(ConfigLocation, key: String, allowed: [String])
    /// A layer or optimizer was given an argument it does not take.
    case unknownArgument(ConfigLocation, argument: String, allowed: [String])
    /// A required key is absent from the mapping at `location`.
    case missingKey(ConfigLocation, key: String)
    /// A required layer or optimizer argument is absent.
    case missingArgument(ConfigLocation, argument: String)
    /// A value has the wrong shape or type (`units: many`).
    case wrongType(ConfigLocation, expected: String, found: String)
    /// A name from a fixed vocabulary (layer, activation, loss, ...) that is not in it.
    case unknownName(ConfigLocation, category: String, name: String, known: [String])
    /// A value of the right type that is out of range or inconsistent.
    case invalidValue(ConfigLocation, message: String)

    // MARK: Building
    /// The layers do not fit together (a Dense layer on an image, for example).
    case invalidModel(ConfigLocation, ModelError)
    /// A command-line override (epochs, batch size) is out of range.
    case invalidOverride(option: String, value: Int)
    /// The model and the dataset do not fit together.
    case incompatibleData(file: String, message: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            "config file not found: \(path)"
        case .unreadable(let path, let reason):
            "cannot read config file \(path): \(reason)"
        case .unknownConfig(let name, let directory, let available):
            "no bundled config named '\(name)' in \(directory); available: \(available.joined(separator: ", "))"
        case .configsDirectoryNotFound(let searched):
            "cannot find the bundled configs directory (searched \(searched.joined(separator: ", "))); "
                + "set NEUROTOP_CONFIGS to it or give the path of a .yaml file"
        case .malformedYAML(let file, let line, let problem):
            "\(file):\(line): malformed YAML: \(problem)"
        case .emptyDocument(let file):
            "\(file):1: the config is empty; expected a mapping with name, model and compile"
        case .tooComplex(let file, let line, let problem):
            "\(file):\(line): \(problem)"
        case .unknownKey(let location, let key, let allowed):
            "\(location): unknown key '\(key)'; allowed: \(allowed.joined(separator: ", "))"
        case .unknownArgument(let location, let argument, let allowed):
            "\(location): unknown argument '\(argument)'; allowed: \(allowed.joined(separator: ", "))"
        case .missingKey(let location, let key):
            "\(location): missing required key '\(key)'"
        case .missingArgument(let location, let argument):
            "\(location): missing required argument '\(argument)'"
        case .wrongType(let location, let expected, let found):
            "\(location): expected \(expected), got \(found)"
        case .unknownName(let location, let category, let name, let known):
            "\(location): unknown \(category) '\(name)'; known: \(known.joined(separator: ", "))"
        case .invalidValue(let location, let message):
            "\(location): \(message)"
        case .invalidModel(let location, let error):
            "\(location): \(error)"
        case .invalidOverride(let option, let value):
            "\(option) must be a positive integer, got \(value)"
        case .incompatibleData(let file, let message):
            "\(file): \(message)"
        }
    }
}
