import Foundation
import NeuroEngine
import Training

/// A run snapshot as a checkpoint archive. The last stage's model keeps Keras's names
/// (`dense/kernel`, `batch_normalization/moving_mean`) so that other tools find the weights
/// where they expect them; earlier stages are prefixed `stage<k>/`. Per stage: the optimizer as
/// `optimizer/<slot>/<layer>/<parameter>`, `optimizer/iterations` (I64) and
/// `optimizer/learning_rate` (F32), layer generators as `<layer>/random` (I64[4]). Run-wide:
/// `run/random/{shuffle,augmentation,samples}` (I64[4]), `run/order` (I64), `run/epoch_loss_sum`
/// (F64), `run/examples` (U8, one standing per test example, after a classifying stage's first
/// validation; older checkpoints lack it), and in the metadata the position (`neurotop.position`), the frozen layers per stage
/// (`neurotop.frozen`), the stage count (`neurotop.stages`) and, when the user switched a stage's
/// optimizer (a fork's branch B), the optimizer per stage (`neurotop.optimizers`, null for the config's).
extension SafeTensorsArchive {
    public static let positionKey = "neurotop.position"
    public static let frozenKey = "neurotop.frozen"
    public static let stagesKey = "neurotop.stages"
    public static let optimizersKey = "neurotop.optimizers"
    public static let examplesName = "run/examples"

