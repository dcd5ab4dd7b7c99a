/// One row of the gradient study: how strongly the loss pulls on one layer's kernel.
public struct KernelGradient: Sendable, Equatable, Codable {
    public var layerIndex: Int
    public var layerName: String
    /// The Keras class name (`Dense`, `Conv2D`).
    public var layerKind: String
    /// The kernel's shape (`[784, 100]`, `[3, 3, 1, 10]`).
    public var kernelShape: [Int]
    /// Mean of |dL/dw| over the kernel's weights.
    public var meanAbsGradient: Float

    public init(layerIndex: Int, layerName: String, layerKind: String, kernelShape: [Int], meanAbsGradient: Float) {
        self.layerIndex = layerIndex
        self.layerName = layerName
        self.layerKind = layerKind
        self.kernelShape = kernelShape
        self.meanAbsGradient = meanAbsGradient
    }
}

extension Sequential {
    /// The gradient study of the article (the Keras tutorial named in README.md): the mean
    /// |dL/dW| of every kernel, lowest layer first, for the batch-mean loss on `input`
    /// `[samples, inputShape...]` against `target` `[samples, outputs]`.
    ///
    /// Runs in inference mode, as the article's Keras code did (learning phase 0): dropout is the
    /// identity and BatchNormalization normalises with its moving statistics, which stay as they
    /// are. Every layer gets its gradient, frozen ones included. Biases and BatchNorm's gamma and
    /// beta are left out. The gradients stay in the parameters afterwards; no weight changes.
    public func kernelGradients(input: Tensor, target: Tensor, loss: Loss) -> [KernelGradient] {
        computeGradients(input: input, target: target, loss: loss, mode: .inference, allLayers: true)
        return gradientStatistics().filter(\.isKernel).map { statistics in
            let layer = layers[statistics.layerIndex]
            let kernel = layer.parameters.first { $0.name == statistics.parameterName }
            return KernelGradient(
                layerIndex: statistics.layerIndex, layerName: statistics.layerName, layerKind: layer.kind,
                kernelShape: kernel?.value.shape ?? [], meanAbsGradient: statistics.meanAbsGradient)
        }
    }
}
