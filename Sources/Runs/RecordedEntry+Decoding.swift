import Foundation
import NeuroEngine
import Training

extension RecordedEntry {
    /// The event or intervention a JSON line of `events.jsonl` (or of `train --json`) holds;
    /// nil for an event name this neurotop does not know, so a newer writer's extra events are
    /// skipped rather than refused.
    public static func decode(jsonLine text: String) throws(EventDecodingError) -> RecordedEntry? {
        let data = Data(text.utf8)
        let decoder = TrainingEvent.makeJSONDecoder()
        let name: String?
        do {
            name = try decoder.decode(Envelope.self, from: data).event
        } catch {
            throw EventDecodingError(event: nil, reason: Self.explain(error))
        }
        guard let name else { throw EventDecodingError(event: nil, reason: "it has no `event` field") }
        let entry: RecordedEntry?
        do {
            entry = try decode(name, from: data, with: decoder)
        } catch {
            let fields = numberFields[name] ?? []
            let reason = NumberField.problem(in: data, among: fields) ?? Self.explain(error)
            throw EventDecodingError(event: name, reason: reason)
        }
        switch entry {
        case .event(let event):
            if let reason = event.implausibility { throw EventDecodingError(event: name, reason: reason) }
        case .intervention(let intervention):
            if let reason = intervention.implausibility { throw EventDecodingError(event: name, reason: reason) }
        case nil: break
        }
        return entry
    }

    private static func decode(_ name: String, from data: Data, with decoder: JSONDecoder) throws -> RecordedEntry? {
        let event: TrainingEvent
        switch name {
        case "started": event = .started(try decoder.decode(RunInfo.self, from: data))
        case "stage_started": event = .stageStarted(try decoder.decode(StageInfo.self, from: data))
        case "batch_end": event = .batchEnded(try decoder.decode(BatchProgress.self, from: data))
        case "epoch_end": event = .epochEnded(try decoder.decode(EpochSummary.self, from: data))
        case "gradients": event = .gradients(try decoder.decode(GradientSnapshot.self, from: data))
        case "samples": event = .samples(try decoder.decode(SampleSnapshot.self, from: data))
        case "test_predictions": event = .testPredictions(try decoder.decode(TestPredictions.self, from: data))
        case "flips": event = .flips(try decoder.decode(FlipSnapshot.self, from: data))
        case "layers_changed": event = .layersChanged(try decoder.decode(Layers.self, from: data).layers)
        case "state": event = .stateChanged(try decoder.decode(State.self, from: data).state)
        case "learning_rate": event = .learningRateChanged(try decoder.decode(Rate.self, from: data).learningRate)
        case "log": event = .log(try decoder.decode(Message.self, from: data).message)
        case "result": event = .finished(try decoder.decode(FinalResult.self, from: data))
        case "error": event = .failed(try decoder.decode(Message.self, from: data).message)
        case "intervention": return .intervention(try decoder.decode(Intervention.self, from: data))
        default: return nil
        }
        return .event(event)
    }

    /// The numbers of each event's line that are not in a list, by the event's name.
    private static var numberFields: [String: [NumberField]] {
        [
            "started": [.count("train_count"), .count("test_count"), .count("stage_count")],
            "stage_started": [
                .count("index"), .count("count"), .count("epochs"), .count("steps_per_epoch"),
                .count("batch_size"), .real("learning_rate"), .count("parameter_counts", "total"),
                .count("parameter_counts", "trainable"),
            ],
            "batch_end": [
                .count("epoch"), .count("step"), .count("steps_per_epoch"), .count("global_step"),
                .real("loss"), .real("accuracy"), .real("epoch_loss"), .real("epoch_accuracy"),
            ],
            "epoch_end": [
                .count("epoch"), .count("epochs"), .count("steps_per_epoch"), .real("loss"),
                .real("accuracy"), .real("validation_loss"), .real("validation_accuracy"),
                .count("learned"), .count("forgotten"), .count("never_learned"),
            ],
            "gradients": [.count("global_step")],
            "samples": [.count("rows"), .count("columns")],
            "test_predictions": [.count("stage"), .count("epoch")],
            "flips": [
                .count("epoch"), .count("rows"), .count("columns"), .count("learned_count"),
                .count("forgotten_count"),
            ],
            "learning_rate": [.real("learning_rate")],
            "result": [.real("test_loss"), .real("test_accuracy"), .count("epochs")],
            "intervention": [.count("global_step"), .count("stage"), .real("learning_rate")],
        ]
    }

    /// A decoding error in the words of the file: snake_case field names, no Swift types.
    static func explain(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "it cannot be read (\(error))" }
        switch error {
        case .keyNotFound(let key, _):
            return "it has no `\(snakeCase(key.stringValue))`"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            if context.codingPath.isEmpty {
                return "it must hold a JSON object, and holds an array or a single value"
            }
            return "`\(path(context.codingPath))` has the wrong type or is null"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "it is not a JSON object" }
            return "`\(path(context.codingPath))` has a value this neurotop does not know"
        @unknown default:
            return "it cannot be read"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { key in key.intValue.map { "[\($0)]" } ?? snakeCase(key.stringValue) }.joined(separator: ".")
    }

    /// `globalStep` -> `global_step` (the encoder's rule), for messages.
    private static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    // MARK: - The shapes of the lines whose payload is one field

    private struct Envelope: Decodable { var event: String? }
    private struct Layers: Decodable { var layers: [LayerSummary] }
    private struct State: Decodable { var state: RunState }
    private struct Rate: Decodable { var learningRate: Float }
    private struct Message: Decodable { var message: String }
}
