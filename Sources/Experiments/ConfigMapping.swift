/// A YAML mapping whose keys have been checked against a schema; values keep their locations.
struct ConfigMapping {
    /// The mapping itself, for messages about missing keys.
    let owner: ConfigNode
    let entries: [(key: String, value: ConfigNode)]
    /// Whether the keys are layer or optimizer arguments (changes the wording of messages).
    let arguments: Bool

    /// The value under `key`, if present and not empty.
    func optional(_ key: String) -> ConfigNode? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The value under `key`; throws a "missing" error located at the mapping when absent.
    func required(_ key: String) throws(ConfigError) -> ConfigNode {
        guard let value = optional(key) else {
            throw arguments
                ? .missingArgument(owner.location, argument: key)
                : .missingKey(owner.location, key: key)
        }
        return value
    }

    /// Reads `key` with `read`, or returns `fallback` when the key is absent.
    func value<T>(_ key: String, default fallback: T, _ read: (ConfigNode) throws(ConfigError) -> T)
        throws(ConfigError) -> T
    {
        guard let node = optional(key) else { return fallback }
        return try read(node)
    }
}
