/// Gradient figures for one weight tensor, from gradients the backward pass already computed.
public struct ParameterStatistics: Sendable, Equatable, Codable {
    public var layerIndex: Int
    public var layerName: String
    public var parameterName: String
    public var isKernel: Bool
    /// Mean of |dL/dw| over the tensor.
    public var meanAbsGradient: Float
    /// Largest |dL/dw| in the tensor.
    public var maxAbsGradient: Float
    /// ‖Δw‖ / ‖w‖ of the last update; nil when the tensor was not updated (frozen).
    public var updateRatio: Float?
    /// Mean |Δw| of the last update, when a writer measured it besides the gradient (the PyTorch
    /// hook does; neurotop's own runs leave it out).
    public var meanAbsUpdate: Float?

    public init(
        layerIndex: Int, layerName: String, parameterName: String, isKernel: Bool,
        meanAbsGradient: Float, maxAbsGradient: Float, updateRatio: Float?, meanAbsUpdate: Float? = nil
    ) {
        self.layerIndex = layerIndex
        self.layerName = layerName
        self.parameterName = parameterName
        self.isKernel = isKernel
        self.meanAbsGradient = meanAbsGradient
        self.maxAbsGradient = maxAbsGradient
        self.updateRatio = updateRatio
        self.meanAbsUpdate = meanAbsUpdate
    }
}

extension Sequential {
    /// Statistics of the current gradients of every learnable tensor of layers at or above
    /// `lowestLayer` (gradients below it were not computed), with update ratios when known.
    public func gradientStatistics(
        updateRatios: [ObjectIdentifier: Float] = [:], from lowestLayer: Int = 0
    ) -> [ParameterStatistics] {
        var result: [ParameterStatistics] = []
        for (index, layer) in layers.enumerated() where index >= lowestLayer {
            for parameter in layer.parameters where parameter.isLearnable {
                let g = parameter.gradient
                let count = max(g.count, 1)
                var largest: Float = 0
                for i in 0..<g.count { largest = max(largest, abs(g.pointer[i])) }
                result.append(
                    ParameterStatistics(
                        layerIndex: index, layerName: layer.name, parameterName: parameter.name,
                        isKernel: parameter.isKernel,
                        meanAbsGradient: GEMM.absoluteSum(g.pointer, count: g.count) / Float(count),
                        maxAbsGradient: largest,
                        updateRatio: updateRatios[ObjectIdentifier(parameter)]))
            }
        }
        return result
    }
}
