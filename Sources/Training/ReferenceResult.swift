/// A figure the article reports for an experiment.
public struct ReferenceResult: Sendable, Equatable {
    public var testAccuracy: Double?
    public var source: String

    public init(testAccuracy: Double?, source: String) {
        self.testAccuracy = testAccuracy
        self.source = source
    }
}
