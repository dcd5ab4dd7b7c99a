import Foundation
import Training

/// Number formatting for the dashboard, independent of the process locale (the terminal backend
/// sets one for wide characters, and a decimal comma must not leak into the screen).
enum Format {
    /// `value` with `digits` decimals: `fixed(0.12345, 3)` is `0.123`.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e17 else { return scientific(value, 2) }
        let whole = UInt64(scaled)
        let divisor = UInt64(scale)
        let integer = whole / divisor
        let sign = value < 0 && whole > 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(integer)" }
        var fraction = String(whole % divisor)
        while fraction.count < digits { fraction = "0" + fraction }
        return "\(sign)\(integer).\(fraction)"
    }

    static func fixed(_ value: Float, _ digits: Int) -> String { fixed(Double(value), digits) }

    /// `value` as `1.23e-04`: mantissa with `digits` decimals, two-digit exponent.
    static func scientific(_ value: Double, _ digits: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        guard value != 0 else { return fixed(0.0, digits) + "e+00" }
        var exponent = Int((log10(abs(value))).rounded(.down))
        var mantissa = value / pow10(exponent)
        var text = fixed(mantissa, digits)
        if text.hasPrefix("10") || text.hasPrefix("-10") {
            exponent += 1
            mantissa = value / pow10(exponent)
            text = fixed(mantissa, digits)
        }
        let sign = exponent < 0 ? "-" : "+"
        let magnitude = abs(exponent)
        return "\(text)e\(sign)\(magnitude < 10 ? "0" : "")\(magnitude)"
    }

    static func scientific(_ value: Float, _ digits: Int = 2) -> String { scientific(Double(value), digits) }

    /// A fraction as a percentage: `percent(0.9734, 1)` is `97.3%`.
    static func percent(_ value: Float, _ digits: Int = 1) -> String { fixed(Double(value) * 100, digits) + "%" }

    /// `78500` as `78,500`, as the `summary` table writes counts.
    static func grouped(_ value: Int) -> String { SummaryFormatter.grouped(value) }

    /// A measured figure rounded to a whole number and grouped; any figure a file may hold
    /// (not finite, or beyond what an integer holds) as `fixed` writes it.
    static func grouped(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 9e18 else { return fixed(value, 0) }
        return grouped(Int(value.rounded()))
    }

    /// Seconds as `m:ss`, or `h:mm:ss` from an hour on.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let total = Int(seconds.rounded())
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        let secs = total % 60
        let ss = secs < 10 ? "0\(secs)" : "\(secs)"
        if hours > 0 { return "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(ss)" }
        return "\(minutes):\(ss)"
    }

    /// A compact rate: `12345` as `12.3k`.
    static func rate(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "-" }
        if value >= 1e6 { return fixed(value / 1e6, 1) + "M" }
        if value >= 1e4 { return fixed(value / 1e3, 1) + "k" }
        return fixed(value, 0)
    }

    /// A model shape without the batch, as Keras prints it: `(None, 100)`.
    static func shape(_ shape: [Int]) -> String {
        "(None, " + shape.map(String.init).joined(separator: ", ") + ")"
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        if exponent >= 0 {
            for _ in 0..<exponent { result *= 10 }
        } else {
            for _ in 0..<(-exponent) { result /= 10 }
        }
        return result
    }
}
