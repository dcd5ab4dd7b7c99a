import NeuroEngine

extension LayerRegistry {
    /// The Keras layers neurotop implements.
    ///
    /// To add a layer, add one entry: the Keras class name, every argument it accepts (Keras's
    /// order; `name` and `trainable` where Keras has them), optionally the argument a bare value
    /// stands for, and a closure that reads the
    /// arguments with `LayerArguments`' readers, applies Keras's defaults, and returns a factory
    /// for the engine layer. Bad values are reported by the readers with file, line and key.
    static let keras = LayerRegistry([
        LayerKind(
            name: "Dense",
            arguments: [
                "units", "activation", "use_bias", "trainable", "kernel_initializer", "bias_initializer", "name",
            ],
            positional: "units"
        ) { arguments throws(ConfigError) in
            let units = try arguments.positiveInt("units")
            let activation = try arguments.activation("activation", default: .linear)
            let useBias = try arguments.bool("use_bias", default: true)
            let trainable = try arguments.bool("trainable", default: true)
            let kernel = try arguments.initializer("kernel_initializer", default: .glorotUniform)
            let bias = try arguments.initializer("bias_initializer", default: .zeros)
            let name = try arguments.string("name", default: "dense")
            return {
                Dense(
                    units: units, activation: activation, useBias: useBias, kernelInitializer: kernel,
                    biasInitializer: bias, trainable: trainable, name: name)
            }
        },
        LayerKind(name: "Activation", arguments: ["activation", "name"], positional: "activation") { arguments throws(ConfigError) in
            let activation = try arguments.activation("activation")
            let name = try arguments.string("name", default: "activation")
            return { ActivationLayer(activation, name: name) }
        },
        // The article's custom Keras layer: ReLU(ReLU(x · W) · Wᵀ) with one W, no biases, W
        // initialised by Keras's `uniform` ([-0.05, 0.05]).
        LayerKind(
            name: "TiedAutoencoder", arguments: ["units", "trainable", "kernel_initializer", "name"], positional: "units"
        ) { arguments throws(ConfigError) in
            let units = try arguments.positiveInt("units")
            let trainable = try arguments.bool("trainable", default: true)
            let kernel = try arguments.initializer("kernel_initializer", default: .uniform(low: -0.05, high: 0.05))
            let name = try arguments.string("name", default: "tied_autoencoder")
            return { TiedAutoencoder(units: units, kernelInitializer: kernel, trainable: trainable, name: name) }
        },
    ])
}
