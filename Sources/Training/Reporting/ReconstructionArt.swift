/// Autoencoder samples as plain text: each input beside its reconstruction, drawn with a
/// brightness ramp, one character per pixel column and one line per two pixel rows (so digits
/// keep their proportions in a terminal).
///
/// ReLU reconstructions have no upper bound, so each one is scaled by its own maximum (printed
/// under it); inputs are shown as they are, noise above 1 saturating.
public enum ReconstructionArt {
    /// From dark to bright.
    public static let ramp: [Character] = Array(" .:-=+*#%@")

    /// One block per sample: a caption line, the images side by side, then their scales.
    /// Samples without a reconstruction are skipped.
    public static func render(_ samples: SampleSnapshot, count: Int) -> String {
        guard let reconstructions = samples.reconstructions else { return "" }
        let shown = min(count, samples.inputs.count, reconstructions.count)
        let captions =
            samples.cleanInputs == nil ? ["input", "reconstruction"] : ["clean", "corrupted", "reconstruction"]
        var blocks: [String] = []
        for index in 0..<shown {
            let output = reconstructions[index]
            let images = (samples.cleanInputs.map { [$0[index]] } ?? []) + [samples.inputs[index], output]
            let scales = images.indices.map { $0 == images.count - 1 ? displayScale(output) : 1 }
            let pictures = zip(images, scales).map {
                image(for: $0, rows: samples.rows, columns: samples.columns, scale: $1)
            }
            let width = max(samples.columns, captions.map(\.count).max() ?? 0)
            var lines = ["#\(index + 1)  label \(samples.labels[index])"]
            lines.append(row(captions, width: width))
            for line in 0..<(pictures.first?.count ?? 0) {
                lines.append(row(pictures.map { $0[line] }, width: width))
            }
            lines.append(row(scales.map { $0 == 1 ? "" : "x" + format($0) }, width: width))
            blocks.append(lines.map { trimmed($0) }.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }

    /// The text lines of one `rows x columns` image whose values are multiplied by `scale`.
    public static func image(for pixels: [Float], rows: Int, columns: Int, scale: Float) -> [String] {
        guard pixels.count >= rows * columns else { return [] }
        var lines: [String] = []
        for top in stride(from: 0, to: rows, by: 2) {
            var line = ""
            for column in 0..<columns {
                let upper = pixels[top * columns + column]
                let lower = top + 1 < rows ? pixels[(top + 1) * columns + column] : upper
                let value = min(max((upper + lower) / 2 * scale, 0), 1)
                line.append(ramp[min(ramp.count - 1, Int((value * Float(ramp.count - 1)).rounded()))])
            }
            lines.append(line)
        }
        return lines
    }

    /// 1 / maximum, which stretches a reconstruction to the full ramp; 1 for a blank one.
    static func displayScale(_ pixels: [Float]) -> Float {
        let peak = pixels.max() ?? 0
        return peak > 0 ? 1 / peak : 1
    }

    // MARK: - Helpers

    /// Cells padded to `width` and three spaces apart.
    private static func row(_ cells: [String], width: Int) -> String {
        cells.map { $0 + String(repeating: " ", count: max(0, width - $0.count)) }.joined(separator: "   ")
    }

    private static func trimmed(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }

    private static func format(_ value: Float) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
