import CNcursesw
import Dashboard
import Glibc
import NeuroEngine

/// The only code that talks to ncurses: sets the terminal up and back, reads keys, and brings
/// the screen in line with a `ScreenBuffer` by writing only the cells that changed.
///
/// Use from the main thread only.
final class CursesTerminal {
    private(set) var theme: Theme
    private var screen: OpaquePointer?
    private var previous: ScreenBuffer?
    private var pairs: [ColorKey: Int16] = [:]
    private var hasDefaultColors = false
    private var isActive = false
    /// Whether the terminal shows the dashboard on a screen of its own (terminfo `smcup`), which
    /// it leaves on the way out, bringing back what was there before.
    private var hasAlternateScreen = true

    private struct ColorKey: Hashable {
        let foreground: Int16
        let background: Int16
    }

    /// What went wrong setting the terminal up.
    enum SetupError: Error, CustomStringConvertible {
        /// TERM is unset or empty: there is no terminal type to look up.
        case noTerminalType
        case unknownTerminal(String)
        /// The terminal cannot move its cursor to a given cell (no terminfo `cup`), as `dumb`.
        case noCursorAddressing(String)

        var description: String {
            let headless = "; for a headless run use `neurotop train CONFIG`"
            switch self {
            case .noTerminalType:
                return
                    "TERM is not set, so the dashboard cannot tell which terminal this is; set it to yours (for example TERM=xterm-256color)"
                    + headless
            case .unknownTerminal(let name):
                return
                    "cannot drive terminal type '\(name)'; set TERM to one your system knows (for example xterm-256color)"
                    + headless
            case .noCursorAddressing(let name):
                return
                    "terminal type '\(name)' cannot move the cursor, which the dashboard needs; set TERM to a full-screen terminal (for example xterm-256color)"
                    + headless
            }
        }
    }

    /// Whether the locale the environment names (LC_ALL, then LC_CTYPE, then LANG) is a UTF-8 one.
    static var environmentAsksForUTF8: Bool {
        let variables: [String] = ["LC_ALL", "LC_CTYPE", "LANG"]
        let values = variables.compactMap { getenv($0).map { String(cString: $0) } }
        let name = values.first { !$0.isEmpty } ?? ""
        let lowered = name.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }

