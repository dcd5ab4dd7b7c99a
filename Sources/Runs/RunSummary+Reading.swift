import Foundation
import Training

extension RunSummary {
    /// When the run started, nil when `started` is not ISO-8601.
    public var startDate: Date? { Self.date(iso8601: started) }

    /// Parses `2026-11-30T21:35:02Z`, with or without fractional seconds.
    public static func date(iso8601 text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// Reads a `run.json`'s bytes; the error's `reason` says what is wrong in the file's terms
    /// (a missing field by its snake_case name).
    public static func decode(_ data: Data) throws(EventDecodingError) -> RunSummary {
        let summary: RunSummary
        do {
            summary = try TrainingEvent.makeJSONDecoder().decode(RunSummary.self, from: data)
        } catch {
            let reason = numberProblem(in: data) ?? RecordedEntry.explain(error)
            throw EventDecodingError(event: nil, reason: reason)
        }
        if let impossible = summary.impossibleCount { throw EventDecodingError(event: nil, reason: impossible) }
        return summary
    }

    /// The first number of `data` that its field's type cannot hold (a count of 1.5 or 1e30, a
    /// seed of -1), said in the file's terms; nil when there is none. The decoder refuses such
    /// a number as "not valid JSON" without naming the field, as if the file were cut short.
    static func numberProblem(in data: Data) -> String? {
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard let object else { return nil }
        for (path, type, range) in numberFields {
            var value: Any? = object
            for key in path { value = (value as? [String: Any])?[key] }
            guard let number = value as? NSNumber, !(value is Bool),
                let list = try? JSONSerialization.data(withJSONObject: [number]), !fits(list, type)
            else { continue }
            let shown = String(decoding: list.dropFirst().dropLast(), as: UTF8.self)
            return "`\(path.joined(separator: "."))` is \(shown), and it must be \(range)"
        }
        return nil
    }

    /// The numbers of `run.json` by their paths in the file, each with the type it decodes to
    /// and the values that type holds.
    private static var numberFields: [(path: [String], type: any Decodable.Type, range: String)] {
        let whole = "a whole number from 0 to \(Int.max)"
        let largest = Float.greatestFiniteMagnitude
        let real = "a number from -\(largest) to \(largest)"
        return [
            (["seed"], UInt64.self, "a whole number from 0 to \(UInt64.max)"),
            (["epochs_done"], Int.self, whole), (["steps_per_epoch"], Int.self, whole),
            (["forked_at", "stage"], Int.self, whole),
            (["forked_at", "global_step"], Int.self, whole),
            (["test_accuracy"], Float.self, real), (["test_loss"], Float.self, real),
        ]
    }

    /// Whether `list`, a JSON array of one number, decodes as an array of `type`.
    private static func fits<T: Decodable>(_ list: Data, _ type: T.Type) -> Bool {
        (try? JSONDecoder().decode([T].self, from: list)) != nil
    }

    /// What is wrong with a count no run could have written (a negative one, a fork before the
    /// start, epochs of no steps), in the file's terms; nil when every count is possible.
    /// Decoding takes any integer, and a listing or a resume would go on from it.
    var impossibleCount: String? {
        if epochsDone < 0 { return "its `epochs_done` is \(epochsDone), and a count cannot be negative" }
        if let stepsPerEpoch, stepsPerEpoch < 1 {
            return "its `steps_per_epoch` is \(stepsPerEpoch), and an epoch needs at least one step"
        }
        if let forkedAt, forkedAt.stage < 0 || forkedAt.globalStep < 0 {
            return "its `forked_at` is stage \(forkedAt.stage) step \(forkedAt.globalStep), and neither can be negative"
        }
        return nil
    }
}
