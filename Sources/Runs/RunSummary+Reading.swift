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
        do {
            return try TrainingEvent.makeJSONDecoder().decode(RunSummary.self, from: data)
        } catch {
            throw EventDecodingError(event: nil, reason: RecordedEntry.explain(error))
        }
    }
}
