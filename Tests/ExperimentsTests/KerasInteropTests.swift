import Foundation
import NeuroEngine
import Testing

@testable import Experiments

/// `neurotop export --keras` and `neurotop import` without Python: what the script says and
/// what a Keras JSON becomes. (Tests/e2e/keras-python.sh runs both against Keras itself.)
struct KerasInteropTests {
    static func script(_ identifier: String) throws -> String {
        try KerasScript.text(
            config: try ConfigLoader.load(identifier), callbackSource: "class NeurotopCallback: pass",
            dataDirectory: "/data/mnist")
    }

    @Test func theScriptHasTheConfigsLayersChannelsLastWithTheirNamesAndTheOptimizer() throws {
        let text = try Self.script("cnn-mp-conv")
        #expect(text.contains("INPUT_SHAPE = (28, 28, 1)"))
        #expect(text.contains("DATA = \"/data/mnist\""))
        #expect(
            text.contains(
                #"layers.Conv2D(10, (3, 3), strides=(1, 1), padding="same", activation="linear", use_bias=False"#))
        #expect(text.contains(#"layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=0.001"#))
        #expect(text.contains(#"layers.MaxPooling2D((2, 2), strides=(2, 2), padding="valid", name="max_pooling2d")"#))
        #expect(text.contains(#"name="conv2d_1")"#))
        #expect(text.contains("keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07)"))
        #expect(text.contains("class NeurotopCallback: pass"))
        #expect(text.contains("keras.distribution.DataParallel(devices=devices)"))
        #expect(text.contains(#"parser.add_argument("--tensorboard", metavar="DIR","#))
        #expect(
            text.contains(
                #"keras.callbacks.TensorBoard(log_dir=args.tensorboard, histogram_freq=1, update_freq="batch")"#))
        #expect(!text.contains("def pretrain("))
    }

    @Test func aPretrainingConfigGetsItsTiedAutoencoderStagesAndTheDenoisingCorruption() throws {
        let plain = try Self.script("ae-pretrain")
        #expect(plain.contains("PRETRAIN_EPOCHS = [5, 10, 10, 10]"))
        #expect(plain.contains("class TiedAutoencoder(layers.Layer):"))
        #expect(plain.contains("    return []"))
        let denoising = try Self.script("ae-denoise")
        #expect(denoising.contains("layers.RandomRotation(5.0 / 360.0"))
        #expect(denoising.contains("PixelNoise(50, 1.0)"))
    }

    @Test func everyBundledConfigExportsAScriptPythonCanParse() throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        let catalog = try ConfigCatalog.locate()
        for entry in catalog.entries() where entry.problem == nil {
            let text = try Self.script(entry.identifier)
            guard let python else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", "import ast, sys; ast.parse(sys.stdin.read())"]
            let input = Pipe()
            process.standardInput = input
            process.standardError = FileHandle.nullDevice
            try process.run()
            input.fileHandleForWriting.write(Data(text.utf8))
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(entry.identifier): the script is not valid Python")
        }
    }

    /// A Keras 3 `model.to_json()` of a small CNN, trimmed to what neurotop reads.
    static let cnnJSON = """
        {"class_name": "Sequential", "config": {"name": "small cnn", "layers": [
          {"class_name": "InputLayer", "config": {"batch_shape": [null, 28, 28, 1], "name": "input_layer"}},
          {"class_name": "Conv2D", "config": {"name": "conv", "filters": 4, "kernel_size": [3, 3], "strides": [1, 1],
            "padding": "same", "activation": "relu", "use_bias": true, "trainable": false,
            "kernel_initializer": {"module": "keras.initializers", "class_name": "RandomUniform",
              "config": {"minval": -0.1, "maxval": 0.1, "seed": null}},
            "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}}}},
          {"class_name": "BatchNormalization", "config": {"name": "bn", "axis": -1, "momentum": 0.9, "epsilon": 0.001,
            "center": true, "scale": true}},
          {"class_name": "MaxPooling2D", "config": {"name": "pool", "pool_size": [2, 2], "strides": [2, 2], "padding": "valid"}},
          {"class_name": "Flatten", "config": {"name": "flatten"}},
          {"class_name": "Dropout", "config": {"name": "dropout", "rate": 0.25}},
          {"class_name": "Dense", "config": {"name": "out", "units": 10, "activation": "softmax", "use_bias": true}}]},
         "compile_config": {"loss": "categorical_crossentropy",
           "optimizer": {"class_name": "SGD", "config": {"learning_rate": 0.05000000074505806, "momentum": 0.9}}}}
        """

    @Test func aKerasCNNBecomesAChannelsFirstConfigThatLoads() throws {
        let yaml = try KerasModelImport.yaml(fromJSON: Data(Self.cnnJSON.utf8))
        #expect(yaml.contains("input: [1, 28, 28]"))
        #expect(yaml.contains("data_format: channels_first"))
        #expect(yaml.contains("axis: 1"))
        #expect(yaml.contains("{random_uniform: {minval: -0.1, maxval: 0.1}}"))
        #expect(yaml.contains("{SGD: {learning_rate: 0.05, momentum: 0.9}}"))
        let config = try ConfigLoader.parse(yaml: yaml, file: "imported.yaml", identifier: "imported")
        #expect(config.name == "small cnn")
        let model = try config.makeModel()
        #expect(model.layers.map(\.name) == ["conv", "bn", "pool", "flatten", "dropout", "out"])
        #expect(model.layers[0].trainable == false)
        // 4·9+4 + 4·4 + 14·14·4·10+10
        #expect(model.parameterCounts.total == 40 + 16 + 7_850)
    }

    @Test func layersNeurotopLacksAreNamedAndNothingIsMade() {
        let json = """
            {"class_name": "Sequential", "config": {"name": "rnn", "layers": [
              {"class_name": "InputLayer", "config": {"batch_shape": [null, 784]}},
              {"class_name": "LSTM", "config": {"name": "lstm"}},
              {"class_name": "Dense", "config": {"name": "d", "units": 3}},
              {"class_name": "GRU", "config": {"name": "gru"}}]}}
            """
        #expect(throws: KerasModelImport.Failure.unknownLayers(["LSTM (lstm)", "GRU (gru)"])) {
            try KerasModelImport.yaml(fromJSON: Data(json.utf8))
        }
        #expect(throws: KerasModelImport.Failure.notSequential("Functional")) {
            try KerasModelImport.yaml(fromJSON: Data(#"{"class_name": "Functional", "config": {}}"#.utf8))
        }
        #expect(throws: KerasModelImport.Failure.self) { try KerasModelImport.yaml(fromJSON: Data("[1, 2]".utf8)) }
    }

    /// A Sequential model's JSON cut short is told by what it lacks, not called "not Sequential".
    @Test func aSequentialModelWithoutItsConfigOrLayersSaysWhatIsMissing() {
        let rewrite = "; write the whole model with model.to_json()"
        let bare = #expect(throws: KerasModelImport.Failure.self) {
            try KerasModelImport.yaml(fromJSON: Data(#"{"class_name": "Sequential"}"#.utf8))
        }
        #expect(bare?.description == "it is a Sequential model with no `config` object" + rewrite)
        let empty = #expect(throws: KerasModelImport.Failure.self) {
            let json = #"{"class_name": "Sequential", "config": {}}"#
            return try KerasModelImport.yaml(fromJSON: Data(json.utf8))
        }
        let noLayers = "it is a Sequential model with no `layers` list in its `config`"
        #expect(empty?.description == noLayers + rewrite)
        let unnamed = #expect(throws: KerasModelImport.Failure.self) {
            try KerasModelImport.yaml(fromJSON: Data(#"{"config": {"layers": []}}"#.utf8))
        }
        let notKeras = "it is not the JSON of a Keras model (it has no `class_name`)"
        #expect(unnamed?.description.hasPrefix(notKeras) == true)
    }
}
