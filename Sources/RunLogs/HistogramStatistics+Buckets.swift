extension HistogramStatistics {
    /// The statistics of buckets whose values lie in [minimum, maximum] (the histogram's own
    /// extremes when it has them, otherwise the outermost non-empty bucket edges).
    public init(
        buckets: [Bucket], minimum: Double? = nil, maximum: Double? = nil, sum: Double? = nil,
        sumOfSquares: Double? = nil
    ) {
        let filled = buckets.filter { $0.count > 0 && $0.count.isFinite }
        let low = minimum ?? filled.first?.lower ?? 0
        let high = maximum ?? filled.last?.upper ?? 0
        var count = 0.0
        var absoluteSum = 0.0
        for bucket in filled {
            let lower = Swift.max(bucket.lower, low)
            let upper = Swift.min(bucket.upper, high)
            count += bucket.count
            absoluteSum += bucket.count * Self.meanAbsolute(from: Swift.min(lower, upper), to: Swift.max(lower, upper))
        }
        self.init(
            count: count, minimum: low, maximum: high, sum: sum, sumOfSquares: sumOfSquares,
            meanAbsolute: count > 0 ? absoluteSum / count : 0,
            maximumAbsolute: Swift.max(Swift.abs(low), Swift.abs(high)))
    }

    /// Mean of |x| for x spread evenly over [lower, upper].
    static func meanAbsolute(from lower: Double, to upper: Double) -> Double {
        if lower >= 0 { return (lower + upper) / 2 }
        if upper <= 0 { return -(lower + upper) / 2 }
        return (lower * lower + upper * upper) / (2 * (upper - lower))
    }
}
