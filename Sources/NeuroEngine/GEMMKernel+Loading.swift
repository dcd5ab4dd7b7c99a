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

    /// A second BLIS with sub-configuration `arch`, beside the linked one: BLIS takes one
    /// sub-configuration per process, so the copy is opened in a link namespace of its own
    /// (dlmopen), where it reads `BLIS_ARCH_TYPE` afresh. Nil when it cannot be opened.
    static func blisCopy(arch: BLISArch) -> GEMMKernel? {
        guard let path = linkedBLISPath() else { return nil }
        let previous = getenv("BLIS_ARCH_TYPE").map { String(cString: $0) }
        setenv("BLIS_ARCH_TYPE", String(arch.id), 1)
        // BLIS reads the variable in bli_init, so it is put back only after that.
        defer { if let previous { setenv("BLIS_ARCH_TYPE", previous, 1) } else { unsetenv("BLIS_ARCH_TYPE") } }
        let handle = dlmopen(-1, path, RTLD_NOW | RTLD_LOCAL)  // -1: LM_ID_NEWLM, a new namespace
        typealias Initialise = @convention(c) () -> Void
        typealias QueryArch = @convention(c) () -> Int32
        typealias SetThreads = @convention(c) (Int) -> Void
        guard let handle, let sgemm = dlsym(handle, "cblas_sgemm"), let initialise = dlsym(handle, "bli_init"),
            let query = dlsym(handle, "bli_arch_query_id"), let threads = dlsym(handle, "bli_thread_set_num_threads")
        else { return nil }
        unsafeBitCast(initialise, to: Initialise.self)()
        guard Int(unsafeBitCast(query, to: QueryArch.self)()) == arch.id else { return nil }
        let setThreads = unsafeBitCast(threads, to: SetThreads.self)
        return GEMMKernel(
            id: "blis-" + arch.name, name: "BLIS " + arch.name, sgemm: unsafeBitCast(sgemm, to: SGEMM.self),
            setThreadCount: { setThreads($0) })
    }

    /// Where the BLIS this program is linked against was loaded from.
    private static func linkedBLISPath() -> String? {
        guard let maps = ProcFile.read("/proc/self/maps") else { return nil }
        for line in maps.split(separator: "\n") {
            guard let start = line.firstIndex(of: "/") else { continue }
            let path = String(line[start...])
            if path.split(separator: "/").last?.hasPrefix("libblis") == true { return path }
        }
        return nil
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
