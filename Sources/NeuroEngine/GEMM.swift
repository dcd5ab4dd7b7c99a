import CBLAS

/// Matrix products on BLAS (row-major), the one place the engine calls into it.
public enum GEMM {
    /// C = alpha * op(A) * op(B) + beta * C, with op(A) `m x k`, op(B) `k x n`, C `m x n`.
    @inline(__always)
    public static func multiply(
        _ a: UnsafePointer<Float>, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, transposeB: Bool = false,
        into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
    ) {
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(transposeA ? m : k),
            b, Int32(transposeB ? k : n),
            beta, c, Int32(n))
    }

    /// Sets how many threads BLAS may use for one product.
    public static func setThreadCount(_ count: Int) {
        bli_thread_set_num_threads(count)
    }

    /// The name of the kernel set BLAS chose for this CPU (`haswell`, `zen3`, `skx`, ...).
    public static var kernelName: String {
        guard let name = bli_arch_string(bli_arch_query_id()) else { return "unknown" }
        return "BLIS " + String(cString: name)
    }

    /// The sum of absolute values.
    @inline(__always)
    public static func absoluteSum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        cblas_sasum(Int32(count), x, 1)
    }

    /// The Euclidean norm.
    @inline(__always)
    public static func norm(_ x: UnsafePointer<Float>, count: Int) -> Float {
        cblas_snrm2(Int32(count), x, 1)
    }
}
