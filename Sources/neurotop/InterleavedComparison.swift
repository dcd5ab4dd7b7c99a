/// One config trained two ways (with and without a recorder, alone and as a fork's two
/// branches), round after round in alternating order so that drift in the machine's load falls
/// on both: each way's median samples/s and the median of the rounds' ratios.
struct InterleavedComparison: Encodable {
    var config: String
    var rounds: Int
    var steps: Int
    /// The usual way: unrecorded, alone.
    var baselineSamplesPerSecond: Double
    /// The way measured: recorded, per branch of a fork.
    var samplesPerSecond: Double
    /// Median of each round's measured / baseline throughput.
    var ratio: Double
    /// The recorder's CPU time as a share of the training time (median), for recording.
    var writerCPUShare: Double?

    /// Measures `rounds` rounds of `measure(false)` (the baseline) and `measure(true)`, each a
    /// samples/s figure.
    static func run(
        config: String, rounds: Int, steps: Int, measure: (_ measured: Bool) throws -> Double
    ) throws -> InterleavedComparison {
        var baseline: [Double] = []
        var measured: [Double] = []
        var ratios: [Double] = []
        for round in 0..<rounds {
            var pair: [Bool: Double] = [:]
            for way in round % 2 == 0 ? [true, false] : [false, true] { pair[way] = try measure(way) }
            let (base, other) = (pair[false] ?? 0, pair[true] ?? 0)
            baseline.append(base)
            measured.append(other)
            ratios.append(base > 0 ? other / base : 0)
        }
        return InterleavedComparison(
            config: config, rounds: rounds, steps: steps, baselineSamplesPerSecond: median(baseline),
            samplesPerSecond: median(measured), ratio: median(ratios))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The table's row: config, rounds, steps, both throughputs and the ratio (and the recorder's share).
    var row: String {
        var line =
            config.padding(toLength: 15, withPad: " ", startingAt: 0)
            + String(
                format: "%7d %6d %13.0f %13.0f %7.3f", rounds, steps, samplesPerSecond, baselineSamplesPerSecond, ratio)
        if let writerCPUShare { line += String(format: "  %.2f%%", writerCPUShare * 100) }
        return line
    }
}
