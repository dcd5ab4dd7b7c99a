import Foundation

/// Runs' loss and accuracy curves as one self-contained SVG (no scripts, fonts or links):
/// per epoch (training solid, validation dashed) and per batch (raw and smoothed), runs
/// overlaid one colour each, a legend with each run's test accuracy, and the interventions
/// (freeze, learning-rate change...) as dashed vertical lines where they took effect.
///
/// Each run is drawn from its last stage: the fit of a pre-training config, whose accuracy is
/// the one reported.
public struct CurvePlot: Sendable {
    public struct Run: Sendable {
        public var label: String
        public var history: RunHistory

        public init(label: String, history: RunHistory) {
            self.label = label
            self.history = history
        }
    }

    public let runs: [Run]
    public static let width = 1000.0
    static let panelHeight = 300.0
    /// Tableau's ten colours: distinct, and readable when printed in grey.
    static let palette = [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f",
    ]

    public init(runs: [Run]) {
        self.runs = runs
    }

    /// The colour of the run at `index` (the palette repeats after ten runs).
    public static func colour(_ index: Int) -> String { palette[index % palette.count] }

    /// What a panel shows.
    enum Panel: String, CaseIterable {
        case lossPerEpoch = "loss-epoch"
        case accuracyPerEpoch = "accuracy-epoch"
        case lossPerBatch = "loss-batch"
        case accuracyPerBatch = "accuracy-batch"

        var title: String {
            switch self {
            case .lossPerEpoch: "loss per epoch (validation dashed)"
            case .accuracyPerEpoch: "accuracy per epoch (validation dashed)"
            case .lossPerBatch: "loss per batch (smoothed over the faint raw values)"
            case .accuracyPerBatch: "accuracy per batch (smoothed over the faint raw values)"
            }
        }

        var xLabel: String { isPerEpoch ? "epoch" : "step" }
        var yLabel: String { isLoss ? "loss" : "accuracy" }
        var isPerEpoch: Bool { self == .lossPerEpoch || self == .accuracyPerEpoch }
        var isLoss: Bool { self == .lossPerEpoch || self == .lossPerBatch }
    }

    /// One line of a panel: its kind (`train`, `validation`, `batch`, `smoothed`) and points.
    struct Line {
        var kind: String
        var points: [(x: Double, y: Double)]
    }

    // MARK: - The document

