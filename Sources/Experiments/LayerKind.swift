import NeuroEngine

/// One layer class a config may name: its Keras class name, the arguments it accepts, and how to
/// turn those arguments into an engine layer.
struct LayerKind: Sendable {
    /// Makes a fresh, unbuilt engine layer.
    typealias Factory = @Sendable () -> any Layer

    /// The Keras class name, as written in configs (`Dense`).
    let name: String
    /// Every argument the class accepts, in Keras's order (messages list them in this order).
    let arguments: [String]
    /// The argument a bare value stands for, as in Keras's `Activation('relu')` or `Dense(10)`:
    /// `- Activation: relu` means `- Activation: {activation: relu}`.
    let positional: String?
    /// Reads and checks the arguments (errors point at the offending one) and returns a factory.
    /// Runs once, when the config is loaded; the factory runs each time a model is made.
    let parse: @Sendable (LayerArguments) throws(ConfigError) -> Factory

    init(
        name: String, arguments: [String], positional: String? = nil,
        parse: @escaping @Sendable (LayerArguments) throws(ConfigError) -> Factory
    ) {
        self.name = name
        self.arguments = arguments
        self.positional = positional
        self.parse = parse
    }
}
