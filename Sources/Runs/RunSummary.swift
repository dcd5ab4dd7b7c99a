import Foundation
import Training

/// `run.json`: what a recorded run is and how far it got, replaced whole on every change.
public struct RunSummary: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case running, finished, failed, interrupted
    }

    public var id: String
    /// The config's name as `neurotop list` shows it (`mlp-tanh-1`).
    public var config: String
    /// The config's display name (`Tanh 100-10`).
    public var name: String?
    public var seed: UInt64?
    /// The neurotop version that recorded it.
    public var version: String?
    /// ISO-8601 UTC times.
    public var started: String?
    public var ended: String?
    public var status: Status
    public var epochsDone: Int
    public var testAccuracy: Double?
    public var testLoss: Double?
    /// The run this one continues or forks from.
    public var parent: String?

    public init(
        id: String, config: String, name: String? = nil, seed: UInt64? = nil, version: String? = nil,
        started: String? = nil, ended: String? = nil, status: Status, epochsDone: Int, testAccuracy: Double? = nil,
        testLoss: Double? = nil, parent: String? = nil
    ) {
        self.id = id
        self.config = config
        self.name = name
        self.seed = seed
        self.version = version
        self.started = started
        self.ended = ended
        self.status = status
        self.epochsDone = epochsDone
        self.testAccuracy = testAccuracy
        self.testLoss = testLoss
        self.parent = parent
    }

    /// When the run started, nil when `started` is missing or not ISO-8601.
    public var startDate: Date? { started.flatMap(Self.date(iso8601:)) }

    /// Parses `2026-11-30T21:35:02Z`, with or without fractional seconds.
    public static func date(iso8601 text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// Reads a `run.json`'s bytes; the error's `reason` says what is wrong in the file's terms.
    public static func decode(_ data: Data) throws(EventDecodingError) -> RunSummary {
        do {
            return try TrainingEvent.makeJSONDecoder().decode(RunSummary.self, from: data)
        } catch {
            throw EventDecodingError(event: nil, reason: RecordedEntry.explain(error))
        }
    }

    /// `run.json`'s text: every field present, `null` where unknown, keys sorted.
    public func jsonText() -> String {
        func value(_ optional: (some Any)?) -> Any { optional.map { $0 as Any } ?? NSNull() }
        let object: [String: Any] = [
            "id": id, "config": config, "name": value(name), "seed": value(seed), "version": value(version),
            "started": value(started), "ended": value(ended), "status": status.rawValue, "epochs_done": epochsDone,
            "test_accuracy": value(testAccuracy), "test_loss": value(testLoss), "parent": value(parent),
        ]
        return TrainingEvent.line(object)
    }
}
