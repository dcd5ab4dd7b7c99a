import Dispatch
import Glibc
import Synchronization

/// Turns SIGINT, SIGTERM, SIGHUP and SIGQUIT into a flag the UI loop polls, so that the loop, not a
/// signal handler, restores the terminal before the process ends. Headless commands use it too:
/// `onFirst` then asks the trainer to stop between two batches, and a second signal ends the process
/// at once with 128 + the signal (the user does not want to wait).
public final class SignalWatcher {
    /// The first signal number received; 0 for none. Written on the signal queue.
    private final class Flag: Sendable {
        let value = Atomic<Int32>(0)
    }

    private let flag = Flag()
    private let sources: [any DispatchSourceSignal]

    /// - Parameters:
    ///   - onFirst: called (on a queue of its own) with the first signal received.
    ///   - secondEndsProcess: whether a second signal ends the process at once (status 128 + signal).
    public init(
        signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT], secondEndsProcess: Bool = false,
        onFirst: @escaping @Sendable (Int32) -> Void = { _ in }
    ) {
        let queue = DispatchQueue(label: "neurotop.signals")
        let flag = flag
        sources = signals.map { number in
            // The default action would end the process with the terminal still in raw mode.
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if flag.value.compareExchange(expected: 0, desired: number, ordering: .relaxed).exchanged {
                    onFirst(number)
                } else if secondEndsProcess {
                    // Not raise(): this dispatch thread blocks the signal, so it would stay pending.
                    _exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }

    /// The first signal received, if any.
    public var receivedSignal: Int32? {
        let value = flag.value.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// A signal's name for a message (`SIGINT`).
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        default: "signal \(signal)"
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
