import Foundation
import Training

/// Loss and accuracy over the stage's batches, smoothed, with the validation figure of every
/// finished epoch marked at the step where the epoch ended.
///
/// With an overlay, compared runs are drawn as lines one colour each (or a seed set as its mean
/// over a min-max band), a pinned baseline as a dim line over the bars, and the user's actions
/// as marks along the top.
struct ChartsWidget {
    let state: DashboardState
    let smoothing: Float
    let theme: Theme
    var overlay = ChartOverlay()

    /// Columns on the left of each chart for its scale.
    private let gutter = 7

    func draw(into buffer: inout ScreenBuffer, rect: Rect) {
        buffer.box(rect, title: title, glyphs: theme.glyphs, style: theme.border, titleStyle: theme.title)
        let inner = rect.inset(by: 1)
        guard inner.height >= 3, inner.width > gutter + 4 else { return }
        let (body, footer) = inner.splitTop(inner.height - 1)
        let showsAccuracy = state.stage?.reportsAccuracy ?? true
        if showsAccuracy {
            let (lossArea, accuracyArea) = body.splitTop(body.height / 2)
            drawLoss(into: &buffer, rect: lossArea)
            drawAccuracy(into: &buffer, rect: accuracyArea)
        } else {
            drawLoss(into: &buffer, rect: body)
        }
        drawFooter(into: &buffer, rect: footer)
    }

    private var title: String {
        let figures =
            state.watched?.chartedScalar.map { "loss & \($0)" }
            ?? "loss" + ((state.stage?.reportsAccuracy ?? true) ? " & accuracy" : "")
        // A watched log with epoch figures alone is charted a point per epoch.
        let perEpoch = state.watched.map { !$0.hasBatchFigures } ?? false
        return figures + (perEpoch ? " per epoch" : " per batch")
    }

    // MARK: - Panels

    /// One chart: its series, how its figures read and which epoch figure it marks.
    private struct Panel {
        let heading: String
        let series: MetricSeries
        /// The same figure of another run (compared, or the baseline).
        let metric: (DashboardState) -> MetricSeries
        let epochAverage: Float?
        let validation: (EpochSummary) -> Float?
        let style: CellStyle
        let logarithmic: Bool
        /// The latest batch's figure.
        let latest: (Float) -> String
        /// Epoch averages and validation figures, one more digit than `latest`.
        let summary: (Float) -> String
        /// The scale's top and bottom labels.
        let label: (Float) -> String
    }

    private func drawLoss(into buffer: inout ScreenBuffer, rect: Rect) {
        let panel = Panel(
            heading: "loss ", series: state.losses, metric: \.losses, epochAverage: state.batch?.epochLoss,
            validation: \.validationLoss, style: theme.lossSeries, logarithmic: true,
            latest: { Format.fixed($0, 4) }, summary: { Format.fixed($0, 4) },
            label: { Format.fixed($0, $0 < 1 ? 3 : 2) })
        draw(panel, into: &buffer, rect: rect)
    }

    private func drawAccuracy(into buffer: inout ScreenBuffer, rect: Rect) {
        if let tag = state.watched?.chartedScalar {
            drawScalar(tag, into: &buffer, rect: rect)
            return
        }
        let panel = Panel(
            heading: "acc  ", series: state.accuracies, metric: \.accuracies, epochAverage: state.batch?.epochAccuracy,
            validation: \.validationAccuracy, style: theme.accuracySeries, logarithmic: false,
            latest: { Format.percent($0, 1) }, summary: { Format.percent($0, 2) },
            label: { Format.percent($0, 1) })
        draw(panel, into: &buffer, rect: rect)
    }

    /// A scalar of a watched run's list (`v`), on a linear scale.
    private func drawScalar(_ tag: String, into buffer: inout ScreenBuffer, rect: Rect) {
        func format(_ value: Float) -> String {
            let size = abs(value)
            return size == 0 || (size >= 0.01 && size < 10_000) ? Format.fixed(value, 4) : Format.scientific(value)
        }
        /// The scale's labels in the gutter's six columns.
        func label(_ value: Float) -> String {
            let size = abs(value)
            if size >= 100_000 || (size > 0 && size < 0.001) { return Format.scientific(value, 0) }
            return Format.fixed(value, size >= 100 ? 0 : size >= 1 ? 2 : 3)
        }
        let panel = Panel(
            heading: tag + "  ", series: state.watched?.scalars[tag] ?? MetricSeries(),
            metric: { $0.watched?.scalars[tag] ?? MetricSeries() }, epochAverage: nil, validation: { _ in nil },
            style: theme.accuracySeries, logarithmic: false, latest: format, summary: format, label: label)
        draw(panel, into: &buffer, rect: rect)
    }

