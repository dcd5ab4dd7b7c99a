import CVectorMath
import Foundation

/// neurotop's own matrix-product kernel (`neurotop_gemm_n112_rows` in CVectorMath) for the
/// products of 100-unit Dense layers on CPUs with AVX-512: 97 to 112 columns, B not transposed.
/// On those shapes it runs faster than the libraries, which pack both operands on every call.
extension GEMM {
    /// What takes products away from the library kernel, for people (`neurotop bench`); nil when nothing does.
    public static var ownKernelSummary: String? {
        OwnKernel.enabled ? "products of 97 to 112 columns: neurotop's own AVX-512 kernel" : nil
    }
}

enum OwnKernel {
    /// On CPUs with AVX-512, unless `NEUROTOP_GEMM` names a library kernel for every product.
    static let enabled = CPUFeatures.current.hasAVX512 && getenv("NEUROTOP_GEMM") == nil

    @inline(__always)
    static func suits(n: Int, transposeB: Bool, alpha: Float, beta: Float) -> Bool {
        enabled && !transposeB && n >= 97 && n <= 112 && alpha == 1 && (beta == 0 || beta == 1)
    }

    /// Rows `rows` of C = (beta · C) + op(A) · B (beta 0 or 1), C `m x n`, B `k x n`.
    @inline(__always)
    static func multiply(
        rows: Range<Int>, _ a: UnsafePointer<Float>, transposeA: Bool, _ b: UnsafePointer<Float>,
        into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, beta: Float
    ) {
        // op(A)(i, p): a[i·k + p] as stored, a[p·m + i] transposed.
        neurotop_gemm_n112_rows(
            rows.lowerBound, rows.upperBound, n, k, a, transposeA ? 1 : k, transposeA ? m : 1, b, n, c, n,
            beta == 0 ? 0 : 1)
    }

    /// Where rows split between the cores: near the middle, on a multiple of the kernel's three rows.
    static func rowHalf(of m: Int) -> Int { (m / 2 + 1) / 3 * 3 }
}
