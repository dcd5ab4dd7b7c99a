import ArgumentParser
import Datasets
import Experiments
import Foundation
import NeuroEngine
import Training

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training and inference throughput against this machine's sgemm speed.",
        discussion: """
            For each config: training samples/s (the real trainer, validation excluded) and
            inference samples/s, medians over the repeats; FLOPs per sample of the matrix
            products; the GFLOP/s this achieves; the best sgemm speed measured on the same
            products; the GEMM library and kernel set in use; the peak resident memory.
            Run it alone on the machine: other load skews every figure.
            """)

    @Argument(help: "Configs to measure (default: mlp-tanh-1 and, when bundled, cnn-mp-conv).")
    var configs: [String] = []

    @Option(help: "Training batches per repeat.")
    var steps = 300

    @Option(help: "Repeats per config; medians are printed.")
    var repeats = 3

    @Option(help: "Read the dataset's IDX files from this directory.")
    var data: String?

    @Flag(help: "Print one JSON object per config per line.")
    var json = false

    @Flag(help: "Also show where a training step's time goes, by layer and part.")
    var profile = false

    func validate() throws {
        guard steps >= 1, repeats >= 1 else { throw ValidationError("--steps and --repeats must be at least 1") }
        guard steps <= RecipeOptions.largestBatch, repeats <= 100 else {
            throw ValidationError("--steps must be at most \(RecipeOptions.largestBatch) and --repeats at most 100")
        }
    }

    func run() throws {
        let names = try reportingErrors { () throws -> [String] in
            if !configs.isEmpty { return configs }
            let catalog = try ConfigCatalog.locate()
            return ["mlp-tanh-1", "cnn-mp-conv"].filter { catalog.path(for: $0) != nil }
        }
        if !json {
            writeOut("GEMM: \((try? GEMM.prepare().summary) ?? GEMM.kernelName)\n")
            writeOut(Self.header + "\n")
        }
        for name in names {
            let result = try reportingErrors {
                let config = try ConfigLoader.load(name)
                let dataset = try DatasetCatalog.load(name: config.dataset, directory: data)
                return try Benchmark.run(config: config.identifier, steps: steps, repeats: repeats, profile: profile) {
                    try config.makePlan(data: dataset, epochs: 1)
                }
            }
            if json {
                writeOut(TrainingEvent.line(TrainingEvent.fields(of: result)) + "\n")
            } else {
                writeOut(Self.row(result) + "\n")
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
        let share = r.sgemmPeakGFLOPS > 0 ? r.trainGFLOPS / r.sgemmPeakGFLOPS * 100 : 0
        return pad(r.config, 17, left: true)
            + pad(SummaryFormatter.grouped(Int(r.trainSamplesPerSecond)), 10)
            + pad(SummaryFormatter.grouped(Int(r.inferenceSamplesPerSecond)), 10)
            + pad(String(format: "%.3f", Double(r.trainFlopsPerSample) / 1e6), 14)
            + pad(String(format: "%.1f", r.trainGFLOPS), 9)
            + pad(String(format: "%.1f (%@)", r.sgemmPeakGFLOPS, r.sgemmPeakShape), 25)
            + pad(String(format: "%.0f%%", share), 9)
            + pad(String(format: "%.0f MiB", r.peakRSSMiB), 10)
    }
}