    /// The panel's figures on its first row, its chart below.
    private func draw(_ panel: Panel, into buffer: inout ScreenBuffer, rect: Rect) {
        var line = Segments()
        line.add(panel.heading, panel.style.emphasized)
        line.add(panel.series.last.map(panel.latest) ?? "-", theme.normal)
        if let epochAverage = panel.epochAverage {
            line.add("  epoch avg ", theme.muted, priority: 1)
            line.add(panel.summary(epochAverage), theme.normal, priority: 1)
        }
        if let validation = state.epochs.last.flatMap(panel.validation) {
            line.add("  val ", theme.validationPoint)
            line.add(panel.summary(validation), theme.normal)
        }
        line.draw(into: &buffer, rect: rect.row(0))
        let points = state.epochs.compactMap { epoch in panel.validation(epoch).map { (epoch, $0) } }
        drawChart(
            panel, validation: points, into: &buffer,
            rect: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1))
    }

    private func drawFooter(into buffer: inout ScreenBuffer, rect: Rect) {
        if !overlay.curves.isEmpty {
            drawLegend(into: &buffer, rect: rect)
            return
        }
        var line = Segments()
        line.add("smoothing ", theme.muted)
        line.add(Format.fixed(smoothing, 2), theme.normal)
        line.add(" (s)", theme.muted, priority: 2)
        line.add("   ", theme.normal)
        line.add(theme.glyphs.isUnicode ? "●" : "o", theme.validationPoint)
        line.add(" validation per epoch", theme.muted, priority: 1)
        if let result = state.result {
            line.add("   test ", theme.muted)
            if let accuracy = result.testAccuracy {
                line.add(Format.percent(accuracy, 2), theme.good.emphasized)
            } else {
                line.add("loss " + Format.fixed(result.testLoss, 4), theme.good.emphasized)
            }
            if let reference = state.run?.referenceAccuracy {
                line.add(" (article \(Format.percent(Float(reference), 1)))", theme.muted, priority: 3)
            }
        }
        if let baseline = overlay.baseline {
            line.add("   \(lineGlyph) ", baseline.style)
            line.add("baseline ", theme.muted)
            line.add(baseline.label, theme.normal)
            if let accuracy = baseline.testAccuracy {
                line.add(" " + Format.percent(accuracy, 2), theme.normal, priority: 1)
            }
        }
        line.draw(into: &buffer, rect: rect)
    }

    /// Compared runs: each one's colour, label and final test accuracy; for a band, the mean
    /// and the spread of the test accuracies.
    private func drawLegend(into buffer: inout ScreenBuffer, rect: Rect) {
        var line = Segments()
        if overlay.drawsBand {
            let style = overlay.curves.first?.style ?? theme.normal
            line.add("\(theme.glyphs.levels[4]) mean of \(overlay.curves.count) ", style.emphasized)
            line.add("\(theme.glyphs.barEmpty) min-max", style, priority: 1)
            let accuracies = overlay.curves.compactMap(\.testAccuracy)
            if let low = accuracies.min(), let high = accuracies.max() {
                let mean = accuracies.reduce(0, +) / Float(accuracies.count)
                line.add("   test ", theme.muted)
                line.add(Format.percent(mean, 2), theme.good.emphasized)
                line.add(" (\(Format.percent(low, 2))-\(Format.percent(high, 2)))", theme.muted, priority: 2)
            }
        } else {
            line = compactLegend(width: rect.width)
        }
        line.draw(into: &buffer, rect: rect)
    }

    /// One entry per run, in the widest form that fits: two decimals and wide gaps, then one
    /// decimal and narrow gaps, then the accuracy of the run on screen alone.
    private func compactLegend(width: Int) -> Segments {
        var candidates: [Segments] = []
        for (decimals, gap, allAccuracies) in [(2, "  ", true), (1, " ", true), (1, " ", false)] {
            var line = Segments()
            for (index, curve) in overlay.curves.enumerated() {
                let isSelected = curve.label == overlay.selected
                line.add((index == 0 ? "" : gap) + lineGlyph, isSelected ? curve.style.emphasized : curve.style)
                line.add(" " + curve.label, isSelected ? theme.normal.emphasized : theme.normal)
                if let accuracy = curve.testAccuracy, allAccuracies || isSelected {
                    line.add(" " + Format.percent(accuracy, decimals), theme.muted)
                }
            }
            candidates.append(line)
        }
        return candidates.first { $0.fullWidth <= width } ?? candidates[candidates.count - 1]
    }

    /// The glyph that stands for a curve in a legend.
    private var lineGlyph: String { theme.glyphs.isUnicode ? "━" : "=" }

    // MARK: - Chart

    /// Draws a series over the steps of the epochs begun so far, so the chart fills its width
    /// and every validation point sits on an epoch boundary. Loss is drawn on a log scale,
    /// where the late, slow part of training is still visible.
    private func drawChart(
        _ panel: Panel, validation: [(EpochSummary, Float)], into buffer: inout ScreenBuffer, rect: Rect
    ) {
        guard rect.height >= 1 else { return }
        let (gutterArea, plot) = rect.splitLeft(gutter)
        let scale = Rect(x: gutterArea.x, y: gutterArea.y, width: gutter - 1, height: gutterArea.height)
        let perEpoch = max(state.stage?.stepsPerEpoch ?? 1, 1)
        let others = overlay.curves.map { ($0, panel.metric($0.state)) }
        let baseline = overlay.baseline.map { ($0, panel.metric($0.state)) }
        let lastStep =
            ([panel.series] + others.map(\.1) + (baseline.map { [$0.1] } ?? [])).compactMap(\.steps.last).max() ?? 0
        let total = MetricSeries.roundedUp(lastStep, toMultipleOf: perEpoch)
        func transform(_ value: Float) -> Float { panel.logarithmic ? log10(max(value, 1e-12)) : value }
        func columns(_ series: MetricSeries) -> [Float?] {
            series.columns(plot.width, totalSteps: total, smoothing: smoothing).map { $0.map(transform) }
        }
        let main = columns(panel.series)
        let otherColumns = others.map { (curve: $0.0, columns: columns($0.1)) }
        let baselineColumns = baseline.map { columns($0.1) } ?? []
        let points = validation.map { ($0.0, transform($0.1)) }
        let everything = main + otherColumns.flatMap(\.columns) + baselineColumns
        guard let range = Sparkline.range(of: everything.compactMap { $0 } + points.map(\.1)) else {
            buffer.put("waiting for the first batch", in: plot.row(plot.height / 2), style: theme.muted)
            return
        }
        func untransform(_ value: Float) -> Float { panel.logarithmic ? pow(10, value) : value }
        buffer.put(panel.label(untransform(range.upperBound)), in: scale.row(0), style: theme.muted, alignment: .right)
        if scale.height > 1 {
            buffer.put(
                panel.label(untransform(range.lowerBound)), in: scale.row(scale.height - 1), style: theme.muted,
                alignment: .right)
        }
        if otherColumns.isEmpty {
            Sparkline.bars(main, range: range, into: &buffer, rect: plot, glyphs: theme.glyphs, style: panel.style)
        } else if overlay.drawsBand {
            drawBand(
                otherColumns.map(\.columns), style: otherColumns[0].curve.style, range: range, into: &buffer, plot: plot
            )
        } else {
            // The run on screen last, so it stays on top where curves cross.
            let ordered =
                otherColumns.filter { $0.curve.label != overlay.selected }
                + otherColumns.filter {
                    $0.curve.label == overlay.selected
                }
            for (curve, columns) in ordered {
                let style = curve.label == overlay.selected ? curve.style.emphasized : curve.style
                Sparkline.tops(columns, range: range, into: &buffer, rect: plot, glyphs: theme.glyphs, style: style)
            }
        }
        if let style = overlay.baseline?.style {
            drawBaseline(baselineColumns, style: style, range: range, into: &buffer, plot: plot)
        }
        if !overlay.drawsBand {
            for (epoch, value) in points {
                let (step, overflow) = (epoch.epoch &+ 1).multipliedReportingOverflow(by: epoch.stepsPerEpoch)
                let column = MetricSeries.column(of: overflow ? Int.max : step, columns: plot.width, totalSteps: total)
                let row = Sparkline.row(of: value, range: range, rect: plot)
                buffer[plot.x + column, row] = ScreenBuffer.Cell(theme.glyphs.point, style: theme.validationPoint)
            }
        }
        for marker in overlay.markers where marker.globalStep >= 1 && marker.globalStep <= total {
            let column = MetricSeries.column(of: marker.globalStep, columns: plot.width, totalSteps: total)
            buffer[plot.x + column, plot.y] = ScreenBuffer.Cell(markerGlyph, style: theme.warning.emphasized)
        }
    }

    /// A seed set: the mean of the runs per column over the band from their lowest to highest.
    private func drawBand(
        _ runs: [[Float?]], style: CellStyle, range: ClosedRange<Float>, into buffer: inout ScreenBuffer, plot: Rect
    ) {
        let width = runs.map(\.count).min() ?? 0
        var lower: [Float?] = []
        var upper: [Float?] = []
        var mean: [Float?] = []
        for column in 0..<width {
            let values = runs.compactMap { $0[column] }.filter(\.isFinite)
            lower.append(values.min())
            upper.append(values.max())
            mean.append(values.isEmpty ? nil : values.reduce(0, +) / Float(values.count))
        }
        var shade = style
        shade.dim = true
        Sparkline.band(
            lower: lower, upper: upper, range: range, into: &buffer, rect: plot, glyph: theme.glyphs.barEmpty,
            style: shade)
        Sparkline.tops(mean, range: range, into: &buffer, rect: plot, glyphs: theme.glyphs, style: style.emphasized)
    }

    /// The baseline as a thin line across the bars, so it shows above and below them.
    private func drawBaseline(
        _ columns: [Float?], style: CellStyle, range: ClosedRange<Float>, into buffer: inout ScreenBuffer, plot: Rect
    ) {
        let glyph: Unicode.Scalar = theme.glyphs.isUnicode ? "─" : "-"
        for (offset, value) in columns.prefix(plot.width).enumerated() {
            guard let value, value.isFinite else { continue }
            buffer[plot.x + offset, Sparkline.row(of: value, range: range, rect: plot)] = ScreenBuffer.Cell(
                glyph, style: style)
        }
    }

    /// Marks a user's action (freeze, learning rate...) at the top of the chart.
    private var markerGlyph: Unicode.Scalar { theme.glyphs.isUnicode ? "▼" : "v" }
}
