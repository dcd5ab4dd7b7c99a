import Testing

/// `neurotop grads`, run in-process on the bundled MNIST.
struct GradsCommandTests {
    @Test func jsonGivesTheMeanGradientOfEveryKernel() throws {
        let run = CommandRun(["grads", "mlp-tanh-1", "--json"])
        #expect(run.status == 0)
        #expect(run.error == "")
        let objects = try run.jsonObjects()
        #expect(objects.count == 1)
        let table = try #require(objects.first)
        #expect(table["config"] as? String == "mlp-tanh-1")
        #expect(table["seed"] as? Int == 1)
        #expect(table["samples"] as? Int == 5)
        #expect(table["after_epochs"] as? Int == 0)
        let layers = try #require(table["layers"] as? [[String: Any]])
        #expect(layers.map { $0["name"] as? String } == ["dense", "dense_1"])
        #expect(layers.map { $0["type"] as? String } == ["Dense", "Dense"])
        #expect(layers.map { $0["kernel_shape"] as? [Int] } == [[784, 100], [100, 10]])
        let gradients = layers.compactMap { $0["mean_abs_grad"] as? Double }
        #expect(gradients.count == 2)
        // A fresh tanh 784-100-10 on the first five digits: the output kernel gets the larger
        // gradient (0.0072 and 0.034 on this engine).
        #expect(gradients.allSatisfy { $0.isFinite && $0 > 0 })
        #expect(abs(gradients[0] - 0.0072) < 0.0005)
        #expect(abs(gradients[1] - 0.0335) < 0.002)
    }

    @Test func moreSamplesThanTheLimitAreRefusedBeforeLoading() {
        let run = CommandRun(["grads", "mlp-tanh-1", "--samples", "5000"])
        #expect(run.status == 64)
        #expect(run.out == "")
        #expect(run.error.contains("--samples must be at most 1000 (got 5000)"))
    }
}
