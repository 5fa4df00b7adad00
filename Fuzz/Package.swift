// swift-tools-version: 6.0
// libFuzzer targets for CNNCalc's readers, a package of its own so that the main package's build
// and tests stay as they are. Build and run them with Scripts/fuzz.sh, which builds with
// `swift build --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address`; a plain
// `swift build` here cannot link them.
import PackageDescription

/// One executable per reader; each has only `LLVMFuzzerTestOneInput` in its main.swift.
let readers = [
    "fuzz-cnn-text", "fuzz-onnx", "fuzz-keras-json", "fuzz-keras-archive",
    "fuzz-matlab", "fuzz-pytorch-text", "fuzz-lasagne",
]

let package = Package(
    name: "CNNCalcFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "CNNCalc", path: "..")],
    targets: [
        // What every target does with a network it read: the analysis, as `cnncalc` would run it.
        .target(name: "FuzzSupport", dependencies: [.product(name: "CNNCalc", package: "CNNCalc")]),
    ] + readers.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "CNNCalc", package: "CNNCalc")])
    }
)
