import NeuroEngine

/// A model and its optimizer in a safetensors archive, under Keras's names: each weight as
/// `<layer>/<parameter>` (`dense/kernel`, `batch_normalization/moving_mean`), the optimizer's
/// tensors as `optimizer/<slot>/<layer>/<parameter>` with `optimizer/iterations`, and the
/// generators of layers that draw random numbers as `<layer>/random` (four state words).
extension SafeTensorsArchive {
    /// Adds every weight, learnable or not, and the layers' generators.
    public mutating func addModel(_ model: Sequential, prefix: String = "") throws(SafeTensorsError) {
        for layer in model.layers {
            for parameter in layer.parameters {
                try add(
                    prefix + layer.name + "/" + parameter.name, float32: parameter.value.array,
                    shape: parameter.value.shape)
            }
            if let drawing = layer as? any RandomDrawingLayer {
                try add(
                    prefix + layer.name + "/random", int64: drawing.random.stateWords.map(Int64.init(bitPattern:)),
                    shape: [4])
            }
        }
    }

    /// Adds the optimizer's step count and its tensors for every learnable weight of `model`.
    public mutating func addOptimizer(
        _ optimizer: any Optimizer, of model: Sequential, prefix: String = "optimizer/"
    ) throws(SafeTensorsError) {
        try add(prefix + "iterations", int64: [Int64(optimizer.iterations)], shape: [])
        for layer in model.layers {
            for parameter in layer.parameters where parameter.isLearnable {
                for slot in optimizer.slots(for: parameter) {
                    try add(
                        prefix + slot.name + "/" + layer.name + "/" + parameter.name, float32: slot.tensor.array,
                        shape: slot.tensor.shape)
                }
            }
        }
    }

    /// Puts the saved weights and generators back into `model`, which must have the same layers;
    /// nothing is changed unless every tensor is there with the right shape.
    public func restoreModel(_ model: Sequential, prefix: String = "") throws(SafeTensorsError) {
        var writes: [(Tensor, [Float])] = []
        var generators: [(any RandomDrawingLayer, SeededRandom)] = []
        for layer in model.layers {
            for parameter in layer.parameters {
                let name = prefix + layer.name + "/" + parameter.name
                writes.append((parameter.value, try float32(name, shape: parameter.value.shape)))
            }
            if let drawing = layer as? any RandomDrawingLayer {
                generators.append((drawing, try generator(prefix + layer.name + "/random")))
            }
        }
        for (tensor, values) in writes { tensor.assign(values) }
        for (layer, random) in generators { layer.random = random }
    }

    /// The most optimizer steps a checkpoint may claim (2^53, far beyond any run): the optimizer
    /// counts on from it, so a count near `Int64.max` would overflow on the next step.
    static let largestIterationCount: Int64 = 1 << 53
    static let iterationCountExpected = "a count from 0 to \(largestIterationCount)"

    /// Puts the saved optimizer state back; the optimizer must belong to a model of the same layers.
    public func restoreOptimizer(
        _ optimizer: any Optimizer, of model: Sequential, prefix: String = "optimizer/"
    ) throws(SafeTensorsError) {
        let iterations = try int64(prefix + "iterations", shape: [])
        var writes: [(Tensor, [Float])] = []
        for layer in model.layers {
            for parameter in layer.parameters where parameter.isLearnable {
                for slot in optimizer.slots(for: parameter) {
                    let name = prefix + slot.name + "/" + layer.name + "/" + parameter.name
                    writes.append((slot.tensor, try float32(name, shape: slot.tensor.shape)))
                }
            }
        }
        guard let count = iterations.first, (0...Self.largestIterationCount).contains(count) else {
            throw .wrongTensor(
                name: prefix + "iterations", expected: Self.iterationCountExpected, actual: "\(iterations)")
        }
        for (tensor, values) in writes { tensor.assign(values) }
        optimizer.iterations = Int(count)
    }

    /// Adds a generator's state as four words.
    public mutating func addGenerator(_ name: String, _ random: SeededRandom) throws(SafeTensorsError) {
        try add(name, int64: random.stateWords.map(Int64.init(bitPattern:)), shape: [4])
    }

    /// A generator saved with `addGenerator`.
    public func generator(_ name: String) throws(SafeTensorsError) -> SeededRandom {
        let words = try int64(name, shape: [4]).map(UInt64.init(bitPattern:))
        guard let random = SeededRandom(stateWords: words) else {
            throw .wrongTensor(name: name, expected: "a generator state", actual: "all zeros")
        }
        return random
    }
}

extension Tensor {
    /// Overwrites the elements with `values`, checked by the caller to be as many.
    fileprivate func assign(_ values: [Float]) {
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: min(count, values.count)) }
        }
    }
}
