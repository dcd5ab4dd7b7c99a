import Datasets
import NeuroEngine

extension TrainerRun {
    /// The current stage's mean loss (and accuracy, when it classifies) over `set`, in inference mode.
    func evaluate(_ set: ImageSet) -> (loss: Float, accuracy: Float?) {
        let result = evaluateWithPredictions(set)
        return (result.loss, result.accuracy)
    }

    /// `evaluate`, and the class predicted for every example when the stage classifies: taken
    /// from the same forward pass, so that counting flips costs no extra inference.
    func evaluateWithPredictions(_ set: ImageSet) -> (loss: Float, accuracy: Float?, predictions: [Int]?) {
        let stage = currentStage
        let result = outsideLayerTiming {
            stage.evaluator.evaluate(
                set, loss: stage.loss, target: stage.target, classes: plan.data.classCount,
                batchSize: options.evaluationBatchSize)
        }
        return (result.loss, result.accuracy, result.predictions)
    }

    /// Takes in one validation pass's predictions: posts them, posts a few of the digits that
    /// flipped (when views want them) and returns the learned, forgotten and never-learned counts.
    func recordFlips(predictions: [Int]) -> ExampleHistory.Flips {
        let test = plan.data.test
        if exampleHistory?.count != test.count { exampleHistory = ExampleHistory(count: test.count) }
        let correct = zip(predictions, test.labels).map { $0 == Int($1) }
        var history = exampleHistory ?? ExampleHistory(count: test.count)
        let flips = history.record(correct: correct)
        exampleHistory = history
        events.post(.testPredictions(TestPredictions(stage: stageIndex, epoch: epoch, predictions: predictions)))
        if options.flipCount > 0 {
            func digits(_ indices: [Int]) -> [FlipSnapshot.Digit] {
                indices.prefix(options.flipCount).map {
                    FlipSnapshot.Digit(
                        index: $0, label: Int(test.labels[$0]), prediction: predictions[$0], image: test.image($0))
                }
            }
            events.post(
                .flips(
                    FlipSnapshot(
                        epoch: epoch, rows: test.rows, columns: test.columns, learned: digits(flips.learned),
                        forgotten: digits(flips.forgotten), learnedCount: flips.learned.count,
                        forgottenCount: flips.forgotten.count)))
        }
        return flips
    }

    /// Runs `body` with the stage model's profiler detached, so that a profile's layer rows
    /// ("Dense forward", ...) hold the training steps alone: validation and sample predictions
    /// have rows of their own, and counting their forward passes twice made the forward pass
    /// look far costlier than the backward pass.
    func outsideLayerTiming<T>(_ body: () -> T) -> T {
        let model = currentStage.model
        let profiler = model.profiler
        model.profiler = nil
        defer { model.profiler = profiler }
        return body()
    }

    /// Posts what the model makes of a few fixed test images, at most once per `sampleInterval`.
    func postSamples(force: Bool) {
        guard options.sampleInterval > 0, options.sampleCount > 0 else { return }
        let now = TrainerRun.now()
        guard force || now &- lastSamplePost >= UInt64(options.sampleInterval * 1e9) else { return }
        lastSamplePost = now
        let stage = currentStage
        let test = plan.data.test
        let count = min(options.sampleCount, test.count)
        fillBatch(from: test, indices: Array(0..<count)[...], target: stage.target)
        if let augmenter = stage.augmenter {
            corruptBatch(from: test, indices: Array(0..<count)[...], with: augmenter, using: &sampleRandom)
        }
        let output = outsideLayerTiming { stage.model.forward(input, mode: .inference) }
        let images = (0..<count).map { test.image($0) }
        var snapshot = SampleSnapshot(
            rows: test.rows, columns: test.columns, inputs: images, labels: test.labels[0..<count].map(Int.init))
        if stage.augmenter != nil {
            // The model saw corrupted images: show those as the inputs, beside the clean ones.
            snapshot.cleanInputs = images
            let size = test.imageSize
            snapshot.inputs = (0..<count).map {
                Array(UnsafeBufferPointer(start: input.pointer + $0 * size, count: size))
            }
        }
        let columns = output.columns
        switch stage.target {
        case .labels:
            var predictions: [Int] = []
            var confidences: [Float] = []
            for r in 0..<count {
                let best = argmax(output.pointer + r * columns, count: columns)
                predictions.append(best)
                confidences.append(output[r * columns + best])
            }
            snapshot.predictions = predictions
            snapshot.confidences = confidences
        case .inputs:
            snapshot.reconstructions = (0..<count).map {
                Array(UnsafeBufferPointer(start: output.pointer + $0 * columns, count: columns))
            }
        }
        events.post(.samples(snapshot))
    }
}
