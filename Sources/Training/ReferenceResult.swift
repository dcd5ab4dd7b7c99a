/// A figure the article (the Keras tutorial named in README.md) reports for an experiment.
public struct ReferenceResult: Sendable, Equatable {
    public var testAccuracy: Double?
    public var source: String

    public init(testAccuracy: Double?, source: String) {
        self.testAccuracy = testAccuracy
        self.source = source
    }
}
