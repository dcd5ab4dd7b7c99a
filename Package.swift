// swift-tools-version: 6.0
import Foundation
import PackageDescription

let package = Package(
    name: "neurotop",
    products: [
        .executable(name: "neurotop", targets: ["neurotop"]),
        .library(name: "NeuroEngine", targets: ["NeuroEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.28.0"),
    ],
    targets: [
        // System libraries: a module map and a shim header each, nothing else (CVectorMath, CMalloc: a header only).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .systemLibrary(name: "CVectorMath", path: "Sources/CVectorMath"),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        .target(name: "Datasets", dependencies: ["CZlib"]),
        .target(name: "Runs", dependencies: ["CZlib", "NeuroEngine", "Training"]),
        .target(name: "NeuroEngine", dependencies: ["CBLAS", "CVectorMath"]),
        .target(name: "Training", dependencies: ["NeuroEngine", "Datasets"]),
        .target(name: "Experiments", dependencies: ["NeuroEngine", "Datasets", "Training", "Yams"]),
        .target(name: "Dashboard", dependencies: ["Training", "NeuroEngine", "Runs"]),
        // Runs written by other programs: TensorBoard event files (protobufs generated from
        // Protos/ by scripts/generate-protos.sh, committed) and neurotop event streams.
        .target(
            name: "RunLogs",
            dependencies: ["CZlib", "Runs", "Training", .product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        .target(name: "TerminalUI", dependencies: ["Dashboard", "CNcursesw"]),
        .executableTarget(
            name: "neurotop",
            dependencies: [
                "NeuroEngine", "Datasets", "Experiments", "Training", "Runs", "RunLogs", "Dashboard", "TerminalUI",
                "CMalloc", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "NeuroEngineTests", dependencies: ["NeuroEngine"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets"]),
        // Run directories made by hand, for the tests of every reader of runs.
        .target(
            name: "RunsTestSupport", dependencies: ["Runs", "Training", "NeuroEngine"], path: "Tests/RunsTestSupport"),
        .testTarget(
            name: "RunsTests",
            dependencies: ["Runs", "RunsTestSupport", "NeuroEngine", "Training", "Datasets", "Experiments"]),
        // TensorBoard event files written by hand, protobuf field by field.
        .target(name: "RunLogsTestSupport", dependencies: ["RunLogs", "CZlib"], path: "Tests/RunLogsTestSupport"),
        .testTarget(
            name: "RunLogsTests", dependencies: ["RunLogs", "RunLogsTestSupport", "RunsTestSupport", "Runs", "Training"]),
        .testTarget(
            name: "ExperimentsTests", dependencies: ["Experiments", "Training"],
            exclude: ["valid_configs", "invalid_configs"]
        ),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Experiments", "Datasets"]),
        .testTarget(
            name: "DashboardTests", dependencies: ["Dashboard", "Training", "NeuroEngine", "Datasets", "Experiments"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "neurotopTests",
            dependencies: [
                "neurotop", "Runs", "RunsTestSupport", "RunLogsTestSupport", "Training", "Dashboard", "Datasets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer harnesses, declared only when asked (scripts/fuzz.sh sets NEUROTOP_FUZZ=1 and builds
// with -sanitize=fuzzer,address), so that `swift build` and `swift test` never see them: each
// hands `main` over to libFuzzer (fuzz/*/Driver.swift).
if ProcessInfo.processInfo.environment["NEUROTOP_FUZZ"] != nil {
    for (name, dependency) in [
        ("FuzzConfig", "Experiments"), ("FuzzIDX", "Datasets"), ("FuzzCheckpoint", "Runs"), ("FuzzEvents", "Runs"),
        ("FuzzTFEvents", "RunLogs"), ("FuzzEventStream", "RunLogs"),
    ] {
        package.targets.append(
            .executableTarget(
                name: name, dependencies: [.target(name: dependency)], path: "fuzz/\(name)",
                swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    }
}
