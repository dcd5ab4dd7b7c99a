/// One figure per training step (batch loss or accuracy), over the whole stage, in bounded memory.
///
/// Events for some batches may be coalesced away when the view falls behind, so every value
/// carries the step it belongs to. A chart is at most a few hundred columns wide, so the series
/// keeps at most `capacity` points: when full, neighbouring pairs merge into their mean and each
/// point then stands for twice as many steps. A run of any length costs the same per frame.
public struct MetricSeries: Sendable, Equatable {
    /// The step each kept point ends at, ascending.
    public private(set) var steps: [Int] = []
    /// Each kept point's value: one step's, or the mean of the `stride` steps it stands for.
    public private(set) var values: [Float] = []
    /// How many appended values each kept point stands for (1, then 2, 4, ... after merges).
    public private(set) var stride = 1
    /// The most recent value appended, before any merging.
    public private(set) var last: Float?
    /// Most points kept before neighbours merge; even, so merges pair every point.
    public let capacity: Int
    /// The sum and count of the values in the newest point while it has fewer than `stride`.
    private var pendingSum: Double = 0
    private var pendingCount = 0

    /// - Parameter capacity: most points kept (rounded down to an even number, at least 2).
    public init(capacity: Int = 4096) {
        self.capacity = max(2, capacity - capacity % 2)
    }

    public var isEmpty: Bool { last == nil }

    /// Adds the value of `step` (steps ascend; a coalesced gap is fine).
    public mutating func append(step: Int, value: Float) {
        last = value
        if pendingCount == 0 {
            steps.append(step)
            values.append(value)
        } else {
            steps[steps.count - 1] = step
        }
        pendingSum += Double(value)
        pendingCount += 1
        values[values.count - 1] = Float(pendingSum / Double(pendingCount))
        guard pendingCount == stride else { return }
        pendingSum = 0
        pendingCount = 0
        if values.count >= capacity { mergeNeighbours() }
    }

    /// Halves the points: each pair becomes one point at the later step with the pair's mean.
    private mutating func mergeNeighbours() {
        let pairs = values.count / 2
        for i in 0..<pairs {
            steps[i] = steps[2 * i + 1]
            values[i] = Float((Double(values[2 * i]) + Double(values[2 * i + 1])) / 2)
        }
        steps.removeLast(steps.count - pairs)
        values.removeLast(values.count - pairs)
        stride *= 2
    }

    /// The values after exponential smoothing with weight `smoothing` per step in [0, 1),
    /// debiased so the first values are not pulled towards zero (TensorBoard's smoothing). A point
    /// standing for `stride` steps decays the average as `stride` steps would.
    public func smoothed(_ smoothing: Float) -> [Float] {
        guard smoothing > 0 else { return values }
        var result: [Float] = []
        result.reserveCapacity(values.count)
        var average: Double = 0
        var weight: Double = 0
        var s = Double(smoothing)
        for _ in 0..<stride.trailingZeroBitCount { s *= s }  // smoothing^stride; stride is a power of 2
        for value in values {
            guard value.isFinite else {
                result.append(value)
                continue
            }
            average = average * s + Double(value) * (1 - s)
            weight = weight * s + (1 - s)
            result.append(Float(average / weight))
        }
        return result
    }

    /// The smoothed series squeezed into `columns` buckets over steps `1...totalSteps`: the mean
    /// of the values whose step falls in each bucket, nil for buckets not reached yet.
    /// The column (0..<columns) step `step` of `totalSteps` falls in, for any steps a log may
    /// hold (computed in floating point: no product of two large steps can overflow).
    public static func column(of step: Int, columns: Int, totalSteps: Int) -> Int {
        let position = (Double(step) - 1) * Double(columns) / Double(max(totalSteps, 1))
        guard position.isFinite else { return 0 }
        return Int(min(Double(columns - 1), max(0, position.rounded(.down))))
    }

    /// The last step of whole periods of `period` steps that covers `step` (at least one period).
    public static func roundedUp(_ step: Int, toMultipleOf period: Int) -> Int {
        let period = max(period, 1)
        let periods = max(1, step / period + (step % period > 0 ? 1 : 0))
        let (total, overflow) = periods.multipliedReportingOverflow(by: period)
        return overflow ? Int.max : total
    }

    public func columns(_ columns: Int, totalSteps: Int, smoothing: Float) -> [Float?] {
        guard columns > 0 else { return [] }
        let total = max(totalSteps, steps.last ?? 1, 1)
        var sums = [Double](repeating: 0, count: columns)
        var counts = [Int](repeating: 0, count: columns)
        // A merged point is drawn at the middle of the steps it stands for.
        let offset = (stride - 1) / 2
        for (step, value) in zip(steps, smoothed(smoothing)) where value.isFinite {
            let column = Self.column(of: step - offset, columns: columns, totalSteps: total)
            sums[column] += Double(value)
            counts[column] += 1
        }
        return (0..<columns).map { counts[$0] > 0 ? Float(sums[$0] / Double(counts[$0])) : nil }
    }
}
