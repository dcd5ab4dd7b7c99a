import Training

/// One line of a run's `events.jsonl`: a trainer event, or what the user did.
public enum RecordedEntry: Sendable, Equatable {
    case event(TrainingEvent)
    case intervention(Intervention)
}
