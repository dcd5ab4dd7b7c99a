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

    /// One bucket: the values in (lower, upper], `count` of them.
    public struct Bucket: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        public var count: Double
    }
}
