import Foundation

/// One axis of a plot: a range rounded out to "nice" tick values (1, 2 or 5 times a power of
/// ten), mapped onto a span of pixels.
struct PlotAxis {
    let lower: Double
    let upper: Double
    let step: Double
    /// Pixel positions of `lower` and `upper`.
    let from: Double
    let to: Double

    /// An axis covering `values` (non-finite ones ignored) with about `tickCount` ticks;
    /// `integers` keeps the step at 1 or more (epochs, steps).
    init(covering values: [Double], tickCount: Int = 5, integers: Bool = false, from: Double, to: Double) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if high - low < 1e-12 {
            let pad = max(abs(low) * 0.1, integers ? 1 : 0.05)
            low -= pad
            high += pad
        }
        var step = Self.niceStep((high - low) / Double(max(1, tickCount)))
        if integers { step = max(1, step.rounded()) }
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
        self.step = step
        self.from = from
        self.to = to
    }

    /// 1, 2 or 5 times a power of ten, the nearest above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalised = raw / magnitude
        let factor: Double = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10
        return factor * magnitude
    }

    /// The pixel position of `value`.
    func position(_ value: Double) -> Double {
        from + (value - lower) / (upper - lower) * (to - from)
    }

    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...max(0, count)).map { lower + Double($0) * step }
    }

    /// A tick's label with as many decimals as the step needs (`0.25`, `1.5`, `300`).
    func label(_ value: Double) -> String {
        let decimals = max(0, Int((-log10(step)).rounded(.up)))
        let rounded = abs(value) < step / 1e6 ? 0 : value
        return String(format: "%.\(min(decimals, 6))f", rounded)
    }
}