    /// Takes the user's locale for characters (numbers stay in C, so nothing prints a comma) and
    /// returns its character set, as `nl_langinfo(CODESET)` names it ("UTF-8", "ANSI_X3.4-1968").
    static func adoptUserLocale() -> String {
        if setlocale(LC_ALL, "") == nil, Self.environmentAsksForUTF8 {
            // The user's locale is not installed here (th_TH.UTF-8 on a minimal system, say):
            // its characters are still UTF-8, which C.UTF-8 always has. Without this, ncurses
            // would draw every Thai letter and box line as "?".
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        setlocale(LC_NUMERIC, "C")
        return nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
    }

    /// Switches the terminal to full-screen mode. `noColor` forces the monochrome theme.
    init(noColor: Bool) throws(SetupError) {
        // Wide characters need the user's locale.
        let codeset = Self.adoptUserLocale()
        let unicode = codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"

        let name = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !name.isEmpty else { throw .noTerminalType }
        neurotop_save_shell_modes()
        guard let screen = neurotop_newterm() else { throw .unknownTerminal(name) }
        // Without cursor addressing ncurses can only write line after line: nothing but the
        // last row would be seen. Nothing has been drawn yet, so the terminal is left as it was.
        guard Self.has("cup") else {
            endwin()
            delscreen(screen)
            throw .noCursorAddressing(name)
        }
        self.screen = screen
        isActive = true
        hasAlternateScreen = Self.has("smcup")
        // Out of memory on any thread ends the process at once: the terminal first.
        CheckedAllocation.beforeOutOfMemoryExit = {
            curs_set(1)
            endwin()
        }
        cbreak()
        noecho()
        nonl()
        keypad(neurotop_screen(), true)
        intrflush(neurotop_screen(), false)
        curs_set(0)
        set_escdelay(25)
        // A crash puts the terminal back too, before Swift's backtrace is printed.
        neurotop_guard_crashes()

        var palette = Palette.monochrome
        if !noColor, has_colors() {
            start_color()
            hasDefaultColors = use_default_colors() == OK
            palette = neurotop_colors() >= 256 ? .ansi256 : .ansi8
        }
        theme = Theme(palette: palette, unicode: unicode)
    }

    deinit { restore() }

    /// Puts the terminal back as it was. Safe to call more than once.
    func restore() {
        guard isActive else { return }
        isActive = false
        neurotop_unguard_crashes()
        CheckedAllocation.beforeOutOfMemoryExit = nil
        curs_set(1)
        endwin()
        // Without a screen of its own (vt100, the Linux console) the terminal would keep the last
        // frame, and the shell would write its prompt over the bottom row.
        if !hasAlternateScreen { neurotop_clear_in_shell_mode() }
        if let screen { delscreen(screen) }
        screen = nil
    }

    /// Whether the terminal that `newterm` set up has the terminfo string capability `name`
    /// (`tigetstr` answers nil when it is absent, -1 when the name is not a string capability).
    private static func has(_ name: String) -> Bool {
        guard let capability = tigetstr(name) else { return false }
        return Int(bitPattern: capability) != -1 && capability.pointee != 0
    }

    /// The screen size in cells.
    var size: (width: Int, height: Int) { (Int(neurotop_columns()), Int(neurotop_lines())) }

    // MARK: - Input

    /// Waits up to `milliseconds` for input, then returns everything that is waiting; `.hungUp`
    /// when the terminal has gone away.
    func events(waitingUpTo milliseconds: Int32) -> [TerminalEvent] {
        var events: [TerminalEvent] = []
        wtimeout(neurotop_screen(), milliseconds)
        while let event = readOne() {
            events.append(event)
            wtimeout(neurotop_screen(), 0)
        }
        if events.isEmpty, InputState.of(STDIN_FILENO) == .ended { return [.hungUp] }
        return events
    }

    private func readOne() -> TerminalEvent? {
        var code: wint_t = 0
        let status = wget_wch(neurotop_screen(), &code)
        if status == ERR { return nil }
        if status == Int32(NEUROTOP_KEY_CODE_YES) {
            return Self.function(key: Int32(code))
        }
        return Self.character(code).map(TerminalEvent.key)
    }

    static func function(key code: Int32) -> TerminalEvent? {
        switch code {
        case Int32(NEUROTOP_KEY_RESIZE): .resized
        case Int32(NEUROTOP_KEY_UP): .key(.up)
        case Int32(NEUROTOP_KEY_DOWN): .key(.down)
        case Int32(NEUROTOP_KEY_LEFT): .key(.left)
        case Int32(NEUROTOP_KEY_RIGHT): .key(.right)
        case Int32(NEUROTOP_KEY_PPAGE): .key(.pageUp)
        case Int32(NEUROTOP_KEY_NPAGE): .key(.pageDown)
        case Int32(NEUROTOP_KEY_HOME): .key(.home)
        case Int32(NEUROTOP_KEY_END): .key(.end)
        case Int32(NEUROTOP_KEY_BTAB): .key(.backTab)
        case Int32(NEUROTOP_KEY_ENTER): .key(.enter)
        case Int32(NEUROTOP_KEY_BACKSPACE): .key(.backspace)
        default: nil
        }
    }

    static func character(_ code: wint_t) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(code)), code >= 32 else { return nil }
            return .character(Character(scalar))
        }
    }

    // MARK: - Output

    /// Brings the terminal in line with `buffer`, writing only the cells that differ from the
    /// last frame (all of them after a resize).
    func draw(_ buffer: ScreenBuffer) {
        if let previous, previous.width != buffer.width || previous.height != buffer.height {
            self.previous = nil
        }
        if previous == nil { werase(neurotop_screen()) }
        let last = previous
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                let shown = buffer.shownScalar(x: x, y: y)
                if let last, last[x, y] == cell, last.shownScalar(x: x, y: y) == shown { continue }
                // The right half of a wide character: ncurses filled it with the left half.
                guard let shown else {
                    if !theme.glyphs.isUnicode { write(" ", marks: [], cell.style, x: x, y: y) }
                    continue
                }
                write(shown, marks: buffer.shownMarks(x: x, y: y), cell.style, x: x, y: y)
            }
        }
        wnoutrefresh(neurotop_screen())
        doupdate()
        previous = buffer
    }

    /// Forgets the last frame so the next one is drawn whole (after a resize).
    func invalidate() {
        previous = nil
        clearok(neurotop_screen(), true)
    }

    /// Writes one cell: its character with the combining marks on it, as one ncurses cell.
    private func write(_ shown: Unicode.Scalar, marks: [Unicode.Scalar], _ style: CellStyle, x: Int, y: Int) {
        var text = [shown] + marks
        // Without a UTF-8 locale only ASCII reaches the terminal, and a mark alone means nothing.
        if !theme.glyphs.isUnicode {
            text = [shown == "\u{A0}" ? " " : shown.value > 0x7E ? "?" : shown]  // a no-break space is a space
        }
        let characters = text.map { wchar_t(bitPattern: $0.value) }
        let attributes = neurotop_attributes(
            style.bold ? 1 : 0, style.dim ? 1 : 0, style.reverse ? 1 : 0, style.underline ? 1 : 0)
        // The bottom-right cell cannot be written without scrolling on some terminals; ncurses
        // reports an error but draws it, so the result is ignored.
        _ = neurotop_put_cell(
            Int32(y), Int32(x), characters, Int32(characters.count), attributes, pair(for: style))
    }

    /// The colour pair for a style's colours, allocated on first use.
    private func pair(for style: CellStyle) -> Int16 {
        guard theme.palette != .monochrome, style.foreground >= 0 || style.background >= 0 else { return 0 }
        let key = ColorKey(foreground: style.foreground, background: style.background)
        if let pair = pairs[key] { return pair }
        let next = pairs.count + 1
        guard next < Int(neurotop_color_pairs()), next <= Int(Int16.max) else { return 0 }
        let fallback: (Int16, Int16) = (Int16(COLOR_WHITE), Int16(COLOR_BLACK))
        let foreground = style.foreground >= 0 || hasDefaultColors ? style.foreground : fallback.0
        let background = style.background >= 0 || hasDefaultColors ? style.background : fallback.1
        init_pair(Int16(next), foreground, background)
        pairs[key] = Int16(next)
        return Int16(next)
    }
}
