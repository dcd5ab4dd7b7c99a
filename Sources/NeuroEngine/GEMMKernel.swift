import CBLAS

/// One sgemm implementation the engine can run its matrix products on: a BLIS sub-configuration
/// or OpenBLAS, each reached through its `cblas_sgemm`.
///
/// `@unchecked Sendable`: every stored property is a constant (C function addresses and strings).
public struct GEMMKernel: @unchecked Sendable, Equatable, CustomStringConvertible {
    typealias SGEMM =
        @convention(c) (
            CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
            UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
        ) -> Void

    /// What `NEUROTOP_GEMM` calls it: `blis-skx`, `blis-haswell`, `openblas`.
    public let id: String
    /// The library and its kernel set, for people: `BLIS skx`, `OpenBLAS SkylakeX`.
    public let name: String
    let sgemm: SGEMM
    let setThreadCount: @Sendable (Int) -> Void

    public var description: String { "\(id) (\(name))" }

    public static func == (lhs: GEMMKernel, rhs: GEMMKernel) -> Bool { lhs.id == rhs.id }
}
