import Foundation

/// The lines of `neurotop seeds`: one per seed as it finishes, then the spread.
///
/// ```
/// seed  1  test accuracy 98.17%  test score 0.0571  25.1s
/// over 5 seeds: mean 98.34%  sd 0.35  min 97.77% (seed 4)  max 98.65% (seed 3)
/// ```
public enum SeedSweepFormatter {
    /// One finished run. Accuracy when the plan classifies, else the test score alone.
    public static func runLine(seed: UInt64, result: FinalResult, seedWidth: Int) -> String {
        var line = "seed " + String(repeating: " ", count: max(0, seedWidth - String(seed).count)) + String(seed)
        if let accuracy = result.testAccuracy { line += "  test accuracy " + percent(Double(accuracy)) }
        line += "  test score " + String(format: "%.4f", Double(result.testLoss))
        line += "  " + String(format: "%.1fs", result.seconds)
        return line
    }

    /// The spread of the figure over all seeds, naming the seeds at both ends; with the
    /// article's figure, how many seeds reach it.
    public static func summary(
        _ figures: [(seed: UInt64, value: Double)], isAccuracy: Bool, reference: Double?
    ) -> String {
        guard let spread = SeedSpread(figures.map(\.value)),
            let low = figures.min(by: { $0.value < $1.value }), let high = figures.max(by: { $0.value < $1.value })
        else { return "no runs" }
        func show(_ value: Double) -> String { isAccuracy ? percent(value) : String(format: "%.4f", value) }
        // The accuracy's standard deviation in percentage points.
        let deviation =
            isAccuracy
            ? String(format: "%.2f", spread.standardDeviation * 100) : String(format: "%.4f", spread.standardDeviation)
        let plural = spread.count == 1 ? "" : "s"
        var line = "over \(spread.count) seed\(plural): mean \(show(spread.mean))  sd \(deviation)"
        line += "  min \(show(low.value)) (seed \(low.seed))  max \(show(high.value)) (seed \(high.seed))"
        if isAccuracy, let reference {
            let reaching = SeedSpread.count(of: figures.map(\.value), reaching: reference)
            line += "  article \(percent(reference)): reached by \(reaching) of \(spread.count)"
        }
        return line
    }

    static func percent(_ fraction: Double) -> String {
        String(format: "%.2f%%", fraction * 100)
    }
}
