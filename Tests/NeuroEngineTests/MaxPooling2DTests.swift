import Testing

@testable import NeuroEngine

@Test func maxPoolingPicksTheLargestOfEachWindow() throws {
    let layer = try built(MaxPooling2D(), on: [1, 4, 4])
    let input = Tensor(
        shape: [1, 1, 4, 4],
        values: [
            1, 5, 2, 0,
            3, 4, 8, 1,
            0, 0, -1, -2,
            9, 0, -3, -4,
        ])
    let y = layer.forward(input, mode: .training)
    #expect(y.shape == [1, 1, 2, 2])
    #expect(y.array == [5, 8, 9, -1])
    let dx = try #require(
        layer.backward(Tensor(shape: [1, 1, 2, 2], values: [10, 20, 30, 40]), needsInputGradient: true))
    #expect(
        dx.array == [
            0, 10, 0, 0,
            0, 0, 20, 0,
            0, 0, 40, 0,
            30, 0, 0, 0,
        ])
}

@Test func maxPoolingRoutesTiesToTheFirstMaximumInScanOrder() throws {
    let layer = try built(MaxPooling2D(), on: [1, 2, 4])
    let input = Tensor(
        shape: [1, 1, 2, 4],
        values: [
            7, 7, 0, 3,
            7, 7, 3, 3,
        ])
    #expect(layer.forward(input, mode: .training).array == [7, 3])
    let dx = try #require(layer.backward(Tensor(shape: [1, 1, 1, 2], values: [1, 2]), needsInputGradient: true))
    // First window: all four tie, the top-left wins. Second: 3 first appears top-right.
    #expect(dx.array == [1, 0, 0, 2, 0, 0, 0, 0])
}

/// A tensor whose values are a shuffled ladder with rungs 0.1 apart, so a nudge of 0.01 never
/// changes which element of a window is largest.
private func distinctValues(_ shape: [Int], seed: UInt64) -> Tensor {
    let tensor = Tensor(shape: shape)
    var ladder = (0..<tensor.count).map { Float($0) * 0.1 - Float(tensor.count) * 0.05 }
    var rng = SeededRandom(seed: seed)
    ladder.shuffle(using: &rng)
    for i in 0..<tensor.count { tensor[i] = ladder[i] }
    return tensor
}

@Test(arguments: [(2, 2, Padding.valid, 5), (2, 2, .valid, 10), (2, 2, .same, 5), (3, 2, .valid, 7), (3, 1, .same, 4)])
func maxPoolingGradientsMatchFiniteDifferences(pool: Int, stride: Int, padding: Padding, size: Int) throws {
    let layer = try built(MaxPooling2D(poolSize: pool, strides: stride, padding: padding), on: [2, size, size])
    let report = GradientCheck.check(layer, input: distinctValues([2, 2, size, size], seed: 3), mode: .training)
    #expect(report.passed, "\(report)")
}

@Test func maxPoolingShapesFollowKeras() throws {
    #expect(try built(MaxPooling2D(), on: [10, 28, 28]).outputShape == [10, 14, 14])
    #expect(try built(MaxPooling2D(), on: [10, 7, 7]).outputShape == [10, 3, 3])
    #expect(try built(MaxPooling2D(poolSize: 2, padding: .same), on: [10, 7, 7]).outputShape == [10, 4, 4])
    #expect(try built(MaxPooling2D(poolSize: 3, strides: 1), on: [1, 5, 6]).outputShape == [1, 3, 4])
    let layer = try built(MaxPooling2D(), on: [1, 4, 4])
    #expect(layer.kind == "MaxPooling2D" && layer.name == "max_pooling2d" && layer.parameterCount == 0)
}

/// Pooling written from the definition: each window scanned row by row, the first largest wins.
private func referencePooling(_ input: Tensor, pool: Int, stride: Int) -> (values: [Float], winners: [Int]) {
    let (planes, h, w) = (input.shape[0] * input.shape[1], input.shape[2], input.shape[3])
    let (oh, ow) = ((h - pool) / stride + 1, (w - pool) / stride + 1)
    var values: [Float] = []
    var winners: [Int] = []
    for p in 0..<planes {
        for oy in 0..<oh {
            for ox in 0..<ow {
                var best = -Float.infinity
                var winner = -1
                for y in (oy * stride)..<(oy * stride + pool) {
                    for x in (ox * stride)..<(ox * stride + pool) where input[(p * h + y) * w + x] > best {
                        best = input[(p * h + y) * w + x]
                        winner = (p * h + y) * w + x
                    }
                }
                values.append(best)
                winners.append(winner)
            }
        }
    }
    return (values, winners)
}

@Test(arguments: [(2, 2), (3, 2), (2, 1)])
func maxPoolingMatchesTheDefinitionWithManyTies(pool: Int, stride: Int) throws {
    // Width 21 gives 2x2 pooling ten windows a row: vector blocks of four and a remainder.
    let layer = try built(MaxPooling2D(poolSize: pool, strides: stride), on: [3, 10, 21])
    var rng = SeededRandom(seed: 4)
    let input = Tensor(shape: [2, 3, 10, 21])
    for i in 0..<input.count { input[i] = Float(rng.next() % 3) }
    let expected = referencePooling(input, pool: pool, stride: stride)
    #expect(layer.forward(input, mode: .training).array == expected.values)
    let gradient = randomTensor([2] + layer.outputShape, seed: 5)
    let dx = try #require(layer.backward(gradient, needsInputGradient: true)).array
    var routed = [Float](repeating: 0, count: input.count)
    for (o, winner) in expected.winners.enumerated() { routed[winner] += gradient[o] }
    #expect(zip(dx, routed).allSatisfy { abs($0 - $1) < 1e-6 })
}

@Test(arguments: [[3, 10, 20], [2, 8, 8], [1, 2, 2]])
func maxPoolingTiledBackwardWritesEveryInputOnce(shape: [Int]) throws {
    // 2x2 windows tiling the input exactly take the one-write path; rows of ten windows give
    // blocks of four and a remainder. Stale values in the gradient tensor must not survive.
    let layer = try built(MaxPooling2D(), on: shape)
    var rng = SeededRandom(seed: 9)
    let input = Tensor(shape: [2] + shape)
    for i in 0..<input.count { input[i] = Float(rng.next() % 3) }
    let expected = referencePooling(input, pool: 2, stride: 2)
    #expect(layer.forward(input, mode: .training).array == expected.values)
    _ = layer.backward(Tensor(shape: [2] + layer.outputShape, repeating: 7), needsInputGradient: true)
    let gradient = randomTensor([2] + layer.outputShape, seed: 6)
    let dx = try #require(layer.backward(gradient, needsInputGradient: true)).array
    var routed = [Float](repeating: 0, count: input.count)
    for (o, winner) in expected.winners.enumerated() { routed[winner] += gradient[o] }
    #expect(dx == routed)
}
