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
            let options = try arguments.kernelLayerOptions()
            let name = try arguments.string("name", default: "dense")
            return {
                Dense(
                    units: units, activation: options.activation, useBias: options.useBias,
                    kernelInitializer: options.kernelInitializer, biasInitializer: options.biasInitializer,
                    trainable: options.trainable, name: name)
            }
        },
        LayerKind(name: "Activation", arguments: ["activation", "name"], positional: "activation") {
            arguments throws(ConfigError) in
            let activation = try arguments.activation("activation")
            let name = try arguments.string("name", default: "activation")
            return { ActivationLayer(activation, name: name) }
        },
        // The article's custom Keras layer: ReLU(ReLU(x · W) · Wᵀ) with one W, no biases, W
        // initialised by Keras's `uniform` ([-0.05, 0.05]).
        LayerKind(
            name: "TiedAutoencoder", arguments: ["units", "trainable", "kernel_initializer", "name"],
            positional: "units"
        ) { arguments throws(ConfigError) in
            let units = try arguments.positiveInt("units")
            let trainable = try arguments.bool("trainable", default: true)
            let kernel = try arguments.initializer("kernel_initializer", default: .uniform(low: -0.05, high: 0.05))
            let name = try arguments.string("name", default: "tied_autoencoder")
            return { TiedAutoencoder(units: units, kernelInitializer: kernel, trainable: trainable, name: name) }
        },
        // Images are channels-first inside: a Conv2D reads [channels, height, width] and its
        // kernel is Keras's [kh, kw, channels, filters]; see `requireChannelsFirst`.
        LayerKind(
            name: "Conv2D",
            arguments: [
                "filters", "kernel_size", "strides", "padding", "data_format", "activation", "use_bias",
                "trainable", "kernel_initializer", "bias_initializer", "name",
            ]
        ) { arguments throws(ConfigError) in
            let filters = try arguments.positiveInt("filters")
            let kernelSize = try arguments.window("kernel_size")
            let strides = try arguments.window("strides", default: (1, 1)) ?? (1, 1)
            let padding = try arguments.padding("padding", default: .valid)
            try arguments.requireChannelsFirst("data_format")
            let options = try arguments.kernelLayerOptions()
            let name = try arguments.string("name", default: "conv2d")
            return {
                Conv2D(
                    filters: filters, kernelSize: kernelSize, strides: strides, padding: padding,
                    activation: options.activation, useBias: options.useBias,
                    kernelInitializer: options.kernelInitializer, biasInitializer: options.biasInitializer,
                    trainable: options.trainable, name: name)
            }
        },
        LayerKind(
            name: "MaxPooling2D", arguments: ["pool_size", "strides", "padding", "data_format", "name"],
            positional: "pool_size"
        ) { arguments throws(ConfigError) in
            let poolSize = try arguments.window("pool_size", default: (2, 2)) ?? (2, 2)
            // Keras: strides default to the pool size.
            let strides = try arguments.window("strides", default: nil)
            let padding = try arguments.padding("padding", default: .valid)
            try arguments.requireChannelsFirst("data_format")
            let name = try arguments.string("name", default: "max_pooling2d")
            return { MaxPooling2D(poolSize: poolSize, strides: strides, padding: padding, name: name) }
        },
        // `axis` counts the batch as axis 0, as in Keras: 1 is the channel axis of
        // channels-first images, -1 (the default) the features of a flat vector.
        LayerKind(
            name: "BatchNormalization",
            arguments: ["axis", "momentum", "epsilon", "center", "scale", "trainable", "name"],
            positional: "axis"
        ) { arguments throws(ConfigError) in
            let axis = try arguments.int("axis", default: -1)
            guard axis != 0 else {
                throw .invalidValue(
                    arguments.location,
                    message: "axis 0 is the batch; use axis: 1 for the channels of [channels, height, width] "
                        + "images or -1 for flat features")
            }
            let momentum = try arguments.double("momentum", default: 0.99, in: 0...1, expected: "a number in [0, 1]")
            let epsilon = try arguments.positiveDouble("epsilon", default: 1e-3)
            let center = try arguments.bool("center", default: true)
            let scale = try arguments.bool("scale", default: true)
            let trainable = try arguments.bool("trainable", default: true)
            let name = try arguments.string("name", default: "batch_normalization")
            return {
                BatchNormalization(
                    axis: axis, momentum: Float(momentum), epsilon: Float(epsilon), center: center, scale: scale,
                    trainable: trainable, name: name)
            }
        },
        LayerKind(name: "Flatten", arguments: ["name"]) { arguments throws(ConfigError) in
            let name = try arguments.string("name", default: "flatten")
            return { Flatten(name: name) }
        },
        LayerKind(name: "Reshape", arguments: ["target_shape", "name"]) { arguments throws(ConfigError) in
            let shape = try arguments.targetShape("target_shape")
            let name = try arguments.string("name", default: "reshape")
            return { Reshape(targetShape: shape, name: name) }
        },
        LayerKind(name: "Dropout", arguments: ["rate", "name"], positional: "rate") { arguments throws(ConfigError) in
            let rate = try arguments.required("rate") { node throws(ConfigError) in
                try node.double(in: 0...1, excludingUpper: true, expected: "a rate in [0, 1)")
            }
            let name = try arguments.string("name", default: "dropout")
            return { Dropout(rate: Float(rate), name: name) }
        },
    ])
}
