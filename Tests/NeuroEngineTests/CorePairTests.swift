import Dispatch
import Synchronization
import Testing

@testable import NeuroEngine

/// Counts how often each half ran; `Atomic` because the halves run on two threads.
private final class HalfCounts: Sendable {
    let first = Atomic<Int>(0)
    let second = Atomic<Int>(0)
    let other = Atomic<Int>(0)

    func record(_ half: Int) {
        switch half {
        case 0: first.add(1, ordering: .relaxed)
        case 1: second.add(1, ordering: .relaxed)
        default: other.add(1, ordering: .relaxed)
        }
    }
}

@Suite struct CorePairTests {
    @Test func everyPieceRunsEachHalfExactlyOnce() {
        let counts = HalfCounts()
        for round in 1...20_000 {
            CorePair.run { counts.record($0) }
            // The second half is done by the time `run` returns, whichever thread ran it.
            if counts.second.load(ordering: .relaxed) != round { break }
        }
        #expect(counts.first.load(ordering: .relaxed) == 20_000)
        #expect(counts.second.load(ordering: .relaxed) == 20_000)
        #expect(counts.other.load(ordering: .relaxed) == 0)
    }

    @Test func piecesAfterAPauseWakeTheHelperOrRunHere() async throws {
        let counts = HalfCounts()
        for round in 1...5 {
            // Longer than the helper spins: it has gone to sleep before each piece.
            try await Task.sleep(for: .milliseconds(5))
            CorePair.run { counts.record($0) }
            #expect(counts.second.load(ordering: .relaxed) == round)
        }
        #expect(counts.first.load(ordering: .relaxed) == 5)
    }

    @Test func twoCallersAtOnceBothGetBothHalves() {
        let counts = HalfCounts()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<2_000 {
                CorePair.run { half in
                    counts.record(half)
                    // A nested piece runs both halves on the thread that asks (the pair is held).
                    if half == 0 { CorePair.run { counts.record($0 + 2) } }
                }
            }
        }
        #expect(counts.first.load(ordering: .relaxed) == 8_000)
        #expect(counts.second.load(ordering: .relaxed) == 8_000)
        // Halves 2 and 3 of the nested pieces.
        #expect(counts.other.load(ordering: .relaxed) == 16_000)
    }
}

/// Products on both cores against the same product on one, on every kernel.
@Suite(.serialized) struct GEMMOnBothCoresTests {
    private static let products: [(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool)] = [
        (64, 100, 784, false, false), (784, 100, 64, true, false), (64, 784, 100, false, true),
        (100, 64, 784, false, false), (64, 300, 200, true, true), (33, 1000, 50, false, false),
        (1000, 33, 50, true, false), (40, 40, 400, false, true),
    ]

    /// "own": no kernel put in place, so the own kernels take the products they suit (on CPUs
    /// with AVX-512); else that library's, for every product.
    @Test(arguments: ["own"] + GEMM.availableKernels.map(\.id))
    func bothCoresGiveTheOneCoreResult(id: String) throws {
        let kernel = GEMM.availableKernels.first { $0.id == id }
        try #require(kernel != nil || id == "own")
        try GEMM.using(kernel) {
            for (index, p) in Self.products.enumerated() {
                #expect(p.m * p.n * p.k >= GEMM.bothCoresThreshold, "\(p) would run on one core")
                let a = randomTensor([p.m * p.k], seed: UInt64(10 + index))
                let b = randomTensor([p.k * p.n], seed: UInt64(40 + index))
                let start = randomTensor([p.m * p.n], seed: UInt64(70 + index))
                let one = Tensor(shape: [p.m * p.n])
                let both = Tensor(shape: [p.m * p.n])
                one.copy(from: start)
                both.copy(from: start)
                // alpha 1 and beta 1 (a Dense layer's forward onto its bias): the own kernel's
                // products where it suits them (split by rows) when it is in place.
                let (alpha, beta): (Float, Float) = index.isMultiple(of: 2) ? (1, 1) : (0.75, 0.5)
                for (c, bothCores) in [(one, false), (both, true)] {
                    GEMM.multiply(
                        a.pointer, transposeA: p.transposeA, b.pointer, transposeB: p.transposeB, into: c.pointer,
                        m: p.m, n: p.n, k: p.k, alpha: alpha, beta: beta, bothCores: bothCores)
                }
                // The bundled MLP's products come out bit for bit the same. Elsewhere a library may
                // take another path for a half's size (OpenBLAS's small-matrix kernels) and sum in
                // another order: then within float32 rounding of a k-term sum.
                let differing = (0..<one.count).filter { one[$0].bitPattern != both[$0].bitPattern }.count
                if index < 3 {
                    try #require(differing == 0, "\(id) \(p): \(differing) of \(one.count) elements differ")
                }
                let worst = (0..<one.count).map { abs(one[$0] - both[$0]) }.max() ?? 0
                #expect(worst <= Float(p.k) * 4 * Float.ulpOfOne, "\(id) \(p): differs by \(worst)")
            }
        }
    }

