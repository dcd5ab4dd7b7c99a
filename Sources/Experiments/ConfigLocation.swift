/// Where in a config file something sits: the file as the user named it, the line, the key path.
public struct ConfigLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it (`configs/mlp-tanh-1.yaml`).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// Dotted key path such as `model.layers[2].Dense.units`; empty for the document itself.
    public var path: String

    /// `file:line: path` (or `file:line` at the top of the document), the prefix of every message.
    public var description: String {
        path.isEmpty ? "\(file):\(line)" : "\(file):\(line): \(path)"
    }
}
