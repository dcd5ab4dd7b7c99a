import NeuroEngine

/// Readers for the Keras names a config may use: activations, initialisers, losses.
extension ConfigNode {
    /// An activation by Keras's name (`tanh`, `relu`, `softmax`, ...).
    func activation() throws(ConfigError) -> Activation {
        let name = try string()
        guard let activation = Activation(rawValue: name) else {
            throw .unknownName(
                location, category: "activation", name: name, known: Activation.allCases.map(\.rawValue))
        }
        return activation
    }

    /// The names `loss:` accepts, Keras's aliases included.
    static let lossNames: [(name: String, loss: Loss)] = [
        ("categorical_crossentropy", .categoricalCrossentropy),
        ("mean_squared_error", .meanSquaredError),
        ("mse", .meanSquaredError),
    ]

    /// A loss by Keras's name.
    func loss() throws(ConfigError) -> Loss {
        let name = try string()
        guard let loss = Self.lossNames.first(where: { $0.name == name })?.loss else {
            throw .unknownName(location, category: "loss", name: name, known: Self.lossNames.map(\.name))
        }
        return loss
    }

    static let initializerNames = ["glorot_uniform", "random_uniform", "zeros", "ones"]

    /// An initialiser by Keras's name, or `{random_uniform: {minval: -0.1, maxval: 0.1}}` for a
    /// uniform range other than Keras's default [-0.05, 0.05].
    func initializer() throws(ConfigError) -> Initializer {
        let (name, arguments) = try classEntry(category: "initializer", example: "glorot_uniform")
        let initializer: Initializer
        switch name {
        case "glorot_uniform": initializer = .glorotUniform
        case "zeros": initializer = .zeros
        case "ones": initializer = .ones
        case "random_uniform":
            guard let arguments else { return .uniform(low: -0.05, high: 0.05) }
            let mapping = try arguments.mapping(allowed: ["minval", "maxval"], arguments: true)
            let low = try mapping.value("minval", default: -0.05) { node throws(ConfigError) in try node.double() }
            let high = try mapping.value("maxval", default: 0.05) { node throws(ConfigError) in try node.double() }
            guard low < high else {
                throw .invalidValue(mapping.owner.location, message: "minval (\(low)) must be below maxval (\(high))")
            }
            return .uniform(low: Float(low), high: Float(high))
        default:
            throw .unknownName(location, category: "initializer", name: name, known: Self.initializerNames)
        }
        if let arguments {
            throw .wrongType(arguments.location, expected: "no arguments for \(name)", found: arguments.rendered)
        }
        return initializer
    }

    /// A per-sample shape such as `[784]` or `[1, 28, 28]`; a single integer means `[n]`.
    func shape() throws(ConfigError) -> [Int] {
        let expected = "a list of positive integers like [784]"
        if case .scalar = node {
            guard let size = node.int, size > 0 else { throw .wrongType(location, expected: expected, found: rendered) }
            return [size]
        }
        let items = try sequence(expected: expected)
        guard !items.isEmpty else { throw .wrongType(location, expected: expected, found: "an empty list") }
        var shape: [Int] = []
        for item in items {
            guard let size = item.node.int, size > 0 else {
                throw .wrongType(item.location, expected: "a positive integer", found: item.rendered)
            }
            shape.append(size)
        }
        try checkSize(of: shape)
        return shape
    }

    /// Bounds a shape's value count as the model bounds each layer's (`ModelError.largestTensor`),
    /// so that the sizes cannot overflow when multiplied and the error names this line.
    private func checkSize(of shape: [Int]) throws(ConfigError) {
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= ModelError.largestTensor else {
                throw .invalidValue(
                    location,
                    message:
                        "\(shape.map(String.init).joined(separator: "x")) is too large (more than \(ModelError.largestTensor) values); use smaller sizes"
                )
            }
            count = product
        }
    }
}
