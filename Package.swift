// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mish-math",
    products: [
        .executable(name: "mish-math", targets: ["mish-math"]),
        .library(name: "MishNumbers", targets: ["MishNumbers"]),
        .library(name: "MishSymbolic", targets: ["MishSymbolic"]),
        .library(name: "MishSeries", targets: ["MishSeries"]),
        .library(name: "MishAnalysis", targets: ["MishAnalysis"]),
        .library(name: "MishKernels", targets: ["MishKernels"]),
        .library(name: "MishAccuracy", targets: ["MishAccuracy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CMPFR",
            pkgConfig: "mpfr",
            providers: [.apt(["libmpfr-dev", "libgmp-dev", "pkg-config"])]
        ),
        .target(name: "MishNumbers", dependencies: ["CMPFR"], exclude: ["README.md"]),
        .target(name: "MishSymbolic", dependencies: ["MishNumbers"], exclude: ["README.md"]),
        .target(name: "MishSeries", dependencies: ["MishSymbolic", "MishNumbers"], exclude: ["README.md"]),
        .target(name: "MishAnalysis", dependencies: ["MishSymbolic", "MishNumbers"], exclude: ["README.md"]),
        .target(name: "MishKernels", dependencies: ["MishAnalysis", "MishSeries", "MishSymbolic", "MishNumbers"], exclude: ["README.md"]),
        .target(name: "MishAccuracy", dependencies: ["MishSymbolic", "MishNumbers"], exclude: ["README.md"]),
        .executableTarget(
            name: "mish-math",
            dependencies: [
                "MishNumbers",
                "MishSymbolic",
                "MishSeries",
                "MishAnalysis",
                "MishKernels",
                "MishAccuracy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"]
        ),
        .target(name: "MishTestSupport", dependencies: ["MishNumbers", "MishSymbolic"], path: "Tests/MishTestSupport"),
        .testTarget(name: "MishNumbersTests", dependencies: ["MishNumbers", "MishTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "MishSymbolicTests", dependencies: ["MishSymbolic", "MishNumbers", "MishTestSupport"]),
        .testTarget(name: "MishSeriesTests", dependencies: ["MishSeries", "MishSymbolic", "MishNumbers", "MishTestSupport"]),
        .testTarget(name: "MishAnalysisTests", dependencies: ["MishAnalysis", "MishSymbolic", "MishNumbers", "MishTestSupport"]),
        .testTarget(name: "MishKernelsTests", dependencies: ["MishKernels", "MishAccuracy", "MishAnalysis", "MishSymbolic", "MishNumbers", "MishTestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "MishAccuracyTests", dependencies: ["MishAccuracy", "MishSymbolic", "MishNumbers", "MishTestSupport"]),
        .testTarget(name: "MishMathCLITests", dependencies: ["mish-math", "MishTestSupport", "MishSymbolic", "MishNumbers"]),
    ]
)
