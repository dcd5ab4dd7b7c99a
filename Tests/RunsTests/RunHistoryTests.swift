import NeuroEngine
import RunsTestSupport
import Testing
import Training

@testable import Runs

/// Curves rebuilt from events: what export, plot and compare draw.
@Suite struct RunHistoryTests {
    private func entries(_ events: [TrainingEvent]) -> [RecordedEntry] { events.map { .event($0) } }

    @Test func collectsBatchesEpochsAndTheResult() {
        let history = RunHistory(entries: entries(RunFixture.events(epochs: 3, steps: 4)))
        #expect(history.stages.count == 1)
        let stage = history.finalStage
        #expect(stage?.batches.map(\.globalStep) == Array(1...12))
        #expect(stage?.epochs.map(\.epoch) == [0, 1, 2])
        #expect(stage?.epochs.map(\.globalStep) == [4, 8, 12])
        #expect(stage?.epochs.allSatisfy { $0.learningRate == 0.001 } == true)
        #expect(history.result?.testAccuracy == 0.8)
        #expect(history.run?.identifier == "mlp-tanh-1")
    }

    @Test func learningRateChangesReachTheFollowingEpochs() {
        var events = RunFixture.events(epochs: 3, steps: 4)
        // After the first epoch_end (index 3 + 4 batches + gradients + epoch_end).
        let firstEpochEnd = events.firstIndex { if case .epochEnded = $0 { true } else { false } } ?? 0
        events.insert(.learningRateChanged(0.004), at: firstEpochEnd + 1)
        var recorded = entries(events)
        let secondEpochEnd = recorded.lastIndex { if case .event(.epochEnded) = $0 { true } else { false } } ?? 0
        recorded.insert(
            .intervention(Intervention(action: .learningRate, globalStep: 9, learningRate: 0.0001)),
            at: secondEpochEnd)
        let stage = RunHistory(entries: recorded).finalStage
        #expect(stage?.epochs.map(\.learningRate) == [0.001, 0.004, 0.0001])
        #expect(stage?.interventions.map(\.action) == [.learningRate])
    }

    /// A run killed in epoch 2 and resumed from its epoch-1 checkpoint logs steps 5-6 twice;
    /// the curve is the one it finally took.
    @Test func repeatedStepsReplaceTheEarlierOnes() {
        let events = RunFixture.events(epochs: 2, steps: 4)
        var recorded = entries(
            Array(events.prefix(while: { if case .stateChanged(.finished) = $0 { false } else { true } })))
        // Steps 1-8 and both epochs logged; now the resumed process logs step 5 on again, lower loss.
        for step in 5...8 {
            recorded.append(
                .event(
                    .batchEnded(
                        BatchProgress(
                            epoch: 1, step: step - 4, stepsPerEpoch: 4, globalStep: step, loss: 0.01, accuracy: 0.99,
                            epochLoss: 0.01, epochAccuracy: 0.99, samplesPerSecond: 1, epochElapsed: 0))))
        }
        recorded.append(
            .event(
                .epochEnded(
                    EpochSummary(
                        epoch: 1, epochs: 2, stepsPerEpoch: 4, loss: 0.01, accuracy: 0.99, validationLoss: nil,
                        validationAccuracy: nil, seconds: 1, samplesPerSecond: 1))))
        let stage = RunHistory(entries: recorded).finalStage
        #expect(stage?.batches.map(\.globalStep) == Array(1...8))
        #expect(stage?.batches.suffix(4).allSatisfy { $0.loss == 0.01 } == true)
        #expect(stage?.batches.prefix(4).allSatisfy { $0.loss > 0.01 } == true)
        #expect(stage?.epochs.map(\.epoch) == [0, 1])
        #expect(stage?.epochs.last?.loss == 0.01)
    }

    @Test func stagesAreKeptApartAndTheLastIsFinal() throws {
        let stage0 = StageInfo(
            index: 0, count: 2, title: "autoencoder 1", epochs: 1, stepsPerEpoch: 2, batchSize: 64, learningRate: 0.001,
            optimizer: "Adam", loss: "mean_squared_error", reportsAccuracy: false, layers: [],
            parameterCounts: ParameterCounts(total: 0, trainable: 0))
        var stage1 = stage0
        stage1.index = 1
        stage1.title = "fine-tuning"
        stage1.reportsAccuracy = true
        stage1.learningRate = 0.01
        let batch = { (step: Int) in
            TrainingEvent.batchEnded(
                BatchProgress(
                    epoch: 0, step: step, stepsPerEpoch: 2, globalStep: step, loss: 1, accuracy: 0, epochLoss: 1,
                    epochAccuracy: 0, samplesPerSecond: 1, epochElapsed: 0))
        }
        let epoch = TrainingEvent.epochEnded(
            EpochSummary(
                epoch: 0, epochs: 1, stepsPerEpoch: 2, loss: 1, accuracy: 0, validationLoss: nil,
                validationAccuracy: nil, seconds: 1, samplesPerSecond: 1))
        let history = RunHistory(
            entries: entries([.stageStarted(stage0), batch(1), batch(2), epoch, .stageStarted(stage1), batch(1), epoch])
        )
        #expect(history.stages.map(\.index) == [0, 1])
        #expect(history.stages[0].batches.count == 2)
        #expect(!history.stages[0].reportsAccuracy)
        let final = try #require(history.finalStage)
        #expect(final.batches.count == 1)
        #expect(final.epochs.first?.learningRate == 0.01)
    }

    @Test func csvHasOneRowPerEpochWithEmptyCellsForWhatWasNotMeasured() {
        var events = RunFixture.events(epochs: 2, steps: 2)
        // The first epoch without validation, as a stage that does not validate every epoch.
        if let index = events.firstIndex(where: { if case .epochEnded = $0 { true } else { false } }),
            case .epochEnded(var summary) = events[index]
        {
            summary.validationLoss = nil
            summary.validationAccuracy = nil
            summary.loss = .nan
            events[index] = .epochEnded(summary)
        }
        let csv = RunHistory(entries: entries(events)).finalStage?.epochCSV() ?? ""
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "epoch,loss,accuracy,val_loss,val_accuracy,seconds,learning_rate")
        #expect(lines.count == 3)
        #expect(lines[1] == "1,nan,0.35,,,0.5,0.001")
        #expect(lines[2] == "2,0.75,0.75,0.6,0.8,1.5,0.001")
        #expect(csv.hasSuffix("\n"))
    }
}
