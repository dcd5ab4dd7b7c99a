import Foundation

/// The instruction-set extensions of this machine's CPU that decide which GEMM kernels can run.
///
/// Read from the kernel's `/proc/cpuinfo` flags rather than CPUID directly: Linux clears a flag
/// when the operating system does not save the matching registers (AVX-512 state disabled in a
/// virtual machine), so a flag there means the instructions are usable, not only present.
public struct CPUFeatures: Sendable, Equatable {
    public var model: String
    public var flags: Set<String>

    public init(model: String, flags: Set<String>) {
        self.model = model
        self.flags = flags
    }

    /// The AVX-512 subset the `skx` (Skylake-X) kernels of BLIS and OpenBLAS use.
    public var hasAVX512: Bool { flags.isSuperset(of: ["avx512f", "avx512dq", "avx512bw", "avx512vl"]) }

    /// AVX2 with FMA3: the `haswell` kernels.
    public var hasAVX2: Bool { flags.isSuperset(of: ["avx2", "fma"]) }

    /// This machine's features; an empty set (generic kernels only) where cpuinfo cannot be read.
    public static let current: CPUFeatures = {
        guard let text = ProcFile.read("/proc/cpuinfo") else {
            return CPUFeatures(model: "unknown CPU", flags: [])
        }
        return parse(cpuinfo: text)
    }()

    /// The first processor's model name and flags from the text of `/proc/cpuinfo`.
    static func parse(cpuinfo text: String) -> CPUFeatures {
        var model = "unknown CPU"
        var flags: Set<String> = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            if key == "model name", model == "unknown CPU" { model = value }
            if key == "flags", flags.isEmpty { flags = Set(value.split(separator: " ").map(String.init)) }
            if model != "unknown CPU", !flags.isEmpty { break }
        }
        return CPUFeatures(model: model, flags: flags)
    }
}
