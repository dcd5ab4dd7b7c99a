/// Layer fusion: a `BatchNormalization` followed by a ReLU `Activation` (every convolution block
/// of the CNN configs) runs as one pass over memory each way instead of two. The layer list,
/// names, parameters and results stay those of the two Keras layers: the normalisation rectifies
/// its own output and masks the incoming gradient with it, exactly the arithmetic the separate
/// ReLU would do, and the activation hands tensors on untouched. Likewise a `Flatten` before a
/// `Dense` hands its tensors on instead of copying them.
extension Sequential {
    /// Marks every BatchNormalization → ReLU pair in `layers` as fused.
    static func fuseNormalizationWithReLU(_ layers: [any Layer]) {
        for (first, second) in zip(layers, layers.dropFirst()) {
            guard let normalization = first as? BatchNormalization, let activation = second as? ActivationLayer,
                activation.activation == .relu
            else { continue }
            normalization.rectifiesOutput = true
            activation.isFusedIntoPrevious = true
        }
    }

    /// Marks every Flatten followed by a Dense as handing its tensors on: Dense reads a batch as
    /// rows of its input length whatever the shape, and the gradient it passes back goes to a
    /// layer that reads it by its element count.
    static func fuseFlattenIntoDense(_ layers: [any Layer]) {
        for (first, second) in zip(layers, layers.dropFirst()) where second is Dense {
            (first as? Flatten)?.handsOnUnchanged = true
        }
    }

    /// How many BatchNormalization → ReLU pairs run fused.
    public var fusedPairCount: Int {
        layers.reduce(0) { $0 + (($1 as? ActivationLayer)?.isFusedIntoPrevious == true ? 1 : 0) }
    }
}
