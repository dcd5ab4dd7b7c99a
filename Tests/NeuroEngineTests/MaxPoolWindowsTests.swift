import Testing

@testable import NeuroEngine

/// Max pooling's 2x2 fast path (sixteen windows at a time with CVectorMath's pool.h on AVX-512,
/// four in the portable loop) against the scan the general path makes: each window's values in
/// the order top-left, top-right, bottom-left, bottom-right with a strict >, so the first of equal
/// values wins and a NaN first stays. The winners show in the backward pass, which routes each
/// window's gradient to its winner.
@Suite struct MaxPoolWindowsTests {
    @Test(arguments: [(2, 2), (28, 28), (14, 14), (6, 32), (4, 34), (7, 11), (5, 64), (3, 30)])
    func everyWindowPicksTheFirstLargestInScanOrder(height: Int, width: Int) throws {
        let layer = MaxPooling2D(poolSize: 2)
        var rng = SeededRandom(seed: UInt64(height * 100 + width))
        let channels = 3
        try layer.build(inputShape: [channels, height, width], rng: &rng)
        let batch = 3
        let (outHeight, outWidth) = (height / 2, width / 2)
        // Few distinct values (ties in most windows), and NaN, -0 and 0 among them.
        let choices: [Float] = [0, -0.0, 1, 2, -1, .nan, 2, 1]
        let input = Tensor(shape: [batch, channels, height, width])
        for i in 0..<input.count { input.pointer[i] = choices[Int(rng.nextUnit() * Float(choices.count)) % 8] }
        let output = layer.forward(input, mode: .training)
        let gradient = Tensor(shape: output.shape)
        for i in 0..<gradient.count { gradient.pointer[i] = Float(i + 1) }
        let inputGradient = try #require(layer.backward(gradient, needsInputGradient: true))

        var expectedOutput: [UInt32] = []
        let expectedGradient = Tensor(shape: input.shape)
        for plane in 0..<(batch * channels) {
            let x = input.pointer + plane * height * width
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    let positions = [0, 1, width, width + 1].map { 2 * oy * width + 2 * ox + $0 }
                    var winner = positions[0]
                    for position in positions.dropFirst() where x[position] > x[winner] { winner = position }
                    expectedOutput.append(x[winner].bitPattern)
                    let o = (plane * outHeight + oy) * outWidth + ox
                    expectedGradient.pointer[plane * height * width + winner] = gradient.pointer[o]
                }
            }
        }
        #expect((0..<output.count).map { output.pointer[$0].bitPattern } == expectedOutput)
        #expect(inputGradient.array == expectedGradient.array)
    }
}
