import NeuroEngine
import Training

/// A step's measured figure, written like the article's so the two read side by side.
public enum TourFigure {
    /// A test accuracy as a percentage with two decimals (`97.28%`).
    public static func accuracy(_ value: Float) -> String { Format.percent(value, 2) }

    /// The gradient figure a step measures from the gradient study of a fresh model (lowest
    /// kernel first); nil when the measure is not a gradient or the model has no kernel.
    ///
    /// `gradientFirstOutput` reads `0.0031 ≪ 0.0196`: the relation between the lowest and the output
    /// kernel, as the article states it, with both values.
    public static func gradient(_ rows: [KernelGradient], measure: TourStep.Measure) -> String? {
        guard let first = rows.first?.meanAbsGradient, let last = rows.last?.meanAbsGradient else { return nil }
        switch measure {
        case .testAccuracy:
            return nil
        case .firstKernelGradient:
            return Format.fixed(first, 4)
        case .gradientFirstOutput:
            let relation: String
            if first * 3 <= last {
                relation = "≪"
            } else if first < last {
                relation = "<"
            } else if first > last * 3 {
                relation = "≫"
            } else {
                relation = first > last ? ">" : "="
            }
            // No-break spaces: a wrapped line never separates the relation from its values.
            return "\(Format.fixed(first, 4))\u{00A0}\(relation)\u{00A0}\(Format.fixed(last, 4))"
        }
    }
}
