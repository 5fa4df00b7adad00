import CNNCalc
import Testing

/// ``Analyzer/analyzeCollectingProblems(_:)``: every problem of a network that does not fit
/// together, and ``DeclaredInput``, the input sizes a source declares.
@Suite struct AnalysisProblemsTests {
    static func place(_ line: Int, _ column: Int) -> CNNCalc.SourceLocation {
        SourceLocation(source: "model.txt", line: line, column: column)
    }

    /// A layer declaring `argument=value` for its input, written at `line`.
    static func layer(_ name: String, _ kind: LayerKind, line: Int, declares argument: String? = nil, _ value: Int = 0, inputs: [String] = []) -> Layer {
        var layer = Layer(name: name, kind: kind, inputs: inputs, location: place(line, 3))
        if let argument { layer.declaredInput = DeclaredInput(argument, value, location: place(line, 20)) }
        return layer
    }

    /// The Lasagne MNIST network, channels first, with the given declarations on conv2 and fc1.
    static func mnist(conv2Channels: Int = 32, fc1Features: Int = 800, conv2Kernel: Int = 3) throws -> Network {
        try Network(layers: [
            Layer(name: "input", kind: .input(Input(.featureMap(spatial: [28, 28], channels: 1), layout: .channelsFirst))),
            layer("conv1", .convolution(Convolution(filters: 32, kernelSize: [5])), line: 2, declares: "in_channels", 1),
            layer("pool1", .pooling(Pooling(.max, poolSize: [2])), line: 3),
            layer("conv2", .convolution(Convolution(filters: 32, kernelSize: [conv2Kernel])), line: 4, declares: "in_channels", conv2Channels),
            layer("pool2", .pooling(Pooling(.max, poolSize: [2])), line: 5),
            layer("fc1", .dense(Dense(units: 256)), line: 6, declares: "in_features", fc1Features),
            layer("fc2", .dense(Dense(units: 10)), line: 7, declares: "in_features", 256),
        ])
    }

