import Synchronization

/// What a trainer's thread-safe front shares with its queue-owned run: the command mailbox and
/// the state last set, each behind its own lock, so views never wait for a batch to finish.
final class TrainerControl: Sendable {
    private let mailbox = Mutex<[TrainerCommand]>([])
    private let observed = Mutex<RunState>(.ready)

    /// Queues a command for the run to apply before its next batch.
    func post(_ command: TrainerCommand) {
        mailbox.withLock { $0.append(command) }
    }

    /// Every queued command, oldest first, leaving the mailbox empty.
    func takeCommands() -> [TrainerCommand] {
        mailbox.withLock { commands in
            let taken = commands
            commands.removeAll(keepingCapacity: true)
            return taken
        }
    }

    /// The state the run last announced.
    var state: RunState {
        get { observed.withLock { $0 } }
        set { observed.withLock { $0 = newValue } }
    }
}
