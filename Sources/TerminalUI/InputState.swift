import Glibc

/// Whether a terminal can still send keys, asked when curses has read nothing.
///
/// When the terminal goes away without a SIGHUP reaching the process (a parent that traps HUP,
/// a closed SSH session, a pty whose other end closed), every read returns at once with nothing,
/// and a loop that only waits in curses would spin at full speed forever.
enum InputState: Equatable {
    case open
    /// End of input or a hang-up: no key will ever come.
    case ended

    /// The state of the input on `descriptor`, without reading from it.
    static func of(_ descriptor: Int32) -> InputState {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 0) > 0 else { return .open }
        if Int32(entry.revents) & (POLLHUP | POLLERR | POLLNVAL) != 0 { return .ended }
        guard Int32(entry.revents) & POLLIN != 0 else { return .open }
        // Readable with nothing to read is end of input (keys in raw mode are bytes waiting).
        var waiting: Int32 = 0
        guard ioctl(descriptor, UInt(FIONREAD), &waiting) == 0 else { return .open }
        return waiting == 0 ? .ended : .open
    }
}
