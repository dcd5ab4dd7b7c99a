import Dispatch
import NeuroEngine

extension TrainerRun {
    /// Everything needed to continue from here, copied out of the live run.
    func snapshot() -> RunSnapshot {
        dispatchPrecondition(condition: .onQueue(queue))
        let stages = plan.stages.enumerated().map { index, stage -> RunSnapshot.Stage in
            var weights: [RunSnapshot.NamedTensor] = []
            var slots: [RunSnapshot.NamedTensor] = []
            var generators: [String: SeededRandom] = [:]
            for layer in stage.model.layers {
                for parameter in layer.parameters {
                    let name = layer.name + "/" + parameter.name
                    weights.append(.init(name: name, shape: parameter.value.shape, values: parameter.value.array))
                    guard parameter.isLearnable else { continue }
                    for slot in stage.optimizer.slots(for: parameter) {
                        slots.append(
                            .init(name: slot.name + "/" + name, shape: slot.tensor.shape, values: slot.tensor.array))
                    }
                }
                if let drawing = layer as? any RandomDrawingLayer { generators[layer.name] = drawing.random }
            }
            return RunSnapshot.Stage(
                weights: weights, optimizerSlots: slots, optimizerIterations: stage.optimizer.iterations,
                learningRate: stage.optimizer.learningRate,
                frozenLayers: stage.model.layers.filter { !$0.trainable }.map(\.name), layerGenerators: generators,
                switchedOptimizer: switchedOptimizers[index])
        }
        let position = RunSnapshot.Position(
            stageIndex: stageIndex, epoch: epoch, step: step, globalStep: globalStep, epochLossSum: epochLossSum,
            epochCorrect: epochCorrect, epochSeen: epochSeen, epochNanoseconds: epochNanoseconds,
            trainNanoseconds: trainNanoseconds, trainSamples: trainSamples, lastValidationLoss: lastValidation?.loss,
            lastValidationAccuracy: lastValidation?.accuracy)
        return RunSnapshot(
            stages: stages, position: position, shuffleRandom: rng, augmentationRandom: augmentationRandom,
            sampleRandom: sampleRandom, order: order, exampleHistory: exampleHistory)
    }

    /// Puts `snapshot` into the plan's models and optimizers and the run's position; checks
    /// everything first, so a snapshot that does not fit changes nothing.
    func restore(_ snapshot: RunSnapshot) throws(SnapshotMismatch) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard state == .ready else { throw SnapshotMismatch("the run has already started") }
        guard snapshot.stages.count == plan.stages.count else {
            throw SnapshotMismatch("it has \(snapshot.stages.count) stages, the config \(plan.stages.count)")
        }
        let position = snapshot.position
        guard plan.stages.indices.contains(position.stageIndex), position.epoch >= 0, position.step >= 0,
            position.globalStep >= 0, position.epochSeen >= 0, position.trainSamples >= 0
        else {
            throw SnapshotMismatch("its position (stage \(position.stageIndex) epoch \(position.epoch)) is impossible")
        }
        let trainCount = plan.data.train.count
        guard snapshot.order.isEmpty || Self.isPermutation(snapshot.order, of: trainCount) else {
            throw SnapshotMismatch("its training order is not a permutation of the \(trainCount) training images")
        }
        let testCount = plan.data.test.count
        if let history = snapshot.exampleHistory, history.count != testCount {
            throw SnapshotMismatch(
                "it remembers \(history.count) test examples where the data has \(testCount)")
        }
        let stage = plan.stages[position.stageIndex]
        guard position.step == 0 || position.step * stage.batchSize < trainCount,
            position.step == 0 || !snapshot.order.isEmpty
        else { throw SnapshotMismatch("its step \(position.step) lies beyond the training set") }

