/// The layer and tensor a histogram's tag names, by the conventions of the writers:
/// Keras writes `sequential/dense/kernel/histogram`, PyTorch scripts `fc1.weight`,
/// `fc1.weight.grad`, `grad/fc1.weight` or `gradients/fc1.bias`.
struct WatchedTensorName: Equatable {
    static let gradientWords: Set<String> = ["grad", "grads", "gradient", "gradients"]
    static let kernelWords: Set<String> = ["kernel", "weight", "weights", "w", "embeddings", "depthwise_kernel"]
    /// Words that say nothing of the tensor (Keras's suffix, TensorBoard's plugin names).
    static let fillerWords: Set<String> = ["histogram", "histograms", "values", "hist"]

    var layer: String
    var tensor: String
    var isGradient: Bool

    var isKernel: Bool { Self.kernelWords.contains(tensor.lowercased()) }

    init(tag: String) {
        var parts = tag.split { $0 == "/" || $0 == "." || $0 == ":" }.map(String.init)
        isGradient = parts.contains { Self.gradientWords.contains($0.lowercased()) }
        parts.removeAll { Self.gradientWords.contains($0.lowercased()) || Self.fillerWords.contains($0.lowercased()) }
        guard let last = parts.popLast() else {
            layer = tag
            tensor = tag
            return
        }
        tensor = last
        // The layer's own name is the nearest part above the tensor (`sequential/dense/kernel`:
        // dense); a tensor alone names its layer.
        layer = parts.last ?? last
    }
}