    public func svg() -> String {
        let legendHeight = 28 + 20 * Double(runs.count)
        let top = 40 + legendHeight
        let height = top + 2 * Self.panelHeight + 20
        var svg = SVGText()
        svg.open(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "width": Self.number(Self.width), "height": Self.number(height),
                "viewBox": "0 0 \(Self.number(Self.width)) \(Self.number(height))",
                "font-family": "DejaVu Sans, Helvetica, Arial, sans-serif", "font-size": "12",
            ])
        svg.element("title", text: "neurotop: " + runs.map(\.label).joined(separator: ", "))
        svg.element("rect", ["width": "100%", "height": "100%", "fill": "white"])
        svg.element(
            "text", ["x": "20", "y": "28", "font-size": "18", "font-weight": "bold"],
            text: "Training curves: " + runs.map(\.label).joined(separator: ", "))
        drawLegend(into: &svg, top: 44)
        let half = Self.width / 2
        let frames: [(Panel, Double, Double)] = [
            (.lossPerEpoch, 0, top), (.accuracyPerEpoch, half, top),
            (.lossPerBatch, 0, top + Self.panelHeight), (.accuracyPerBatch, half, top + Self.panelHeight),
        ]
        for (panel, left, panelTop) in frames {
            drawPanel(panel, into: &svg, left: left, top: panelTop, width: half, height: Self.panelHeight)
        }
        svg.close("svg")
        return svg.text
    }

    private func drawLegend(into svg: inout SVGText, top: Double) {
        svg.open("g", ["class": "legend"])
        for (index, run) in runs.enumerated() {
            let y = top + 20 * Double(index)
            let colour = Self.colour(index)
            svg.element(
                "line",
                [
                    "x1": "24", "y1": Self.number(y), "x2": "56", "y2": Self.number(y), "stroke": colour,
                    "stroke-width": "3",
                ])
            var text = run.label
            if let accuracy = run.history.result?.testAccuracy {
                text += String(format: " · test accuracy %.2f%%", Double(accuracy) * 100)
            } else if run.history.failure != nil {
                text += " · failed"
            } else if run.history.result == nil {
                text += " · unfinished"
            }
            if let stage = run.history.finalStage, !stage.interventions.isEmpty {
                text += " · \(stage.interventions.count) intervention" + (stage.interventions.count == 1 ? "" : "s")
            }
            svg.element("text", ["x": "64", "y": Self.number(y + 4), "data-run": run.label], text: text)
        }
        svg.close("g")
    }

    // MARK: - Panels

    private func drawPanel(
        _ panel: Panel, into svg: inout SVGText, left: Double, top: Double, width: Double, height: Double
    ) {
        let plotLeft = left + 70
        let plotRight = left + width - 24
        let plotTop = top + 30
        let plotBottom = top + height - 46
        let linesByRun = runs.map { lines(panel, of: $0.history) }
        let xs = linesByRun.flatMap { $0.flatMap { $0.points.map(\.x) } }
        let ys = linesByRun.flatMap { $0.flatMap { $0.points.map(\.y) } }
        let xAxis = PlotAxis(covering: panel.isPerEpoch ? [0] + xs : xs, integers: true, from: plotLeft, to: plotRight)
        let yAxis = PlotAxis(covering: ys, from: plotBottom, to: plotTop)

        svg.open("g", ["class": "panel", "data-panel": panel.rawValue])
        svg.element(
            "text", ["x": Self.number(plotLeft), "y": Self.number(top + 18), "font-weight": "bold"], text: panel.title)
        drawAxes(panel, into: &svg, x: xAxis, y: yAxis)
        if xs.isEmpty {
            svg.element(
                "text",
                [
                    "x": Self.number((plotLeft + plotRight) / 2), "y": Self.number((plotTop + plotBottom) / 2),
                    "text-anchor": "middle", "fill": "#888",
                ], text: panel.isLoss ? "no figures recorded" : "no accuracy recorded")
        }
        var labelRow = 0
        for (index, run) in runs.enumerated() {
            drawInterventions(
                of: run, colour: Self.colour(index), panel: panel, into: &svg, x: xAxis, top: plotTop,
                bottom: plotBottom,
                labelRow: &labelRow)
        }
        for (index, lines) in linesByRun.enumerated() {
            for line in lines {
                drawLine(line, run: runs[index].label, colour: Self.colour(index), into: &svg, x: xAxis, y: yAxis)
            }
        }
        svg.close("g")
    }

    /// The lines a panel draws for one run.
    func lines(_ panel: Panel, of history: RunHistory) -> [Line] {
        guard let stage = history.finalStage else { return [] }
        if !panel.isLoss && !stage.reportsAccuracy { return [] }
        if panel.isPerEpoch {
            let train = stage.epochs.map { (x: Double($0.epoch + 1), y: Double(panel.isLoss ? $0.loss : $0.accuracy)) }
            let validation = stage.epochs.compactMap { row -> (x: Double, y: Double)? in
                guard let value = panel.isLoss ? row.validationLoss : row.validationAccuracy else { return nil }
                return (Double(row.epoch + 1), Double(value))
            }
            return [Line(kind: "train", points: train), Line(kind: "validation", points: validation)].filter {
                !$0.points.isEmpty
            }
        }
        let raw = stage.batches.map { (x: Double($0.globalStep), y: Double(panel.isLoss ? $0.loss : $0.accuracy)) }
        guard !raw.isEmpty else { return [] }
        return [Line(kind: "batch", points: raw), Line(kind: "smoothed", points: Self.smoothed(raw))]
    }

    /// A centred moving average over about a fiftieth of the points (at least one each side).
    static func smoothed(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        let radius = max(1, points.count / 100)
        return points.indices.map { index in
            let window = points[max(0, index - radius)...min(points.count - 1, index + radius)].map(\.y).filter(
                \.isFinite)
            let mean = window.isEmpty ? Double.nan : window.reduce(0, +) / Double(window.count)
            return (points[index].x, mean)
        }
    }

    private func drawAxes(_ panel: Panel, into svg: inout SVGText, x: PlotAxis, y: PlotAxis) {
        svg.open("g", ["class": "axes", "stroke": "#333", "stroke-width": "1"])
        for tick in y.ticks {
            let position = Self.number(y.position(tick))
            svg.element(
                "line",
                [
                    "x1": Self.number(x.from), "y1": position, "x2": Self.number(x.to), "y2": position,
                    "stroke": "#e4e4e4",
                ])
            svg.element(
                "text",
                [
                    "x": Self.number(x.from - 6), "y": Self.number(y.position(tick) + 4), "text-anchor": "end",
                    "stroke": "none",
                ],
                text: y.label(tick))
        }
        for tick in x.ticks {
            let position = Self.number(x.position(tick))
            svg.element(
                "line", ["x1": position, "y1": Self.number(y.from), "x2": position, "y2": Self.number(y.from + 5)])
            svg.element(
                "text", ["x": position, "y": Self.number(y.from + 18), "text-anchor": "middle", "stroke": "none"],
                text: x.label(tick))
        }
        svg.element(
            "polyline",
            [
                "points": "\(Self.number(x.from)),\(Self.number(y.to)) \(Self.number(x.from)),\(Self.number(y.from)) "
                    + "\(Self.number(x.to)),\(Self.number(y.from))",
                "fill": "none",
            ])
        svg.element(
            "text",
            [
                "x": Self.number((x.from + x.to) / 2), "y": Self.number(y.from + 36), "text-anchor": "middle",
                "stroke": "none",
            ],
            text: panel.xLabel)
        let middle = Self.number((y.from + y.to) / 2)
        svg.element(
            "text",
            [
                "x": Self.number(x.from - 52), "y": middle, "text-anchor": "middle", "stroke": "none",
                "transform": "rotate(-90 \(Self.number(x.from - 52)) \(middle))",
            ], text: panel.yLabel)
        svg.close("g")
    }

    private func drawLine(_ line: Line, run: String, colour: String, into svg: inout SVGText, x: PlotAxis, y: PlotAxis)
    {
        var attributes = ["class": "series", "data-run": run, "data-kind": line.kind, "fill": "none", "stroke": colour]
        switch line.kind {
        case "validation": attributes["stroke-dasharray"] = "6 4"
        case "batch": attributes["stroke-opacity"] = "0.25"
        default: break
        }
        attributes["stroke-width"] = line.kind == "batch" ? "1" : "2"
        svg.open("g", attributes)
        // A NaN or infinite value breaks the line rather than dragging it off the plot.
        var segment: [String] = []
        func flush() {
            if segment.count > 1 { svg.element("polyline", ["points": segment.joined(separator: " ")]) }
            if segment.count == 1, let only = segment.first {
                let parts = only.split(separator: ",").map(String.init)
                svg.element("circle", ["cx": parts[0], "cy": parts[1], "r": "2", "fill": colour])
            }
            segment = []
        }
        for point in line.points {
            guard point.y.isFinite else {
                flush()
                continue
            }
            segment.append("\(Self.number(x.position(point.x))),\(Self.number(y.position(point.y)))")
        }
        flush()
        if line.kind == "train" || line.kind == "validation" {
            for point in line.points where point.y.isFinite {
                svg.element(
                    "circle",
                    [
                        "cx": Self.number(x.position(point.x)), "cy": Self.number(y.position(point.y)), "r": "3",
                        "fill": line.kind == "train" ? colour : "white",
                    ])
            }
        }
        svg.close("g")
    }

    private func drawInterventions(
        of run: Run, colour: String, panel: Panel, into svg: inout SVGText, x: PlotAxis, top: Double, bottom: Double,
        labelRow: inout Int
    ) {
        guard let stage = run.history.finalStage, !stage.interventions.isEmpty else { return }
        let stepsPerEpoch = Double(
            stage.info?.stepsPerEpoch ?? stage.epochs.first.map { $0.globalStep / ($0.epoch + 1) } ?? 1)
        for intervention in stage.interventions {
            let value =
                panel.isPerEpoch
                ? Double(intervention.globalStep) / max(1, stepsPerEpoch) : Double(intervention.globalStep)
            let position = x.position(value)
            guard position.isFinite, position >= x.from - 0.5, position <= x.to + 0.5 else { continue }
            svg.open(
                "g", ["class": "intervention", "data-run": run.label, "data-action": intervention.action.rawValue])
            svg.element(
                "line",
                [
                    "x1": Self.number(position), "y1": Self.number(top), "x2": Self.number(position),
                    "y2": Self.number(bottom),
                    "stroke": colour, "stroke-dasharray": "2 3", "stroke-width": "1",
                ])
            svg.element(
                "text",
                [
                    // Staggered, so the labels of nearby interventions do not print over each other.
                    "x": Self.number(position + 3), "y": Self.number(top + 10 + 11 * Double(labelRow % 4)),
                    "font-size": "10", "fill": colour,
                ], text: intervention.details)
            svg.close("g")
            labelRow += 1
        }
    }

    /// Two decimals at most: enough for a pixel, short in the file.
    static func number(_ value: Double) -> String {
        let text = String(format: "%.2f", value)
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
