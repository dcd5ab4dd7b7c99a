import Foundation

/// `run.json`: what a run is and how far it got, replaced atomically on every change.
public struct RunSummary: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case running, finished, failed, interrupted
    }

    public var id: String
    /// The config's short name as listed (`mlp-tanh-1`).
    public var config: String
    /// The config's display name (`Tanh 100-10`).
    public var name: String
    public var seed: UInt64
    /// The neurotop release that recorded the run.
    public var version: String
    /// ISO-8601 UTC.
    public var started: String
    public var ended: String?
    public var status: Status
    /// Epochs of the final stage done.
    public var epochsDone: Int
    public var testAccuracy: Float?
    public var testLoss: Float?
    /// The run this one was forked from (its id), if any.
    public var parent: String?
    /// Where this run left its parent: the stage and the step in it (a fork's first step).
    public var forkedAt: ForkPoint?
    /// `--steps-per-epoch`, so that a resumed run cuts its epochs the same way.
    public var stepsPerEpoch: Int?

    /// Where a fork left its parent.
    public struct ForkPoint: Codable, Sendable, Equatable {
        public var stage: Int
        public var globalStep: Int

        public init(stage: Int, globalStep: Int) {
            self.stage = stage
            self.globalStep = globalStep
        }
    }

    public init(id: String, config: String, name: String, seed: UInt64, version: String, started: Date) {
        self.id = id
        self.config = config
        self.name = name
        self.seed = seed
        self.version = version
        self.started = Self.timestamp(started)
        self.status = .running
        self.epochsDone = 0
    }

    /// `2026-11-30T21:35:00Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// The file's bytes: every key present, absent values as `null`.
    public func encoded() -> [UInt8] {
        var object = (try? JSONSerialization.jsonObject(with: Self.makeEncoder().encode(self))) as? [String: Any] ?? [:]
        for key in ["ended", "test_accuracy", "test_loss", "parent", "forked_at", "steps_per_epoch"]
        where object[key] == nil {
            object[key] = NSNull()
        }
        let data =
            (try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return [UInt8](data) + [UInt8(ascii: "\n")]
    }
}
