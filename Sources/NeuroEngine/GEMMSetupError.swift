/// Why the matrix-product library cannot be set up as the environment asks: each message names
/// the variable, what is wrong with its value and what to do, on one line.
public enum GEMMSetupError: Error, CustomStringConvertible, Equatable {
    /// `BLIS_ARCH_TYPE` names no BLIS sub-configuration (BLIS would abort at its first call).
    case unknownBLISArch(value: String, usable: [String])
    /// `BLIS_ARCH_TYPE` names a sub-configuration whose instructions this CPU lacks or that this
    /// build of BLIS does not contain.
    case unusableBLISArch(value: String, name: String, usable: [String])
    /// `NEUROTOP_GEMM` names no kernel.
    case unknownKernel(value: String, choices: [String])
    /// `NEUROTOP_GEMM=openblas` but the library cannot be loaded.
    case openBLASMissing(reason: String)
    /// `NEUROTOP_GEMM` asks for one BLIS sub-configuration and `BLIS_ARCH_TYPE` for another.
    case conflictingBLISArch(kernel: String, archType: String, name: String)

    public var description: String {
        switch self {
        case .unknownBLISArch(let value, let usable):
            "BLIS_ARCH_TYPE=\(value) is not a BLIS sub-configuration: set it to one this CPU runs "
                + "(\(usable.joined(separator: ", "))), or unset it to let neurotop choose"
        case .unusableBLISArch(let value, let name, let usable):
            "BLIS_ARCH_TYPE=\(value) selects BLIS's '\(name)' kernels, which this CPU or this BLIS cannot run: "
                + "set it to one of \(usable.joined(separator: ", ")), or unset it to let neurotop choose"
        case .unknownKernel(let value, let choices):
            "NEUROTOP_GEMM=\(value) is not a GEMM kernel: set it to one of \(choices.joined(separator: ", ")), "
                + "or unset it to let neurotop choose"
        case .openBLASMissing(let reason):
            "NEUROTOP_GEMM=openblas, but OpenBLAS cannot be loaded (\(reason)): "
                + "install it (Debian: apt-get install libopenblas0) or unset NEUROTOP_GEMM"
        case .conflictingBLISArch(let kernel, let archType, let name):
            "NEUROTOP_GEMM=\(kernel) contradicts BLIS_ARCH_TYPE=\(archType) ('\(name)'): unset one of them"
        }
    }
}
