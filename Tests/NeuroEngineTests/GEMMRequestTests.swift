import Testing

@testable import NeuroEngine

/// BLIS 0.9's sub-configuration table, as `bli_arch_string` gives it.
private let names = [
    "skx", "knl", "knc", "haswell", "sandybridge", "penryn", "zen3", "zen2", "zen", "excavator", "steamroller",
    "piledriver", "bulldozer", "armsve", "a64fx", "firestorm", "thunderx2", "cortexa57", "cortexa53", "cortexa15",
    "cortexa9", "power10", "power9", "power7", "bgq", "generic",
]
private let xeon = CPUFeatures(
    model: "Xeon", flags: ["sse3", "ssse3", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl"])
private let desktop = CPUFeatures(model: "Core", flags: ["sse3", "ssse3", "avx", "avx2", "fma"])

private func parse(_ environment: [String: String], on cpu: CPUFeatures = xeon) throws(GEMMSetupError) -> GEMMRequest {
    try GEMMRequest.parse(environment: environment, features: cpu, names: names)
}

private func setupError(_ environment: [String: String], on cpu: CPUFeatures = xeon) -> GEMMSetupError? {
    do {
        _ = try parse(environment, on: cpu)
        return nil
    } catch {
        return error
    }
}

@Test(arguments: ["99", "26", "-2", "bogus", "", "3x"])
func blisArchTypeOutsideBLISIsRefusedWithTheUsableOnes(value: String) throws {
    let error = try #require(setupError(["BLIS_ARCH_TYPE": value]))
    #expect(
        error
            == .unknownBLISArch(
                value: value, usable: ["skx", "haswell", "sandybridge", "penryn", "zen3", "zen2", "zen", "generic"]))
    #expect(error.description.hasPrefix("BLIS_ARCH_TYPE=\(value) is not a BLIS sub-configuration: set it to one"))
    #expect(!error.description.contains("\n"))
}

@Test(arguments: [("13", "armsve"), ("2", "knc"), ("1", "knl"), ("bulldozer", "bulldozer")])
func blisArchTypeThisCPUCannotRunIsRefused(value: String, name: String) throws {
    let error = try #require(setupError(["BLIS_ARCH_TYPE": value]))
    #expect(error.description.hasPrefix("BLIS_ARCH_TYPE=\(value) selects BLIS's '\(name)' kernels, which this CPU"))
}

@Test func skxIsRefusedOnACPUWithoutAVX512ByNumberAndByName() throws {
    for value in ["0", "skx"] {
        let error = try #require(setupError(["BLIS_ARCH_TYPE": value], on: desktop))
        #expect(
            error
                == .unusableBLISArch(
                    value: value, name: "skx",
                    usable: ["haswell", "sandybridge", "penryn", "zen3", "zen2", "zen", "generic"]))
    }
}

@Test func blisArchTypeByNumberOrNameSelectsThatSubConfiguration() throws {
    #expect(try parse(["BLIS_ARCH_TYPE": "3"]) == GEMMRequest(forced: nil, blisArch: BLISArch(id: 3, name: "haswell")))
    #expect(try parse(["BLIS_ARCH_TYPE": " Zen3 "]).blisArch == BLISArch(id: 6, name: "zen3"))
    #expect(try parse(["BLIS_ARCH_TYPE": "25"], on: CPUFeatures(model: "old", flags: [])).blisArch?.name == "generic")
}

@Test func withoutSettingsBLISKeepsItsOwnChoiceAndNothingIsForced() throws {
    // The probe weighs BLIS's choice against the other sub-configuration and OpenBLAS instead.
    #expect(try parse([:]) == GEMMRequest(forced: nil, blisArch: nil))
    #expect(try parse([:], on: desktop) == GEMMRequest(forced: nil, blisArch: nil))
    #expect(try parse(["BLIS_ARCH_TYPE": "-1"]) == GEMMRequest(forced: nil, blisArch: nil))
}

@Test func neurotopGEMMForcesAKernel() throws {
    #expect(try parse(["NEUROTOP_GEMM": "openblas"]) == GEMMRequest(forced: .openBLAS, blisArch: nil))
    let haswell = BLISArch(id: 3, name: "haswell")
    #expect(try parse(["NEUROTOP_GEMM": "blis-haswell"]) == GEMMRequest(forced: .blis(haswell), blisArch: haswell))
    #expect(try parse(["NEUROTOP_GEMM": "blis-haswell", "BLIS_ARCH_TYPE": "3"]).forced == .blis(haswell))
    #expect(try parse(["NEUROTOP_GEMM": ""]) == parse([:]))
}

@Test(arguments: ["own", "blis", "blis-knc", "openblas-skx", "blis-armsve"])
func neurotopGEMMThatNamesNoKernelIsRefused(value: String) throws {
    let error = try #require(setupError(["NEUROTOP_GEMM": value]))
    #expect(
        error.description
            == "NEUROTOP_GEMM=\(value) is not a GEMM kernel: set it to one of blis-skx, blis-haswell, blis-sandybridge, "
            + "blis-penryn, blis-zen3, blis-zen2, blis-zen, blis-generic, openblas, or unset it to let neurotop choose")
}

@Test func blisSkxIsNotAChoiceWithoutAVX512() throws {
    let error = try #require(setupError(["NEUROTOP_GEMM": "blis-skx"], on: desktop))
    guard case .unknownKernel(_, let choices) = error else {
        Issue.record("\(error)")
        return
    }
    #expect(!choices.contains("blis-skx") && choices.contains("blis-haswell"))
}

@Test func neurotopGEMMAndBLISArchTypeThatDisagreeAreRefused() throws {
    let error = try #require(setupError(["NEUROTOP_GEMM": "blis-skx", "BLIS_ARCH_TYPE": "3"]))
    #expect(error.description == "NEUROTOP_GEMM=blis-skx contradicts BLIS_ARCH_TYPE=3 ('haswell'): unset one of them")
}

@Test func cpuFeaturesComeFromTheFirstProcessor() {
    let text = """
        processor\t: 0
        model name\t: Intel(R) Xeon(R) Processor
        flags\t\t: fpu sse3 avx2 fma avx512f avx512dq avx512bw avx512vl

        processor\t: 1
        model name\t: Other
        flags\t\t: fpu
        """
    let cpu = CPUFeatures.parse(cpuinfo: text)
    #expect(cpu.model == "Intel(R) Xeon(R) Processor")
    #expect(cpu.hasAVX512 && cpu.hasAVX2)
    #expect(!CPUFeatures.parse(cpuinfo: "flags\t: avx2 avx512f").hasAVX512)
}
