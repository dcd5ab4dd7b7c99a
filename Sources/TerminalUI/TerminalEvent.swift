import Dashboard

/// What the terminal reports: a key, or a change of size.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case resized
    /// The terminal went away (end of input, or a hang-up that sent no SIGHUP).
    case hungUp
}
