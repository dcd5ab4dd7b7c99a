import Foundation

/// What a trainer's thread-safe front shares with its queue-owned run: the command mailbox and
/// the state last set, behind one lock, so views never wait for a batch to finish.
///
/// The lock is an `NSLock` (a pthread mutex) rather than `Synchronization.Mutex`: on Linux the
/// latter is a bare futex that ThreadSanitizer cannot see, so every access it guards is reported
/// as a race.
final class TrainerControl: @unchecked Sendable {
    // `commands` and `observed` are guarded by `lock`.
    private let lock = NSLock()
    private var commands: [TrainerCommand] = []
    private var observed: RunState = .ready

    /// Queues a command for the run to apply before its next batch.
    func post(_ command: TrainerCommand) {
        lock.withLock { commands.append(command) }
    }

    /// Every queued command, oldest first, leaving the mailbox empty.
    func takeCommands() -> [TrainerCommand] {
        lock.withLock {
            let taken = commands
            commands.removeAll(keepingCapacity: true)
            return taken
        }
    }

    /// The state the run last announced.
    var state: RunState {
        get { lock.withLock { observed } }
        set { lock.withLock { observed = newValue } }
    }
}
