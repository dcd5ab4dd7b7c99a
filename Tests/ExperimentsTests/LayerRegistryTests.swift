import Foundation
import NeuroEngine
import Testing
import Yams

@testable import Experiments

/// The layer table: lookup, argument checking, and extension with a new entry.
@Suite struct LayerRegistryTests {
    static func entry(_ yaml: String) throws -> ConfigNode {
        let node = try #require(try Yams.compose(yaml: yaml))
        return ConfigNode(node: node, location: ConfigLocation(file: "inline.yaml", line: 1, path: "model.layers[0]"))
    }

    @Test func classNamesAreUnique() {
        let names = LayerRegistry.keras.names
        #expect(Set(names).count == names.count)
        for name in [
            "Dense", "Activation", "Conv2D", "MaxPooling2D", "BatchNormalization", "Flatten", "Reshape", "Dropout",
        ] {
            #expect(names.contains(name))
        }
    }

    @Test func everyEntryRejectsUnknownArgumentsListingItsOwn() throws {
        for kind in LayerRegistry.keras.kinds {
            let node = try Self.entry("\(kind.name): {no_such_argument: 1}")
            #expect(
                throws: ConfigError.unknownArgument(
                    ConfigLocation(file: "inline.yaml", line: 1, path: "model.layers[0].\(kind.name).no_such_argument"),
                    argument: "no_such_argument", allowed: kind.arguments)
            ) {
                try LayerRegistry.keras.spec(from: node)
            }
        }
    }

    @Test func layerNamesAreCaseSensitiveLikeKeras() throws {
        let node = try Self.entry("dense: {units: 3}")
        #expect(
            throws: ConfigError.unknownName(
                ConfigLocation(file: "inline.yaml", line: 1, path: "model.layers[0]"),
                category: "layer", name: "dense", known: LayerRegistry.keras.names.sorted())
        ) {
            try LayerRegistry.keras.spec(from: node)
        }
    }

    @Test func argumentsMustBeAMapping() throws {
        let node = try Self.entry("Dense: [1, 2]")
        #expect(
            throws: ConfigError.wrongType(
                ConfigLocation(file: "inline.yaml", line: 1, path: "model.layers[0].Dense"),
                expected: "a mapping of arguments like {units: 10}", found: "a list")
        ) {
            try LayerRegistry.keras.spec(from: node)
        }
    }

    @Test func aNewLayerIsOneEntry() throws {
        let scaled = LayerKind(name: "Scaled", arguments: ["units", "name"]) { arguments throws(ConfigError) in
            let units = try arguments.positiveInt("units")
            let name = try arguments.string("name", default: "scaled")
            return { Dense(units: units, kernelInitializer: .ones, name: name) }
        }
        let registry = LayerRegistry(LayerRegistry.keras.kinds + [scaled])
        let yaml = """
            name: Extended
            model: {input: [4], layers: [{Scaled: {units: 2}}]}
            compile: {loss: mse, optimizer: Adam}
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline", registry: registry)
        let layer = try #require(try config.makeModel().layers.first as? Dense)
        #expect(layer.name == "scaled")
        #expect(layer.kernel?.value.array == Array(repeating: 1, count: 8))
        #expect(throws: ConfigError.self) {
            try ConfigLoader.parse(yaml: yaml, file: "inline.yaml", identifier: "inline")
        }
    }
}
