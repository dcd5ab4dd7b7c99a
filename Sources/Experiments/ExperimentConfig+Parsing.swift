import NeuroEngine
import Training

extension ExperimentConfig {
    /// Far above any model worth training here; keeps hostile configs from running for minutes.
    static let largestLayerCount = 1_000
    /// The top-level keys, in the order messages list them.
    static let topLevelKeys = ["name", "dataset", "model", "pretrain", "compile", "fit", "seed", "reference"]

    /// Keras's `fit` defaults, used when the file leaves them out.
    static let kerasBatchSize = 32
    static let kerasEpochs = 1
    /// The seed when the file gives none, so that runs repeat.
    static let defaultSeed: UInt64 = 1

    /// Reads a whole config document.
    ///
    /// Schema (Keras vocabulary; `?` marks optional keys, with their defaults):
    /// ```yaml
    /// name: Tanh 100-10
    /// dataset?: mnist
    /// model: {input: [784], layers: [{Dense: {units: 10, activation: softmax}}]}
    /// pretrain?: {layers: [{TiedAutoencoder: {units: 100}}], fit: {epochs: [5]}}   # see pretraining(_:)
    /// compile: {loss: categorical_crossentropy, optimizer: {Adam: {learning_rate: 0.001}}}
    /// fit?: {batch_size?: 32, epochs?: 1}
    /// seed?: 1
    /// reference?: {test_accuracy?: 0.972, source?: "article table"}
    /// ```
    init(root: ConfigNode, identifier: String, registry: LayerRegistry) throws(ConfigError) {
        let top = try root.mapping(allowed: Self.topLevelKeys, expected: "a mapping with name, model and compile")
        name = try top.required("name").nonEmptyString()
        self.identifier = identifier
        file = root.location.file
        dataset = try top.value("dataset", default: "mnist") { node throws(ConfigError) in try node.nonEmptyString() }

        let model = try top.required("model").mapping(allowed: ["input", "layers"])
        inputShape = try model.required("input").shape()
        let entries = try model.required("layers").sequence(expected: "a list of layers")
        guard !entries.isEmpty else {
            throw .invalidValue(model.owner.location, message: "layers is empty; a model needs at least one layer")
        }
        guard entries.count <= Self.largestLayerCount else {
            throw .invalidValue(
                model.owner.location,
                message: "\(entries.count) layers; a model may have at most \(Self.largestLayerCount)")
        }
        var layers: [LayerSpec] = []
        for entry in entries { layers.append(try registry.spec(from: entry)) }
        try Self.checkUniqueNames(layers)
        self.layers = layers

        let compile = try top.required("compile").mapping(allowed: ["loss", "optimizer"])
        loss = try compile.required("loss").loss()
        optimizer = try OptimizerSpec(node: try compile.required("optimizer"))

        if let fitNode = top.optional("fit") {
            let fit = try fitNode.mapping(allowed: ["batch_size", "epochs"])
            batchSize = try fit.value("batch_size", default: Self.kerasBatchSize) { node throws(ConfigError) in
                try node.positiveInt()
            }
            epochs = try fit.value("epochs", default: Self.kerasEpochs) { node throws(ConfigError) in
                try node.positiveInt()
            }
        } else {
            batchSize = Self.kerasBatchSize
            epochs = Self.kerasEpochs
        }
        seed = UInt64(
            try top.value("seed", default: Int(Self.defaultSeed)) { node throws(ConfigError) in
                try node.nonNegativeInt()
            })
        pretraining = try top.optional("pretrain").map { node throws(ConfigError) in
            try Self.pretraining(
                node, inputShape: inputShape, modelLayers: layers, batchSize: batchSize, registry: registry)
        }
        reference = try top.optional("reference").map { node throws(ConfigError) in try Self.reference(node) }
    }

    private static func reference(_ node: ConfigNode) throws(ConfigError) -> ReferenceResult {
        let mapping = try node.mapping(allowed: ["test_accuracy", "source"])
        let accuracy = try mapping.optional("test_accuracy").map { node throws(ConfigError) in
            // A figure like 97.2 is a percentage typed where a fraction belongs; say so.
            try node.double(in: 0...1, expected: "a fraction between 0 and 1 (0.972 for 97.2%)")
        }
        let source = try mapping.value("source", default: "") { node throws(ConfigError) in try node.string() }
        return ReferenceResult(testAccuracy: accuracy, source: source)
    }

    /// Keras refuses a model in which two layers are given the same `name:`.
    static func checkUniqueNames(_ layers: [LayerSpec]) throws(ConfigError) {
        var firstUse: [String: LayerSpec] = [:]
        for layer in layers {
            guard let name = layer.explicitName else { continue }
            if let earlier = firstUse[name] {
                throw .invalidValue(
                    layer.location,
                    message: "layer name '\(name)' is already used at line \(earlier.location.line); "
                        + "give each layer its own name, or leave name out to have one given")
            }
            firstUse[name] = layer
        }
    }
}
