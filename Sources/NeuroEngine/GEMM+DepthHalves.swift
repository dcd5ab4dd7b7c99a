import CBLAS

extension GEMM {
    /// C = (beta·C + A·B over the first `split` of k) + A·B over the rest, A `m x k` row-major, B
    /// `k x n`: the forward pass of a Dense layer whose kernel (B) is divided between the cores by
    /// its rows (`kernelRowSplit`). With `bothCores`, each core multiplies by the rows of B its
    /// half of the step's kernel gradient wrote and its half of Adam updated, so no core reads the
    /// weights the other just changed (split by C's rows, each read all of B, half of it from the
    /// other core's cache, and each update had to take its lines back first). `partial` (`m x n`)
    /// holds the second half's product until it is added; the sums are the same on one core.
    static func multiplyByDepthHalves(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
        partial: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, split: Int, beta: Float, bothCores: Bool
    ) {
        let kernel = current  // the helper thread does not see a test's `using`
        let own = kernelInPlace == nil
        CorePair.run(when: bothCores) { half in
            let (first, depth) = half == 0 ? (0, split) : (split, k - split)
            let (target, scale) = half == 0 ? (c, beta) : (partial, Float(0))
            if own, OwnKernel.suits(n: n, k: depth, transposeB: false, alpha: 1, beta: scale) {
                OwnKernel.multiply(
                    rows: 0..<m, a + first, transposeA: false, b + first * n, into: target, m: m, n: n, k: depth,
                    beta: scale, alone: true, lda: k)
            } else {
                kernel.sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(depth), 1,
                    a + first, Int32(k), b + first * n, Int32(n), scale, target, Int32(n))
            }
        }
        for i in 0..<(m * n) { c[i] += partial[i] }
    }
}
