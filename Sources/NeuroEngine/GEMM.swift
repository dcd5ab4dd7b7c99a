import CBLAS

/// Matrix products on BLAS (row-major), the one place the engine calls into it.
///
/// The kernel is chosen once per process (`GEMMSelection`) at the first product, or earlier by
/// `prepare()`, which a program calls at start-up to turn a bad environment into a clear error.
public enum GEMM {
    /// C = alpha * op(A) * op(B) + beta * C, with op(A) `m x k`, op(B) `k x n`, C `m x n`.
    ///
    /// - Parameter kernel: the kernel to run on; nil for `current`, or for neurotop's own kernel
    ///   where it suits the product (`OwnKernel`) and no test put a library kernel in place with
    ///   `using`. Code that hands products to other threads reads `current` first and passes it,
    ///   so a test's `using` reaches them.
    @inline(__always)
    public static func multiply(
        _ a: UnsafePointer<Float>, transposeA: Bool = false,
        _ b: UnsafePointer<Float>, transposeB: Bool = false,
        into c: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0, using kernel: GEMMKernel? = nil
    ) {
        // A kernel passed by name is that library's (the start-up probe ranks the libraries so).
        if kernel == nil, override == nil, OwnKernel.suits(n: n, k: k, transposeB: transposeB, alpha: alpha, beta: beta)
        {
            OwnKernel.multiply(rows: 0..<m, a, transposeA: transposeA, b, into: c, m: m, n: n, k: k, beta: beta)
            return
        }
        (kernel ?? current).sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(transposeA ? m : k),
            b, Int32(transposeB ? k : n),
            beta, c, Int32(n))
    }

    /// Checks the environment (`BLIS_ARCH_TYPE`, `NEUROTOP_GEMM`) and chooses the kernel, once;
    /// later calls return the same choice or error.
    @discardableResult
    public static func prepare() throws(GEMMSetupError) -> GEMMSelection {
        try selection.get()
    }

    /// The kernel products run on: the one a test put in place with `using`, else the process's.
    public static var current: GEMMKernel {
        if let kernel = override { return kernel }
        switch selection {
        case .success(let choice): return choice.chosen
        // A program that skipped `prepare()` still stops with the one-line reason, not inside BLAS.
        case .failure(let error): preconditionFailure(error.description)
        }
    }

    /// Every kernel loaded in this process (BLIS and, when installed, OpenBLAS).
    public static var availableKernels: [GEMMKernel] {
        (try? selection.get().candidates) ?? []
    }

    /// Runs `body` with its products (on this thread, and where passed on) on `kernel`, every one:
    /// the own kernels and direct convolutions step aside, so that a test of a library kernel
    /// tests that kernel.
    public static func using<T>(_ kernel: GEMMKernel, _ body: () throws -> T) rethrows -> T {
        try $override.withValue(kernel, operation: body)
    }

    /// Runs `body` with `kernel` in place when there is one (`kernelInPlace`, passed on to another
    /// thread), else as it is: so that code on that thread takes the same paths as on this one
    /// (the direct convolutions run only when no test has put a kernel in place).
    public static func using<T>(_ kernel: GEMMKernel?, _ body: () throws -> T) rethrows -> T {
        guard let kernel else { return try body() }
        return try $override.withValue(kernel, operation: body)
    }

    /// The kernel a test put in place with `using` on this thread; nil when none was.
    public static var kernelInPlace: GEMMKernel? { override }

    @TaskLocal static var override: GEMMKernel?

    static let selection = Result { () throws(GEMMSetupError) in try GEMMSelection.make() }

    /// Sets how many threads the current kernel may use for one product.
    public static func setThreadCount(_ count: Int) {
        current.setThreadCount(count)
    }

    /// The kernel in use, for people (`BLIS skx`, `OpenBLAS SkylakeX`).
    public static var kernelName: String { current.name }

    /// The sum of absolute values.
    @inline(__always)
    public static func absoluteSum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        _ = current  // BLIS must not start before its sub-configuration is set
        return cblas_sasum(Int32(count), x, 1)
    }

    /// The Euclidean norm.
    @inline(__always)
    public static func norm(_ x: UnsafePointer<Float>, count: Int) -> Float {
        _ = current
        return cblas_snrm2(Int32(count), x, 1)
    }
}
