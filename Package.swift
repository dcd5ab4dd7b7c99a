// swift-tools-version: 6.0
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
    ],
    targets: [
        // System libraries: a module map and a shim header each, nothing else.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),

        .target(name: "Datasets", dependencies: ["CZlib"]),
        .target(name: "Runs", dependencies: ["CZlib", "NeuroEngine", "Training"]),
        .target(
            name: "NeuroEngine", dependencies: ["CBLAS"],
            // sqrt without errno, so square roots in the optimizer loops vectorise.
            swiftSettings: [.unsafeFlags(["-Xcc", "-fno-math-errno"])]
        ),
        .target(name: "Training", dependencies: ["NeuroEngine", "Datasets"]),
        .target(name: "Experiments", dependencies: ["NeuroEngine", "Datasets", "Training", "Yams"]),
        .target(name: "Dashboard", dependencies: ["Training", "NeuroEngine", "Runs"]),
        .target(name: "TerminalUI", dependencies: ["Dashboard", "CNcursesw"]),
        .executableTarget(
            name: "neurotop",
            dependencies: [
                "NeuroEngine", "Datasets", "Experiments", "Training", "Runs", "Dashboard", "TerminalUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "NeuroEngineTests", dependencies: ["NeuroEngine"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets"]),
        .testTarget(name: "RunsTests", dependencies: ["Runs", "NeuroEngine", "Training", "Datasets", "Experiments"]),
        .testTarget(
            name: "ExperimentsTests", dependencies: ["Experiments", "Training"],
            exclude: ["valid_configs", "invalid_configs"]
        ),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Experiments", "Datasets"]),
        .testTarget(
            name: "DashboardTests", dependencies: ["Dashboard", "Training", "NeuroEngine", "Datasets"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "neurotopTests",
            dependencies: ["neurotop", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
