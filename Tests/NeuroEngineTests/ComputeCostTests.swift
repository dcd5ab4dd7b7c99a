import Testing

@testable import NeuroEngine

/// FLOP counts of the matrix products the layers perform.

@Test func convReportsOneProductPerLoweredGroupOfSamples() throws {
    let conv = try built(Conv2D(filters: 10, kernelSize: 3, padding: .same, useBias: false), on: [1, 28, 28])
    // Unit strides: each 28-pixel output row is computed 30 wide (the padded width) and the last
    // two columns discarded, so a sample is 28·30 = 840 columns of 9 taps. The default column
    // budget of 65,536 floats holds 8 samples (8·9·840 = 60,480).
    let products = conv.forwardProducts(batch: 64)
    #expect(products == Array(repeating: GEMMShape(m: 10, n: 8 * 840, k: 9), count: 8))
    #expect(
        conv.forwardProducts(batch: 20) == [
            GEMMShape(m: 10, n: 8 * 840, k: 9), GEMMShape(m: 10, n: 8 * 840, k: 9), GEMMShape(m: 10, n: 4 * 840, k: 9),
        ])
    #expect(conv.forwardProducts(batch: 0).isEmpty)
}

@Test func convProductsAreTheOnesItsForwardPassMultiplies() throws {
    // A strided convolution is lowered without discarded columns: 3x3 outputs per sample.
    let conv = try built(Conv2D(filters: 4, kernelSize: 2, strides: 2, padding: .valid), on: [3, 6, 6])
    conv.columnBudget = 2 * 12 * 9
    #expect(
        conv.forwardProducts(batch: 5) == [
            GEMMShape(m: 4, n: 18, k: 12), GEMMShape(m: 4, n: 18, k: 12), GEMMShape(m: 4, n: 9, k: 12),
        ])
}

@Test func convModelFlopsCountTheConvolutionAndTheDense() throws {
    var rng = SeededRandom(seed: 1)
    let model = try Sequential(
        inputShape: [1, 28, 28],
        layers: [
            Conv2D(filters: 10, kernelSize: 3, padding: .same, useBias: false), BatchNormalization(axis: 1),
            ActivationLayer(.relu), Flatten(), Dense(units: 10, activation: .softmax),
        ],
        rng: &rng)
    let conv = 2 * 10 * 840 * 9
    let dense = 2 * 7_840 * 10
    #expect(model.flopsPerSample.inference == conv + dense)
    // The convolution is the lowest product layer: no input gradient, so twice its forward cost.
    #expect(model.flopsPerSample.training == 2 * conv + 3 * dense)
    #expect(model.trainingProducts(batch: 64).contains(GEMMShape(m: 10, n: 6_720, k: 9)))
}
