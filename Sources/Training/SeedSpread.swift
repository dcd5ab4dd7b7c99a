/// How a figure (a test accuracy) spreads over runs that differ only in their seed.
///
/// Five epochs of a BatchNorm CNN end wherever the last epoch leaves them: tenths of a point
/// apart from one seed to the next. One run says little about a recipe; the spread says how
/// much of a difference is noise.
public struct SeedSpread: Equatable, Sendable {
    public let count: Int
    public let mean: Double
    /// The sample standard deviation (n - 1); 0 for a single run.
    public let standardDeviation: Double
    public let minimum: Double
    public let maximum: Double

    /// nil for no values.
    public init?(_ values: [Double]) {
        guard let minimum = values.min(), let maximum = values.max() else { return nil }
        count = values.count
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        standardDeviation = values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : 0
        self.minimum = minimum
        self.maximum = maximum
    }

    /// How many of the values reach `bar` or more.
    public static func count(of values: [Double], reaching bar: Double) -> Int {
        values.filter { $0 >= bar }.count
    }
}
