import Dispatch
import Glibc
import Synchronization

/// Turns SIGINT, SIGTERM, SIGHUP and SIGQUIT into a flag the UI loop polls, so that the loop, not a
/// signal handler, restores the terminal before the process ends.
final class SignalWatcher {
    /// The first signal number received; 0 for none. Written on the signal queue.
    private final class Flag: Sendable {
        let value = Atomic<Int32>(0)
    }

    private let flag = Flag()
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]) {
        let queue = DispatchQueue(label: "neurotop.signals")
        let flag = flag
        sources = signals.map { number in
            // The default action would end the process with the terminal still in raw mode.
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                _ = flag.value.compareExchange(expected: 0, desired: number, ordering: .relaxed)
            }
            source.resume()
            return source
        }
    }

    /// The first signal received, if any.
    var receivedSignal: Int32? {
        let value = flag.value.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
