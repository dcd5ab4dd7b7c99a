/// Where a run's events go: the view's channel, and taps (recorders) that see every event the
/// view sees plus the run's checkpoints. Posting never waits on any consumer.
struct EventFanOut {
    let main: EventChannel<TrainingEvent>
    let taps: [EventChannel<TrainingEvent>]

    /// Whether anyone wants checkpoints (taking one copies every weight).
    var wantsCheckpoints: Bool { !taps.isEmpty }

    func post(_ event: TrainingEvent) {
        main.post(event)
        for tap in taps { tap.post(event) }
    }

    /// Hands a checkpoint to the taps only: the view has no use for it.
    func postToTaps(_ event: TrainingEvent) {
        for tap in taps { tap.post(event) }
    }
}
