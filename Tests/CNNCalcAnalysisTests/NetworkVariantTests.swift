import CNNCalc
import Testing

/// ``Network/replacingKinds(_:)`` and ``Network/inputNames``: variants of one network analysed
/// without reading it again, as a width or resolution sweep does.
@Suite struct NetworkVariantTests {
    /// A residual block as text: a stem, two branches and their sum, then a classifier; every
    /// convolution with `filters` filters, on a `size`x`size` RGB input.
    static func text(filters: Int = 16, size: Int = 32) -> String {
        """
        input \(size)x\(size)x3
        stem: conv \(filters) 3 padding=same
        a: conv \(filters) 3 padding=same
        b: conv \(filters) 1 inputs=stem
        sum: add inputs=a,b
        globalavgpool
        dense 10
        """
    }

    /// The network of ``text(filters:size:)``, read from scratch.
    static func network(filters: Int = 16, inputSize: Int = 32) throws -> Network {
        try CNNTextReader.network(from: text(filters: filters, size: inputSize), source: "-e")
    }

    static func scaled(_ network: Network, by multiplier: Int) throws -> Network {
        try network.replacingKinds { layer in
            guard case .convolution(var convolution) = layer.kind else { return layer.kind }
            convolution.filters *= multiplier
            return .convolution(convolution)
        }
    }

    @Test(arguments: [1, 2, 4])
    func widerVariantAnalysesAsTheSameNetworkWrittenWider(multiplier: Int) throws {
        let variant = try Self.scaled(try Self.network(), by: multiplier)
        let written = try Self.network(filters: 16 * multiplier)
        #expect(variant == written)
        #expect(try Analyzer().analyze(variant) == Analyzer().analyze(written))
    }

    @Test(arguments: [64, 224])
    func otherInputSizeAnalysesAsTheSameNetworkWrittenWithIt(size: Int) throws {
        let variant = try Self.network().replacingKinds { layer in
            guard case .input(var input) = layer.kind else { return layer.kind }
            input.shape = .featureMap(spatial: [size, size], channels: 3)
            return .input(input)
        }
        let report = try Analyzer().analyze(variant)
        #expect(report == (try Analyzer().analyze(try Self.network(filters: 16, inputSize: size))))
        #expect(report.layers[1].outputShape == .featureMap(spatial: [size, size], channels: 16))
    }

    @Test func variantKeepsTheWiringAndTheSourceConvention() throws {
        var network = try Self.network()
        network.sourceConvention = .pytorch
        let variant = try Self.scaled(network, by: 3)
        #expect(variant.predecessors == network.predecessors)
        #expect(variant.topologicalOrder == network.topologicalOrder)
        #expect(variant.inputNames == network.inputNames)
        #expect(variant.sourceConvention == .pytorch)
        #expect(variant.layers.map(\.name) == network.layers.map(\.name))
    }

    @Test func kindWithOtherInputsIsRefused() throws {
        let network = try Self.network()
        let error = #expect(throws: CNNCalcError.self) {
            _ = try network.replacingKinds { layer in layer.name == "sum" ? .dense(Dense(units: 4)) : layer.kind }
        }
        #expect(error?.kind == .graph)
        #expect(error?.layerName == "sum")
        #expect(error?.problem == "the new kind dense takes other inputs than add")
    }

    @Test func inputNamesAreTheWrittenInputsOrTheLayerBefore() throws {
        let network = try Self.network()
        #expect(network.inputNames == [[], ["input"], ["stem"], ["stem"], ["a", "b"], ["sum"], ["globalavgpool1"]])
        let report = try Analyzer().analyze(network)
        #expect(report.layers.map(\.inputNames) == network.inputNames)
    }
}