    @Test func aDenseLayerTrainsAsOnOneCore() throws {
        // Forward in training mode splits its product, in inference mode it does not.
        let dense = try built(Dense(units: 100, activation: .tanh), on: [784], seed: 4)
        let input = randomTensor([64, 784], seed: 5)
        let inference = Tensor(shape: [0])
        inference.copy(from: dense.forward(input, mode: .inference))
        let training = dense.forward(input, mode: .training)
        #expect((0..<training.count).allSatisfy { training[$0].bitPattern == inference[$0].bitPattern })
        // Its kernel gradient (split by rows) against the one-core product.
        let gradient = randomTensor([64, 100], seed: 6)
        _ = dense.backward(preActivationGradient: gradient, needsInputGradient: false)
        let kernelGradient = try #require(dense.kernel?.gradient)
        let expected = Tensor(shape: [784 * 100])
        GEMM.multiply(input.pointer, transposeA: true, gradient.pointer, into: expected.pointer, m: 784, n: 100, k: 64)
        #expect((0..<expected.count).allSatisfy { kernelGradient[$0].bitPattern == expected[$0].bitPattern })
    }
}

/// Layers whose training step splits its work between the cores (`CorePair`) against the same
/// layer in inference mode, which does not split: the same values, bit for bit.
@Suite struct LayersOnBothCoresTests {
    @Test func maxPoolingAndConvolutionForwardAsOnOneCore() throws {
        let input = randomTensor([8, 3, 12, 12], seed: 9)
        let layers: [any Layer] = [
            try built(MaxPooling2D(poolSize: (2, 2)), on: [3, 12, 12]),
            try built(Conv2D(filters: 4, kernelSize: 3, padding: .same), on: [3, 12, 12]),
        ]
        for layer in layers {
            let inference = Tensor(shape: [0])
            inference.copy(from: layer.forward(input, mode: .inference))
            let training = layer.forward(input, mode: .training)
            let differing = (0..<training.count).filter { training[$0].bitPattern != inference[$0].bitPattern }.count
            #expect(training.count == inference.count && differing == 0, "\(layer.name): \(differing) differ")
        }
    }
}

@Test(arguments: [
    ("Name:\tx\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n", 2), ("Cpus_allowed:\t1\n", 1),
    ("Cpus_allowed:\tff,ffffffff\n", 40), ("Cpus_allowed:\t00000000,00000004\n", 1),
    ("Name:\tx\n", nil), ("Cpus_allowed:\tzz\n", nil),
])
func theAffinityMaskCountsTheCPUsAProcessMayUse(status: String, expected: Int?) {
    #expect(CorePair.allowedCPUs(status: status) == expected)
}

/// neurotop's own AVX-512 kernels (97-112 columns, at most 16, or over a k of at most 16),
/// against a double-precision product.
@Suite struct OwnKernelTests {
    @Test(arguments: [
        (64, 100, 784, false), (784, 100, 64, true), (7, 97, 5, false), (10, 112, 33, true), (2, 100, 1, false),
        (3, 100, 0, false), (64, 10, 1960, false), (1960, 10, 64, true), (13, 1, 7, false), (9, 16, 3, true),
        (3, 10, 0, false), (64, 1960, 10, false), (5, 50, 16, true), (3, 17, 1, false),
    ])
    func theOwnKernelAgreesWithADoublePrecisionProduct(m: Int, n: Int, k: Int, transposeA: Bool) throws {
        try #require(OwnKernel.enabled || !CPUFeatures.current.hasAVX512)
        guard OwnKernel.enabled else { return }  // a CPU without AVX-512: the libraries take these
        let a = randomTensor([m * k], seed: 3)
        let b = randomTensor([k * n], seed: 4)
        for beta: Float in [0, 1] {
            let c = randomTensor([m * n], seed: 5)
            let start = (0..<c.count).map { c[$0] }
            OwnKernel.multiply(
                rows: 0..<m, a.pointer, transposeA: transposeA, b.pointer, into: c.pointer, m: m, n: n, k: k, beta: beta
            )
            var worst = 0.0
            for i in 0..<m {
                for j in 0..<n {
                    var sum = Double(beta) * Double(start[i * n + j])
                    for p in 0..<k {
                        sum += Double(a[transposeA ? p * m + i : i * k + p]) * Double(b[p * n + j])
                    }
                    worst = max(worst, abs(sum - Double(c[i * n + j])))
                }
            }
            #expect(worst <= Double(k + 1) * 1e-6, "\(m)x\(n)x\(k) beta \(beta): off by \(worst)")
        }
    }

