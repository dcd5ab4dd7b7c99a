/// Why a JSON line is not the event its `event` field names.
public struct EventDecodingError: Error, Equatable, CustomStringConvertible {
    /// The `event` field, or nil when the line has none.
    public var event: String?
    /// What is wrong, e.g. "it has no `loss`".
    public var reason: String

    public init(event: String?, reason: String) {
        self.event = event
        self.reason = reason
    }

    public var description: String {
        if let event { return "a \(event) event, but \(reason)" }
        return "not an event (\(reason))"
    }
}
