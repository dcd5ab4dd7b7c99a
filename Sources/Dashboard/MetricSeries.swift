/// One figure per training step (batch loss or accuracy), kept for the whole stage.
///
/// Events for some batches may be coalesced away when the view falls behind, so every value
/// carries the step it belongs to.
public struct MetricSeries: Sendable, Equatable {
    public private(set) var steps: [Int] = []
    public private(set) var values: [Float] = []

    public init() {}

    public var isEmpty: Bool { values.isEmpty }
    public var last: Float? { values.last }

    public mutating func append(step: Int, value: Float) {
        steps.append(step)
        values.append(value)
    }

    /// The values after exponential smoothing with weight `smoothing` in [0, 1), debiased so the
    /// first values are not pulled towards zero (TensorBoard's smoothing).
    public func smoothed(_ smoothing: Float) -> [Float] {
        guard smoothing > 0 else { return values }
        var result: [Float] = []
        result.reserveCapacity(values.count)
        var average: Double = 0
        var weight: Double = 0
        let s = Double(smoothing)
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
    public func columns(_ columns: Int, totalSteps: Int, smoothing: Float) -> [Float?] {
        guard columns > 0 else { return [] }
        let total = max(totalSteps, steps.last ?? 1, 1)
        var sums = [Double](repeating: 0, count: columns)
        var counts = [Int](repeating: 0, count: columns)
        for (step, value) in zip(steps, smoothed(smoothing)) where value.isFinite {
            let column = min(columns - 1, max(0, (step - 1) * columns / total))
            sums[column] += Double(value)
            counts[column] += 1
        }
        return (0..<columns).map { counts[$0] > 0 ? Float(sums[$0] / Double(counts[$0])) : nil }
    }
}
