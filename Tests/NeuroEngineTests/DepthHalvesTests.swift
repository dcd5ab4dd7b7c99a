import Testing

@testable import NeuroEngine

/// A large Dense kernel's forward product by halves of its depth (`GEMM.multiplyByDepthHalves`),
/// each half over the rows of the kernel that one core updates.
@Suite(.serialized) struct DepthHalvesTests {
    /// The MLP's first layer, the CNN's classifier, a batch of a few, a shallower kernel.
    @Test(arguments: [(64, 100, 784), (64, 10, 1960), (5, 100, 784), (64, 100, 200)])
    func theHalvesAddUpToTheProductOnEveryKernel(m: Int, n: Int, k: Int) throws {
        let split = try #require(GEMM.kernelRowSplit(rows: k, columns: n))
        #expect(split > 0 && split < k)
        let a = randomTensor([m * k], seed: 31)
        let b = randomTensor([k * n], seed: 32)
        let start = randomTensor([m * n], seed: 33)
        // nil: the own kernels where they suit the shape (on CPUs with AVX-512), else the library's.
        let kernels: [GEMMKernel?] = [nil] + GEMM.availableKernels
        for kernel in kernels {
            for beta: Float in [0, 1] {
                var results: [Tensor] = []
                for bothCores in [true, false] {
                    let c = start.clone()
                    let partial = Tensor(shape: [m * n])
                    GEMM.using(kernel) {
                        GEMM.multiplyByDepthHalves(
                            a.pointer, b.pointer, into: c.pointer, partial: partial.pointer, m: m, n: n, k: k,
                            split: split, beta: beta, bothCores: bothCores)
                    }
                    results.append(c)
                }
                let name = kernel?.id ?? "own"
                // The same sums on one core as on two.
                let differing = (0..<(m * n)).filter { results[0][$0].bitPattern != results[1][$0].bitPattern }
                #expect(differing.isEmpty, "\(name) \(m)x\(n)x\(k) beta \(beta): \(differing.count) differ")
                var worst = 0.0
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = Double(beta) * Double(start[i * n + j])
                        for p in 0..<k { sum += Double(a[i * k + p]) * Double(b[p * n + j]) }
                        worst = max(worst, abs(sum - Double(results[0][i * n + j])))
                    }
                }
                #expect(worst <= Double(k + 1) * 1e-6, "\(name) \(m)x\(n)x\(k) beta \(beta): off by \(worst)")
            }
        }
    }

    /// Adam's update and the kernel gradient split a kernel where its forward pass does.
    @Test func theUpdateSplitsTheKernelWhereTheForwardPassDoes() throws {
        let weights = Tensor(shape: [784, 100])
        let split = try #require(GEMM.kernelRowSplit(rows: 784, columns: 100))
        if CorePair.shared != nil {
            #expect(GEMM.bothCoresSplit(weights) == split * 100)
        } else {
            #expect(GEMM.bothCoresSplit(weights) == nil)
        }
        // Small or wide kernels are not split: a 100-unit hidden layer, a decoder.
        #expect(GEMM.kernelRowSplit(rows: 100, columns: 100) == nil)
        #expect(GEMM.kernelRowSplit(rows: 100, columns: 784) == nil)
    }
}
