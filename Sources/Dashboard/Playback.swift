/// Where the playback of a recorded run stands (`neurotop replay`), for the status line and help.
public struct Playback: Sendable, Equatable {
    /// The speeds the keys 1, 2 and 3 pick.
    public static let speeds = [1, 10, 100]

    /// Times the recording's pace.
    public var speed: Int
    public var isPaused: Bool
    /// Seconds of the recording played, and its length.
    public var played: Double
    public var duration: Double
    public var isAtEnd: Bool
}

/// What the playback keys ask for.
public enum PlaybackCommand: Equatable, Sendable {
    case speed(Int)
    case togglePause
    case jumpToEnd
    case restart
}
