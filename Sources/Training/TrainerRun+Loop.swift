import Datasets
import NeuroEngine

extension TrainerRun {
    // MARK: - Starting

    /// Checks the plan against the data and announces the run; false when it cannot start.
    func begin() -> Bool {
        guard announceRun() else { return false }
        beginStage(previous: nil)
        postCheckpoint()
        return true
    }

    /// Continues a restored run: announces it and its stage as they are, without preparing the
    /// stage again (its weights are the restored ones); a run restored at its end finishes.
    func beginResumed() -> Bool {
        guard announceRun() else { return false }
        announceStage()
        if forked {
            // The branch's record starts here: its first checkpoint is the state it forked from.
            intervene(.fork)
            postCheckpoint()
        } else {
            intervene(.resumeRun)
        }
        if epoch >= currentStage.epochs {
            if stageIndex == plan.stages.count - 1 {
                finish()
                return false
            }
            stageIndex += 1
            beginStage(previous: plan.stages[stageIndex - 1].model)
        }
        return true
    }

    /// Announces the run once its plan is checked against the data; false, with the failure
    /// posted, when they do not fit.
    private func announceRun() -> Bool {
        do {
            try plan.validate()
        } catch {
            fail(error.description)
            return false
        }
        startTime = TrainerRun.now()
        events.post(
            .started(
                RunInfo(
                    name: plan.name, identifier: plan.identifier, datasetName: plan.data.name,
                    trainCount: plan.data.train.count, testCount: plan.data.test.count,
                    stageCount: plan.stages.count, referenceAccuracy: plan.reference?.testAccuracy)))
        return true
    }

    func fail(_ message: String) {
        events.post(.failed(message))
        setState(.failed)
    }

    var stepsPerEpoch: Int {
        let size = max(currentStage.batchSize, 1)
        let full = (plan.data.train.count + size - 1) / size
        return min(full, max(1, options.stepsPerEpoch ?? full))
    }

    private func beginStage(previous: Sequential?) {
        let stage = currentStage
        stage.prepare?(previous, stage.model)
        epoch = 0
        step = 0
        globalStep = 0
        lastValidation = nil
        exampleHistory = nil
        announceStage()
    }

    private func announceStage() {
        let stage = currentStage
        events.post(
            .stageStarted(
                StageInfo(
                    index: stageIndex, count: plan.stages.count, title: stage.title, epochs: stage.epochs,
                    stepsPerEpoch: stepsPerEpoch, batchSize: stage.batchSize,
                    learningRate: stage.optimizer.learningRate, optimizer: stage.optimizer.kind,
                    loss: stage.loss.rawValue, reportsAccuracy: stage.target == .labels,
                    layers: stage.model.summary, parameterCounts: stage.model.parameterCounts)))
        postSamples(force: true)
    }

    // MARK: - One batch

    func trainOneBatch() {
        let stage = currentStage
        let train = plan.data.train
        if step == 0 { beginEpoch() }
        let batchStart = TrainerRun.now()

        let first = step * stage.batchSize
        let count = min(stage.batchSize, train.count - first)
        timed("batch assembly") {
            fillBatch(from: train, indices: order[first..<(first + count)], target: stage.target)
        }
        // The next batch's images on their way from memory while this batch trains (random
        // images of a 47 MB set: in no cache).
        for position in (first + count)..<min(first + count + stage.batchSize, train.count) {
            train.prefetchImage(order[position])
        }
        if let augmenter = stage.augmenter {
            timed("augmentation") {
                corruptBatch(
                    from: train, indices: order[first..<(first + count)], with: augmenter, using: &augmentationRandom)
            }
        }

        stage.model.profiler = options.profiler
        let (loss, output) = stage.model.computeGradients(input: input, target: target, loss: stage.loss)
        // A non-finite loss means the weights have diverged; training on would only spread NaN
        // (Keras's TerminateOnNaN).
        guard loss.isFinite else {
            fail(
                "the loss became \(loss.isNaN ? "NaN" : "\(loss)") at epoch \(epoch + 1) step \(step + 1) (learning rate \(stage.optimizer.learningRate)); the weights diverged: lower the learning rate"
            )
            return
        }
        let correct = stage.target == .labels ? correctPredictions(prediction: output, target: target) : 0

        let wantsGradients = batchStart &- lastGradientPost >= UInt64(options.gradientInterval * 1e9)
        let parameters = stage.model.trainableParameters
        let ratios = timed("optimizer") { stage.optimizer.step(parameters, measureUpdateRatio: wantsGradients) }

        trainSamples += count
        epochLossSum += Double(loss) * Double(count)
        epochCorrect += correct
        epochSeen += count
        step += 1
        globalStep += 1

        // Throughput counts everything a batch costs, events and sample predictions included.
        let seconds = Double(epochNanoseconds &+ (TrainerRun.now() &- batchStart)) / 1e9
        timed("events") {
            events.post(
                .batchEnded(
                    BatchProgress(
                        epoch: epoch, step: step, stepsPerEpoch: stepsPerEpoch, globalStep: globalStep,
                        loss: loss, accuracy: Float(correct) / Float(count),
                        epochLoss: Float(epochLossSum / Double(epochSeen)),
                        epochAccuracy: Float(epochCorrect) / Float(epochSeen),
                        samplesPerSecond: seconds > 0 ? Double(epochSeen) / seconds : 0,
                        epochElapsed: seconds)))
            if wantsGradients {
                lastGradientPost = batchStart
                let lowest = stage.model.lowestTrainableLayerIndex ?? stage.model.layers.count
                events.post(
                    .gradients(
                        GradientSnapshot(
                            globalStep: globalStep,
                            parameters: stage.model.gradientStatistics(updateRatios: ratios, from: lowest)
                                .filter { stage.model.layers[$0.layerIndex].trainable })))
            }
        }
        timed("sample predictions") { postSamples(force: false) }
        let elapsed = TrainerRun.now() &- batchStart
        epochNanoseconds &+= elapsed
        trainNanoseconds &+= elapsed
        if step == stepsPerEpoch { endEpoch() }
    }

