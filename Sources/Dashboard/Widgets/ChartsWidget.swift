import Foundation
import Training

/// Loss and accuracy over the stage's batches, smoothed, with the validation figure of every
/// finished epoch marked at the step where the epoch ended.
struct ChartsWidget {
    let state: DashboardState
    let smoothing: Float
    let theme: Theme

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
        "loss" + ((state.stage?.reportsAccuracy ?? true) ? " & accuracy" : "") + " per batch"
    }

    // MARK: - Panels

    /// One chart: its series, how its figures read and which epoch figure it marks.
    private struct Panel {
        let heading: String
        let series: MetricSeries
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
            heading: "loss ", series: state.losses, epochAverage: state.batch?.epochLoss,
            validation: \.validationLoss, style: theme.lossSeries, logarithmic: true,
            latest: { Format.fixed($0, 4) }, summary: { Format.fixed($0, 4) },
            label: { Format.fixed($0, $0 < 1 ? 3 : 2) })
        draw(panel, into: &buffer, rect: rect)
    }

    private func drawAccuracy(into buffer: inout ScreenBuffer, rect: Rect) {
        let panel = Panel(
            heading: "acc  ", series: state.accuracies, epochAverage: state.batch?.epochAccuracy,
            validation: \.validationAccuracy, style: theme.accuracySeries, logarithmic: false,
            latest: { Format.percent($0, 1) }, summary: { Format.percent($0, 2) },
            label: { Format.percent($0, 1) })
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
            panel.series, validation: points, into: &buffer,
            rect: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1),
            style: panel.style, logarithmic: panel.logarithmic, label: panel.label)
    }

    private func drawFooter(into buffer: inout ScreenBuffer, rect: Rect) {
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
        line.draw(into: &buffer, rect: rect)
    }

    // MARK: - Chart

    /// Draws a series over the steps of the epochs begun so far, so the chart fills its width
    /// and every validation point sits on an epoch boundary. Loss is drawn on a log scale,
    /// where the late, slow part of training is still visible.
    private func drawChart(
        _ series: MetricSeries, validation: [(EpochSummary, Float)], into buffer: inout ScreenBuffer, rect: Rect,
        style: CellStyle, logarithmic: Bool, label: (Float) -> String
    ) {
        guard rect.height >= 1 else { return }
        let (gutterArea, plot) = rect.splitLeft(gutter)
        let scale = Rect(x: gutterArea.x, y: gutterArea.y, width: gutter - 1, height: gutterArea.height)
        let perEpoch = max(state.stage?.stepsPerEpoch ?? 1, 1)
        let lastStep = series.steps.last ?? 0
        let total = max(1, (lastStep + perEpoch - 1) / perEpoch) * perEpoch
        func transform(_ value: Float) -> Float { logarithmic ? log10(max(value, 1e-12)) : value }
        let columns = series.columns(plot.width, totalSteps: total, smoothing: smoothing).map { $0.map(transform) }
        let points = validation.map { ($0.0, transform($0.1)) }
        guard let range = Sparkline.range(of: columns.compactMap { $0 } + points.map(\.1)) else {
            buffer.put("waiting for the first batch", in: plot.row(plot.height / 2), style: theme.muted)
            return
        }
        func untransform(_ value: Float) -> Float { logarithmic ? pow(10, value) : value }
        buffer.put(label(untransform(range.upperBound)), in: scale.row(0), style: theme.muted, alignment: .right)
        if scale.height > 1 {
            buffer.put(
                label(untransform(range.lowerBound)), in: scale.row(scale.height - 1), style: theme.muted,
                alignment: .right)
        }
        Sparkline.bars(columns, range: range, into: &buffer, rect: plot, glyphs: theme.glyphs, style: style)
        for (epoch, value) in points {
            let step = (epoch.epoch + 1) * epoch.stepsPerEpoch
            let column = min(plot.width - 1, max(0, (step - 1) * plot.width / total))
            let row = Sparkline.row(of: value, range: range, rect: plot)
            buffer[plot.x + column, row] = ScreenBuffer.Cell(theme.glyphs.point, style: theme.validationPoint)
        }
    }
}
