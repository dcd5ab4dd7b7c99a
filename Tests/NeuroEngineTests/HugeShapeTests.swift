import Testing

@testable import NeuroEngine

/// Shapes whose sizes multiply past `ModelError.largestTensor` (or past `Int.max`) are refused
/// when the model is built, whatever layer receives them, instead of overflowing.

private func buildError(inputShape: [Int], layers: [any Layer]) -> ModelError? {
    var rng = SeededRandom(seed: 1)
    do {
        _ = try Sequential(inputShape: inputShape, layers: layers, rng: &rng)
        return nil
    } catch {
        return error
    }
}

@Test(arguments: [
    [1, 4_000_000_000, 4_000_000_000], [4_000_000_000, 4_000_000_000, 4_000_000_000], [Int.max, Int.max, 1],
])
func everyLayerKindRefusesAnInputThatOverflows(shape: [Int]) {
    let kinds: [() -> any Layer] = [
        { Flatten() }, { BatchNormalization(axis: 1) }, { Reshape(targetShape: [-1]) }, { Dropout(rate: 0.5) },
    ]
    for makeLayer in kinds {
        let layer = makeLayer()
        let error = buildError(inputShape: shape, layers: [layer])
        #expect(error?.description.contains("the input shape") == true, "\(layer.kind): \(String(describing: error))")
        #expect(error?.description.contains("is too large (more than 268435456 values)") == true)
    }
}

@Test func anInputJustWithinTheLimitIsBuilt() {
    #expect(buildError(inputShape: [1, 1 << 14, 1 << 14], layers: [Flatten()]) == nil)
}

@Test func reshapeRefusesATargetShapeThatOverflows() {
    let target = [4_000_000_000, 4_000_000_000, 4_000_000_000, -1]
    let error = buildError(inputShape: [8], layers: [Reshape(targetShape: target)])
    #expect(error?.description.contains("target_shape") == true, "\(String(describing: error))")
}
