/// How many weights a model holds, as Keras's summary counts them: every parameter, those of
/// trainable layers, and the rest (frozen layers, BatchNorm's moving statistics).
public struct ParameterCounts: Sendable, Codable, Equatable {
    public var total: Int
    public var trainable: Int
    public var nonTrainable: Int

    public init(total: Int, trainable: Int, nonTrainable: Int) {
        self.total = total
        self.trainable = trainable
        self.nonTrainable = nonTrainable
    }
}
