/// A word of the event schema from a set that may grow (an intervention's action, a gradients
/// line's source): a string-backed struct rather than an enum, so a log a newer writer made with a
/// word this neurotop does not know still reads, and the word comes back out as it was written.
public protocol OpenVocabulary: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension OpenVocabulary {
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
