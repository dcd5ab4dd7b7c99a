import Foundation
import Yams

/// A YAML node together with where it sits (file, line, key path), so that every complaint about
/// it can point there.
///
/// The readers below check shape and type and throw a located `ConfigError`; the schema code
/// never looks at a raw `Yams.Node`.
struct ConfigNode {
    let node: Node
    let location: ConfigLocation

    init(node: Node, location: ConfigLocation) {
        self.node = node
        self.location = location
    }

    var path: String { location.path }

    /// The value under `key` of this mapping; `line` is the key's line, where an editor should
    /// land even when the value starts on the next line.
    func child(_ key: String, node: Node, line: Int) -> ConfigNode {
        let path = location.path.isEmpty ? key : "\(location.path).\(key)"
        return ConfigNode(node: node, location: ConfigLocation(file: location.file, line: line, path: path))
    }

    /// The `index`th item of this sequence.
    func element(_ index: Int, node: Node) -> ConfigNode {
        ConfigNode(
            node: node,
            location: ConfigLocation(
                file: location.file, line: node.mark?.line ?? location.line, path: "\(location.path)[\(index)]"))
    }

    /// True for an empty value (`key:` with nothing after it, `~`, `null`).
    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return node.null != nil
    }

    // MARK: - Shapes

    /// This node as a mapping whose keys must all be in `allowed`.
    ///
    /// - Parameter arguments: call the keys "arguments" in messages (layer and optimizer
    ///   arguments) rather than "keys".
    func mapping(allowed: [String], arguments: Bool = false, expected: String = "a mapping") throws(ConfigError)
        -> ConfigMapping
    {
        guard case .mapping(let mapping) = node else {
            throw .wrongType(location, expected: expected, found: rendered)
        }
        var entries: [(key: String, value: ConfigNode)] = []
        for (keyNode, valueNode) in mapping {
            let keyLine = keyNode.mark?.line ?? location.line
            guard case .scalar(let scalar) = keyNode else {
                throw .wrongType(
                    ConfigLocation(file: location.file, line: keyLine, path: path), expected: "a plain key name",
                    found: ConfigNode(node: keyNode, location: location).rendered)
            }
            let key = scalar.string
            let value = child(key, node: valueNode, line: keyLine)
            guard allowed.contains(key) else {
                throw arguments
                    ? .unknownArgument(value.location, argument: key, allowed: allowed)
                    : .unknownKey(value.location, key: key, allowed: allowed)
            }
            entries.append((key, value))
        }
        return ConfigMapping(owner: self, entries: entries, arguments: arguments)
    }

    /// This node as a list of items.
    func sequence(expected: String) throws(ConfigError) -> [ConfigNode] {
        guard case .sequence(let sequence) = node else {
            throw .wrongType(location, expected: expected, found: rendered)
        }
        return sequence.enumerated().map { element($0.offset, node: $0.element) }
    }

    /// A Keras-style `Class: {arguments}` entry, or a bare `Class` with no arguments
    /// (`- Dense: {units: 10}`, `- Flatten`, `optimizer: {Adam: {learning_rate: 0.001}}`).
    ///
    /// - Returns: the class name and the node holding its arguments (nil when there are none);
    ///   the arguments node's path ends in the class name.
    func classEntry(category: String, example: String) throws(ConfigError) -> (name: String, arguments: ConfigNode?) {
        switch node {
        case .scalar(let scalar) where !isNull:
            return (scalar.string, nil)
        case .mapping(let mapping) where mapping.count == 1:
            guard let (keyNode, valueNode) = mapping.first, case .scalar(let key) = keyNode else { break }
            let arguments = child(key.string, node: valueNode, line: keyNode.mark?.line ?? location.line)
            return (key.string, arguments.isNull ? nil : arguments)
        case .mapping(let mapping):
            throw .wrongType(
                location, expected: "one \(category) per entry, like \(example)",
                found: "\(mapping.count) keys")
        default:
            break
        }
        throw .wrongType(location, expected: "a \(category) like \(example)", found: rendered)
    }

    // MARK: - Scalars

    /// This node's text, for names and free text.
    func string() throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, !isNull else {
            throw .wrongType(location, expected: "a string", found: rendered)
        }
        return scalar.string
    }

    /// A name-like string, by the rules of `NameRule`.
    func nonEmptyString() throws(ConfigError) -> String {
        let text = try string()
        switch NameRule.fault(of: text) {
        case .blank:
            throw .wrongType(location, expected: "a non-empty string", found: rendered)
        case .tooLong(let characters):
            throw .invalidValue(location, message: "\(characters) characters long; keep it to \(NameRule.longestName)")
        case .controlCharacters:
            throw .invalidValue(location, message: "contains control characters; use plain text")
        case nil:
            return text
        }
    }

    func int(expected: String = "an integer") throws(ConfigError) -> Int {
        guard let value = node.int else { throw .wrongType(location, expected: expected, found: rendered) }
        return value
    }

    /// The largest size a config may ask for (units, filters, epochs, batch size, windows):
    /// far beyond anything these experiments need, and small enough that products of a few
    /// sizes cannot overflow.
    static let largestSize = 1 << 20

    /// An integer from 1 to `largestSize` (units, epochs, batch size).
    func positiveInt() throws(ConfigError) -> Int {
        let value = try int(expected: "a positive integer")
        guard value > 0 else { throw .wrongType(location, expected: "a positive integer", found: rendered) }
        guard value <= Self.largestSize else {
            throw .wrongType(
                location, expected: "a positive integer no larger than \(Self.largestSize)", found: rendered)
        }
        return value
    }

    /// An integer of at least 0 (seeds).
    func nonNegativeInt() throws(ConfigError) -> Int {
        let value = try int(expected: "a non-negative integer")
        guard value >= 0 else { throw .wrongType(location, expected: "a non-negative integer", found: rendered) }
        return value
    }

    /// A finite number; integers are accepted too (`learning_rate: 1`).
    func double(expected: String = "a number") throws(ConfigError) -> Double {
        guard let value = node.float, value.isFinite else {
            throw .wrongType(location, expected: expected, found: rendered)
        }
        return value
    }

    /// A number in `range` (or in its half-open version with `excludingUpper`), described as
    /// `expected` in errors.
    func double(in range: ClosedRange<Double>, excludingUpper: Bool = false, expected: String) throws(ConfigError)
        -> Double
    {
        let value = try double(expected: expected)
        guard range.contains(value), !(excludingUpper && value == range.upperBound) else {
            throw .wrongType(location, expected: expected, found: rendered)
        }
        return value
    }

    /// A number greater than zero (learning rates, epsilon).
    func positiveDouble() throws(ConfigError) -> Double {
        let value = try double(expected: "a positive number")
        guard value > 0 else { throw .wrongType(location, expected: "a positive number", found: rendered) }
        return value
    }

    func bool() throws(ConfigError) -> Bool {
        guard let value = node.bool else { throw .wrongType(location, expected: "true or false", found: rendered) }
        return value
    }

    // MARK: - Describing

    /// How the value reads in a message: numbers and booleans as written, text in quotes,
    /// collections by kind.
    var rendered: String {
        switch node {
        case .scalar(let scalar):
            if isNull { return "nothing" }
            let plain = scalar.style == .plain || scalar.style == .any
            if plain, node.float != nil || node.bool != nil { return scalar.string }
            return "'\(scalar.string)'"
        case .mapping:
            return "a mapping"
        case .sequence:
            return "a list"
        case .alias:
            return "an alias"
        }
    }
}
