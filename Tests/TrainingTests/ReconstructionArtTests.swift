import Testing

@testable import Training

/// A 4x4 image: a bright vertical bar in column 1.
private let bar: [Float] = [0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]

@Test func imageUsesOneCharacterPerColumnAndOneLinePerTwoRows() {
    let lines = ReconstructionArt.image(for: bar, rows: 4, columns: 4, scale: 1)
    #expect(lines == [" @  ", " @  "])
    // Half as bright lands in the middle of the ramp; values beyond 1 saturate.
    #expect(ReconstructionArt.image(for: bar, rows: 4, columns: 4, scale: 0.5) == [" +  ", " +  "])
    #expect(ReconstructionArt.image(for: bar, rows: 4, columns: 4, scale: 3) == lines)
}

@Test func reconstructionsAreStretchedToTheirMaximumAndTheScaleIsShown() {
    let faint = bar.map { $0 * 0.25 }
    let samples = SampleSnapshot(rows: 4, columns: 4, inputs: [bar], labels: [7], reconstructions: [faint])
    let text = ReconstructionArt.render(samples, count: 8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "#1  label 7")
    #expect(lines[1].hasPrefix("input") && lines[1].hasSuffix("reconstruction"))
    // Columns are as wide as the longest caption, three spaces apart; input and (scaled)
    // reconstruction look the same.
    let gap = String(repeating: " ", count: 14 - 2 + 3)
    #expect(lines[2] == " @" + gap + " @")
    #expect(lines[3] == " @" + gap + " @")
    #expect(lines[4] == String(repeating: " ", count: 17) + "x4.00")
    #expect(lines.count == 5)
}

@Test func denoisingSamplesShowCleanCorruptedAndReconstructed() {
    var noisy = bar
    noisy[3] = 1.8
    noisy[7] = 1.8
    let samples = SampleSnapshot(
        rows: 4, columns: 4, inputs: [noisy, bar], labels: [1, 2], reconstructions: [bar, bar], cleanInputs: [bar, bar])
    let text = ReconstructionArt.render(samples, count: 1)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[1].contains("clean") && lines[1].contains("corrupted") && lines[1].contains("reconstruction"))
    // The corrupted input is drawn as it is: its noisy pixel saturates, the digit keeps its level.
    let gap = String(repeating: " ", count: 14 - 4 + 3)
    #expect(lines[2] == " @  " + gap + " @ @" + gap + " @")
    #expect(!text.contains("#2"), "count limits the samples shown")
}

@Test func classificationSamplesRenderNothing() {
    let samples = SampleSnapshot(rows: 4, columns: 4, inputs: [bar], labels: [1], predictions: [1])
    #expect(ReconstructionArt.render(samples, count: 4).isEmpty)
}
