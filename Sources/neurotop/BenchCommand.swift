import ArgumentParser
import Experiments
import Foundation
import NeuroEngine
import Training

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training and inference throughput against this machine's sgemm speed.",
        discussion: """
            For each config: training samples/s (the real trainer, validation excluded, over a \
            second run of --steps batches after a first that warms the buffers and threads) and \
            inference samples/s, medians over the repeats; FLOPs per sample of the matrix \
            products; the GFLOP/s this achieves; the best sgemm speed measured on the same \
            products, measured after each repeat's training, and the training's share of it (the \
            median of the repeats' shares, each repeat's listed below the row); the GEMM library \
            and kernel set in use; the peak resident memory. \
            Run it alone on the machine: other load skews every figure. The peak is a best slice \
            and the training an average, so a host that takes the CPUs away now and then lowers the \
            share: repeats far apart say so.
            """)

    @Argument(help: "Configs to measure (default: mlp-tanh-1 and, when bundled, cnn-mp-conv).")
    var configs: [String] = []

    @Option(parsing: .unconditional, help: "Training batches measured per repeat (after as many to warm up).")
    var steps = 300

    @Option(parsing: .unconditional, help: "Repeats per config; medians are printed.")
    var repeats = 3

    @OptionGroup var dataset: DatasetOption

    @Flag(help: "Print one JSON object per config per line.")
    var json = false

    @Flag(help: "Also show where a training step's time goes, by layer and part.")
    var profile = false

    @Flag(
        help:
            "Instead: train with and without recording, interleaved (--repeats rounds of --steps batches each way); print the throughput ratio and the recorder's CPU share."
    )
    var recording = false

    @Flag(
        help:
            "Instead: train alone and as the two branches of a fork in lockstep, interleaved (--repeats rounds of --steps batches each way); print each branch's throughput as a share of the lone run's."
    )
    var fork = false

    func validate() throws {
        if recording && fork {
            throw ValidationError("--recording and --fork are two different measurements; give one")
        }
        guard steps >= 1, repeats >= 1 else { throw ValidationError("--steps and --repeats must be at least 1") }
        guard steps <= RecipeOptions.largestBatch, repeats <= 100 else {
            throw ValidationError("--steps must be at most \(RecipeOptions.largestBatch) and --repeats at most 100")
        }
    }

    func run() throws {
        let loader = PlanLoader(data: dataset.data)
        // Every config, its data and a plan are loaded before the first line, so that a wrong
        // name or a config that cannot run fails alone instead of below half a table.
        let chosen = try reportingErrors { () throws -> [ExperimentConfig] in
            let names: [String]
            if configs.isEmpty {
                let catalog = try ConfigCatalog.locate()
                names = ["mlp-tanh-1", "cnn-mp-conv"].filter { catalog.path(for: $0) != nil }
            } else {
                names = configs
            }
            return try names.map { name in
                let config = try loader.config(name)
                _ = try loader.plan(for: config, epochs: 1)
                return config
            }
        }
        if recording {
            let benchmark = RecordingBenchmark(steps: steps, rounds: repeats)
            try compare(chosen, loader: loader, header: RecordingBenchmark.header, benchmark.run)
            return
        }
        if fork {
            let benchmark = ForkBenchmark(steps: steps, rounds: repeats)
            try compare(chosen, loader: loader, header: ForkBenchmark.header, benchmark.run)
            return
        }
        if !json {
            writeOut("GEMM: \((try? GEMM.prepare().summary) ?? GEMM.kernelName)\n")
            if let own = GEMM.ownKernelSummary { writeOut("      \(own)\n") }
            writeOut(Self.header + "\n")
        }
        for config in chosen {
            let result = try reportingErrors {
                try Benchmark.run(config: config.identifier, steps: steps, repeats: repeats, profile: profile) {
                    try loader.plan(for: config, epochs: 1)
                }
            }
            if json {
                JSONLine.write(result)
            } else {
                writeOut(Self.row(result) + "\n")
                if let spread = Self.shareSpread(result) { writeOut(spread + "\n") }
                if let both = result.sgemmBothCoresGFLOPS, both > 0 {
                    writeOut(
                        String(
                            format: "    sgemm on both cores %.1f GFLOP/s: training at %.0f%% of it\n", both,
                            result.trainGFLOPS / both * 100))
                }
                let parts = result.profile ?? []
                let width = parts.map(\.part.count).max() ?? 0
                for entry in parts {
                    let part = entry.part.padding(toLength: width + 1, withPad: " ", startingAt: 0)
                    writeOut(
                        "    " + part + String(format: "%9.1f ms %6.1f%%\n", entry.seconds * 1000, entry.share * 100))
                }
            }
        }
    }

    static let header =
        "config               train/s   infer/s  MFLOP/sample  GFLOP/s  sgemm peak (shape)       of peak  peak RSS"

    static func row(_ r: Benchmark.Result) -> String {
        func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
            let space = String(repeating: " ", count: max(0, n - s.count))
            return left ? s + space : space + s
        }
        let share = r.trainShareOfPeak * 100
        return pad(r.config, 17, left: true)
            + pad(SummaryFormatter.grouped(Int(r.trainSamplesPerSecond)), 10)
            + pad(SummaryFormatter.grouped(Int(r.inferenceSamplesPerSecond)), 10)
            + pad(String(format: "%.3f", Double(r.trainFlopsPerSample) / 1e6), 14)
            + pad(String(format: "%.1f", r.trainGFLOPS), 9)
            + pad(String(format: "%.1f (%@)", r.sgemmPeakGFLOPS, r.sgemmPeakShape), 25)
            + pad(String(format: "%.0f%%", share), 9)
            + pad(String(format: "%.0f MiB", r.peakRSSMiB), 10)
    }

    /// Each repeat's share of its peak, when there are several: far apart, they say the machine
    /// was busy, and the median above is the figure to trust least.
    static func shareSpread(_ r: Benchmark.Result) -> String? {
        guard r.trainSharesOfPeak.count > 1 else { return nil }
        let shares = r.trainSharesOfPeak.map { String(format: "%.0f%%", $0 * 100) }.joined(separator: ", ")
        return "    of peak by repeat: \(shares) (the table gives their median)"
    }

    /// A table of interleaved comparisons (recording, fork), one row per config.
    private func compare(
        _ chosen: [ExperimentConfig], loader: PlanLoader, header: String,
        _ measure: (ExperimentConfig, () throws -> TrainingPlan) throws -> InterleavedComparison
    ) throws {
        if !json { writeOut(header + "\n") }
        for config in chosen {
            let result = try reportingErrors { try measure(config) { try loader.plan(for: config, epochs: 1) } }
            if json { JSONLine.write(result) } else { writeOut(result.row + "\n") }
        }
    }
}