    /// Each element one fused multiply-add chain in k's order, whether B is read in place or
    /// copied in blocks of about 48 of its rows: the sums OpenBLAS's kernel makes.
    @Test(arguments: [
        (64, 100, 784, false), (31, 100, 97, false), (5, 112, 48, false), (784, 100, 64, true), (64, 10, 1960, false),
        (100, 10, 64, true), (11, 3, 20, false), (64, 1960, 10, false), (9, 33, 5, true),
    ])
    func everyElementIsOneChainInTheOrderOfK(m: Int, n: Int, k: Int, transposeA: Bool) {
        guard OwnKernel.enabled else { return }  // a CPU without AVX-512: the libraries take these
        let a = randomTensor([m * k], seed: 8)
        let b = randomTensor([k * n], seed: 9)
        for (beta, alone): (Float, Bool) in [(0, true), (1, true), (0, false), (1, false)] {
            let c = randomTensor([m * n], seed: 10)
            let start = (0..<c.count).map { c[$0] }
            OwnKernel.multiply(
                rows: 0..<m, a.pointer, transposeA: transposeA, b.pointer, into: c.pointer, m: m, n: n, k: k,
                beta: beta,
                alone: alone)
            // The 97-112-column kernel starts each chain from C, the others add C to it at the end.
            let fromC = n >= 97 && n <= 112
            var differing = 0
            for i in 0..<m {
                for j in 0..<n {
                    var chain = fromC ? beta * start[i * n + j] : 0
                    for p in 0..<k { chain.addProduct(a[transposeA ? p * m + i : i * k + p], b[p * n + j]) }
                    if !fromC { chain += beta * start[i * n + j] }
                    if chain.bitPattern != c[i * n + j].bitPattern { differing += 1 }
                }
            }
            #expect(differing == 0, "\(m)x\(n)x\(k) beta \(beta) alone \(alone): \(differing) elements differ")
        }
    }

    /// The Dense layers' products on the own kernels and on OpenBLAS, bit for bit: the MLPs' (a
    /// 10-unit layer's forward pass with its bias too) and the CNNs' gradients. (Not the CNNs'
    /// forward pass, over 1960 inputs: the library splits that k into blocks. Tests/e2e/cores.sh
    /// checks that an MLP trains to the library's last digits.)
    @Test(arguments: [
        (784, 100, 64, true, Float(0)), (64, 10, 100, false, 1), (64, 10, 100, false, 0),
        (100, 10, 64, true, 0), (64, 100, 10, false, 0), (1960, 10, 64, true, 0), (64, 1960, 10, false, 0),
    ])
    func theOwnKernelsSumAsOpenBLASDoes(m: Int, n: Int, k: Int, transposeA: Bool, beta: Float) {
        guard OwnKernel.enabled, let openblas = GEMM.availableKernels.first(where: { $0.id == "openblas" }) else {
            return  // no AVX-512, or no OpenBLAS installed: nothing to compare
        }
        let a = randomTensor([m * k], seed: 11)
        let b = randomTensor([k * n], seed: 12)
        let own = randomTensor([m * n], seed: 13)
        let library = randomTensor([m * n], seed: 13)
        OwnKernel.multiply(
            rows: 0..<m, a.pointer, transposeA: transposeA, b.pointer, into: own.pointer, m: m, n: n, k: k, beta: beta)
        GEMM.multiply(
            a.pointer, transposeA: transposeA, b.pointer, into: library.pointer, m: m, n: n, k: k, beta: beta,
            using: openblas)
        let differing = (0..<own.count).filter { own[$0].bitPattern != library[$0].bitPattern }.count
        #expect(differing == 0, "\(m)x\(n)x\(k) beta \(beta): \(differing) of \(own.count) elements differ")
    }

    @Test func rowsInPiecesGiveTheWholeProductBitForBit() {
        let (m, n, k) = (29, 100, 50)
        let a = randomTensor([m * k], seed: 6)
        let b = randomTensor([k * n], seed: 7)
        let whole = Tensor(shape: [m * n])
        let pieces = Tensor(shape: [m * n])
        OwnKernel.multiply(
            rows: 0..<m, a.pointer, transposeA: false, b.pointer, into: whole.pointer, m: m, n: n, k: k, beta: 0)
        for rows in [0..<5, 5..<6, 6..<20, 20..<29] {
            OwnKernel.multiply(
                rows: rows, a.pointer, transposeA: false, b.pointer, into: pieces.pointer, m: m, n: n, k: k, beta: 0)
        }
        #expect((0..<whole.count).allSatisfy { whole[$0].bitPattern == pieces[$0].bitPattern })
    }
}
