import Foundation
import NeuroEngine
import RunsTestSupport
import Testing
import Training

@testable import Runs

/// JSON lines back into events: every case encoded with `jsonLine()` decodes to the same value.
@Suite struct RecordedEntryDecodingTests {
    /// One value of every event case (the switch makes a new case a compile error here).
    static let everyEvent: [TrainingEvent] = {
        let layers = [
            LayerSummary(
                name: "conv2d", kind: "Conv2D", outputShape: [10, 28, 28], parameterCount: 90,
                trainableParameterCount: 0, trainable: false, kernelCount: 90)
        ]
        let events: [TrainingEvent] = [
            .started(
                RunInfo(
                    name: "Conv-MP-Conv", identifier: "cnn-mp-conv", datasetName: "mnist", trainCount: 60_000,
                    testCount: 10_000, stageCount: 3, referenceAccuracy: nil)),
            .stageStarted(
                StageInfo(
                    index: 2, count: 3, title: "fine-tuning", epochs: 5, stepsPerEpoch: 938, batchSize: 64,
                    learningRate: 0.001, optimizer: "Adam", loss: "categorical_crossentropy", reportsAccuracy: true,
                    layers: layers, parameterCounts: ParameterCounts(total: 90, trainable: 0))),
            .batchEnded(
                BatchProgress(
                    epoch: 1, step: 17, stepsPerEpoch: 938, globalStep: 955, loss: 0.123_456_78, accuracy: 0.953_125,
                    epochLoss: 0.2, epochAccuracy: 0.9, samplesPerSecond: 12_345.678_9, epochElapsed: 0.125)),
            .epochEnded(
                EpochSummary(
                    epoch: 0, epochs: 5, stepsPerEpoch: 938, loss: 0.3, accuracy: 0.91, validationLoss: nil,
                    validationAccuracy: nil, seconds: 4.5, samplesPerSecond: 13_000)),
            .epochEnded(
                EpochSummary(
                    epoch: 1, epochs: 5, stepsPerEpoch: 938, loss: 0.2, accuracy: 0.94, validationLoss: 0.18,
                    validationAccuracy: 0.947_1, seconds: 4.25, samplesPerSecond: 13_100.5)),
            .epochEnded(
                EpochSummary(
                    epoch: 2, epochs: 5, stepsPerEpoch: 938, loss: 0.1, accuracy: 0.96, validationLoss: 0.12,
                    validationAccuracy: 0.962, seconds: 4, samplesPerSecond: 13_000, learned: 412, forgotten: 57,
                    neverLearned: 118)),
            .testPredictions(TestPredictions(stage: 1, epoch: 2, predictions: [7, 2, 1, 0, 4])),
            .flips(
                FlipSnapshot(
                    epoch: 2, rows: 2, columns: 2,
                    learned: [FlipSnapshot.Digit(index: 3, label: 0, prediction: 0, image: [0, 0.5, 1, 0.25])],
                    forgotten: [FlipSnapshot.Digit(index: 9, label: 9, prediction: 4, image: [1, 0, 0, 1])],
                    learnedCount: 412, forgottenCount: 57)),
            .gradients(
                GradientSnapshot(
                    globalStep: 12,
                    parameters: [
                        ParameterStatistics(
                            layerIndex: 0, layerName: "conv2d", parameterName: "kernel", isKernel: true,
                            meanAbsGradient: 1.5e-5, maxAbsGradient: 0.25, updateRatio: nil)
                    ])),
            .gradients(
                GradientSnapshot(
                    globalStep: 50,
                    parameters: [
                        ParameterStatistics(
                            layerIndex: 1, layerName: "dense", parameterName: "bias", isKernel: false,
                            meanAbsGradient: 2.5e-4, maxAbsGradient: 0.01, updateRatio: 0.002)
                    ], source: .update)),
            .samples(
                SampleSnapshot(
                    rows: 2, columns: 2, inputs: [[0, 0.5, 1, 0.25]], labels: [7], predictions: [7],
                    confidences: [0.99],
                    reconstructions: [[0.1, 0.2, 0.3, 0.4]], cleanInputs: [[0, 1, 1, 0]])),
            .layersChanged(layers),
            .stateChanged(.paused),
            .learningRateChanged(0.002),
            .log("switched to \"cnn-flat\"\nand back"),
            .finished(
                FinalResult(
                    testLoss: 0.0829, testAccuracy: 0.9753, epochs: 5, trainSamplesPerSecond: 130_826.5, seconds: 3)),
            .finished(FinalResult(testLoss: 0.01, testAccuracy: nil, epochs: 10, trainSamplesPerSecond: 1, seconds: 0)),
            .failed("the loss is NaN after step 3"),
        ]
        // Every case at least once.
        var names = Set<String>()
        for event in events {
            switch event {
            case .started, .stageStarted, .batchEnded, .epochEnded, .testPredictions, .flips, .gradients, .samples,
                .layersChanged, .stateChanged, .learningRateChanged, .log, .finished, .failed:
                names.insert(event.jsonName)
            // Written as intervention lines (decoded as Intervention, tested below) or never written.
            case .intervention, .checkpoint: break
            }
        }
        precondition(names.count == 14, "an event case has no example")
        return events
    }()

    @Test(arguments: everyEvent) func everyEventRoundTrips(_ event: TrainingEvent) throws {
        let decoded = try RecordedEntry.decode(jsonLine: event.jsonLine())
        #expect(decoded == .event(event))
        // And with the file's version field.
        #expect(try RecordedEntry.decode(jsonLine: RunFixture.line(event)) == .event(event))
    }

