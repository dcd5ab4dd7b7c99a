import CBLAS

extension GEMM {
    /// Products smaller than this many multiply-adds run on one core: below it the hand-over costs
    /// more than the half it saves. So do narrow ones (fewer than 32 rows or columns, a Dense
    /// layer's 10 outputs): they gain little, and a library may take another path for a half of
    /// one (OpenBLAS's small-matrix kernels) and sum in another order, so that a model would train
    /// to other last digits on two cores than on one.
    static let bothCoresThreshold = 1 << 18

    /// The same product as `multiply`; with `bothCores`, in two halves on the two cores of `CorePair` when it is
    /// large enough: C's rows split when it has more rows than columns (each half then packs
    /// half of A and all of B, the smaller operand), else its columns. Each element of C is summed
    /// by one kernel call over the whole of k, in the same order as on one core; the split falls
    /// on a multiple of 16, the kernels' register-block width.
    ///
    /// For the training step's own products: code already running on both cores (the convolution
    /// workers, validation lanes) passes false.
    public static func multiply(
        _ a: UnsafePointer<Float>, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, transposeB: Bool = false,
        into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0, bothCores: Bool
    ) {
        if bothCores, override == nil, OwnKernel.suits(n: n, k: k, transposeB: transposeB, alpha: alpha, beta: beta),
            CorePair.shared != nil, m * n * k >= bothCoresThreshold, m >= 8
        {
            // Its sums do not depend on the rows a call is given: split by rows, whatever the shape.
            let first = OwnKernel.rowHalf(of: m)
            CorePair.run { half in
                OwnKernel.multiply(
                    rows: half == 0 ? 0..<first : first..<m, a, transposeA: transposeA, b, into: c, m: m, n: n, k: k,
                    beta: beta, alone: false)
            }
            return
        }
        let splitRows = m >= n
        let whole = splitRows ? m : n
        let first = firstHalf(of: whole)
        guard bothCores, CorePair.shared != nil, m * n * k >= bothCoresThreshold, min(m, n) >= 32, first < whole else {
            // On this thread: `current` is `kernel`, and the own kernel takes what it suits.
            multiply(
                a, transposeA: transposeA, b, transposeB: transposeB, into: c, m: m, n: n, k: k,
                alpha: alpha, beta: beta)
            return
        }
        let (lda, ldb) = (transposeA ? m : k, transposeB ? k : n)
        let kernel = current  // the helper thread does not see a test's `using`
        CorePair.run { half in
            let offset = half == 0 ? 0 : first
            let size = half == 0 ? first : whole - first
            // Rows of C: rows of op(A); columns of C: columns of op(B).
            let aPart = splitRows ? a + offset * (transposeA ? 1 : lda) : a
            let bPart = splitRows ? b : b + offset * (transposeB ? ldb : 1)
            let cPart = c + (splitRows ? offset * n : offset)
            kernel.sgemm(
                CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                Int32(splitRows ? size : m), Int32(splitRows ? n : size), Int32(k), alpha,
                aPart, Int32(lda), bPart, Int32(ldb), beta, cPart, Int32(n))
        }
    }

    /// Where a product's rows or columns split between the cores: near the middle, on a multiple of 16.
    static func firstHalf(of whole: Int) -> Int { (whole / 2 + 8) / 16 * 16 }

    /// The element where an update of `weights` (`[rows, columns]`, rows >= columns) splits so that
    /// each core updates the rows its half of the gradient product wrote; nil when it runs on one core.
    static func bothCoresSplit(_ weights: Tensor) -> Int? {
        guard CorePair.shared != nil, weights.shape.count == 2,
            let first = kernelRowSplit(rows: weights.shape[0], columns: weights.shape[1])
        else { return nil }
        return first * weights.shape[1]
    }

    /// Where a Dense kernel of `rows x columns` divides its rows between the cores, whatever the
    /// cores: as the kernel-gradient product splits its rows (the own kernel's way, or the
    /// libraries'), for Adam's update and the forward pass by depth (`multiplyByDepthHalves`).
    /// Nil for a kernel under 16,384 weights or wider than deep.
    static func kernelRowSplit(rows: Int, columns: Int) -> Int? {
        guard rows >= columns, rows * columns >= 1 << 14 else { return nil }
        // The kernel-gradient product's k is the batch, unknown here: taken as more than 16, the
        // batches this is tuned for.
        let own = OwnKernel.suits(n: columns, k: .max, transposeB: false, alpha: 1, beta: 0)
        let first = own ? OwnKernel.rowHalf(of: rows) : firstHalf(of: rows)
        return first > 0 && first < rows ? first : nil
    }
}
