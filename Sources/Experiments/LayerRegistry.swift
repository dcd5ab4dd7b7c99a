import Yams

/// The table of layer classes a config may use, looked up by Keras class name.
///
/// The entries themselves are in `LayerRegistry+Keras.swift`; a loader is handed a registry, so
/// tests (or a future plug-in) can use a different table.
struct LayerRegistry: Sendable {
    let kinds: [LayerKind]

    init(_ kinds: [LayerKind]) {
        self.kinds = kinds
    }

    /// The class names, in table order.
    var names: [String] { kinds.map(\.name) }

    /// Reads one item of `model.layers` (`- Dense: {units: 10}` or a bare `- Flatten`).
    func spec(from entry: ConfigNode) throws(ConfigError) -> LayerSpec {
        let (name, argumentsNode) = try entry.classEntry(category: "layer", example: "{Dense: {units: 10}}")
        guard let kind = kinds.first(where: { $0.name == name }) else {
            throw .unknownName(entry.location, category: "layer", name: name, known: names.sorted())
        }
        var owner = argumentsNode ?? entry.child(name, node: Node([(Node, Node)]()), line: entry.location.line)
        if case .scalar = owner.node, let positional = kind.positional {
            owner = ConfigNode(node: Node([(Node(positional), owner.node)]), location: owner.location)
        }
        let mapping = try owner.mapping(
            allowed: kind.arguments, arguments: true, expected: "a mapping of arguments like {units: 10}")
        let factory = try kind.parse(LayerArguments(mapping: mapping))
        let explicitName = try mapping.optional("name")?.nonEmptyString()
        return LayerSpec(kind: name, location: owner.location, explicitName: explicitName, factory: factory)
    }
}
