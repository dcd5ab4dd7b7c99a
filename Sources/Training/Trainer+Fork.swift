import Datasets
import NeuroEngine

extension Trainer {
    /// A twin of this run: a new trainer of `plan` (a second copy of this run's plan: the same
    /// config, data and seed) that continues from this run's state as it is between two batches,
    /// its weights, optimizer state, generators, batch order and position; not started.
    ///
    /// From here the two train in lockstep on exactly the same batches, so until something is
    /// done to one of them they stay bit-identical; whatever is done to one branch only (a
    /// command sent to one trainer) is the only difference between them. The twin's events
    /// start with `started`, `stage_started`, a `fork` intervention and a checkpoint (so that
    /// a recorder of it has where it began). A run can have one twin at a time. Returns the twin
    /// and the position where the branches part.
    public func fork(
        plan: TrainingPlan, events: EventChannel<TrainingEvent> = EventChannel(), options: Options? = nil,
        taps: [EventChannel<TrainingEvent>] = []
    ) throws(SnapshotMismatch) -> (twin: Trainer, at: RunSnapshot.Position) {
        let pair = Lockstep()
        let taken: Result<RunSnapshot, SnapshotMismatch> = queue.sync {
            guard run.lockstep == nil else { return .failure(SnapshotMismatch("the run already has a twin")) }
            guard [.running, .paused].contains(run.state) else {
                return .failure(SnapshotMismatch("only a run that is training can fork (this one is \(run.state))"))
            }
            run.lockstep = (pair, 0)
            return .success(run.snapshot())
        }
        let snapshot = try taken.get()
        let twin = Trainer(plan: plan, events: events, options: options ?? self.options, taps: taps)
        do {
            try twin.restore(snapshot)
        } catch {
            queue.sync {
                pair.leave(1)
                run.lockstep = nil
            }
            throw error
        }
        twin.queue.sync {
            twin.run.forked = true
            twin.run.lockstep = (pair, 1)
        }
        return (twin, snapshot.position)
    }

    /// Leaves the fork this run is a branch of (the other branch was dropped): trains on alone.
    public func leaveFork() {
        queue.sync {
            guard let lockstep = run.lockstep else { return }
            lockstep.pair.leave(lockstep.member)
            run.lockstep = nil
        }
    }
}
