import NeuroEngine
import Testing

@testable import Training

@Test func summaryOfTheArticlesSmallestMLPCountsLikeKeras() throws {
    var rng = SeededRandom(seed: 1)
    let model = try Sequential(
        inputShape: [784],
        layers: [Dense(units: 100, activation: .tanh), Dense(units: 10, activation: .softmax)], rng: &rng)
    let counts = model.parameterCounts
    let text = SummaryFormatter.table(
        title: "Tanh 100-10", layers: model.summary,
        counts: ParameterCounts(total: counts.total, trainable: counts.trainable))
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.contains("dense (Dense)") && $0.contains("(None, 100)") && $0.hasSuffix("78,500 │") })
    #expect(lines.contains { $0.contains("dense_1 (Dense)") && $0.contains("(None, 10)") && $0.hasSuffix("1,010 │") })
    #expect(lines.contains(" Total params: 79,510 (310.59 KB)"))
    #expect(lines.contains(" Trainable params: 79,510 (310.59 KB)"))
    #expect(lines.contains(" Non-trainable params: 0 (0.00 B)"))
    // Every table row has the same width.
    let widths = Set(lines.filter { $0.hasPrefix("┃") || $0.hasPrefix("│") || $0.hasPrefix("┏") }.map(\.count))
    #expect(widths.count == 1)
}

@Test func groupedThousands() {
    #expect(SummaryFormatter.grouped(0) == "0")
    #expect(SummaryFormatter.grouped(999) == "999")
    #expect(SummaryFormatter.grouped(1000) == "1,000")
    #expect(SummaryFormatter.grouped(1_234_567) == "1,234,567")
}
