/// Why a tour text file cannot be used.
public enum TourError: Error, Equatable, CustomStringConvertible {
    /// No file for the language next to the bundled configs.
    case missingLanguage(language: String, path: String)
    case unreadable(path: String, reason: String)
    /// The file is not the tour's YAML: a key missing, a value of the wrong kind, an unknown name.
    case malformed(path: String, problem: String)
    /// A step names a config that is not bundled.
    case unknownConfig(path: String, step: String, config: String)

    public var description: String {
        switch self {
        case .missingLanguage(let language, let path):
            return "no tour text for language '\(language)' (looked for \(path)); "
                + "use --lang with one of: \(TourLanguage.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the tour text: \(reason)"
        case .malformed(let path, let problem):
            return "\(path): \(problem); compare with configs/tour/en.yaml, which lists the fields"
        case .unknownConfig(let path, let step, let config):
            return "\(path): step '\(step)' names config '\(config)', which is not bundled; "
                + "`neurotop list` shows the bundled configs"
        }
    }
}
