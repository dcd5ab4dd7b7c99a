import CBLAS
import Foundation

extension GEMMKernel {
    /// BLIS, linked into the program, with `arch` set as its sub-configuration (nil: BLIS's own
    /// choice). BLIS reads `BLIS_ARCH_TYPE` once, at its first call, so this must run before any
    /// other BLIS call and only once per process.
    static func blis(arch: BLISArch?) -> GEMMKernel {
        if let arch { setenv("BLIS_ARCH_TYPE", String(arch.id), 1) }
        // Querying the sub-configuration before BLIS is initialised aborts in BLIS 0.9 whenever
        // BLIS_ARCH_TYPE is set; initialising first makes the query safe.
        bli_init()
        let id = Int(bli_arch_query_id())
        let name = BLISArch.names.indices.contains(id) ? BLISArch.names[id] : "unknown"
        return GEMMKernel(
            id: "blis-" + name, name: "BLIS " + name, sgemm: cblas_sgemm,
            setThreadCount: { bli_thread_set_num_threads($0) })
    }

    /// Debian's OpenBLAS (libopenblas0), opened beside BLIS. OpenBLAS picks its kernels when it
    /// loads and reads the model number for that; a CPU newer than the library (0.3.21 takes an
    /// Emerald Rapids Xeon for a Prescott) gets its slowest kernels. So the core type is set from
    /// the CPU's features first, unless `OPENBLAS_CORETYPE` is already set. One thread, like BLIS:
    /// the engine splits work between cores itself.
    static func openBLAS(features: CPUFeatures) throws(GEMMSetupError) -> GEMMKernel {
        if getenv("OPENBLAS_CORETYPE") == nil {
            if features.hasAVX512 {
                setenv("OPENBLAS_CORETYPE", "SkylakeX", 1)
            } else if features.hasAVX2 {
                setenv("OPENBLAS_CORETYPE", "Haswell", 1)
            }
        }
        if getenv("OPENBLAS_NUM_THREADS") == nil { setenv("OPENBLAS_NUM_THREADS", "1", 1) }
        guard let handle = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL) else {
            throw .openBLASMissing(reason: dlerror().map { String(cString: $0) } ?? "libopenblas.so.0 not found")
        }
        guard let sgemm = dlsym(handle, "cblas_sgemm") else {
            throw .openBLASMissing(reason: "libopenblas.so.0 has no cblas_sgemm")
        }
        typealias SetThreads = @convention(c) (Int32) -> Void
        typealias CoreName = @convention(c) () -> UnsafePointer<CChar>?
        let setThreads = dlsym(handle, "openblas_set_num_threads").map { unsafeBitCast($0, to: SetThreads.self) }
        let coreName = dlsym(handle, "openblas_get_corename").map { unsafeBitCast($0, to: CoreName.self) }
        setThreads?(1)
        let core = coreName?().map { String(cString: $0) } ?? "unknown"
        return GEMMKernel(
            id: "openblas", name: "OpenBLAS " + core, sgemm: unsafeBitCast(sgemm, to: SGEMM.self),
            setThreadCount: { setThreads?(Int32($0)) })
    }
}
