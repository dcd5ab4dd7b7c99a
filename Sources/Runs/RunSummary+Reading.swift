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
            let problem = NumberField.problem(in: data, among: numberFields)
            let reason = problem ?? RecordedEntry.explain(error)
            throw EventDecodingError(event: nil, reason: reason)
        }
        if let impossible = summary.impossibleCount { throw EventDecodingError(event: nil, reason: impossible) }
        return summary
    }

    /// The numbers of `run.json`.
    private static var numberFields: [NumberField] {
        [
            NumberField(
                path: ["seed"], type: UInt64.self, range: "a whole number from 0 to \(UInt64.max)"),
            .whole("epochs_done"), .whole("steps_per_epoch"), .whole("forked_at", "stage"),
            .whole("forked_at", "global_step"), .real("test_accuracy"), .real("test_loss"),
        ]
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
