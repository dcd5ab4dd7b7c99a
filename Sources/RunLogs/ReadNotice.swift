/// Something a reader skipped or stopped at, said once: the file, where, and what was wrong.
public struct ReadNotice: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// Where in the file ("byte 1234", "line 7").
    public var place: String
    public var message: String

    public var description: String { "\(path), \(place): \(message)" }
}
