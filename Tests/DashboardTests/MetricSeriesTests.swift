import Dashboard
import Testing

/// The chart series keeps every step until full, then halves its points without losing the shape.
struct MetricSeriesTests {
    static func ramp(_ count: Int, capacity: Int = 4096) -> MetricSeries {
        var series = MetricSeries(capacity: capacity)
        for step in 1...count { series.append(step: step, value: Float(step)) }
        return series
    }

    @Test func keepsEveryStepBelowCapacity() {
        let series = Self.ramp(100, capacity: 128)
        #expect(series.values == (1...100).map(Float.init))
        #expect(series.steps == Array(1...100))
        #expect(series.stride == 1)
    }

    @Test func longRunStaysWithinCapacity() {
        let series = Self.ramp(100_000, capacity: 64)
        #expect(series.values.count <= 64)
        #expect(series.values.count >= 32)
        #expect(series.stride == 2048)
        #expect(series.last == 100_000)
        #expect(series.steps.last == 100_000)
        #expect(series.steps == series.steps.sorted())
    }

    /// Every full point is the mean of the values it stands for; the newest may be partial.
    @Test func mergedPointsAreMeansOfTheirSteps() {
        let series = Self.ramp(1_000, capacity: 16)
        let stride = series.stride
        for (index, value) in series.values.enumerated() {
            let end = series.steps[index]
            let start = index * stride + 1
            let mean = Float(start + end) / 2
            #expect(abs(value - mean) < 1e-3, "point \(index) at step \(end): \(value), expected \(mean)")
        }
    }

    /// The chart of a merged series matches the chart of the full one, column for column.
    @Test func columnsSurviveMerging() throws {
        var full = MetricSeries(capacity: 1 << 20)
        var bounded = MetricSeries(capacity: 256)
        for step in 1...20_000 {
            // A falling loss with batch-to-batch jitter.
            let value = 1 / (1 + Float(step) / 2_000) + 0.05 * Float(step % 7) / 7
            full.append(step: step, value: value)
            bounded.append(step: step, value: value)
        }
        for smoothing: Float in [0, 0.9] {
            let expected = full.columns(16, totalSteps: 20_000, smoothing: smoothing)
            let got = bounded.columns(16, totalSteps: 20_000, smoothing: smoothing)
            for (e, g) in zip(expected, got) {
                let e = try #require(e)
                let g = try #require(g)
                #expect(abs(e - g) < 0.01, "smoothing \(smoothing): \(g) vs \(e)")
            }
        }
    }

    @Test func constantSeriesSmoothsToItself() {
        var series = MetricSeries(capacity: 8)
        for step in 1...1_000 { series.append(step: step, value: 0.25) }
        for value in series.smoothed(0.99) { #expect(abs(value - 0.25) < 1e-6) }
    }

    @Test func nonFiniteValuesStayVisibleAsGaps() {
        var series = MetricSeries(capacity: 4)
        for step in 1...8 { series.append(step: step, value: step == 3 ? .nan : 1) }
        #expect(series.values.contains { $0.isNaN })
        #expect(series.columns(4, totalSteps: 8, smoothing: 0).compactMap { $0 }.allSatisfy { $0 == 1 })
    }
}
