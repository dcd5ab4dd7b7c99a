import Foundation
import RunsTestSupport
import Testing
import Training

@testable import Runs

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The SVG plot: well-formed XML with the series, legend and markers it should have.
@Suite struct CurvePlotTests {
    /// Every element of a parsed document, with its attributes, and the document's text.
    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var text = ""
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    private func parse(_ svg: String) throws -> Collector {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        let parsed = parser.parse()
        #expect(parsed, "not XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        return collector
    }

    private func history(accuracy: Float, interventions: [Intervention] = []) -> RunHistory {
        RunHistory(
            entries: RunFixture.events(epochs: 3, steps: 5, accuracy: accuracy).map { .event($0) }
                + interventions.map { .intervention($0) })
    }

    @Test func twoRunsGiveEveryPanelTheirSeriesAndTheLegendTheirAccuracy() throws {
        let plot = CurvePlot(runs: [
            CurvePlot.Run(
                label: "first",
                history: history(
                    accuracy: 0.9, interventions: [Intervention(action: .freeze, globalStep: 7, layer: "dense")])),
            CurvePlot.Run(label: "second & <more>", history: history(accuracy: 0.8)),
        ])
        let document = try parse(plot.svg())
        #expect(document.elements.first?.name == "svg")
        let panels = document.elements.filter { $0.attributes["class"] == "panel" }.compactMap {
            $0.attributes["data-panel"]
        }
        #expect(panels == ["loss-epoch", "accuracy-epoch", "loss-batch", "accuracy-batch"])
        let series = document.elements.filter { $0.attributes["class"] == "series" }
        // Per run: train and validation in both epoch panels, raw and smoothed in both batch panels.
        for run in ["first", "second & <more>"] {
            let kinds = series.filter { $0.attributes["data-run"] == run }.compactMap { $0.attributes["data-kind"] }
            #expect(
                kinds.sorted() == [
                    "batch", "batch", "smoothed", "smoothed", "train", "train", "validation", "validation",
                ])
        }
        #expect(Set(series.compactMap { $0.attributes["stroke"] }) == [CurvePlot.colour(0), CurvePlot.colour(1)])
        #expect(document.text.contains("first · test accuracy 90.00% · 1 intervention"))
        #expect(document.text.contains("second & <more> · test accuracy 80.00%"))
        // The freeze at step 7 in all four panels, labelled.
        let markers = document.elements.filter { $0.attributes["class"] == "intervention" }
        #expect(markers.count == 4)
        #expect(markers.allSatisfy { $0.attributes["data-action"] == "freeze" && $0.attributes["data-run"] == "first" })
        #expect(document.text.contains("freeze dense"))
        // Axes carry their labels.
        for label in ["epoch", "step", "loss", "accuracy"] { #expect(document.text.contains(label)) }
        // Points lie inside the 1000-pixel-wide picture.
        let xs = document.elements.filter { $0.name == "polyline" }.flatMap {
            ($0.attributes["points"] ?? "").split(separator: " ").compactMap { Double($0.split(separator: ",")[0]) }
        }
        #expect(!xs.isEmpty && xs.allSatisfy { (0...CurvePlot.width).contains($0) })
    }

    @Test func aNonFiniteLossBreaksTheLineInsteadOfLeavingThePlot() throws {
        var events = RunFixture.events(epochs: 1, steps: 9)
        for index in events.indices {
            if case .batchEnded(var progress) = events[index], progress.globalStep == 5 {
                progress.loss = .nan
                events[index] = .batchEnded(progress)
            }
        }
        let plot = CurvePlot(runs: [
            CurvePlot.Run(label: "nan", history: RunHistory(entries: events.map { .event($0) }))
        ])
        let svg = plot.svg()
        #expect(!svg.contains("nan,") && !svg.contains(",nan") && !svg.lowercased().contains("inf,"))
        let document = try parse(svg)
        let rawLoss = document.elements.drop { !($0.attributes["data-panel"] == "loss-batch") }
            .drop { $0.attributes["data-kind"] != "batch" }.dropFirst().prefix { $0.name == "polyline" }
        #expect(rawLoss.count == 2)
    }

    @Test func anAutoencoderStageSaysItHasNoAccuracy() throws {
        var events = RunFixture.events(epochs: 1, steps: 3)
        if case .stageStarted(var info) = events[1] {
            info.reportsAccuracy = false
            events[1] = .stageStarted(info)
        }
        let document = try parse(
            CurvePlot(runs: [CurvePlot.Run(label: "ae", history: RunHistory(entries: events.map { .event($0) }))]).svg()
        )
        #expect(document.text.contains("no accuracy recorded"))
        let kinds = document.elements.filter { $0.attributes["class"] == "series" }.compactMap {
            $0.attributes["data-kind"]
        }
        #expect(kinds.sorted() == ["batch", "smoothed", "train", "validation"])
    }

    @Test func ticksAreRoundNumbersCoveringTheData() {
        let axis = PlotAxis(covering: [0.13, 2.41], from: 0, to: 100)
        #expect(axis.lower == 0 && axis.upper == 2.5 && axis.step == 0.5)
        #expect(axis.ticks.map(axis.label) == ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        #expect(axis.position(1.25) == 50)
        let steps = PlotAxis(covering: [1, 1873], integers: true, from: 0, to: 1)
        #expect(steps.ticks.map(steps.label) == ["0", "500", "1000", "1500", "2000"])
        let flat = PlotAxis(covering: [0.5, 0.5], from: 0, to: 1)
        #expect(flat.lower < 0.5 && flat.upper > 0.5)
    }
}
