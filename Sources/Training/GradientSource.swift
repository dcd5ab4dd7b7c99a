/// What a `gradients` line's figures measure: the gradient dL/dw (neurotop's own runs, where the
/// field is absent) or the weight change Δw since the previous such line (writers that do not see
/// gradients, such as the Keras callback, which say `"source": "update"`).
///
/// A struct rather than an enum, so a stream that names a source this neurotop does not know
/// still reads, and the source comes back out as it was written.
public struct GradientSource: OpenVocabulary {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The figures are of dL/dw, from the backward pass.
    public static let gradient = GradientSource(rawValue: "gradient")
    /// The figures are of Δw, the weight change since the previous `gradients` line.
    public static let update = GradientSource(rawValue: "update")
}
