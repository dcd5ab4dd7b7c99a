/// How many weights a model holds, as Keras's summary counts them: every parameter, those of
/// trainable layers, and the rest (frozen layers, BatchNorm's moving statistics).
public struct ParameterCounts: Sendable, Equatable {
    public var total: Int
    public var trainable: Int
    /// The rest of `total`: never stored, so it cannot disagree with the other two.
    public var nonTrainable: Int { total - trainable }

    public init(total: Int, trainable: Int) {
        self.total = total
        self.trainable = trainable
    }
}

/// Written with all three counts (`non_trainable` too, for readers of the event log); read from
/// the first two.
extension ParameterCounts: Codable {
    private enum CodingKeys: String, CodingKey {
        case total, trainable, nonTrainable
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            total: try container.decode(Int.self, forKey: .total),
            trainable: try container.decode(Int.self, forKey: .trainable))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(trainable, forKey: .trainable)
        try container.encode(nonTrainable, forKey: .nonTrainable)
    }
}
