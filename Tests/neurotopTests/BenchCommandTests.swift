import Testing

/// `neurotop bench`, run in-process.
struct BenchCommandTests {
    @Test func anUnknownConfigFailsBeforeAnyTable() {
        let run = CommandRun(["bench", "mlp-tanh-1", "nonexistent", "--steps", "1", "--repeats", "1"])
        #expect(run.status == 1)
        #expect(run.out == "")
        #expect(run.error.contains("no bundled config named 'nonexistent'"))
    }

    @Test func jsonNamesThePeakMemoryInMiB() throws {
        let run = CommandRun(["bench", "mlp-tanh-1", "--steps", "2", "--repeats", "1", "--json"])
        #expect(run.status == 0)
        let objects = try run.jsonObjects()
        #expect(objects.count == 1)
        let result = try #require(objects.first)
        #expect(result["config"] as? String == "mlp-tanh-1")
        #expect((result["peak_rss_mib"] as? Double).map { $0 > 0 } == true)
        #expect(result["peak_rss_mi_b"] == nil)
        #expect((result["train_samples_per_second"] as? Double).map { $0 > 0 } == true)
    }

    @Test func theShareOfPeakIsTrainingOverThePeakMeasuredAfterIt() throws {
        let run = CommandRun(["bench", "mlp-tanh-1", "--steps", "2", "--repeats", "1", "--json"])
        #expect(run.status == 0)
        let result = try #require(try run.jsonObjects().first)
        // One repeat: its share is its training speed over the peak measured after it.
        let gflops = try #require(result["train_gflops"] as? Double)
        let peak = try #require(result["sgemm_peak_gflops"] as? Double)
        let share = try #require(result["train_share_of_peak"] as? Double)
        #expect(peak > 0)
        #expect(abs(share - gflops / peak) <= 1e-9 * share)
        // Every product is named by its MxNxK with its speed and kernel, the peak's among them.
        let products = try #require(result["sgemm_products"] as? [String: [String: Any]])
        #expect(Set(products.keys).isSuperset(of: ["64x100x784", "784x100x64", "64x10x100"]))
        let peakShape = try #require(result["sgemm_peak_shape"] as? String)
        #expect(products[peakShape]?["gflops"] as? Double == peak)
        #expect(products[peakShape]?["kernel"] as? String == result["sgemm_peak_kernel"] as? String)
    }

    @Test func eachRepeatsShareIsGivenAndTheTableHoldsTheirMedian() throws {
        let json = CommandRun(["bench", "mlp-tanh-1", "--steps", "2", "--repeats", "3", "--json"])
        #expect(json.status == 0)
        let result = try #require(try json.jsonObjects().first)
        let shares = try #require(result["train_shares_of_peak"] as? [Double])
        #expect(shares.count == 3)
        #expect(shares.allSatisfy { $0 > 0 })
        #expect(result["train_share_of_peak"] as? Double == shares.sorted()[1])

        let table = CommandRun(["bench", "mlp-tanh-1", "--steps", "2", "--repeats", "2"])
        #expect(table.status == 0)
        let line = try #require(table.out.split(separator: "\n").first { $0.contains("of peak by repeat:") })
        #expect(line.filter { $0 == "%" }.count == 2)
        let one = CommandRun(["bench", "mlp-tanh-1", "--steps", "2", "--repeats", "1"])
        #expect(!one.out.contains("by repeat"))
    }
}
