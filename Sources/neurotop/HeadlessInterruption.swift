import Dispatch
import Foundation
import Glibc
import Synchronization
import Training

/// Ctrl-C or SIGTERM during a headless run: the trainer writes a last checkpoint (when recorded)
/// and stops between two batches, so the run is left "interrupted" and can be resumed, instead
/// of the process dying with its run marked "running" for ever.
final class HeadlessInterruption {
    /// The first signal number received; 0 for none.
    private final class Received: Sendable {
        let signal = Atomic<Int32>(0)
    }

    private let received = Received()
    private let sources: [any DispatchSourceSignal]

    /// Watches SIGINT and SIGTERM until this value is released; each sends `trainer` a
    /// checkpoint (if `checkpoint`) and a stop. A second signal ends the process at once.
    init(trainer: Trainer, checkpoint: Bool, signals: [Int32] = [SIGINT, SIGTERM]) {
        let queue = DispatchQueue(label: "neurotop.interruption")
        let received = received
        sources = signals.map { number in
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                guard received.signal.compareExchange(expected: 0, desired: number, ordering: .relaxed).exchanged
                else {
                    // A second Ctrl-C: the user does not want to wait for the batch to end.
                    Glibc.signal(number, SIG_DFL)
                    Glibc.raise(number)
                    return
                }
                if checkpoint { trainer.send(.checkpoint) }
                trainer.send(.stop)
            }
            source.resume()
            return source
        }
    }

    /// The first signal received, if any.
    var signal: Int32? {
        let value = received.signal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// The signal's name for a message (`SIGINT`).
    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(signal)"
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
