import Datasets
import Dispatch
import Foundation
import NeuroEngine

/// Measures training and inference throughput of a plan, with the FLOP figures that put them
/// against this machine's matrix-product speed.
public enum Benchmark {
    public struct Result: Sendable, Codable {
        public var config: String
        public var repeats: Int
        /// Median over the repeats of training samples per second (validation excluded).
        public var trainSamplesPerSecond: Double
        /// Median over the repeats of inference samples per second (batches of 500).
        public var inferenceSamplesPerSecond: Double
        public var trainFlopsPerSample: Int
        public var inferenceFlopsPerSample: Int
        /// trainSamplesPerSecond × trainFlopsPerSample, in GFLOP/s.
        public var trainGFLOPS: Double
        /// The median over the repeats of the best sgemm speed measured on the products this model
        /// performs, in GFLOP/s.
        public var sgemmPeakGFLOPS: Double
        public var sgemmPeakShape: String
        /// The median over the repeats of the training GFLOP/s as a share of that repeat's sgemm
        /// peak, measured right after its training: load that comes and goes on the machine then
        /// falls on both figures of a share alike.
        public var trainShareOfPeak: Double
        /// Each repeat's share, in the order they ran: their spread says how busy the machine was.
        public var trainSharesOfPeak: [Double]
        /// Every product's speed and kernel in the repeat whose peak is the median, by shape
        /// (`MxNxK`).
        public var sgemmProducts: [String: ProductSpeed]
        /// The kernel that made the peak: the library's, or the own one for its shapes.
        public var sgemmPeakKernel: String
        /// The best speed over the same products split over two cores as the training step splits
        /// its large ones (`GEMM.multiply(bothCores:)`); nil on a single core.
        public var sgemmBothCoresGFLOPS: Double?
        public var gemmKernel: String
        /// The process's peak resident memory so far, in MiB.
        public var peakRSSMiB: Double
        /// Where a training step's time goes (part, share of the profiled time), when profiled.
        public var profile: [ProfileEntry]?

        /// The JSON keys (`bench --json`), spelt out: the automatic snake_case of `peakRSSMiB`
        /// would be `peak_rss_mi_b`.
        private enum CodingKeys: String, CodingKey {
            case config, repeats, profile
            case trainSamplesPerSecond = "train_samples_per_second"
            case inferenceSamplesPerSecond = "inference_samples_per_second"
            case trainFlopsPerSample = "train_flops_per_sample"
            case inferenceFlopsPerSample = "inference_flops_per_sample"
            case trainGFLOPS = "train_gflops"
            case sgemmPeakGFLOPS = "sgemm_peak_gflops"
            case sgemmPeakShape = "sgemm_peak_shape"
            case trainShareOfPeak = "train_share_of_peak"
            case trainSharesOfPeak = "train_shares_of_peak"
            case sgemmProducts = "sgemm_products"
            case sgemmPeakKernel = "sgemm_peak_kernel"
            case sgemmBothCoresGFLOPS = "sgemm_both_cores_gflops"
            case gemmKernel = "gemm_kernel"
            case peakRSSMiB = "peak_rss_mib"
        }
    }

    public struct ProductSpeed: Sendable, Codable {
        public var gflops: Double
        public var kernel: String
    }

    public struct ProfileEntry: Sendable, Codable {
        public var part: String
        public var seconds: Double
        public var share: Double
    }

