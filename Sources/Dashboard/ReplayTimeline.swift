import Training

/// A recorded run as a sequence to play back: its events and chart markers in file order, each
/// at the moment of the recording it happened.
///
/// Events carry no clock, but training time does: a batch happened `epochElapsed` seconds into
/// its epoch, and an epoch took `seconds`; validation and evaluation take no time here. So 1x
/// plays the training at the pace it trained.
public struct ReplayTimeline: Sendable {
    public enum Item: Sendable, Equatable {
        case event(TrainingEvent)
        case marker(Intervention)
    }

    public let items: [Item]
    /// Seconds into the recording of each item, never decreasing.
    public let times: [Double]

    /// The pace of a recording that carries no durations: a hundred items a second.
    static let untimedInterval = 0.01

    public init(items: [Item]) {
        self.items = items
        var times: [Double] = []
        times.reserveCapacity(items.count)
        var finishedEpochs = 0.0
        var now = 0.0
        for item in items {
            if case .event(let event) = item {
                switch event {
                case .batchEnded(let progress): now = max(now, finishedEpochs + progress.epochElapsed)
                case .epochEnded(let summary):
                    finishedEpochs += max(0, summary.seconds)
                    now = max(now, finishedEpochs)
                default: break
                }
            }
            times.append(now)
        }
        if now == 0 { times = items.indices.map { Double($0) * Self.untimedInterval } }
        self.times = times
    }

    /// Seconds from the first item to the last.
    public var duration: Double { times.last ?? 0 }
}
