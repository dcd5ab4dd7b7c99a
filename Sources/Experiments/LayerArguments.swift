import NeuroEngine

/// The arguments of one layer entry (`{units: 100, activation: tanh}`), already checked to
/// contain only names the layer accepts. Each reader throws a located error on a bad value;
/// readers without a `default` throw when the argument is missing.
struct LayerArguments {
    let mapping: ConfigMapping

    /// The entry's location (`model.layers[2].Dense`), for errors about several arguments at once.
    var location: ConfigLocation { mapping.owner.location }

    /// A required argument read with `read` (any `ConfigNode` reader, for shapes the typed
    /// readers below do not cover).
    func required<T>(_ key: String, _ read: (ConfigNode) throws(ConfigError) -> T) throws(ConfigError) -> T {
        try read(try mapping.required(key))
    }

    /// An optional argument read with `read`, or `fallback` when absent.
    func optional<T>(_ key: String, default fallback: T, _ read: (ConfigNode) throws(ConfigError) -> T)
        throws(ConfigError) -> T
    {
        try mapping.value(key, default: fallback, read)
    }

    // MARK: - Typed readers

    func positiveInt(_ key: String) throws(ConfigError) -> Int {
        try required(key) { node throws(ConfigError) in try node.positiveInt() }
    }

    func positiveInt(_ key: String, default fallback: Int) throws(ConfigError) -> Int {
        try optional(key, default: fallback) { node throws(ConfigError) in try node.positiveInt() }
    }

    func double(_ key: String, default fallback: Double) throws(ConfigError) -> Double {
        try optional(key, default: fallback) { node throws(ConfigError) in try node.double() }
    }

    func bool(_ key: String, default fallback: Bool) throws(ConfigError) -> Bool {
        try optional(key, default: fallback) { node throws(ConfigError) in try node.bool() }
    }

    func string(_ key: String, default fallback: String) throws(ConfigError) -> String {
        try optional(key, default: fallback) { node throws(ConfigError) in try node.nonEmptyString() }
    }

    func activation(_ key: String, default fallback: Activation) throws(ConfigError) -> Activation {
        try optional(key, default: fallback) { node throws(ConfigError) in try node.activation() }
    }

    func activation(_ key: String) throws(ConfigError) -> Activation {
        try required(key) { node throws(ConfigError) in try node.activation() }
    }

    func initializer(_ key: String, default fallback: Initializer) throws(ConfigError) -> Initializer {
        try optional(key, default: fallback) { node throws(ConfigError) in try node.initializer() }
    }

    func int(_ key: String, default fallback: Int) throws(ConfigError) -> Int {
        try optional(key, default: fallback) { node throws(ConfigError) in try node.int() }
    }

    /// A number in `range` (half-open with `excludingUpper`), described as `expected` in errors.
    func double(
        _ key: String, default fallback: Double, in range: ClosedRange<Double>, excludingUpper: Bool = false,
        expected: String
    ) throws(ConfigError) -> Double {
        try optional(key, default: fallback) { node throws(ConfigError) in
            try node.double(in: range, excludingUpper: excludingUpper, expected: expected)
        }
    }

    func positiveDouble(_ key: String, default fallback: Double) throws(ConfigError) -> Double {
        try optional(key, default: fallback) { node throws(ConfigError) in try node.positiveDouble() }
    }

    // MARK: - Layers with a kernel

    /// What Keras's Dense and Conv2D both take besides their sizes, in Keras's order and with
    /// its defaults.
    func kernelLayerOptions() throws(ConfigError) -> (
        activation: Activation, useBias: Bool, trainable: Bool, kernelInitializer: Initializer,
        biasInitializer: Initializer
    ) {
        let activation = try self.activation("activation", default: .linear)
        let useBias = try bool("use_bias", default: true)
        let trainable = try bool("trainable", default: true)
        let kernel = try initializer("kernel_initializer", default: .glorotUniform)
        let bias = try initializer("bias_initializer", default: .zeros)
        return (activation, useBias, trainable, kernel, bias)
    }

    // MARK: - Image layers

    /// A required window size (`kernel_size: 3` or `[3, 3]`).
    func window(_ key: String) throws(ConfigError) -> (height: Int, width: Int) {
        try required(key) { node throws(ConfigError) in try node.window() }
    }

    /// An optional window size or stride; nil when absent (or `null`, as Keras's `strides=None`).
    func window(_ key: String, default fallback: (height: Int, width: Int)?) throws(ConfigError)
        -> (height: Int, width: Int)?
    {
        try optional(key, default: fallback) { node throws(ConfigError) in try node.window() }
    }

    func padding(_ key: String, default fallback: Padding) throws(ConfigError) -> Padding {
        try optional(key, default: fallback) { node throws(ConfigError) in try node.padding() }
    }

    /// Checks `data_format` when given: neurotop's image layout is channels-first, the default
    /// here (the article's Theano setting) where Keras's own default is channels-last.
    func requireChannelsFirst(_ key: String) throws(ConfigError) {
        try optional(key, default: ()) { node throws(ConfigError) in try node.channelsFirst() }
    }

    func targetShape(_ key: String) throws(ConfigError) -> [Int] {
        try required(key) { node throws(ConfigError) in try node.targetShape() }
    }
}