    /// Trains `steps` batches `repeats` times, each on a fresh plan from `makePlan`. Only the
    /// plan's first stage runs (the first autoencoder, for a pre-training config), so every figure
    /// is about that stage's model.
    public static func run(
        config: String, steps: Int, repeats: Int, profile: Bool = false, makePlan: () throws -> TrainingPlan
    ) throws -> Result {
        var trainRates: [Double] = []
        var entries: [ProfileEntry]?
        var inferenceRates: [Double] = []
        var peaks: [Peak] = []
        var shares: [Double] = []
        var lastPlan: TrainingPlan?
        for _ in 0..<max(1, repeats) {
            let plan = try makePlan()
            lastPlan = plan
            guard let model = plan.stages.first?.model else { throw BenchmarkError.noModel(config) }
            let rate = try trainingRate(plan, steps: steps, profiler: nil)
            let peak = Peak.measure(model.trainingProducts(batch: plan.stages.first?.batchSize ?? 64))
            trainRates.append(rate)
            peaks.append(peak)
            shares.append(peak.gflops > 0 ? rate * Double(model.flopsPerSample.training) / 1e9 / peak.gflops : 0)
            inferenceRates.append(inferenceRate(plan))
        }
        if profile {
            // A separate run: the clock reads around every layer cost a little.
            let profiler = StepProfiler()
            _ = try trainingRate(try makePlan(), steps: steps, profiler: profiler)
            let total = profiler.totals.reduce(0) { $0 + $1.seconds }
            entries = profiler.totals.map {
                ProfileEntry(part: $0.part, seconds: $0.seconds, share: $0.seconds / max(total, 1e-12))
            }
        }
        guard let plan = lastPlan, let model = plan.stages.first?.model else {
            throw BenchmarkError.noModel(config)
        }
        let batch = plan.stages.first?.batchSize ?? 64
        let flops = model.flopsPerSample
        let peak = peaks.sorted { $0.gflops < $1.gflops }[peaks.count / 2]
        // Small products stay on one core: the best of every product as the training step runs them.
        let bothCores =
            CorePair.shared == nil
            ? nil : model.trainingProducts(batch: batch).map { GEMM.measureGFLOPS($0, bothCores: true) }.max()
        let train = median(trainRates)
        return Result(
            config: config, repeats: max(1, repeats), trainSamplesPerSecond: train,
            inferenceSamplesPerSecond: median(inferenceRates), trainFlopsPerSample: flops.training,
            inferenceFlopsPerSample: flops.inference, trainGFLOPS: train * Double(flops.training) / 1e9,
            sgemmPeakGFLOPS: peak.gflops, sgemmPeakShape: peak.shape?.description ?? "-",
            trainShareOfPeak: median(shares), trainSharesOfPeak: shares, sgemmProducts: peak.products,
            sgemmPeakKernel: peak.shape.map(GEMM.kernelName(for:)) ?? GEMM.kernelName,
            sgemmBothCoresGFLOPS: bothCores, gemmKernel: GEMM.kernelName,
            peakRSSMiB: peakResidentMiB(), profile: entries)
    }

    /// The fastest of a model's products on one core, and its speed.
    struct Peak {
        var gflops = 0.0
        var shape: GEMMShape?
        /// Every product's speed and kernel, by shape.
        var products: [String: ProductSpeed] = [:]

        /// Each product measured for a tenth of a second, best slice of each.
        static func measure(_ products: [GEMMShape]) -> Peak {
            var peak = Peak()
            for shape in products {
                let measured = GEMM.measureGFLOPS(shape, seconds: 0.1)
                let before = peak.products[shape.description]?.gflops ?? 0
                peak.products[shape.description] = ProductSpeed(
                    gflops: max(before, measured), kernel: GEMM.kernelName(for: shape))
                if measured > peak.gflops { (peak.gflops, peak.shape) = (measured, shape) }
            }
            return peak
        }
    }

    /// Runs the real trainer for two epochs of `steps` batches and reads the training throughput
    /// of the second: the steady state, as the peers' epochs after their first are compared. The
    /// first touches every buffer for the first time and starts the threads.
    static func trainingRate(_ plan: TrainingPlan, steps: Int, profiler: StepProfiler?) throws -> Double {
        var options = Trainer.Options.headless
        options.stepsPerEpoch = steps
        options.profiler = profiler
        options.gradientInterval = 0.25
        let trainer = Trainer(plan: plan, options: options)
        trainer.start()
        var rate: Double?
        var warmUpRate: Double?
        while rate == nil {
            for event in trainer.events.waitAndDrain(timeout: 1) {
                switch event {
                case .epochEnded(let summary) where warmUpRate == nil:
                    warmUpRate = summary.samplesPerSecond
                case .epochEnded(let summary) where rate == nil:
                    rate = summary.samplesPerSecond
                    trainer.send(.stop)
                case .finished where rate == nil:
                    // A config of one epoch: its only epoch is all there is.
                    rate = warmUpRate ?? 0
                case .failed(let message):
                    throw BenchmarkError.trainingFailed(message)
                default:
                    continue
                }
            }
        }
        _ = trainer.currentState
        return rate ?? 0
    }

    /// Inference over the test set in batches of 500.
    static func inferenceRate(_ plan: TrainingPlan) -> Double {
        guard let model = plan.stages.first?.model else { return 0 }
        let test = plan.data.test
        let size = test.imageSize
        let input = Tensor(shape: [0])
        let start = DispatchTime.now().uptimeNanoseconds
        var first = 0
        while first < test.count {
            let count = min(TrainingPlan.inferenceBatchSize, test.count - first)
            input.resize(to: [count] + model.inputShape)
            for row in 0..<count { test.copyImage(first + row, to: input.pointer + row * size) }
            _ = model.forward(input, mode: .inference)
            first += count
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return seconds > 0 ? Double(test.count) / seconds : 0
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Peak resident set size of this process, from getrusage (kilobytes on Linux).
    public static func peakResidentMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

public enum BenchmarkError: Error, CustomStringConvertible {
    case noModel(String)
    case trainingFailed(String)

    public var description: String {
        switch self {
        case .noModel(let config): "\(config): nothing to benchmark"
        case .trainingFailed(let message): "benchmark run failed: \(message)"
        }
    }
}
