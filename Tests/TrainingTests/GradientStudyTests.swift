import Datasets
import Experiments
import Foundation
import NeuroEngine
import Testing
import Training

/// The gradient study on a dataset: which samples, which targets, and the figures.
@Suite struct GradientStudyTests {
    @Test func firstSamplesAreTheFirstTrainingImagesInOrderWithOneHotLabels() {
        let data = syntheticDataset(train: 20, test: 4)
        let (input, target) = GradientStudy.firstSamples(of: data, count: 5, inputShape: [1, 4, 4])
        #expect(input.shape == [5, 1, 4, 4])
        #expect(target.shape == [5, 10])
        for row in 0..<5 {
            #expect(Array(input.array[(row * 16)..<((row + 1) * 16)]) == data.train.image(row))
            let labels = (0..<10).filter { target[row * 10 + $0] == 1 }
            #expect(labels == [Int(data.train.labels[row])])
            #expect((0..<10).map { target[row * 10 + $0] }.reduce(0, +) == 1)
        }
    }

    @Test func measureIsTheKernelTableOfTheFirstSamples() throws {
        let data = syntheticDataset(train: 50, test: 4)
        let plan = try syntheticPlan(data: data)
        let model = try #require(plan.stages.first?.model)
        let rows = GradientStudy.measure(model, loss: .categoricalCrossentropy, data: data, samples: 5)
        let (input, target) = GradientStudy.firstSamples(of: data, count: 5, inputShape: [16])
        #expect(rows == model.kernelGradients(input: input, target: target, loss: .categoricalCrossentropy))
        #expect(rows.map(\.layerName) == ["dense", "dense_1"])
        // A different sample count is a different loss and a different figure.
        let three = GradientStudy.measure(model, loss: .categoricalCrossentropy, data: data, samples: 3)
        #expect(three.map(\.meanAbsGradient) != rows.map(\.meanAbsGradient))
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func articleGradientFindingsHoldOnTheFirstFiveMNISTDigits(seed: UInt64) throws {
        let mnist = try DatasetCatalog.load(name: "mnist", directory: nil)
        let data = Dataset(name: "mnist", train: mnist.train.prefix(5), test: mnist.test.prefix(5))
        func study(_ name: String) throws -> [Float] {
            let stage = try #require(try ConfigLoader.load(name).makePlan(data: data, seed: seed).stages.last)
            return GradientStudy.measure(stage.model, loss: stage.loss, data: data, samples: 5).map(\.meanAbsGradient)
        }
        // Tanh 100-100-100-100-10: the lowest layer near the article's 0.0052 and well below
        // layers 2-4, the output layer the largest.
        let mlp = try study("mlp-tanh-4")
        #expect(mlp.count == 5)
        #expect((0.003...0.008).contains(mlp[0]), "\(mlp)")
        #expect(mlp[1...3].allSatisfy { $0 >= 1.5 * mlp[0] }, "\(mlp)")
        #expect(mlp.dropLast().allSatisfy { $0 < mlp[4] }, "\(mlp)")
        // Conv-MP-Conv-Conv-Conv-10: the lowest conv kernel gets more than the output Dense.
        let cnn = try study("cnn-mp-conv3")
        #expect(cnn.count == 5)
        #expect(cnn[0] > cnn[4], "\(cnn)")
        // Nine hidden tanh layers: the lowest stays far below every layer above it.
        let deep = try study("mlp-tanh-9")
        #expect(deep.count == 10)
        #expect(deep.dropFirst().allSatisfy { $0 >= 1.5 * deep[0] }, "\(deep)")
        #expect(deep.dropLast().allSatisfy { $0 < deep[9] }, "\(deep)")
        // The same CNN with dropout before its output: the lowest conv still beats the output.
        let dropout = try study("cnn-mp-conv3-dropout")
        #expect(dropout.count == 5)
        #expect(dropout[0] > dropout[4], "\(dropout)")
    }

    @Test func deepTanhMLPShowsTheArticlesVanishingGradientOnItsBundledConfig() throws {
        // The article's finding on the fresh tanh 100-100-100-100-10, on made-up 28x28 digits:
        // the lowest kernel gets the smallest gradient, the output layer the largest.
        let config = try ConfigLoader.load(file: bundledConfig("mlp-tanh-4"))
        let data = digitLikeDataset()
        let plan = try config.makePlan(data: data)
        let stage = try #require(plan.stages.last)
        let rows = GradientStudy.measure(stage.model, loss: stage.loss, data: data, samples: 5)
        let figures = rows.map(\.meanAbsGradient)
        #expect(figures.count == 5)
        #expect(figures.dropFirst().allSatisfy { $0 > figures[0] })
        #expect(figures.dropLast().allSatisfy { $0 < figures[4] })
    }
}

/// The bundled config file `name`, found from this file's location.
func bundledConfig(_ name: String) -> String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("configs/\(name).yaml").path
}

/// 28x28 images with a few bright strokes over a dark background, like handwritten digits.
func digitLikeDataset(count: Int = 20) -> Dataset {
    var rng = SeededRandom(seed: 11)
    func make() -> ImageSet {
        var pixels: [Float] = []
        var labels: [UInt8] = []
        for index in 0..<count {
            var image = [Float](repeating: 0, count: 784)
            for _ in 0..<3 {
                let row = 6 + Int(rng.next() % 16)
                let column = 6 + Int(rng.next() % 16)
                for step in 0..<8 { image[min(row + step, 27) * 28 + column] = 0.5 + 0.5 * rng.nextUnit() }
            }
            pixels += image
            labels.append(UInt8(index % 10))
        }
        return ImageSet(count: count, rows: 28, columns: 28, pixels: pixels, labels: labels)
    }
    return Dataset(name: "digit-like", train: make(), test: make())
}