    /// The archive of `snapshot`.
    public init(snapshot: RunSnapshot) throws(SafeTensorsError) {
        self.init()
        let last = snapshot.stages.count - 1
        for (index, stage) in snapshot.stages.enumerated() {
            let prefix = Self.stagePrefix(index, last: last)
            for tensor in stage.weights {
                try add(prefix + tensor.name, float32: tensor.values, shape: tensor.shape)
            }
            for name in stage.layerGenerators.keys.sorted() {
                if let random = stage.layerGenerators[name] { try addGenerator(prefix + name + "/random", random) }
            }
            try add(prefix + "optimizer/iterations", int64: [Int64(stage.optimizerIterations)], shape: [])
            try add(prefix + "optimizer/learning_rate", float32: [stage.learningRate], shape: [])
            for tensor in stage.optimizerSlots {
                try add(prefix + "optimizer/" + tensor.name, float32: tensor.values, shape: tensor.shape)
            }
        }
        try addGenerator("run/random/shuffle", snapshot.shuffleRandom)
        try addGenerator("run/random/augmentation", snapshot.augmentationRandom)
        try addGenerator("run/random/samples", snapshot.sampleRandom)
        try add("run/order", int64: snapshot.order.map(Int64.init), shape: [snapshot.order.count])
        try add(
            "run/epoch_loss_sum", dtype: .float64, shape: [],
            bytes: LittleEndianBytes.encode([snapshot.position.epochLossSum.bitPattern]))
        if let history = snapshot.exampleHistory {
            try add(Self.examplesName, dtype: .uint8, shape: [history.count], bytes: history.rawValues)
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        metadata[Self.positionKey] = String(decoding: (try? encoder.encode(snapshot.position)) ?? Data(), as: UTF8.self)
        metadata[Self.frozenKey] = String(
            decoding: (try? encoder.encode(snapshot.stages.map(\.frozenLayers))) ?? Data(), as: UTF8.self)
        metadata[Self.stagesKey] = String(snapshot.stages.count)
        let switched = snapshot.stages.map(\.switchedOptimizer)
        if switched.contains(where: { $0 != nil }) {
            metadata[Self.optimizersKey] = String(decoding: (try? encoder.encode(switched)) ?? Data(), as: UTF8.self)
        }
    }

    /// The snapshot this archive holds; any part missing or of the wrong type is an error.
    public func runSnapshot() throws(SafeTensorsError) -> RunSnapshot {
        guard let countText = metadata[Self.stagesKey], let stageCount = Int(countText), stageCount >= 1,
            stageCount <= 1000
        else { throw .wrongTensor(name: "__metadata__/" + Self.stagesKey, expected: "a stage count", actual: "none") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let positionText = metadata[Self.positionKey],
            var position = try? decoder.decode(RunSnapshot.Position.self, from: Data(positionText.utf8))
        else {
            throw .wrongTensor(name: "__metadata__/" + Self.positionKey, expected: "the run position", actual: "none")
        }
        guard let frozenText = metadata[Self.frozenKey],
            let frozen = try? decoder.decode([[String]].self, from: Data(frozenText.utf8)), frozen.count == stageCount
        else {
            throw .wrongTensor(
                name: "__metadata__/" + Self.frozenKey, expected: "frozen layers per stage", actual: "none")
        }
        var switched = [RunSnapshot.SwitchedOptimizer?](repeating: nil, count: stageCount)
        if let text = metadata[Self.optimizersKey] {
            guard let decoded = try? decoder.decode([RunSnapshot.SwitchedOptimizer?].self, from: Data(text.utf8)),
                decoded.count == stageCount
            else {
                throw .wrongTensor(
                    name: "__metadata__/" + Self.optimizersKey, expected: "an optimizer per stage",
                    actual: String(text.prefix(80)))
            }
            switched = decoded
        }
        let lossSum = try float64Scalar("run/epoch_loss_sum")
        position.epochLossSum = lossSum

        let last = stageCount - 1
        var stages: [RunSnapshot.Stage] = []
        for index in 0..<stageCount {
            let prefix = Self.stagePrefix(index, last: last)
            var weights: [RunSnapshot.NamedTensor] = []
            var slots: [RunSnapshot.NamedTensor] = []
            var generators: [String: SeededRandom] = [:]
            for entry in entries where Self.stage(of: entry.name, last: last) == index {
                let name = String(entry.name.dropFirst(prefix.count))
                if name == "optimizer/iterations" || name == "optimizer/learning_rate" { continue }
                if name.hasPrefix("optimizer/") {
                    let values = try float32(entry.name)
                    slots.append(
                        .init(name: String(name.dropFirst("optimizer/".count)), shape: entry.shape, values: values))
                } else if name.hasSuffix("/random") {
                    generators[String(name.dropLast("/random".count))] = try generator(entry.name)
                } else {
                    weights.append(.init(name: name, shape: entry.shape, values: try float32(entry.name)))
                }
            }
            let iterations = try int64(prefix + "optimizer/iterations", shape: [])
            let rate = try float32(prefix + "optimizer/learning_rate", shape: [])
            guard let count = iterations.first, (0...Self.largestIterationCount).contains(count),
                let learningRate = rate.first
            else {
                throw .wrongTensor(
                    name: prefix + "optimizer/iterations", expected: Self.iterationCountExpected,
                    actual: "\(iterations)")
            }
            stages.append(
                RunSnapshot.Stage(
                    weights: weights, optimizerSlots: slots, optimizerIterations: Int(count),
                    learningRate: learningRate,
                    frozenLayers: frozen[index], layerGenerators: generators, switchedOptimizer: switched[index]))
        }
        let order = try int64("run/order")
        guard let orderEntry = entry(named: "run/order"), orderEntry.shape.count == 1 else {
            throw .wrongTensor(name: "run/order", expected: "a list", actual: "another shape")
        }
        return RunSnapshot(
            stages: stages, position: position, shuffleRandom: try generator("run/random/shuffle"),
            augmentationRandom: try generator("run/random/augmentation"),
            sampleRandom: try generator("run/random/samples"), order: order.map { Int($0) },
            exampleHistory: try exampleHistory())
    }

    /// The test examples' standings, nil when the checkpoint has none (written before the
    /// first validation, or by a neurotop that did not keep them).
    private func exampleHistory() throws(SafeTensorsError) -> ExampleHistory? {
        guard let entry = entry(named: Self.examplesName) else { return nil }
        guard entry.dtype == .uint8, entry.shape.count == 1 else {
            throw .wrongTensor(
                name: Self.examplesName, expected: "U8 [n]", actual: "\(entry.dtype.rawValue) \(entry.shape)")
        }
        guard let history = ExampleHistory(rawValues: entry.bytes) else {
            throw .wrongTensor(
                name: Self.examplesName, expected: "standings of 0, 1 or 2", actual: "a value outside them")
        }
        return history
    }

    /// `stage<k>/` for every stage but the last, whose names are Keras's own.
    static func stagePrefix(_ index: Int, last: Int) -> String {
        index == last ? "" : "stage\(index)/"
    }

    /// The stage a tensor belongs to, or nil for the run's own tensors.
    static func stage(of name: String, last: Int) -> Int? {
        if name.hasPrefix("run/") { return nil }
        if name.hasPrefix("stage"), let slash = name.firstIndex(of: "/"),
            let index = Int(name[name.index(name.startIndex, offsetBy: 5)..<slash]), index >= 0, index < last
        {
            return index
        }
        return last
    }

    private func float64Scalar(_ name: String) throws(SafeTensorsError) -> Double {
        guard let entry = entry(named: name) else { throw .missingTensor(name) }
        guard entry.dtype == .float64, entry.shape == [],
            let bits = LittleEndianBytes.decode(entry.bytes, as: UInt64.self).first
        else { throw .wrongTensor(name: name, expected: "F64 []", actual: "\(entry.dtype.rawValue) \(entry.shape)") }
        return Double(bitPattern: bits)
    }
}
