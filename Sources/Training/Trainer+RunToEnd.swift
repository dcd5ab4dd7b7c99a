import Foundation

/// The training ended with a failure (a diverged loss, a bad batch); `message` says what to do.
public struct TrainingFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The run was stopped (a `stop` command, say on Ctrl-C) before it finished.
public struct TrainingStopped: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "training was stopped before it finished" }
}

extension Trainer {
    /// Starts training and waits on the calling thread until it ends, handing every event to
    /// `observe` as it is drained (for progress lines). For headless commands.
    ///
    /// - Parameter interval: the longest wait between drains; batch events, which do not wake
    ///   the consumer, reach `observe` at least this often.
    /// - Returns: the final test figures.
    /// - Throws: `TrainingFailure` when training fails, `TrainingStopped` when a `stop` command
    ///   ends it first, or whatever `observe` throws.
    public func runToEnd(
        interval: TimeInterval = 0.1, observe: (TrainingEvent) throws -> Void = { _ in }
    ) throws -> FinalResult {
        start()
        while true {
            for event in events.waitAndDrain(timeout: interval) {
                try observe(event)
                switch event {
                case .finished(let result): return result
                case .failed(let message): throw TrainingFailure(message: message)
                case .stateChanged(.stopped): throw TrainingStopped()
                default: continue
                }
            }
        }
    }
}
