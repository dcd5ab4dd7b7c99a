import CVectorMath
import Foundation

/// neurotop's own matrix-product kernels (CVectorMath) for the products of Dense layers on CPUs
/// with AVX-512, B not transposed: `neurotop_gemm_n112` for 97 to 112 columns (100-unit layers),
/// `neurotop_gemm_narrow` for at most 16 (10-unit classifiers), `neurotop_gemm_wide` for any
/// columns over a k of at most 16 (their input gradients). On those shapes they run faster
/// than the libraries, which pack both operands on every call.
extension GEMM {
    /// What takes products away from the library kernel, for people (`neurotop bench`); nil when nothing does.
    public static var ownKernelSummary: String? {
        OwnKernel.enabled
            ? "products of 1-16 or 97-112 columns, or of depth 1-16: neurotop's own AVX-512 kernels" : nil
    }

    /// The kernel that a plain product of this shape (A·B, beta 0) runs on: the library's, or the own one.
    public static func kernelName(for shape: GEMMShape) -> String {
        OwnKernel.suits(n: shape.n, k: shape.k, transposeB: false, alpha: 1, beta: 0) ? "neurotop AVX-512" : kernelName
    }
}

enum OwnKernel {
    /// On CPUs with AVX-512, unless `NEUROTOP_GEMM` names a library kernel for every product.
    static let enabled = CPUFeatures.current.hasAVX512 && getenv("NEUROTOP_GEMM") == nil

    @inline(__always)
    static func suits(n: Int, k: Int, transposeB: Bool, alpha: Float, beta: Float) -> Bool {
        enabled && !transposeB && (isNarrow(n) || (n >= 97 && n <= 112) || isShallow(k)) && alpha == 1
            && (beta == 0 || beta == 1)
    }

    /// The depths `neurotop_gemm_wide` takes, whatever the columns: a 10-unit layer's input gradient.
    @inline(__always)
    static func isShallow(_ k: Int) -> Bool { k >= 1 && k <= 16 }

    /// The columns `neurotop_gemm_narrow` takes: one vector a row.
    @inline(__always)
    static func isNarrow(_ n: Int) -> Bool { n >= 1 && n <= 16 }

    /// Rows `rows` of C = (beta · C) + op(A) · B (beta 0 or 1), C `m x n`, B `k x n`, A's rows
    /// `lda` apart (k unless given). A narrow product goes to `neurotop_gemm_narrow`, a shallow one
    /// to `neurotop_gemm_wide`, those of 97 to 112 columns as follows. `alone`: the product has
    /// B to itself on this core, and B's rows go through an aligned copy in blocks of k
    /// (`neurotop_gemm_n112`: 64x784x100 at 132 GFLOP/s on one core of the Xeon, 103 read in
    /// place): a product alone, or a depth half (`multiplyByDepthHalves`). Not for the row halves
    /// of a product split between the cores, which both read all of B: after the blocked forward
    /// pass, the helper core's half of the Adam update that follows took twice as long, which cost
    /// more than the product gained. The sums are the same either way.
    @inline(__always)
    static func multiply(
        rows: Range<Int>, _ a: UnsafePointer<Float>, transposeA: Bool, _ b: UnsafePointer<Float>,
        into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, beta: Float, alone: Bool = true,
        lda: Int? = nil
    ) {
        // op(A)(i, p): a[i·lda + p] as stored (lda k unless given), a[p·m + i] transposed.
        let (rsa, csa) = transposeA ? (1, m) : (lda ?? k, 1)
        if isNarrow(n) {
            neurotop_gemm_narrow(rows.lowerBound, rows.upperBound, n, k, a, rsa, csa, b, n, c, n, beta == 0 ? 0 : 1)
        } else if n < 97 || n > 112 {
            neurotop_gemm_wide(rows.lowerBound, rows.upperBound, n, k, a, rsa, csa, b, n, c, n, beta == 0 ? 0 : 1)
        } else if alone {
            neurotop_gemm_n112(rows.lowerBound, rows.upperBound, n, k, a, rsa, csa, b, n, c, n, beta == 0 ? 0 : 1)
        } else {
            neurotop_gemm_n112_rows(
                rows.lowerBound, rows.upperBound, n, k, a, rsa, csa, b, n, c, n, beta == 0 ? 0 : 1)
        }
    }

    /// Where rows split between the cores: near the middle, on a multiple of the kernel's three rows.
    static func rowHalf(of m: Int) -> Int { (m / 2 + 1) / 3 * 3 }
}
