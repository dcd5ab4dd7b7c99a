import Foundation

/// The kernel this process runs its matrix products on, and how it was chosen.
///
/// Made once, before BLAS's first call: the environment is checked (`GEMMRequest`), BLIS gets its
/// sub-configuration (a second BLIS the other of `skx`/`haswell` on AVX-512 CPUs), OpenBLAS is
/// opened when installed, and unless `NEUROTOP_GEMM` forces one, a few milliseconds of products on
/// the models' own shapes pick the fastest (the figures are cached per machine, so later starts
/// skip the measurement).
public struct GEMMSelection: Sendable {
    public enum Reason: Sendable, Equatable {
        /// `NEUROTOP_GEMM` named it.
        case forced
        /// The only kernel available (OpenBLAS not installed).
        case onlyCandidate
        /// The faster on the probe; `cached` when the figures come from an earlier start.
        case measured(cached: Bool)
    }

    public var chosen: GEMMKernel
    /// Every kernel loaded in this process, the chosen one first.
    public var candidates: [GEMMKernel]
    /// GFLOP/s on the probe's products, by kernel id (empty unless measured).
    public var speeds: [String: Double]
    public var reason: Reason

    /// The next fastest candidate on the probe.
    public var runnerUp: GEMMKernel? {
        candidates.filter { $0 != chosen }.max { (speeds[$0.id] ?? 0) < (speeds[$1.id] ?? 0) }
    }

    /// One line on the choice: the kernel and its probe speed, and the runner-up's.
    public var summary: String {
        func speed(_ kernel: GEMMKernel) -> String {
            speeds[kernel.id].map { String(format: " %.1f GFLOP/s", $0) } ?? ""
        }
        switch reason {
        case .forced:
            return "\(chosen), set by NEUROTOP_GEMM"
        case .onlyCandidate:
            return "\(chosen), the only kernel (install libopenblas0 for OpenBLAS)"
        case .measured(let cached):
            let runner = runnerUp.map { ", runner-up \($0)\(speed($0))" } ?? ""
            return "\(chosen)\(speed(chosen))\(runner) (start-up probe\(cached ? ", cached" : ""))"
        }
    }

    /// Checks the environment, loads the kernels and chooses; runs once per process.
    static func make(
        environment: [String: String] = ProcessInfo.processInfo.environment, features: CPUFeatures = .current
    ) throws(GEMMSetupError) -> GEMMSelection {
        let request = try GEMMRequest.parse(environment: environment, features: features, names: BLISArch.names)
        let blis = GEMMKernel.blis(arch: request.blisArch)
        switch request.forced {
        case .blis:
            return GEMMSelection(chosen: blis, candidates: [blis], speeds: [:], reason: .forced)
        case .openBLAS:
            let openBLAS = try GEMMKernel.openBLAS(features: features)
            return GEMMSelection(chosen: openBLAS, candidates: [openBLAS, blis], speeds: [:], reason: .forced)
        case nil:
            // One BLIS per process: a second copy in its own link namespace (dlmopen) would bring
            // a second libgomp, whose thread destructors abort ("goacc_destroy_thread: Assertion
            // `walk' failed") when dispatch threads exit. NEUROTOP_GEMM=blis-skx still forces skx.
            var candidates = [blis]
            if let openBLAS = try? GEMMKernel.openBLAS(features: features) { candidates.append(openBLAS) }
            guard candidates.count > 1 else {
                return GEMMSelection(chosen: blis, candidates: candidates, speeds: [:], reason: .onlyCandidate)
            }
            let cache = GEMMProbeCache(environment: environment, features: features, candidates: candidates)
            var speeds = cache?.read() ?? [:]
            let cached = candidates.allSatisfy { speeds[$0.id] != nil }
            if !cached {
                speeds = GEMMProbe.measure(candidates)
                cache?.write(speeds)
            }
            let ranked = candidates.sorted { (speeds[$0.id] ?? 0) > (speeds[$1.id] ?? 0) }
            return GEMMSelection(
                chosen: ranked[0], candidates: ranked, speeds: speeds, reason: .measured(cached: cached))
        }
    }
}
