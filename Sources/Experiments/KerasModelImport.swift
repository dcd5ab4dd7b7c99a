import Foundation

/// A Keras `model.to_json()` of a Sequential model turned into a neurotop config (YAML text):
/// the layers neurotop knows with their arguments, the input shape, and the optimizer and loss
/// when the model was compiled (else Adam and categorical cross-entropy, Keras's usual pair).
///
/// Keras images are channels-last; neurotop's are channels-first, so a `[h, w, c]` input becomes
/// `[c, h, w]`, Conv2D and MaxPooling2D get `data_format: channels_first`, BatchNormalization's
/// channel axis becomes 1 and Reshape targets are reordered: the same layers and sizes.
public struct KerasModelImport {
    /// What keeps a model from being imported.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notJSON(String)
        case notSequential(String)
        /// A Sequential model's JSON without the part named (its `config`, its `layers`).
        case incomplete(String)
        case unknownLayers([String])
        case badLayer(String, String)
        /// The model's own name cannot name a config: why, as `ConfigLoader.nameProblem` says it.
        case badModelName(String)

        public var description: String {
            switch self {
            case .notJSON(let reason): "it is not the JSON of a Keras model (\(reason)); write it with model.to_json()"
            case .notSequential(let found):
                "it is a \(found), not a Sequential model; neurotop configs are Sequential models"
            case .incomplete(let missing):
                "it is a Sequential model with no \(missing); write the whole model with "
                    + "model.to_json()"
            case .unknownLayers(let layers):
                "neurotop has no layer for \(layers.joined(separator: ", ")); it knows "
                    + KerasModelImport.known.sorted().joined(separator: ", ")
            case .badLayer(let layer, let reason): "layer \(layer): \(reason)"
            case .badModelName(let problem):
                "the model's name (the `name` in its `config`) \(problem); or give the "
                    + "config another name with --name"
            }
        }
    }

    static let known: Set<String> = [
        "Dense", "Conv2D", "BatchNormalization", "Activation", "MaxPooling2D", "Flatten", "Dropout", "Reshape",
    ]

    /// The config's YAML for the model in `json`; `name` overrides the model's name.
    public static func yaml(fromJSON json: Data, name: String? = nil) throws(Failure) -> String {
        guard let root = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw .notJSON("no JSON object")
        }
        guard let className = root["class_name"] as? String else {
            throw .notJSON("it has no `class_name`")
        }
        guard className == "Sequential" else { throw .notSequential(className) }
        guard let config = root["config"] as? [String: Any] else {
            throw .incomplete("`config` object")
        }
        guard let layerList = config["layers"] as? [[String: Any]] else {
            throw .incomplete("`layers` list in its `config`")
        }
        var inputShape = (config["build_input_shape"] as? [Any]).map { Array($0.dropFirst()) }
        var entries: [(String, [String: Any])] = []
        var unknown: [String] = []
        for layer in layerList {
            let kind = layer["class_name"] as? String ?? "?"
            let arguments = layer["config"] as? [String: Any] ?? [:]
            if kind == "InputLayer" {
                inputShape = ((arguments["batch_shape"] ?? arguments["batch_input_shape"]) as? [Any]).map {
                    Array($0.dropFirst())
                }
                continue
            }
            guard known.contains(kind) else {
                unknown.append("\(kind) (\(arguments["name"] as? String ?? "unnamed"))")
                continue
            }
            entries.append((kind, arguments))
        }
        guard unknown.isEmpty else { throw .unknownLayers(unknown) }
        guard let shape = inputShape?.compactMap({ $0 as? Int }), !shape.isEmpty, shape.count == inputShape?.count
        else { throw .notJSON("the model has no input shape; build it with keras.Input(shape=...) first") }
        let images = shape.count == 3
        let configName = name ?? config["name"] as? String ?? "imported"
        if name == nil, let problem = ConfigLoader.nameProblem(configName) {
            throw .badModelName(problem)
        }
        var lines = [
            "# Imported from a Keras model.to_json() by `neurotop import`.",
            "name: \(quoted(configName))",
            "dataset: mnist",
            "model:",
            "  input: \(list(images ? [shape[2], shape[0], shape[1]] : shape))",
            "  layers:",
        ]
        for (kind, arguments) in entries {
            lines.append(
                "    - \(kind): {\(try layerArguments(kind, arguments, images: images).joined(separator: ", "))}")
        }
        lines += try compile(root["compile_config"] as? [String: Any] ?? config["compile_config"] as? [String: Any])
        lines += ["fit: {batch_size: 64, epochs: 5}", "seed: 1"]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Layers

    private static func layerArguments(_ kind: String, _ keras: [String: Any], images: Bool) throws(Failure)
        -> [String]
    {
        let layerName = keras["name"] as? String ?? kind
        var out: [String] = []
        func add(_ key: String, _ value: String?) { if let value { out.append("\(key): \(value)") } }
        func int(_ key: String) -> String? { (keras[key] as? NSNumber).map { "\($0.intValue)" } }
        func number(_ key: String) -> String? { (keras[key] as? NSNumber).map(decimal) }
        func bool(_ key: String) -> String? { (keras[key] as? Bool).map { $0 ? "true" : "false" } }
        func pair(_ key: String) -> String? {
            if let values = keras[key] as? [NSNumber] { return list(values.map(\.intValue)) }
            return int(key)
        }
        func string(_ key: String) -> String? { (keras[key] as? String).map(quoted) }
        func initializer(_ key: String) throws(Failure) -> String? {
            guard let entry = keras[key] else { return nil }
            let className = (entry as? [String: Any])?["class_name"] as? String ?? entry as? String ?? ""
            let arguments = (entry as? [String: Any])?["config"] as? [String: Any] ?? [:]
            switch className {
            case "GlorotUniform", "glorot_uniform": return "glorot_uniform"
            case "Zeros", "zeros": return "zeros"
            case "Ones", "ones": return "ones"
            case "RandomUniform", "random_uniform":
                let low = (arguments["minval"] as? NSNumber).map(decimal) ?? "-0.05"
                let high = (arguments["maxval"] as? NSNumber).map(decimal) ?? "0.05"
                return "{random_uniform: {minval: \(low), maxval: \(high)}}"
            default:
                throw .badLayer(
                    layerName,
                    "\(key) \(className) is not one neurotop has (glorot_uniform, random_uniform, zeros, ones)")
            }
        }
        switch kind {
        case "Dense":
            add("units", int("units"))
            add("activation", string("activation"))
            add("use_bias", bool("use_bias"))
            add("kernel_initializer", try initializer("kernel_initializer"))
            add("bias_initializer", try initializer("bias_initializer"))
        case "Conv2D":
            add("filters", int("filters"))
            add("kernel_size", pair("kernel_size"))
            add("strides", pair("strides"))
            add("padding", string("padding"))
            add("activation", string("activation"))
            add("use_bias", bool("use_bias"))
            add("kernel_initializer", try initializer("kernel_initializer"))
            add("bias_initializer", try initializer("bias_initializer"))
            if images { add("data_format", "channels_first") }
        case "MaxPooling2D":
            add("pool_size", pair("pool_size"))
            add("strides", pair("strides"))
            add("padding", string("padding"))
            if images { add("data_format", "channels_first") }
        case "BatchNormalization":
            // The channel axis: last in Keras's images, 1 in neurotop's.
            if images { add("axis", "1") }
            add("momentum", number("momentum"))
            add("epsilon", number("epsilon"))
            add("center", bool("center"))
            add("scale", bool("scale"))
        case "Activation":
            add("activation", string("activation"))
        case "Dropout":
            add("rate", number("rate"))
        case "Reshape":
            guard let target = (keras["target_shape"] as? [NSNumber])?.map(\.intValue) else {
                throw .badLayer(layerName, "it has no target_shape")
            }
            add("target_shape", list(target.count == 3 ? [target[2], target[0], target[1]] : target))
        default:
            break
        }
        if keras["trainable"] as? Bool == false { add("trainable", "false") }
        add("name", string("name"))
        return out
    }

    // MARK: - Compile

    private static func compile(_ keras: [String: Any]?) throws(Failure) -> [String] {
        var loss = "categorical_crossentropy"
        var optimizer = "{Adam: {learning_rate: 0.001}}"
        if let keras {
            if let name = keras["loss"] as? String { loss = name }
            if let entry = keras["optimizer"] as? [String: Any], let kind = entry["class_name"] as? String,
                let arguments = entry["config"] as? [String: Any]
            {
                let rate = (arguments["learning_rate"] as? NSNumber).map(decimal) ?? "0.001"
                switch kind {
                case "Adam":
                    let beta1 = (arguments["beta_1"] as? NSNumber).map(decimal) ?? "0.9"
                    let beta2 = (arguments["beta_2"] as? NSNumber).map(decimal) ?? "0.999"
                    let epsilon = (arguments["epsilon"] as? NSNumber).map(decimal) ?? "1e-07"
                    optimizer =
                        "{Adam: {learning_rate: \(rate), beta_1: \(beta1), beta_2: \(beta2), epsilon: \(epsilon)}}"
                case "SGD":
                    let momentum = (arguments["momentum"] as? NSNumber).map(decimal) ?? "0.0"
                    optimizer = "{SGD: {learning_rate: \(rate), momentum: \(momentum)}}"
                default:
                    throw .badLayer("optimizer", "\(kind) is not one neurotop has (Adam, SGD)")
                }
            }
        }
        return ["compile: {loss: \(loss), optimizer: \(optimizer)}"]
    }

    /// A number as neurotop reads it: Keras keeps float32 values, so the shortest float32 text
    /// (`0.001`, not `0.0010000000474974509`).
    private static func decimal(_ number: NSNumber) -> String { "\(number.floatValue)" }

    private static func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }

    /// A YAML double-quoted string.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