        var writes: [(Tensor, [Float])] = []
        var generators: [(any RandomDrawingLayer, SeededRandom)] = []
        var optimizers: [any Optimizer] = []
        for (stage, saved) in zip(plan.stages, snapshot.stages) {
            let optimizer = try Self.optimizer(for: stage, saved.switchedOptimizer, learningRate: saved.learningRate)
            optimizers.append(optimizer)
            let weights = Dictionary(saved.weights.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let slots = Dictionary(saved.optimizerSlots.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            for layer in stage.model.layers {
                for parameter in layer.parameters {
                    let name = layer.name + "/" + parameter.name
                    writes.append(
                        (parameter.value, try Self.values(weights[name], name: name, shape: parameter.value.shape)))
                    guard parameter.isLearnable else { continue }
                    for slot in optimizer.slots(for: parameter) {
                        let slotName = slot.name + "/" + name
                        writes.append(
                            (slot.tensor, try Self.values(slots[slotName], name: slotName, shape: slot.tensor.shape)))
                    }
                }
                if let drawing = layer as? any RandomDrawingLayer {
                    guard let random = saved.layerGenerators[layer.name] else {
                        throw SnapshotMismatch("it has no generator for layer \(layer.name)")
                    }
                    generators.append((drawing, random))
                }
            }
            let names = Set(stage.model.layers.map(\.name))
            if let unknown = saved.frozenLayers.first(where: { !names.contains($0) }) {
                throw SnapshotMismatch("it freezes a layer \(unknown) the model does not have")
            }
            guard saved.optimizerIterations >= 0, saved.learningRate > 0, saved.learningRate.isFinite else {
                throw SnapshotMismatch(
                    "its optimizer state (\(saved.optimizerIterations) steps, learning rate \(saved.learningRate)) is impossible"
                )
            }
        }

        for (tensor, values) in writes {
            values.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { tensor.pointer.update(from: base, count: tensor.count) }
            }
        }
        for (layer, random) in generators { layer.random = random }
        for ((index, stage), (saved, optimizer)) in zip(plan.stages.enumerated(), zip(snapshot.stages, optimizers)) {
            stage.optimizer = optimizer
            switchedOptimizers[index] = saved.switchedOptimizer
            stage.optimizer.iterations = saved.optimizerIterations
            stage.optimizer.learningRate = saved.learningRate
            let frozen = Set(saved.frozenLayers)
            for layer in stage.model.layers { layer.trainable = !frozen.contains(layer.name) }
        }
        stageIndex = position.stageIndex
        epoch = position.epoch
        step = position.step
        globalStep = position.globalStep
        epochLossSum = position.epochLossSum
        epochCorrect = position.epochCorrect
        epochSeen = position.epochSeen
        epochNanoseconds = position.epochNanoseconds
        trainNanoseconds = position.trainNanoseconds
        trainSamples = position.trainSamples
        lastValidation = position.lastValidationLoss.map { ($0, position.lastValidationAccuracy) }
        rng = snapshot.shuffleRandom
        augmentationRandom = snapshot.augmentationRandom
        sampleRandom = snapshot.sampleRandom
        order = snapshot.order
        exampleHistory = snapshot.exampleHistory
        resumed = true
    }

    /// The stage's optimizer as the snapshot has it: the config's, or the one switched to.
    private static func optimizer(
        for stage: TrainingStage, _ switched: RunSnapshot.SwitchedOptimizer?, learningRate: Float
    ) throws(SnapshotMismatch) -> any Optimizer {
        guard let switched else { return stage.optimizer }
        switch switched.kind {
        case "SGD": return SGD(learningRate: learningRate, momentum: switched.momentum ?? 0)
        case "Adam": return Adam(learningRate: learningRate)
        default: throw SnapshotMismatch("its optimizer \(switched.kind) is not one neurotop knows")
        }
    }

    private static func values(
        _ tensor: RunSnapshot.NamedTensor?, name: String, shape: [Int]
    ) throws(SnapshotMismatch) -> [Float] {
        guard let tensor else { throw SnapshotMismatch("it has no tensor \(name)") }
        guard tensor.shape == shape, tensor.values.count == shape.reduce(1, *) else {
            throw SnapshotMismatch("its tensor \(name) has shape \(tensor.shape) where the model has \(shape)")
        }
        return tensor.values
    }

    /// Whether `order` holds each of `0..<count` exactly once: an order with a repeated index
    /// would train on some images twice an epoch and never on others.
    static func isPermutation(_ order: [Int], of count: Int) -> Bool {
        guard order.count == count else { return false }
        var seen = [Bool](repeating: false, count: count)
        for index in order {
            guard (0..<count).contains(index), !seen[index] else { return false }
            seen[index] = true
        }
        return true
    }
}
