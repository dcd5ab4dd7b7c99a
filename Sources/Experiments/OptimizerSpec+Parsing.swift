extension OptimizerSpec {
    /// The optimizer names a config may use.
    static let names = ["Adam", "SGD"]

    /// Reads `{Adam: {learning_rate: 0.001}}`, or a bare name (`Adam`, `adam`) for Keras's
    /// defaults.
    init(node: ConfigNode) throws(ConfigError) {
        let (name, argumentsNode) = try node.classEntry(
            category: "optimizer", example: "{Adam: {learning_rate: 0.001}}")
        // Keras accepts the lower-case string form (`optimizer='adam'`) too.
        guard let kind = Self.names.first(where: { $0.lowercased() == name.lowercased() }) else {
            throw .unknownName(node.location, category: "optimizer", name: name, known: Self.names)
        }
        let allowed =
            kind == "Adam" ? ["learning_rate", "beta_1", "beta_2", "epsilon"] : ["learning_rate", "momentum"]
        let mapping: ConfigMapping
        if let argumentsNode {
            mapping = try argumentsNode.mapping(
                allowed: allowed, arguments: true, expected: "a mapping of arguments like {learning_rate: 0.001}")
        } else {
            mapping = ConfigMapping(owner: node, entries: [], arguments: true)
        }
        // In [0, 1) also as a 32-bit float: 0.99999999 would become 1 and stop Adam learning.
        let fraction = { (node: ConfigNode) throws(ConfigError) -> Double in
            let value = try node.double(in: 0...1, excludingUpper: true, expected: "a number in [0, 1)")
            guard Float(value) < 1 else {
                throw .invalidValue(
                    node.location, message: "\(value) rounds to 1 in 32-bit floats; use at most 0.9999999")
            }
            return value
        }
        // Within 1e-30...1e30: beyond, a 32-bit float holds 0 or infinity (1e-300 would become 0).
        let positive = { (node: ConfigNode) throws(ConfigError) -> Double in
            let value = try node.positiveDouble()
            guard (1e-30...1e30).contains(value) else {
                throw .invalidValue(
                    node.location,
                    message: "\(value) is outside what training can use; pick a value between 1e-30 and 1e30")
            }
            return value
        }
        switch kind {
        case "Adam":
            self = .adam(
                learningRate: Float(try mapping.value("learning_rate", default: 0.001, positive)),
                beta1: Float(try mapping.value("beta_1", default: 0.9, fraction)),
                beta2: Float(try mapping.value("beta_2", default: 0.999, fraction)),
                epsilon: Float(try mapping.value("epsilon", default: 1e-7, positive)))
        default:
            self = .sgd(
                learningRate: Float(try mapping.value("learning_rate", default: 0.01, positive)),
                momentum: Float(try mapping.value("momentum", default: 0, fraction)))
        }
    }
}
