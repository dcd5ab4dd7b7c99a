import NeuroEngine
import Testing
import Training

/// `summary`'s table stays aligned whatever script the layer names are written in.
struct SummaryFormatterAlignmentTests {
    static func layer(_ name: String) -> LayerSummary {
        LayerSummary(
            name: name, kind: "Dense", outputShape: [100], parameterCount: 78_500, trainableParameterCount: 78_500,
            trainable: true, kernelCount: 78_400)
    }

    @Test func wideAndCombiningNamesKeepEveryRowTheSameWidth() {
        let names = ["dense", "全結合層", "🧠🧠 layer", "de\u{301}nse\u{301}", String(repeating: "層", count: 30)]
        let text = SummaryFormatter.table(
            title: "wide", layers: names.map(Self.layer),
            counts: ParameterCounts(total: 392_500, trainable: 392_500))
        let rows = text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("┃") || $0.hasPrefix("│") }
        #expect(rows.count == 6)
        #expect(Set(rows.map(\.displayWidth)) == [76], "\(rows)")
        #expect(rows.contains { $0.hasPrefix("│ 全結合層 (Dense) ") })
        // A name too long for its column is cut to whole characters, with an ellipsis.
        #expect(rows.contains { $0.contains("層層…") })
    }
}
