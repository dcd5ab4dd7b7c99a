import Foundation

extension TrainingEvent {
    /// The event's name in JSON lines (`batch_end`, `epoch_end`, ...).
    public var jsonName: String {
        switch self {
        case .started: "started"
        case .stageStarted: "stage_started"
        case .batchEnded: "batch_end"
        case .epochEnded: "epoch_end"
        case .gradients: "gradients"
        case .samples: "samples"
        case .testPredictions: "test_predictions"
        case .flips: "flips"
        case .layersChanged: "layers_changed"
        case .stateChanged: "state"
        case .learningRateChanged: "learning_rate"
        case .log: "log"
        case .finished: "result"
        case .failed: "error"
        case .intervention: "intervention"
        case .checkpoint: "checkpoint"
        }
    }

    /// The event as a JSON object (`{"event": "epoch_end", "epoch": 0, ...}`, snake_case keys).
    public func jsonObject() -> [String: Any] {
        var object: [String: Any] = [:]
        switch self {
        case .started(let info): object = Self.fields(of: info)
        case .stageStarted(let info): object = Self.fields(of: info)
        case .batchEnded(let progress): object = Self.fields(of: progress)
        case .epochEnded(let summary): object = Self.fields(of: summary)
        case .gradients(let snapshot): object = Self.fields(of: snapshot)
        case .samples(let snapshot): object = Self.fields(of: snapshot)
        case .testPredictions(let predictions): object = Self.fields(of: predictions)
        case .flips(let snapshot): object = Self.fields(of: snapshot)
        case .layersChanged(let layers): object["layers"] = Self.value(of: layers)
        case .stateChanged(let state): object["state"] = state.rawValue
        case .learningRateChanged(let rate): object["learning_rate"] = Self.value(of: rate)
        case .log(let message): object["message"] = message
        case .finished(let result): object = Self.fields(of: result)
        case .failed(let message): object["message"] = message
        case .intervention(let intervention): object = Self.fields(of: intervention)
        case .checkpoint(let snapshot): object = Self.fields(of: snapshot.position)
        }
        object["event"] = jsonName
        return object
    }

    /// One JSON object on one line: `{"event": "epoch_end", "epoch": 0, ...}` with snake_case keys.
    public func jsonLine() -> String {
        Self.line(jsonObject())
    }

    public static func fields<T: Encodable>(of value: T) -> [String: Any] {
        (Self.value(of: value) as? [String: Any]) ?? [:]
    }

    /// The encoder of every JSON line the program prints: snake_case keys in sorted order,
    /// infinities and NaN as the strings `inf`, `-inf` and `nan` (a diverged run still prints).
    public static func makeJSONEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// The decoder that reads what `makeJSONEncoder` writes: snake_case keys, and `inf`, `-inf`
    /// and `nan` as the non-finite numbers (recorded runs are read back with it).
    public static func makeJSONDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    static func value<T: Encodable>(of value: T) -> Any {
        guard let data = try? makeJSONEncoder().encode(value),
            let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return NSNull() }
        return object
    }

    /// Serialises a JSON object on one line with sorted keys.
    public static func line(_ object: [String: Any]) -> String {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return "{}" }
        return text
    }
}
