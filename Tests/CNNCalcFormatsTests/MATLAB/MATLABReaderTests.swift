import CNNCalc
import Testing

/// How MATLAB layer functions become CNNCalc layers: MATLAB's defaults, names and wiring.
@Suite struct MATLABReaderTests {
    @Test func unnamedLayersGetMATLABsNames() throws {
        let text = """
            layers = [imageInputLayer([28 28 1])
                convolution2dLayer(3,8)
                reluLayer
                convolution2dLayer(3,8,'Name','second')
                reluLayer
                convolution2dLayer(3,8)
                reluLayer
                fullyConnectedLayer(10)
                softmaxLayer
                classificationLayer];
            """
        let network = try MATLABTesting.network(text)
        #expect(network.layers.map(\.name) == [
            "imageinput", "conv_1", "relu_1", "second", "relu_2", "conv_2", "relu_3", "fc", "softmax", "classoutput",
        ])
        #expect(network.layers.dropFirst().map(\.inputs) == network.layers.dropLast().map { [$0.name] })
        #expect(network.sourceConvention == .matlab)
    }

    @Test func everyLayerKnowsWhereItWasWritten() throws {
        let text = "numF = 4;\nlayers = [ ...\n    imageInputLayer([8 8 1]) ...\n  convolution2dLayer(3, numF)\n\treluLayer];"
        let network = try MATLABTesting.network(text)
        #expect(network.layers.map(\.location) == [
            MATLABTesting.location(3, 5), MATLABTesting.location(4, 3), MATLABTesting.location(5, 2),
        ])
    }

    // MATLAB's defaults: poolings step by 1, every padding is 0 until written.
    @Test func defaultsAreMATLABs() throws {
        let layers = try MATLABTesting.network("""
            [imageInputLayer([28 28]) convolution2dLayer(5,20) maxPooling2dLayer(2) averagePooling2dLayer([3 2])
             transposedConv2dLayer(4,8) dropoutLayer leakyReluLayer eluLayer lstmLayer(5)]
            """).layers
        #expect(layers[0].kind == .input(Input(.featureMap(spatial: [28, 28], channels: 1))))
        #expect(layers[1].kind == .convolution(Convolution(filters: 20, kernelSize: [5], padding: .uniform(0), spatialRank: 2)))
        #expect(layers[2].kind == .pooling(Pooling(.max, poolSize: [2], stride: [1], padding: .uniform(0), spatialRank: 2)))
        #expect(layers[3].kind == .pooling(Pooling(.average, poolSize: [3, 2], stride: [1], padding: .uniform(0), spatialRank: 2)))
        #expect(layers[4].kind == .transposedConvolution(TransposedConvolution(filters: 8, kernelSize: [4], padding: .uniform(0), spatialRank: 2)))
        #expect(layers[5].kind == .dropout(Dropout(rate: 0.5)))
        #expect(layers[6].kind == .activation(Activation(.leakyReLU(alpha: 0.01))))
        #expect(layers[7].kind == .activation(Activation(.elu(alpha: 1))))
        #expect(layers[8].kind == .recurrent(Recurrent(.lstm, units: 5, returnsSequences: true)))
    }

    @Test(arguments: [
        ("1", 2, Padding.explicit([AxisPadding(before: 1, after: 1)])),
        ("[1 2]", 2, .explicit([AxisPadding(before: 1, after: 1), AxisPadding(before: 2, after: 2)])),
        ("[1 2 3 4]", 2, .explicit([AxisPadding(before: 1, after: 2), AxisPadding(before: 3, after: 4)])),
        ("'same'", 2, .same),
        ("\"SAME\"", 3, .same),
        ("[1 2 3]", 3, .explicit([AxisPadding(before: 1, after: 1), AxisPadding(before: 2, after: 2), AxisPadding(before: 3, after: 3)])),
        ("[1 2 3; 4 5 6]", 3, .explicit([AxisPadding(before: 1, after: 4), AxisPadding(before: 2, after: 5), AxisPadding(before: 3, after: 6)])),
        ("[2 0]", 1, .explicit([AxisPadding(before: 2, after: 0)])),
        // (FilterSize - 1)*DilationFactor = (3 - 1)*1 before, none after.
        ("'causal'", 1, .explicit([AxisPadding(before: 2, after: 0)])),
    ])
    func paddingAsMATLABWritesIt(written: String, rank: Int, expected: Padding) throws {
        let function = "convolution\(rank)dLayer"
        let input = ["sequenceInputLayer(3)", "imageInputLayer([28 28 3])", "image3dInputLayer([8 8 8 1])"][rank - 1]
        let network = try MATLABTesting.network("[\(input) \(function)(3,4,'Padding',\(written))]")
        guard case .convolution(let layer) = network.layers[1].kind else {
            Issue.record("not a convolution")
            return
        }
        #expect(layer.window.padding == expected)
    }

    @Test func groupedAndChannelWiseConvolutions() throws {
        let layers = try MATLABTesting.network("""
            [imageInputLayer([28 28 4]) groupedConvolution2dLayer(5,128,2,'Padding','same')
             groupedConvolution2dLayer(3,10,'channel-wise','Stride',2)]
            """).layers
        #expect(layers[1].kind == .convolution(Convolution(filters: 256, kernelSize: [5], padding: .same, groups: 2, spatialRank: 2)))
        #expect(layers[2].kind == .depthwiseConvolution(DepthwiseConvolution(
            kernelSize: [3], multiplier: 10, stride: [2], padding: .uniform(0), spatialRank: 2)))
    }

    @Test func inputLayers() throws {
        let kinds = try [
            "image3dInputLayer([64 64 32 2])", "image3dInputLayer([64 64 32])", "sequenceInputLayer(12)",
            "sequenceInputLayer(12,'MinLength',20)", "featureInputLayer(10, 'Normalization', 'zscore')",
        ].map { try MATLABTesting.network($0).layers[0].kind }
        #expect(kinds == [
            .input(Input(.featureMap(spatial: [64, 64, 32], channels: 2))),
            .input(Input(.featureMap(spatial: [64, 64, 32], channels: 1))),
            .input(Input(.sequence(steps: 1, features: 12))),
            .input(Input(.sequence(steps: 20, features: 12))),
            .input(Input(.vector(features: 10))),
        ])
    }

    @Test(arguments: [("imageInputLayer([8 8 3])", 3, Concatenate.Axis.channels), ("imageInputLayer([8 8 3])", 2, .width),
                      ("image3dInputLayer([8 8 8 3])", 4, .channels), ("image3dInputLayer([8 8 8 3])", 1, .depth),
                      ("sequenceInputLayer(3)", 1, .channels)])
    func concatenationDimensionsAreMATLABs(input: String, dimension: Int, axis: Concatenate.Axis) throws {
        let text = """
            lgraph = layerGraph([\(input) reluLayer('Name','a') concatenationLayer(\(dimension),2,'Name','cat')]);
            lgraph = connectLayers(lgraph, '\(input.hasPrefix("seq") ? "sequenceinput" : input.hasPrefix("image3d") ? "image3dinput" : "imageinput")', 'cat/in2');
            """
        let network = try MATLABTesting.network(text)
        #expect(network.layers[2].kind == .concatenate(Concatenate(axis: axis)))
        #expect(network.layers[2].inputs.count == 2)
    }

    // layerGraph reference page, "Create Simple DAG Network": a skip connection added with addLayers.
    @Test func layerGraphConnectsTheSkip() throws {
        let text = """
            layers = [imageInputLayer([28 28 1],'Name','input')
                convolution2dLayer(5,16,'Padding','same','Name','conv_1')
                reluLayer('Name','relu_1')
                convolution2dLayer(3,16,'Padding','same','Name','conv_2')
                additionLayer(2,'Name','add')
                fullyConnectedLayer(10,'Name','fc')];
            lgraph = layerGraph(layers);
            skipConv = convolution2dLayer(1,16,'Name','skipConv');
            lgraph = addLayers(lgraph,skipConv);
            lgraph = connectLayers(lgraph,'relu_1','skipConv');
            lgraph = connectLayers(lgraph,'skipConv/out','add/in2');
            """
        let network = try MATLABTesting.network(text)
        let byName = Dictionary(uniqueKeysWithValues: network.layers.map { ($0.name, $0) })
        #expect(byName["add"]?.inputs == ["conv_2", "skipConv"])
        #expect(byName["skipConv"]?.inputs == ["relu_1"])
        #expect(byName["fc"]?.inputs == ["add"])
    }

    @Test func dlnetworkIsBuiltTheSameWay() throws {
        let text = """
            net = dlnetwork;
            net = addLayers(net, [featureInputLayer(4,Name="in") fullyConnectedLayer(8,Name="a") reluLayer(Name="r")]);
            net = addLayers(net, [fullyConnectedLayer(8,Name="b") additionLayer(2,Name="sum") fullyConnectedLayer(2)]);
            net = connectLayers(net, "in", "b");
            net = connectLayers(net, "r", "sum/in2");
            net = disconnectLayers(net, "r", "sum/in2");
            net = connectLayers(net, "a", "sum/in2");
            net = removeLayers(net, "r");
            net = initialize(net);
            """
        let network = try MATLABTesting.network(text)
        #expect(network.layers.map(\.name) == ["in", "a", "b", "sum", "fc"])
        #expect(network.layers[3].inputs == ["b", "a"])
    }

    @Test func theLastGraphIsTheNetwork() throws {
        let text = """
            layers = [imageInputLayer([8 8 1]) reluLayer];
            other = [imageInputLayer([4 4 1]) tanhLayer];
            lgraph = layerGraph(layers);
            """
        #expect(try MATLABTesting.network(text).layers.map(\.name) == ["imageinput", "relu"])
        // Without a graph, the last layer array.
        #expect(try MATLABTesting.network("a = [imageInputLayer([8 8 1]) reluLayer]; b = [featureInputLayer(3) tanhLayer];")
            .layers.map(\.name) == ["featureinput", "tanh"])
    }

    @Test func declaredSizesAreCarried() throws {
        let layers = try MATLABTesting.network("""
            [imageInputLayer([7 7 24]) convolution2dLayer(1,24,'NumChannels',24) batchNormalizationLayer('NumChannels','auto')
             fullyConnectedLayer(3,'InputSize',1176)]
            """).layers
        #expect(layers[1].declaredInput == DeclaredInput("NumChannels", 24, isNameValuePair: true))
        #expect(layers[2].declaredInput == nil)
        #expect(layers[3].declaredInput == DeclaredInput("InputSize", 1176, isNameValuePair: true))
    }

    @Test(arguments: [
        ("layers = [imageInputLayer([28 28 1]) reluLayer];", true),
        ("net = dlnetwork;", true),
        ("lgraph = layerGraph(layers)", true),
        ("input 28x28x1; conv 32 5; dense 10", false),
        ("input 28x28x1  # as MATLAB's imageInputLayer([28 28 1])\nconv 32 5", false),
        ("% reluLayer only in a comment", false),
    ])
    func matlabTextIsRecognized(text: String, isMATLAB: Bool) {
        #expect(MATLABReader.looksLikeMATLAB(text) == isMATLAB)
    }
}
