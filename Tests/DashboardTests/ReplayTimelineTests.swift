import Dashboard
import Testing
import Training

/// When each recorded item happened, from the training time the events carry.
struct ReplayTimelineTests {
    private func batch(_ step: Int, epoch: Int, elapsed: Double) -> ReplayTimeline.Item {
        .event(
            .batchEnded(
                BatchProgress(
                    epoch: epoch, step: step, stepsPerEpoch: 2, globalStep: epoch * 2 + step, loss: 1, accuracy: 0,
                    epochLoss: 1, epochAccuracy: 0, samplesPerSecond: 1, epochElapsed: elapsed)))
    }

    private func epochEnd(_ epoch: Int, seconds: Double) -> ReplayTimeline.Item {
        .event(
            .epochEnded(
                EpochSummary(
                    epoch: epoch, epochs: 2, stepsPerEpoch: 2, loss: 1, accuracy: 0, validationLoss: nil,
                    validationAccuracy: nil, seconds: seconds, samplesPerSecond: 1)))
    }

    @Test func batchesHappenAtTheirTimeIntoTheEpochAfterTheEpochsBefore() {
        let timeline = ReplayTimeline(items: [
            .event(.stateChanged(.running)), batch(1, epoch: 0, elapsed: 0.5), batch(2, epoch: 0, elapsed: 1.0),
            .marker(Intervention(action: .pause, globalStep: 2)), epochEnd(0, seconds: 1.2),
            batch(1, epoch: 1, elapsed: 0.25), batch(2, epoch: 1, elapsed: 1.0), epochEnd(1, seconds: 1.0),
            .event(.log("done")),
        ])
        #expect(timeline.times == [0, 0.5, 1.0, 1.0, 1.2, 1.45, 2.2, 2.2, 2.2])
        #expect(timeline.duration == 2.2)
    }

    @Test func aRecordingWithoutDurationsPlaysAHundredItemsASecond() {
        let timeline = ReplayTimeline(items: [
            .event(.stateChanged(.running)), .event(.log("a")), .event(.log("b")),
        ])
        #expect(timeline.times == [0, 0.01, 0.02])
    }
}
