// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "CNNCalc",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "CNNCalc", targets: ["CNNCalc"]),
        .executable(name: "cnncalc", targets: ["cnncalc"]),
        .executable(name: "cnncalc-serve", targets: ["cnncalc-serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // No traits: the default ones add stream and field-mask APIs CNNCalc does not use, and the
        // streams import all of Foundation.
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0", traits: []),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The socket layer of `cnncalc serve`: a small HTTP/1.1 server with no other dependency.
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // Value types and every formula; no I/O, no dependencies.
        .target(name: "CNNCalcCore"),
        // Walks a network and produces one report per layer, with derivations on demand.
        .target(name: "CNNCalcAnalysis", dependencies: ["CNNCalcCore"]),
        // zlib, the system's inflate: the config.json of `.keras` archives. (Through zlib itself
        // rather than ZIPFoundation, whose `import Foundation` would load all of Foundation, and its
        // thousands of protocol conformances, into every start of `cnncalc`.)
        .systemLibrary(name: "CNNCalcZlib", path: "Sources/CNNCalcZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Readers: text formats into a `Network`, never computing shapes or counts.
        .target(name: "CNNCalcFormats", dependencies: ["CNNCalcCore", "CNNCalcZlib"]),
        // The ONNX reader: a model's graph into a `Network`; the only target that sees protobuf.
        .target(
            name: "CNNCalcONNX",
            dependencies: ["CNNCalcCore", .product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        // The model zoo: textbook and framework networks written with the builder API, one file per family.
        .target(name: "CNNCalcZoo", dependencies: ["CNNCalcCore"]),
        // Renderers: a report into text; they never recompute anything.
        .target(name: "CNNCalcRendering", dependencies: ["CNNCalcCore", "CNNCalcAnalysis"]),
        // The umbrella library.
        .target(
            name: "CNNCalc",
            dependencies: ["CNNCalcCore", "CNNCalcAnalysis", "CNNCalcFormats", "CNNCalcONNX", "CNNCalcRendering", "CNNCalcZoo"]
        ),
        // The web service of `cnncalc serve`: routes, the JSON API, limits and the page; no socket.
        .target(name: "CNNCalcServer", dependencies: ["CNNCalc"]),
        // FlyingFox's server in front of the service: the only target that sees a socket.
        .target(
            name: "CNNCalcHTTP",
            dependencies: ["CNNCalcServer", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "cnncalc",
            dependencies: [
                "CNNCalc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `cnncalc serve` runs this program, so that only it loads the web server's libraries.
        .executableTarget(
            name: "cnncalc-serve",
            dependencies: [
                "CNNCalc",
                "CNNCalcHTTP",
                "CNNCalcServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // ZIPFoundation's inflate decodes the PNG screenshots of the browser tests.
        .target(
            name: "CNNCalcTestSupport",
            dependencies: ["CNNCalc", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/CNNCalcTestSupport"
        ),
        .testTarget(name: "CNNCalcCoreTests", dependencies: ["CNNCalcCore", "CNNCalcTestSupport"]),
        .testTarget(name: "CNNCalcAnalysisTests", dependencies: ["CNNCalc", "CNNCalcTestSupport"]),
        .testTarget(name: "CNNCalcFormatsTests", dependencies: ["CNNCalc", "CNNCalcTestSupport"]),
        .testTarget(
            name: "CNNCalcONNXTests",
            dependencies: ["CNNCalc", "CNNCalcONNX", "CNNCalcTestSupport", .product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .testTarget(name: "CNNCalcRenderingTests", dependencies: ["CNNCalc", "CNNCalcTestSupport"]),
        .testTarget(name: "CNNCalcZooTests", dependencies: ["CNNCalc", "CNNCalcZoo", "CNNCalcTestSupport"]),
        .testTarget(name: "cnncalcTests", dependencies: ["cnncalc", "cnncalc-serve", "CNNCalcTestSupport"]),
        .testTarget(name: "CNNCalcServerTests", dependencies: ["CNNCalcServer", "cnncalc", "cnncalc-serve", "CNNCalcTestSupport"]),
    ]
)
