/// A second copy of a model with buffers of its own: two threads can then run inference on
/// different batches at once (each layer keeps its outputs and scratch between calls, so one
/// model serves one thread at a time).
extension Sequential {
    /// The same layers, names and fusion, built anew; weights are not copied (`copyWeights`).
    public func replica() throws(ModelError) -> Sequential {
        var rng = SeededRandom(seed: 0)
        return try Sequential(
            inputShape: inputShape, layers: layers.map { $0.replica() }, givenNames: Set(layers.indices),
            fusing: fuses, rng: &rng)
    }

    /// Copies every weight, learnable or not (BatchNorm's moving statistics too), from `model`,
    /// which has this model's layers (as a `replica` has); `trainable` flags follow.
    public func copyWeights(from model: Sequential) {
        precondition(model.layers.count == layers.count, "copyWeights needs a model with the same layers")
        for (target, source) in zip(layers, model.layers) {
            target.trainable = source.trainable
            for (to, from) in zip(target.parameters, source.parameters) { to.value.copy(from: from.value) }
        }
    }
}
