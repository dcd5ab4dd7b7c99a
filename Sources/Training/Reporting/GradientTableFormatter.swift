import Foundation
import NeuroEngine

/// Formats the gradient study as a table with one row per kernel, lowest layer first, and a bar
/// proportional to the mean |dL/dW| so that vanishing (or healthy) gradients show at a glance.
///
/// ```
///  layer (type)          kernel         mean |dL/dW|
///  dense (Dense)         784x100            0.005230  ███▌
///  dense_4 (Dense)       100x10             0.052091  ██████████████████████████████
/// ```
public enum GradientTableFormatter {
    public static func table(_ rows: [KernelGradient], barWidth: Int = 30) -> String {
        let largest = rows.map(\.meanAbsGradient).filter(\.isFinite).max() ?? 0
        let names = rows.map { "\($0.layerName) (\($0.layerKind))" }
        let shapes = rows.map { $0.kernelShape.map(String.init).joined(separator: "x") }
        let nameWidth = max(names.map(\.count).max() ?? 0, "layer (type)".count) + 2
        let shapeWidth = max(shapes.map(\.count).max() ?? 0, "kernel".count) + 2
        let valueWidth = "mean |dL/dW|".count + 2
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            let space = String(repeating: " ", count: max(0, width - text.count))
            return right ? space + text : text + space
        }
        var lines = [
            " " + pad("layer (type)", nameWidth) + pad("kernel", shapeWidth)
                + pad("mean |dL/dW|", valueWidth, right: true)
        ]
        for (index, row) in rows.enumerated() {
            lines.append(
                " " + pad(names[index], nameWidth) + pad(shapes[index], shapeWidth)
                    + pad(figure(row.meanAbsGradient), valueWidth, right: true) + "  "
                    + bar(row.meanAbsGradient, of: largest, width: barWidth))
        }
        return lines.joined(separator: "\n")
    }

    /// Six decimals, as the figures compare with the article's (0.0052); scientific below that.
    static func figure(_ value: Float) -> String {
        guard value.isFinite else { return "\(value)" }
        if value != 0 && abs(value) < 1e-5 { return String(format: "%.2e", Double(value)) }
        return String(format: "%.6f", Double(value))
    }

    /// `value / largest` of `width` cells, in eighths of a cell; a non-zero value gets at least
    /// the thinnest mark so that it does not read as zero.
    static func bar(_ value: Float, of largest: Float, width: Int) -> String {
        guard largest > 0, value.isFinite, value > 0 else { return "" }
        let eighths = max(1, Int((Double(value / largest) * Double(width * 8)).rounded()))
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: min(eighths / 8, width))
            + (eighths / 8 >= width ? "" : partials[eighths % 8])
    }
}
