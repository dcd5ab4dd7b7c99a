/// The weight matrix of a layer that maps a flat input to `units` values (Dense, TiedAutoencoder).
enum FlatKernel {
    /// Checks that the input is a flat vector and the sizes are sane, then makes and initialises
    /// the `[inputs, units]` kernel.
    ///
    /// - Returns: the input width and the kernel.
    static func make(
        inputShape: [Int], units: Int, layer: String, initializer: Initializer, rng: inout SeededRandom
    ) throws(ModelError) -> (inputs: Int, kernel: Parameter) {
        guard inputShape.count == 1, let inputs = inputShape.first, inputs > 0 else {
            throw .invalidInputShape(layer: layer, shape: inputShape, expected: "a flat vector (add Flatten)")
        }
        guard units > 0 else { throw .invalidArgument(layer: layer, message: "units must be positive") }
        try ModelError.checkSize([inputs, units], layer: layer, what: "the kernel")
        let kernel = initializer.parameter(
            "kernel", shape: [inputs, units], isKernel: true, fanIn: inputs, fanOut: units, rng: &rng)
        return (inputs, kernel)
    }
}
