/// What the layer table shows of a tensor (mean |x| and max |x|), recovered from a TensorBoard
/// histogram, with the histogram's own exact figures.
///
/// A histogram keeps counts per bucket, not the values, so mean |x| is an approximation: each
/// bucket's values are taken as spread evenly over the bucket (clipped to the histogram's min
/// and max when known). Within a bucket entirely on one side of zero that gives the bucket's
/// midpoint; for the bucket that straddles zero, the mean of |x| over the even spread,
/// (lo² + hi²) / 2(hi - lo). The error is at most half the widest non-empty bucket; with the
/// exponential buckets TensorFlow and tensorboardX use by default (each 10% wider than the
/// last), it is within about 5% of the true mean |x|. max |x| is exact when the histogram has
/// min and max (HistogramProto); from TF2's bucket tensors it is the outermost non-empty edge.
public struct HistogramStatistics: Sendable, Equatable {
    /// Number of values.
    public var count: Double
    public var minimum: Double
    public var maximum: Double
    /// Sum of the values, and of their squares; nil when the writer did not keep them (TF2).
    public var sum: Double?
    public var sumOfSquares: Double?
    /// Mean |x|, approximated from the buckets as described above.
    public var meanAbsolute: Double
    /// max(|min|, |max|).
    public var maximumAbsolute: Double

    public init(
        count: Double, minimum: Double, maximum: Double, sum: Double?, sumOfSquares: Double?,
        meanAbsolute: Double, maximumAbsolute: Double
    ) {
        self.count = count
        self.minimum = minimum
        self.maximum = maximum
        self.sum = sum
        self.sumOfSquares = sumOfSquares
        self.meanAbsolute = meanAbsolute
        self.maximumAbsolute = maximumAbsolute
    }

    /// One bucket: the values in (lower, upper], `count` of them.
    public struct Bucket: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        public var count: Double

        public init(lower: Double, upper: Double, count: Double) {
            self.lower = lower
            self.upper = upper
            self.count = count
        }
    }

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