    /// Runs `body`, timing it under `part` when a profiler is attached.
    @inline(__always)
    func timed<T>(_ part: String, _ body: () throws -> T) rethrows -> T {
        guard let profiler = options.profiler else { return try body() }
        return try profiler.measure(part, body)
    }

    private func beginEpoch() {
        let count = plan.data.train.count
        if order.count != count { order = Array(0..<count) }
        timed("shuffling") { order.shuffle(using: &rng) }
        epochLossSum = 0
        epochCorrect = 0
        epochSeen = 0
        epochNanoseconds = 0
    }

    /// Copies the chosen images into `input` and their targets into `target`.
    func fillBatch(from set: ImageSet, indices: ArraySlice<Int>, target kind: StageTarget) {
        let size = set.imageSize
        let classes = plan.data.classCount
        let model = currentStage.model
        input.resize(to: [indices.count] + model.inputShape)
        // Each core converts half of the batch's images (most of the time here is byte-to-float).
        let (pointer, first) = (input.pointer, indices.startIndex)
        CorePair.run { part in
            let rows = CorePair.range(part, of: indices.count)
            // All of the half's images on their way from memory at once, rather than one after another.
            for row in rows { set.prefetchImage(indices[first + row]) }
            for row in rows { set.copyImage(indices[first + row], to: pointer + row * size) }
        }
        switch kind {
        case .labels:
            target.resize(to: [indices.count, classes])
            target.fill(0)
            for (row, index) in indices.enumerated() { target[row * classes + Int(set.labels[index])] = 1 }
        case .inputs:
            target.resize(to: [indices.count] + model.outputShape)
            target.pointer.update(from: input.pointer, count: input.count)
        }
    }

    /// Replaces the batch's inputs, just filled with clean images by `fillBatch`, with corrupted
    /// copies; the targets are left as they are.
    func corruptBatch(
        from set: ImageSet, indices: ArraySlice<Int>, with augmenter: Augmenter, using random: inout SeededRandom
    ) {
        let size = set.imageSize
        cleanImage.resize(to: [size])
        for row in 0..<indices.count {
            cleanImage.pointer.update(from: input.pointer + row * size, count: size)
            augmenter.corrupt(
                cleanImage.pointer, into: input.pointer + row * size, rows: set.rows, columns: set.columns,
                using: &random)
        }
    }

    // MARK: - Epochs and stages

    private func endEpoch() {
        let stage = currentStage
        let isLastStage = stageIndex == plan.stages.count - 1
        let isLastEpoch = epoch + 1 == stage.epochs
        var validation: (loss: Float, accuracy: Float?)?
        var flips: ExampleHistory.Flips?
        if stage.validates || (isLastStage && isLastEpoch) {
            let evaluation = timed("validation") { evaluateWithPredictions(plan.data.test) }
            validation = (evaluation.loss, evaluation.accuracy)
            lastValidation = validation
            if let predictions = evaluation.predictions { flips = recordFlips(predictions: predictions) }
        }
        let seconds = Double(epochNanoseconds) / 1e9
        events.post(
            .epochEnded(
                EpochSummary(
                    epoch: epoch, epochs: stage.epochs, stepsPerEpoch: stepsPerEpoch,
                    loss: Float(epochLossSum / Double(max(epochSeen, 1))),
                    accuracy: Float(epochCorrect) / Float(max(epochSeen, 1)),
                    validationLoss: validation?.loss, validationAccuracy: validation?.accuracy,
                    seconds: seconds, samplesPerSecond: seconds > 0 ? Double(epochSeen) / seconds : 0,
                    learned: flips?.learned.count, forgotten: flips?.forgotten.count,
                    neverLearned: flips?.neverLearned)))
        postSamples(force: true)
        epoch += 1
        step = 0
        if epoch >= stage.epochs {
            if isLastStage {
                // Before the result, so that a recorder has the final weights on disk when it
                // marks the run finished.
                postCheckpoint()
                finish()
                return
            } else {
                stageIndex += 1
                beginStage(previous: stage.model)
            }
        }
        // After the stage change, so that a resumed run never prepares a stage twice.
        postCheckpoint()
    }

    func finish() {
        let result = lastValidation ?? evaluate(plan.data.test)
        let seconds = Double(trainNanoseconds) / 1e9
        events.post(
            .finished(
                FinalResult(
                    testLoss: result.loss, testAccuracy: result.accuracy, epochs: currentStage.epochs,
                    trainSamplesPerSecond: seconds > 0 ? Double(trainSamples) / seconds : 0,
                    seconds: Double(TrainerRun.now() &- startTime) / 1e9)))
        setState(.finished)
    }
}
