import Datasets
import NeuroEngine

extension ExperimentConfig {
    static let pretrainKeys = ["layers", "compile", "fit", "augmentation"]
    static let augmentationKeys = [
        "noise_pixels", "noise_level", "rotation_range", "width_shift_range", "height_shift_range", "zoom_range",
    ]

    /// Reads the `pretrain:` section: greedy layer-wise pre-training before the model is fitted.
    ///
    /// ```yaml
    /// pretrain:
    ///   layers:                     # one stage per autoencoder, trained in order
    ///     - TiedAutoencoder: {units: 100}
    ///     - TiedAutoencoder: {units: 100}
    ///   compile?: {loss?: mean_squared_error, optimizer?: Adam}
    ///   fit: {batch_size?: the model's, epochs: [5, 10]}   # or one count for every stage
    ///   augmentation?: {noise_pixels: 50, noise_level: 1, rotation_range: 5,
    ///                   width_shift_range: 0.2, height_shift_range: 0.2, zoom_range: 0.1}
    /// ```
    /// The trained matrices initialise the model's first Dense layers, so their units must match
    /// the autoencoders' and `model.input` must be flat.
    static func pretraining(
        _ node: ConfigNode, inputShape: [Int], modelLayers: [LayerSpec], batchSize defaultBatchSize: Int,
        registry: LayerRegistry
    ) throws(ConfigError) -> PretrainingSchedule {
        let section = try node.mapping(allowed: pretrainKeys, expected: "a mapping with layers and fit")
        guard inputShape.count == 1 else {
            throw .invalidValue(
                node.location,
                message: "pre-training needs a flat model.input such as [\(inputShape.reduce(1, *))], not \(inputShape)"
            )
        }

        let layersNode = try section.required("layers")
        let entries = try layersNode.sequence(expected: "a list of TiedAutoencoder layers")
        guard !entries.isEmpty else {
            throw .invalidValue(layersNode.location, message: "layers is empty; list one TiedAutoencoder per stage")
        }
        var autoencoders: [(units: Int, initializer: Initializer, location: ConfigLocation)] = []
        for entry in entries {
            let spec = try registry.spec(from: entry)
            guard let layer = spec.makeLayer() as? TiedAutoencoder else {
                throw .invalidValue(
                    spec.location, message: "only TiedAutoencoder layers can be pre-trained, not \(spec.kind)")
            }
            autoencoders.append((layer.units, layer.kernelInitializer, spec.location))
        }

        let fit = try section.required("fit").mapping(allowed: ["batch_size", "epochs"])
        let batchSize = try fit.value("batch_size", default: defaultBatchSize) { node throws(ConfigError) in
            try node.positiveInt()
        }
        let epochs = try stageEpochs(try fit.required("epochs"), stages: autoencoders.count)

        var loss = Loss.meanSquaredError
        var optimizer = OptimizerSpec.kerasAdam
        if let compileNode = section.optional("compile") {
            let compile = try compileNode.mapping(allowed: ["loss", "optimizer"])
            loss = try compile.value("loss", default: loss) { node throws(ConfigError) in try node.loss() }
            optimizer = try compile.value("optimizer", default: optimizer) { node throws(ConfigError) in
                try OptimizerSpec(node: node)
            }
        }
        let augmenter = try section.optional("augmentation").map { node throws(ConfigError) in try augmentation(node) }

        try checkDenseLayers(modelLayers, take: autoencoders.map { ($0.units, $0.location) }, at: layersNode)
        let stageOptimizer = optimizer
        return PretrainingSchedule(
            stages: zip(autoencoders, epochs).map {
                PretrainingSchedule.Stage(units: $0.units, epochs: $1, kernelInitializer: $0.initializer)
            },
            batchSize: batchSize, loss: loss, makeOptimizer: { stageOptimizer.makeOptimizer() }, augmenter: augmenter)
    }

    // MARK: - Helpers

    /// `epochs: [5, 10, 10, 10]`, one count per stage, or `epochs: 10` for every stage.
    private static func stageEpochs(_ node: ConfigNode, stages: Int) throws(ConfigError) -> [Int] {
        if case .scalar = node.node { return Array(repeating: try node.positiveInt(), count: stages) }
        let items = try node.sequence(expected: "a positive integer or a list of one per stage, like [5, 10]")
        guard items.count == stages else {
            throw .invalidValue(
                node.location,
                message: "\(items.count) epoch counts for \(stages) pre-training layers; give one per layer")
        }
        var epochs: [Int] = []
        for item in items { epochs.append(try item.positiveInt()) }
        return epochs
    }

    /// More pixels than any image in the MNIST family has.
    static let largestNoisePixels = 1 << 16

    /// Keras's `ImageDataGenerator` ranges plus the article's pixel noise.
    private static func augmentation(_ node: ConfigNode) throws(ConfigError) -> Augmenter {
        let mapping = try node.mapping(allowed: augmentationKeys, expected: "a mapping like {rotation_range: 5}")
        func range(_ key: String, _ bounds: ClosedRange<Double>, exclusive: Bool, expected: String) throws(ConfigError)
            -> Float
        {
            Float(
                try mapping.value(key, default: 0) { node throws(ConfigError) in
                    try node.double(in: bounds, excludingUpper: exclusive, expected: expected)
                })
        }
        let fraction = "a fraction of the image in [0, 1)"
        return Augmenter(
            noisePixels: try mapping.value("noise_pixels", default: 0) { node throws(ConfigError) in
                let count = try node.nonNegativeInt()
                guard count <= Self.largestNoisePixels else {
                    throw .invalidValue(
                        node.location,
                        message: "noise_pixels is \(count); at most \(Self.largestNoisePixels) pixels get noise")
                }
                return count
            },
            noiseLevel: Float(
                try mapping.value("noise_level", default: 1) { node throws(ConfigError) in
                    try node.double(in: 0...1000, expected: "a non-negative number")
                }),
            rotationRange: try range(
                "rotation_range", 0...180, exclusive: false, expected: "degrees between 0 and 180"),
            widthShiftRange: try range("width_shift_range", 0...1, exclusive: true, expected: fraction),
            heightShiftRange: try range("height_shift_range", 0...1, exclusive: true, expected: fraction),
            zoomRange: try range("zoom_range", 0...1, exclusive: true, expected: "a fraction in [0, 1)"))
    }

    /// The model's first Dense layers must have the autoencoders' unit counts, in order.
    private static func checkDenseLayers(
        _ modelLayers: [LayerSpec], take stages: [(units: Int, location: ConfigLocation)], at node: ConfigNode
    ) throws(ConfigError) {
        let dense = modelLayers.compactMap { spec in (spec.makeLayer() as? Dense).map { (spec, $0.units) } }
        guard dense.count >= stages.count else {
            throw .invalidValue(
                node.location,
                message: "\(stages.count) autoencoders but model.layers has \(dense.count) Dense layers to take their "
                    + "matrices; start the model with \(stages.count) Dense layers of the same units")
        }
        for (stage, (spec, units)) in zip(stages, dense) where units != stage.units {
            throw .invalidValue(
                spec.location,
                message: "has \(units) units but the autoencoder at \(stage.location.path) has \(stage.units); "
                    + "its pre-trained matrix would not fit")
        }
    }
}
