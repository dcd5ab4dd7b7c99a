import Foundation
import NeuroEngine

/// Formats a model summary as Keras 3's `model.summary()` does: one row per layer with its output
/// shape and parameter count, then total, trainable and non-trainable counts with their size.
public enum SummaryFormatter {
    public static func table(title: String, layers: [LayerSummary], counts: ParameterCounts) -> String {
        let widths = [33, 24, 15]
        let headers = ["Layer (type)", "Output Shape", "Param #"]
        func border(_ left: String, _ middle: String, _ right: String, _ fill: String) -> String {
            left + widths.map { String(repeating: fill, count: $0) }.joined(separator: middle) + right
        }
        func row(_ cells: [String], _ separator: String) -> String {
            let padded = cells.enumerated().map { index, cell in
                // Measured in terminal columns: a CJK or emoji name takes two per character.
                let room = widths[index] - 2
                let text = cell.displayWidth > room ? cell.prefix(columns: room - 1) + "…" : cell
                let space = String(repeating: " ", count: room - text.displayWidth)
                return " " + (index == 2 ? space + text : text + space) + " "
            }
            return separator + padded.joined(separator: separator) + separator
        }
        var lines = ["Model: \"\(title)\""]
        lines.append(border("┏", "┳", "┓", "━"))
        lines.append(row(headers, "┃"))
        lines.append(border("┡", "╇", "┩", "━"))
        for (index, layer) in layers.enumerated() {
            let shape = "(None, " + layer.outputShape.map(String.init).joined(separator: ", ") + ")"
            let mark = layer.trainable ? "" : " [frozen]"
            lines.append(row(["\(layer.name) (\(layer.kind))\(mark)", shape, grouped(layer.parameterCount)], "│"))
            if index < layers.count - 1 { lines.append(border("├", "┼", "┤", "─")) }
        }
        lines.append(border("└", "┴", "┘", "─"))
        lines.append(" Total params: \(grouped(counts.total)) (\(bytes(counts.total * 4)))")
        lines.append(" Trainable params: \(grouped(counts.trainable)) (\(bytes(counts.trainable * 4)))")
        lines.append(" Non-trainable params: \(grouped(counts.nonTrainable)) (\(bytes(counts.nonTrainable * 4)))")
        return lines.joined(separator: "\n")
    }

    /// `79510` as `79,510`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// Keras's size notation: `310.59 KB`.
    static func bytes(_ count: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.2f %@", value, units[unit])
    }
}