    @Test func nonFiniteNumbersRoundTrip() throws {
        let event = TrainingEvent.batchEnded(
            BatchProgress(
                epoch: 0, step: 3, stepsPerEpoch: 10, globalStep: 3, loss: .nan, accuracy: 0.1, epochLoss: .infinity,
                epochAccuracy: 0.1, samplesPerSecond: 100, epochElapsed: 0.5))
        let line = event.jsonLine()
        #expect(line.contains("\"loss\":\"nan\"") && line.contains("\"epoch_loss\":\"inf\""))
        guard case .event(.batchEnded(let progress)) = try RecordedEntry.decode(jsonLine: line) else {
            Issue.record("not a batch_end")
            return
        }
        #expect(progress.loss.isNaN)
        #expect(progress.epochLoss == .infinity)
        #expect(progress.globalStep == 3)
    }

    /// Lines exactly as `neurotop train mlp-tanh-1 --json --steps-per-epoch 20` printed them.
    @Test func linesOfARealRunDecode() throws {
        let batch =
            #"{"accuracy":0.125,"epoch":0,"epoch_accuracy":0.125,"epoch_elapsed":0.015410994,"epoch_loss":2.535534,"event":"batch_end","global_step":1,"loss":2.535534,"samples_per_second":4152.879431398131,"step":1,"steps_per_epoch":20}"#
        let epoch =
            #"{"accuracy":0.5359375,"epoch":0,"epochs":2,"event":"epoch_end","loss":1.5934194,"samples_per_second":1526.9321564204713,"seconds":0.838282169,"steps_per_epoch":20,"validation_accuracy":0.7698,"validation_loss":0.98240465}"#
        let result =
            #"{"epochs":2,"event":"result","run_dir":"runs/mlp-tanh-1-20261130-213502","seconds":5.034157293,"test_accuracy":0.8418,"test_loss":0.6481693,"train_samples_per_second":1599.8236874309675}"#
        guard case .event(.batchEnded(let progress)) = try RecordedEntry.decode(jsonLine: RunFixture.versioned(batch))
        else {
            Issue.record("not a batch_end")
            return
        }
        #expect(progress.globalStep == 1 && progress.loss == 2.535534 && progress.samplesPerSecond == 4152.879431398131)
        guard case .event(.epochEnded(let summary)) = try RecordedEntry.decode(jsonLine: epoch) else {
            Issue.record("not an epoch_end")
            return
        }
        #expect(summary.validationAccuracy == 0.7698 && summary.seconds == 0.838282169)
        guard case .event(.finished(let final)) = try RecordedEntry.decode(jsonLine: result) else {
            Issue.record("not a result")
            return
        }
        #expect(final.testAccuracy == 0.8418 && final.epochs == 2)
    }

    @Test func interventionsRoundTripAndKeepUnknownActions() throws {
        let interventions = [
            Intervention(action: .freeze, globalStep: 40, stage: 0, layer: "dense"),
            Intervention(action: .learningRate, globalStep: 41, stage: 2, learningRate: 0.0005),
            Intervention(action: .pause, globalStep: 50),
            Intervention(action: Intervention.Action(rawValue: "teleport"), globalStep: 51),
        ]
        for intervention in interventions {
            let line = intervention.jsonLine()
            #expect(
                line.hasPrefix(#"{"action":""#) && line.contains(#""v":1"#) && line.contains(#""event":"intervention""#)
            )
            #expect(try RecordedEntry.decode(jsonLine: line) == .intervention(intervention))
        }
        let handWritten =
            #"{"v":1,"event":"intervention","action":"unfreeze","global_step":7,"stage":0,"layer":"dense_1"}"#
        #expect(
            try RecordedEntry.decode(jsonLine: handWritten)
                == .intervention(Intervention(action: .unfreeze, globalStep: 7, layer: "dense_1")))
        #expect(interventions[1].details == "learning_rate 5.00e-04")
    }

    @Test func unknownEventsAreSkipped() throws {
        #expect(try RecordedEntry.decode(jsonLine: #"{"v":1,"event":"weather","sky":"blue"}"#) == nil)
    }

    @Test func malformedLinesSayWhatIsWrong() {
        #expect(throws: EventDecodingError(event: "batch_end", reason: "it has no `global_step`")) {
            try RecordedEntry.decode(
                jsonLine:
                    #"{"v":1,"event":"batch_end","accuracy":0.1,"epoch":0,"epoch_accuracy":0.1,"epoch_elapsed":0.1,"epoch_loss":2,"loss":2,"samples_per_second":1,"step":1,"steps_per_epoch":20}"#
            )
        }
        #expect(throws: EventDecodingError(event: "state", reason: "`state` has a value this neurotop does not know")) {
            try RecordedEntry.decode(jsonLine: #"{"v":1,"event":"state","state":"dancing"}"#)
        }
        #expect(throws: EventDecodingError(event: "epoch_end", reason: "`loss` has the wrong type or is null")) {
            try RecordedEntry.decode(
                jsonLine:
                    #"{"event":"epoch_end","epoch":0,"epochs":1,"steps_per_epoch":1,"loss":"low","accuracy":1,"seconds":1,"samples_per_second":1}"#
            )
        }
        #expect(throws: EventDecodingError(event: nil, reason: "it has no `event` field")) {
            try RecordedEntry.decode(jsonLine: #"{"v":1}"#)
        }
    }
}

@Test func parameterCountsAreWrittenWithTheNonTrainableCountAndReadBack() throws {
    let counts = ParameterCounts(total: 79_510, trainable: 78_400)
    let json = try JSONEncoder().encode(counts)
    let object = try JSONSerialization.jsonObject(with: json) as? [String: Int]
    #expect(object == ["total": 79_510, "trainable": 78_400, "nonTrainable": 1_110])
    #expect(try JSONDecoder().decode(ParameterCounts.self, from: json) == counts)
}
