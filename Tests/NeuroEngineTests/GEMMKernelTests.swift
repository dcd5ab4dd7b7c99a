import Foundation
import Testing

@testable import NeuroEngine

/// Every kernel this process can run: BLIS's sub-configuration and, when installed, OpenBLAS.
/// (Another BLIS sub-configuration needs its own process: `NEUROTOP_GEMM=blis-haswell swift test
/// --filter GEMMKernelTests`, as Tests/e2e/gemm.sh runs it.)
private let kernelIDs = GEMM.availableKernels.map(\.id)

private func kernel(_ id: String) throws -> GEMMKernel {
    try #require(GEMM.availableKernels.first { $0.id == id })
}

/// The products of the bundled models, each transpose variant the engine uses.
private let products: [(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool)] = [
    (64, 100, 784, false, false), (784, 100, 64, true, false), (64, 784, 100, false, true),
    (64, 10, 100, false, false), (100, 10, 64, true, false), (64, 100, 10, false, true),
    (10, 672, 90, false, false), (90, 10, 672, false, true), (90, 672, 10, false, false),
]

/// Each kernel's checks, one case at a time: a process that chose OpenBLAS first calls BLIS from
/// these tests, and two first calls at once (one per kernel case) crashed inside BLIS now and then
/// (a test-only situation: a run uses the one kernel chosen at start).
@Suite(.serialized) struct EveryKernel {
    /// "own": the own kernels and direct convolutions where they suit (on CPUs with AVX-512);
    /// else that library's kernel for every product.
    @Test(arguments: ["own"] + kernelIDs)
    func gradientChecksPassOnEveryKernel(id: String) throws {
        let kernel = id == "own" ? nil : try kernel(id)
        try GEMM.using(kernel) {
            #expect(GEMM.kernelInPlace == kernel)
            let dense = try built(Dense(units: 4, activation: .tanh), on: [5])
            var report = GradientCheck.check(dense, input: randomTensor([3, 5], seed: 2), mode: .training)
            #expect(report.passed, "Dense on \(id): \(report)")
            // Two samples per worker chunk, so the products run on the worker threads too.
            let conv = try built(Conv2D(filters: 3, kernelSize: 3, padding: .same), on: [2, 5, 5])
            report = GradientCheck.check(conv, input: randomTensor([4, 2, 5, 5], seed: 3), mode: .training)
            #expect(report.passed, "Conv2D on \(id): \(report)")
            let tied = try built(
                TiedAutoencoder(units: 4, kernelInitializer: .uniform(low: -0.6, high: 0.6)), on: [7], seed: 3)
            report = GradientCheck.check(
                tied, input: randomTensor([5, 7], seed: 11, low: 0, high: 1), mode: .training, step: 1e-3)
            #expect(report.passed, "TiedAutoencoder on \(id): \(report)")
        }
    }

    @Test(arguments: kernelIDs)
    func everyKernelAgreesWithADoublePrecisionProductWithinFloatRounding(id: String) throws {
        let kernel = try kernel(id)
        for p in products {
            let a = randomTensor([p.m * p.k], seed: 5)
            let b = randomTensor([p.k * p.n], seed: 6)
            let c = Tensor(shape: [p.m * p.n], repeating: 0.5)
            GEMM.multiply(
                a.pointer, transposeA: p.transposeA, b.pointer, transposeB: p.transposeB, into: c.pointer, m: p.m,
                n: p.n,
                k: p.k, beta: 1, using: kernel)
            var worst = 0.0
            for i in 0..<p.m {
                for j in 0..<p.n {
                    var sum = 0.5
                    var magnitude = 0.5
                    for l in 0..<p.k {
                        let x = Double(p.transposeA ? a[l * p.m + i] : a[i * p.k + l])
                        let y = Double(p.transposeB ? b[j * p.k + l] : b[l * p.n + j])
                        sum += x * y
                        magnitude += abs(x * y)
                    }
                    // Any summation order stays within k·ε·Σ|x·y| of the exact sum.
                    worst = max(worst, abs(Double(c[i * p.n + j]) - sum) / (Double(p.k) * 0x1p-24 * magnitude))
                }
            }
            #expect(worst <= 1, "\(id) \(p): error \(worst) of the float32 bound")
        }
    }
}

@Test func theChoiceIsAmongTheLoadedKernelsAndSaysWhy() throws {
    let selection = try GEMM.prepare()
    #expect(selection.candidates.first == selection.chosen)
    #expect(Set(selection.candidates.map(\.id)).count == selection.candidates.count)
    #expect(selection.chosen.id.hasPrefix("blis-") || selection.chosen.id == "openblas")
    if case .measured = selection.reason {
        let runnerUp = try #require(selection.runnerUp)
        #expect(selection.speeds[selection.chosen.id, default: 0] >= selection.speeds[runnerUp.id, default: 0])
        #expect(selection.summary.contains("runner-up \(runnerUp)"))
    }
}

@Test func theProbeMeasuresEveryKernelItIsGiven() {
    let speeds = GEMMProbe.measure(GEMM.availableKernels, rounds: 2)
    #expect(Set(speeds.keys) == Set(kernelIDs))
    #expect(speeds.values.allSatisfy { $0 > 0.1 })
}

@Test func probeFiguresAreCachedPerCPUAndKernelSet() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gemm-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let kernels = GEMM.availableKernels
    let cpu = CPUFeatures(model: "Test CPU", flags: [])
    let cache = try #require(
        GEMMProbeCache(environment: ["XDG_CACHE_HOME": directory.path], features: cpu, candidates: kernels))
    #expect(cache.read().isEmpty)
    cache.write(["a": 12.5, "b": 80])
    #expect(cache.read() == ["a": 12.5, "b": 80])
    #expect(cache.file.path == directory.path + "/neurotop/gemm-probe")
    let otherCPU = try #require(
        GEMMProbeCache(
            environment: ["XDG_CACHE_HOME": directory.path], features: CPUFeatures(model: "Other", flags: []),
            candidates: kernels))
    #expect(otherCPU.read().isEmpty)
    otherCPU.write(["a": 1])
    #expect(cache.read() == ["a": 12.5, "b": 80], "another machine's line leaves this one alone")
    #expect(
        GEMMProbeCache(environment: ["HOME": "/h"], features: cpu, candidates: [])?.file.path
            == "/h/.cache/neurotop/gemm-probe")
    #expect(GEMMProbeCache(environment: [:], features: cpu, candidates: []) == nil)
}

/// BLIS's small-product kernels read up to a row past an operand's end: a page-sized operand
/// (64x784 floats is exactly 49 pages) must be followed by readable memory, or a read past it
/// ends the process.
@Test func aTensorThatFillsWholePagesIsFollowedByAPageThatCanBeRead() {
    let tensor = Tensor(shape: [64, 784])
    #expect(tensor.count * MemoryLayout<Float>.stride % 4096 == 0)
    // A row of the widest operand the models have (784 inputs) past the end must be there.
    let past = tensor.pointer + tensor.count
    var sum: Float = 0
    for offset in [0, 100, 400, 783] { sum += past[offset] * 0 }
    #expect(sum == 0)
    #expect(CheckedAllocation.readSlack >= 784 * MemoryLayout<Float>.stride)
}
