/// Why a snapshot cannot continue a plan: it was taken from a different config or recipe.
public struct SnapshotMismatch: Error, Equatable, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String {
        "the checkpoint does not fit this config: \(reason); resume it with the config.yaml saved beside it"
    }
}
