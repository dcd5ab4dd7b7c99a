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
}
