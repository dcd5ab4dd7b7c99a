import Dashboard
import Foundation
import Glibc

/// The full-screen dashboard: the UI loop on the main thread that reads keys, moves trainer
/// events into the dashboard, and draws about 25 frames a second.
///
/// The trainers never wait for the screen: events queue in their channels and are drained
/// once per frame. Every way out (q, SIGINT, SIGTERM, SIGHUP, the terminal going away) leaves
/// the loop normally, so the terminal is always restored. A training failure does not end the session: the screen shows
/// the run as it broke until the user restarts it, picks another config or quits; quitting
/// then exits with status 1 and prints the failure after the terminal is back.
public struct DashboardApp {
    /// Milliseconds between frames.
    public static let frameInterval: Int32 = 40

    private let controller: any DashboardSession
    private let environment: [String: String]

    /// - Parameter controller: already started (its first config loaded), so that loading
    ///   errors are reported before the terminal changes mode.
    public init(controller: any DashboardSession, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.controller = controller
        self.environment = environment
    }

    /// Why the dashboard cannot run here (standard input or output is not a terminal); nil
    /// when it can.
    /// The character set the dashboard will draw in: the user's locale's, as it takes it
    /// ("UTF-8", or "ANSI_X3.4-1968" under LANG=C).
    public static func localeCodeset() -> String { CursesTerminal.adoptUserLocale() }

    public static func terminalProblem() -> String? {
        if isatty(STDOUT_FILENO) == 0 {
            return
                "the dashboard needs a terminal, but standard output is not one; for a headless run use `neurotop train CONFIG`"
        }
        if isatty(STDIN_FILENO) == 0 {
            return
                "the dashboard reads keys from a terminal, but standard input is not one; for a headless run use `neurotop train CONFIG`"
        }
        return nil
    }

    /// Runs until quit; returns the process exit status. Messages for the user go to stderr
    /// after the terminal is restored.
    public func run() -> Int32 {
        let signals = SignalWatcher()
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(noColor: noColor)
        } catch {
            controller.stopAll()
            report("\(error)")
            return 1
        }
        let (status, hungUp) = loop(terminal, signals)
        terminal.restore()
        controller.stopAll()
        if hungUp { report("the terminal went away (end of input); training stopped") }
        // Shown after the terminal is back, however the session ended (q, ctrl-c, a signal).
        if let failure = controller.failure {
            report("training \(failure.identifier) failed: \(failure.message)")
        }
        return status
    }

    /// Runs frames until the session ends; returns the exit status and whether it ended because
    /// the terminal went away.
    private func loop(_ terminal: CursesTerminal, _ signals: SignalWatcher) -> (status: Int32, hungUp: Bool) {
        var buffer = ScreenBuffer(width: 0, height: 0)
        var needsDraw = true
        // A run that failed and was not restarted makes the whole session a failure.
        var endStatus: Int32 { controller.failure == nil ? 0 : 1 }
        while true {
            if let signal = signals.receivedSignal { return (128 + signal, false) }
            for event in terminal.events(waitingUpTo: Self.frameInterval) {
                switch event {
                case .resized:
                    terminal.invalidate()
                case .key(let key):
                    if !controller.press(key) { return (endStatus, false) }
                case .hungUp:
                    return (endStatus, true)
                }
                needsDraw = true
            }
            if controller.pump() { needsDraw = true }
            guard needsDraw else { continue }
            let size = terminal.size
            if buffer.width != size.width || buffer.height != size.height {
                buffer = ScreenBuffer(width: size.width, height: size.height)
            }
            controller.model.render(into: &buffer, theme: terminal.theme)
            terminal.draw(buffer)
            needsDraw = false
        }
    }

    private func report(_ message: String) {
        var line = "neurotop: \(message)\n"
        // Straight to the descriptor: nothing to do if even standard error is gone.
        line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
