// swift-tools-version: 6.0
// Speed and memory benchmarks of CNNCalc, a package of its own so that the main package's build
// and tests stay as they are. Run with Scripts/benchmark.sh, which also times the Python tools.
import PackageDescription

let package = Package(
    name: "CNNCalcBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "CNNCalc", path: "..")],
    targets: [
        // Counts calls to malloc and its relatives in the benchmark process (Linux: the executable's
        // definitions take the place of the C library's).
        .target(name: "AllocationCounter"),
        .executableTarget(
            name: "cnncalc-bench",
            dependencies: [.product(name: "CNNCalc", package: "CNNCalc"), "AllocationCounter"]
        ),
    ]
)
