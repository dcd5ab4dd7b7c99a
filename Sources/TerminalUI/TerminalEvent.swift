import Dashboard

/// What the terminal reports: a key, or a change of size.
public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case resized
}
