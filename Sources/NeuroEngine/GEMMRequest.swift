import Foundation

/// What the environment asks of the matrix-product library, checked before BLAS's first call:
/// `NEUROTOP_GEMM` forces a kernel (`blis-skx`, `blis-haswell`, `openblas`, ...) and
/// `BLIS_ARCH_TYPE` is BLIS's own override of its sub-configuration.
struct GEMMRequest: Equatable {
    enum Kernel: Equatable {
        case blis(BLISArch)
        case openBLAS
    }

    /// The kernel `NEUROTOP_GEMM` forces; nil lets the start-up probe choose.
    var forced: Kernel?
    /// The BLIS sub-configuration to set before BLIS's first call; nil leaves BLIS's own choice.
    var blisArch: BLISArch?

    /// Reads and checks both variables.
    static func parse(
        environment: [String: String], features: CPUFeatures, names: [String]
    ) throws(GEMMSetupError) -> GEMMRequest {
        let fromArchType = try environment["BLIS_ARCH_TYPE"].flatMap {
            value throws(GEMMSetupError) in try BLISArch.parse(value, names: names, features: features)
        }
        let usable = BLISArch.usable(names: names, features: features)
        var request = GEMMRequest(forced: nil, blisArch: fromArchType)
        let value = environment["NEUROTOP_GEMM", default: ""].trimmingCharacters(in: .whitespaces)
        if value.lowercased() == "openblas" {
            request.forced = .openBLAS
        } else if value.lowercased().hasPrefix("blis-"), let id = names.firstIndex(of: String(value.dropFirst(5))),
            usable.contains(names[id])
        {
            let arch = BLISArch(id: id, name: names[id])
            if let fromArchType, fromArchType != arch {
                throw .conflictingBLISArch(
                    kernel: value, archType: environment["BLIS_ARCH_TYPE", default: ""], name: fromArchType.name)
            }
            request.forced = .blis(arch)
            request.blisArch = arch
        } else if !value.isEmpty {
            throw .unknownKernel(value: value, choices: usable.map { "blis-" + $0 } + ["openblas"])
        }
        return request
    }
}
