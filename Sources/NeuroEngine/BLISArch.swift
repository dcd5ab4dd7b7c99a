import CBLAS
import Foundation

/// One of BLIS's sub-configurations (its kernel sets: `skx`, `haswell`, `zen3`, ...), by the id
/// that `BLIS_ARCH_TYPE` takes and its name.
///
/// BLIS reads `BLIS_ARCH_TYPE` once, at its first call, with `strtol`: a name reads as 0 (`skx`,
/// which faults on CPUs without AVX-512), and an id it does not contain aborts the process with a
/// backtrace. So the value is checked here first, and a name is accepted and passed on as its id.
struct BLISArch: Equatable, Sendable {
    var id: Int
    var name: String

    /// The sub-configuration names of the loaded BLIS, indexed by id (ids differ between BLIS
    /// versions; every version's table ends with `generic`).
    static let names: [String] = {
        var names: [String] = []
        for id in 0..<64 {
            guard let name = bli_arch_string(Int32(id)) else { break }
            names.append(String(cString: name))
            if names.last == "generic" { break }
        }
        return names
    }()

    /// The CPU flags each x86-64 sub-configuration's kernels need. Debian's BLIS contains all of
    /// these; `knc` (a coprocessor) and the ARM, POWER and RISC-V ones are absent from x86-64 builds.
    static let requirements: [String: Set<String>] = [
        "skx": ["avx512f", "avx512dq", "avx512bw", "avx512vl"],
        "knl": ["avx512f", "avx512pf", "avx512er"],
        "haswell": ["avx2", "fma"], "zen": ["avx2", "fma"], "zen2": ["avx2", "fma"], "zen3": ["avx2", "fma"],
        "sandybridge": ["avx"], "penryn": ["ssse3"],
        "bulldozer": ["avx", "fma4"], "piledriver": ["avx", "fma", "fma4"], "steamroller": ["avx", "fma", "fma4"],
        "excavator": ["avx", "fma", "fma4"],
        "generic": [],
    ]

    /// The sub-configurations this CPU can run, fastest kind first as BLIS's table orders them.
    static func usable(names: [String] = names, features: CPUFeatures) -> [String] {
        names.filter { name in requirements[name].map { features.flags.isSuperset(of: $0) } ?? false }
    }

    /// The sub-configuration a `BLIS_ARCH_TYPE` value selects; nil when the value leaves the choice
    /// to BLIS (-1, as BLIS reads it).
    static func parse(
        _ value: String, names: [String] = names, features: CPUFeatures
    ) throws(GEMMSetupError) -> BLISArch? {
        let usable = usable(names: names, features: features)
        let text = value.trimmingCharacters(in: .whitespaces)
        let id: Int
        if let number = Int(text) {
            if number == -1 { return nil }
            guard names.indices.contains(number) else {
                throw .unknownBLISArch(value: value, usable: usable)
            }
            id = number
        } else if let index = names.firstIndex(where: { $0.lowercased() == text.lowercased() }) {
            id = index
        } else {
            throw .unknownBLISArch(value: value, usable: usable)
        }
        guard usable.contains(names[id]) else {
            throw .unusableBLISArch(value: value, name: names[id], usable: usable)
        }
        return BLISArch(id: id, name: names[id])
    }
}
