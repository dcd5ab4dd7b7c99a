import Datasets
import Foundation
import NeuroEngine
import Training

extension ExperimentConfig {
    /// A freshly initialised model: the same seed gives the same initial weights.
    ///
    /// - Parameter seed: the initialisation seed; the config's own when nil.
    /// - Throws: `ConfigError.invalidModel`, located at the layer that does not fit its input.
    public func makeModel(seed: UInt64? = nil) throws(ConfigError) -> Sequential {
        let built = layers.map { $0.makeLayer() }
        let givenNames = Set(layers.indices.filter { layers[$0].explicitName != nil })
        var rng = SeededRandom(seed: seed ?? self.seed)
        do {
            return try Sequential(inputShape: inputShape, layers: built, givenNames: givenNames, rng: &rng)
        } catch {
            throw .invalidModel(location(of: error, among: built), error)
        }
    }

    /// Everything the trainer needs for this config on `data`: the pre-training stages, if any,
    /// then one `fit` stage on the labels, evaluated on the test set after every epoch.
    ///
    /// The optional arguments override the file (the command line's `--epochs`, `--batch-size`,
    /// `--seed`); the seed fixes both the initial weights and the shuffling.
    ///
    /// - Parameter memory: what the run may use; the process's current budget by default.
    /// - Throws: `ConfigError.incompatibleData` when the model does not fit the data
    ///   (`TrainingPlan.validate()`) or the memory this process may take.
    public func makePlan(
        data: Dataset, epochs: Int? = nil, batchSize: Int? = nil, seed: UInt64? = nil,
        memory: MemoryBudget = .current()
    ) throws(ConfigError) -> TrainingPlan {
        if let epochs, epochs <= 0 { throw .invalidOverride(option: "epochs", value: epochs) }
        if let batchSize, batchSize <= 0 { throw .invalidOverride(option: "batch size", value: batchSize) }
        let seed = seed ?? self.seed
        let model = try makeModel(seed: seed)
        try checkMemory(model, batchSize: batchSize ?? self.batchSize, budget: memory)
        let pretrainingStages = try makePretrainingStages(seed: seed, fineTuning: model)
        let stage = TrainingStage(
            title: pretrainingStages.isEmpty ? "fit" : "fine-tune", model: model, loss: loss,
            optimizer: optimizer.makeOptimizer(), epochs: epochs ?? self.epochs, batchSize: batchSize ?? self.batchSize,
            target: .labels, validates: true,
            prepare: pretrainingStages.isEmpty ? nil : PretrainingSchedule.initialiseFineTuning)
        let plan = TrainingPlan(
            name: name, identifier: identifier, data: data, stages: pretrainingStages + [stage], seed: seed,
            reference: reference)
        do {
            try plan.validate()
        } catch {
            throw .incompatibleData(file: file, message: error.description)
        }
        return plan
    }

    /// The pre-training stages (none without a `pretrain:` section), their autoencoders
    /// initialised from their own generator so that the model's initial weights do not depend on
    /// whether it is pre-trained.
    private func makePretrainingStages(seed: UInt64, fineTuning model: Sequential) throws(ConfigError)
        -> [TrainingStage]
    {
        guard let pretraining else { return [] }
        var rng = SeededRandom(seed: seed &+ 0xAE)
        do {
            try pretraining.checkFineTuningModel(model)
            return try pretraining.makeStages(inputShape: inputShape, rng: &rng)
        } catch {
            throw .incompatibleData(file: file, message: "pretrain: \(error)")
        }
    }

    // MARK: - Private

    /// A run must fit in the memory this process may take: training and inference batches both
    /// hold every layer's activations at once, and a large batch or a wide layer can ask for
    /// gigabytes. The limit is the tightest of physical memory, the cgroup's and `ulimit -v`/`-d`;
    /// then the bytes are reserved once and given back, which the kernel refuses at once when the
    /// address space cannot hold them (the estimate leaves out the allocator's own reserves).
    private func checkMemory(_ model: Sequential, batchSize: Int, budget: MemoryBudget) throws(ConfigError) {
        let batch = max(batchSize, TrainingPlan.inferenceBatchSize)
        let needed = model.workingBytes(batch: batch)
        func refusal(_ reason: String) -> ConfigError {
            let size = needed == Int.max ? "more memory than exists" : "about \(MemoryBudget.gib(needed))"
            return .incompatibleData(
                file: file,
                message: "a batch of \(batch) through this model needs \(size) for its activations, \(reason); "
                    + "use a smaller batch size or smaller layers")
        }
        guard needed <= budget.available else {
            throw refusal(
                "more than the \(MemoryBudget.gib(budget.available)) this process can spare under "
                    + budget.limitDescription)
        }
        guard MemoryBudget.canReserve(needed) else {
            throw refusal("and the system refused to reserve that much (under \(budget.limitDescription))")
        }
    }

    /// The declaration of the layer a model error names (layers are renamed `dense_1`, ... before
    /// building, so the name identifies the instance); the model itself when none matches.
    private func location(of error: ModelError, among built: [any Layer]) -> ConfigLocation {
        let layerName: String
        switch error {
        case .invalidInputShape(let layer, _, _), .invalidArgument(let layer, _): layerName = layer
        case .emptyModel: layerName = ""
        }
        if let index = built.firstIndex(where: { $0.name == layerName }) { return layers[index].location }
        return ConfigLocation(file: file, line: layers.first?.location.line ?? 1, path: "model.layers")
    }
}