    static func problems(_ network: Network) -> [String] {
        do {
            _ = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyzeCollectingProblems(network)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func declarationsThatAgreeChangeNothing() throws {
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyzeCollectingProblems(try Self.mnist())
        #expect(report.totals.parameters == 217_706)
    }

    @Test func wrongInFeaturesSaysHowTheArrivingCountIsMadeAndTheFix() throws {
        #expect(Self.problems(try Self.mnist(fc1Features: 512)) == [
            "model.txt:6:20: fc1: receives 32*5*5 = 800 features (the 32x5x5 output of pool2), declared in_features=512; set in_features=800"
        ])
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() throws {
        // conv2's declaration is wrong, but its output (32 filters) is still known, so fc1 is checked too.
        let network = try Self.mnist(conv2Channels: 16, fc1Features: 512)
        #expect(Self.problems(network) == [
            "model.txt:4:20: conv2: receives 32 channels (the 32x12x12 output of pool1), declared in_channels=16; set in_channels=32",
            "model.txt:6:20: fc1: receives 32*5*5 = 800 features (the 32x5x5 output of pool2), declared in_features=512; set in_features=800",
        ])
        let first = #expect(throws: CNNCalcError.self) { try Analyzer().analyze(network) }
        #expect(first?.layerName == "conv2")
        #expect(first?.kind == .shape)
    }

    @Test func layersAfterOneWhoseOutputIsUnknownAreSkipped() throws {
        // A 15x15 kernel on 12x12: conv2 has no output, so fc1's wrong declaration cannot be checked.
        #expect(Self.problems(try Self.mnist(fc1Features: 512, conv2Kernel: 15)) == [
            "model.txt:4:3: conv2: kernel 15x15 does not fit the 12x12 input (padding 0); use padding=same or a kernel of at most 12"
        ])
    }

    @Test func branchesAreCheckedApartAndTheirMergeSkipped() throws {
        let network = try CNNTextReader.network(from: """
            input 8x8x3
            a: conv 16 9
            b: conv 16 11 inputs=input
            c: conv 16 3 inputs=input
            sum: add inputs=a,b
            """, source: "net.cnn")
        #expect(Self.problems(network) == [
            "net.cnn:2:1: a: kernel 9x9 does not fit the 8x8 input (padding 0); use padding=same or a kernel of at most 8",
            "net.cnn:3:1: b: kernel 11x11 does not fit the 8x8 input (padding 0); use padding=same or a kernel of at most 8",
        ])
    }

    @Test func aFlattenOnTheWayIsWrittenAsTheMapsProduct() throws {
        let network = try Network(layers: [
            Layer(name: "input", kind: .input(Input(.featureMap(spatial: [6, 6], channels: 256), layout: .channelsFirst))),
            Self.layer("flatten", .flatten(Flatten()), line: 2),
            Self.layer("drop", .dropout(Dropout(rate: 0.5)), line: 3),
            Self.layer("fc", .dense(Dense(units: 10)), line: 4, declares: "in_features", 4096),
        ])
        #expect(Self.problems(network) == [
            "model.txt:4:20: fc: receives 256*6*6 = 9216 features (the 256x6x6 output of input, flattened), declared in_features=4096; set in_features=9216"
        ])
    }

    @Test(arguments: [
        (TensorShape.sequence(steps: 50, features: 300), "input_size", 100, "receives 300 features per step (the 50x300 output of input), declared input_size=100; set input_size=300"),
        (TensorShape.vector(features: 64), "num_features", 32, "receives 64 features (the 64 output of input), declared num_features=32; set num_features=64"),
    ])
    func theComparedSizeFollowsTheShape(_ shape: TensorShape, _ argument: String, _ value: Int, _ expected: String) throws {
        let kind: LayerKind = argument == "input_size"
            ? .recurrent(Recurrent(.lstm, units: 8, returnsSequences: true)) : .batchNormalization(BatchNormalization())
        var layer = Layer(name: "x", kind: kind)
        layer.declaredInput = DeclaredInput(argument, value)
        let network = try Network(layers: [Layer(name: "input", kind: .input(Input(shape))), layer])
        #expect(Self.problems(network) == ["x: " + expected])
    }

    @Test func aWrongDeclarationStillGivesTheDeclaredOutput() throws {
        // A grouped conv declared for 32 channels gets 48; the check reports it, and the layer is
        // analysed as declared (groups=32 divides 32), so no second, derived problem appears.
        var conv = Layer(name: "dw", kind: .convolution(Convolution(filters: 32, kernelSize: [3], groups: 32)))
        conv.declaredInput = DeclaredInput("in_channels", 32)
        let network = try Network(layers: [
            Layer(name: "input", kind: .input(Input(.featureMap(spatial: [8, 8], channels: 48)))),
            conv,
            Layer(name: "gap", kind: .globalPooling(GlobalPooling(.average))),
        ])
        #expect(Self.problems(network) == ["dw: receives 48 channels (the 8x8x48 output of input), declared in_channels=32; set in_channels=48"])
    }

    @Test func aDeclaredSizeEqualToTheChannelsAlsoSuggestsPooling() throws {
        // MobileNetV2's classifier reads 1280 features; its forward pools the 1280x7x7 map first.
        var fc = Layer(name: "fc", kind: .dense(Dense(units: 1000)))
        fc.declaredInput = DeclaredInput("in_features", 1280)
        let network = try Network(layers: [
            Layer(name: "input", kind: .input(Input(.featureMap(spatial: [7, 7], channels: 1280), layout: .channelsFirst))), fc,
        ])
        #expect(Self.problems(network) == [
            "fc: receives 1280*7*7 = 62720 features (the 1280x7x7 output of input), declared in_features=1280; set in_features=62720, or pool the 7x7 positions away before it (in_features=1280 is the map's channel count)"
        ])
    }
}
