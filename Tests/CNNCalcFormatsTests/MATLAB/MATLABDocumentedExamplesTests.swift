import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// Networks from MATLAB's documentation and questions, with the sizes MATLAB's reference pages
/// give: each learnable's size as the layer's page states it (`Weights` of
/// `convolution2dLayer` is FilterSize(1)×FilterSize(2)×NumChannels×NumFilters, ...) and each
/// output by the page's output-size rule. No MATLAB runs here; the page is named at each test.
@Suite struct MATLABDocumentedExamplesTests {
    struct Row: Sendable {
        var name: String
        var activations: String
        var learnables: [String]
        var total: Int
    }

    static func check(_ report: NetworkReport, _ rows: [Row], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(report.layers.map(\.name) == rows.map(\.name), sourceLocation: sourceLocation)
        for (layer, row) in zip(report.layers, rows) {
            #expect(layer.outputShape.matlabText(in: .channelsLast) == row.activations, "\(row.name)", sourceLocation: sourceLocation)
            #expect(MATLABTesting.learnables(report, row.name, states: false) == row.learnables, "\(row.name)", sourceLocation: sourceLocation)
            #expect(layer.parameterCount == row.total, "\(row.name)", sourceLocation: sourceLocation)
        }
    }

    // Data Science SE 65392, the question this project grew from: a [50 50 2] input and 20
    // filters of 5x5. convolution2dLayer page: output (50 - 5)/1 + 1 = 46 per axis, Weights
    // FilterSize(1)×FilterSize(2)×NumChannels×NumFilters, Bias 1×1×NumFilters; fullyConnectedLayer
    // page: Weights OutputSize×InputSize, Bias OutputSize×1.
    @Test func seedNetworkOfTheMATLABQuestion() throws {
        let report = try MATLABTesting.report(
            "[imageInputLayer([50 50 2]) convolution2dLayer(5,20) reluLayer fullyConnectedLayer(5) softmaxLayer classificationLayer]")
        Self.check(report, [
            Row(name: "imageinput", activations: "50×50×2", learnables: [], total: 0),
            Row(name: "conv", activations: "46×46×20", learnables: ["Weights 5×5×2×20", "Bias 1×1×20"], total: 1_020),
            Row(name: "relu", activations: "46×46×20", learnables: [], total: 0),
            Row(name: "fc", activations: "5", learnables: ["Weights 5×42320", "Bias 5×1"], total: 211_605),
            Row(name: "softmax", activations: "5", learnables: [], total: 0),
            Row(name: "classoutput", activations: "5", learnables: [], total: 0),
        ])
        #expect(report.totals.parameters == 212_625)
        #expect(report.layers[1].derivation(layout: .channelsLast).parameterFormula == "(5*5*2+1)*20")
    }

    // The asker's follow-up: a fully connected layer of 3 outputs after a 7×7×24 map has Weights
    // 3×1176, since InputSize is every value of the map, 7*7*24 = 1176 (fullyConnectedLayer page).
    // maxPooling2dLayer(2,'Stride',2) halves 28 to 14 and 14 to 7; 'same' keeps the size at stride 1.
    @Test func fullyConnectedAfterASevenBySevenMap() throws {
        let text = """
            numF = 12;
            layers = [
                imageInputLayer([28 28 1])
                convolution2dLayer(3, numF, 'Padding', 'same')
                maxPooling2dLayer(2, 'Stride', 2)
                convolution2dLayer(3, 2*numF, "Padding", "same")
                maxPooling2dLayer(2, Stride=2)
                fullyConnectedLayer(3)
                softmaxLayer
                classificationLayer];
            """
        let report = try MATLABTesting.report(text)
        Self.check(report, [
            Row(name: "imageinput", activations: "28×28×1", learnables: [], total: 0),
            Row(name: "conv_1", activations: "28×28×12", learnables: ["Weights 3×3×1×12", "Bias 1×1×12"], total: 120),
            Row(name: "maxpool_1", activations: "14×14×12", learnables: [], total: 0),
            Row(name: "conv_2", activations: "14×14×24", learnables: ["Weights 3×3×12×24", "Bias 1×1×24"], total: 2_616),
            Row(name: "maxpool_2", activations: "7×7×24", learnables: [], total: 0),
            Row(name: "fc", activations: "3", learnables: ["Weights 3×1176", "Bias 3×1"], total: 3_531),
            Row(name: "softmax", activations: "3", learnables: [], total: 0),
            Row(name: "classoutput", activations: "3", learnables: [], total: 0),
        ])
        let steps = report.layers[5].derivation(layout: .channelsLast).parameterSteps
        #expect(steps.contains(
            "why Weights is 3×1176: MATLAB stores OutputSize×InputSize, one row of weights per output; the layer reads the whole "
                + "7×7×24 input as one vector, so InputSize = 7*7*24 = 1,176 (height*width*channels) and each of the 3 outputs "
                + "has one weight per input value"))
    }

    // AlexNet as MATLAB's alexnet lists its layers, e.g. "6 'conv2' Grouped Convolution 2 groups of
    // 128 5×5×48 convolutions with stride [1 1] and padding [2 2 2 2]" and "17 'fc6' Fully Connected
    // 4096 fully connected layer"; the "Pretrained Deep Neural Networks" page gives 61.0 million
    // parameters.
    @Test func alexNetAsMATLABListsIt() throws {
        let url = Fixtures.directory.appendingPathComponent("matlab/alexnet.m")
        let report = try MATLABTesting.report(try String(contentsOf: url, encoding: .utf8))
        let byName = Dictionary(uniqueKeysWithValues: report.layers.map { ($0.name, $0) })
        #expect(report.layers.count == 25)
        #expect(byName["conv1"]?.outputShape.matlabText(in: .channelsLast) == "55×55×96")
        #expect(byName["norm1"]?.outputShape.matlabText(in: .channelsLast) == "55×55×96")
        #expect(byName["pool1"]?.outputShape.matlabText(in: .channelsLast) == "27×27×96")
        #expect(byName["conv2"]?.outputShape.matlabText(in: .channelsLast) == "27×27×256")
        #expect(MATLABTesting.learnables(report, "conv2") == ["Weights 5×5×48×128×2", "Bias 1×1×128×2"])
        #expect(MATLABTesting.learnables(report, "conv4") == ["Weights 3×3×192×192×2", "Bias 1×1×192×2"])
        #expect(byName["pool5"]?.outputShape.matlabText(in: .channelsLast) == "6×6×256")
        #expect(MATLABTesting.learnables(report, "fc6") == ["Weights 4096×9216", "Bias 4096×1"])
        #expect(report.totals.parameters == 60_965_224)
        #expect((Double(report.totals.parameters) / 1e6 * 10).rounded() / 10 == 61.0)
    }

    // layerGraph reference page, "Create Simple DAG Network", with the sizes of each layer's page:
    // batchNormalizationLayer learns Scale and Offset of 1×1×NumChannels and keeps TrainedMean and
    // TrainedVariance as states; averagePooling2dLayer(2,'Stride',2) halves 14 to 7.
    @Test func simpleDAGNetworkOfTheLayerGraphPage() throws {
        let text = """
            layers = [
                imageInputLayer([28 28 1],'Name','input')
                convolution2dLayer(5,16,'Padding','same','Name','conv_1')
                batchNormalizationLayer('Name','BN_1')
                reluLayer('Name','relu_1')

                convolution2dLayer(3,32,'Padding','same','Stride',2,'Name','conv_2')
                batchNormalizationLayer('Name','BN_2')
                reluLayer('Name','relu_2')
                convolution2dLayer(3,32,'Padding','same','Name','conv_3')
                batchNormalizationLayer('Name','BN_3')
                reluLayer('Name','relu_3')

                additionLayer(2,'Name','add')

                averagePooling2dLayer(2,'Stride',2,'Name','avpool')
                fullyConnectedLayer(10,'Name','fc')
                softmaxLayer('Name','softmax')
                classificationLayer('Name','classOutput')];

            lgraph = layerGraph(layers);
            skipConv = convolution2dLayer(1,32,'Stride',2,'Name','skipConv');
            lgraph = addLayers(lgraph,skipConv);
            lgraph = connectLayers(lgraph,'relu_1','skipConv');
            lgraph = connectLayers(lgraph,'skipConv','add/in2');
            """
        let report = try MATLABTesting.report(text)
        let byName = Dictionary(uniqueKeysWithValues: report.layers.map { ($0.name, $0) })
        #expect(byName["conv_2"]?.outputShape.matlabText(in: .channelsLast) == "14×14×32")
        #expect(byName["skipConv"]?.outputShape.matlabText(in: .channelsLast) == "14×14×32")
        #expect(byName["add"]?.outputShape.matlabText(in: .channelsLast) == "14×14×32")
        #expect(byName["avpool"]?.outputShape.matlabText(in: .channelsLast) == "7×7×32")
        #expect(MATLABTesting.learnables(report, "BN_1") == ["Scale 1×1×16", "Offset 1×1×16", "TrainedMean 1×1×16", "TrainedVariance 1×1×16"])
        #expect(MATLABTesting.learnables(report, "skipConv") == ["Weights 1×1×16×32", "Bias 1×1×32"])
        #expect(MATLABTesting.learnables(report, "fc") == ["Weights 10×1568", "Bias 10×1"])
        // 416 + 32 + 4,640 + 64 + 9,248 + 64 + 15,690 + 544: convolutions, batch normalizations, fc, skipConv.
        #expect(report.totals.parameters == 30_698)
        #expect(report.totals.state == 160)
    }

    // "Sequence Classification Using Deep Learning" (Japanese Vowels): bilstmLayer page,
    // InputWeights 8*NumHiddenUnits×InputSize, RecurrentWeights 8*NumHiddenUnits×NumHiddenUnits,
    // Bias 8*NumHiddenUnits×1; with 'OutputMode','last' one vector of 2*NumHiddenUnits leaves.
    @Test func japaneseVowelsBiLSTM() throws {
        let text = """
            inputSize = 12;
            numHiddenUnits = 100;
            numClasses = 9;
            layers = [ ...
                sequenceInputLayer(inputSize)
                bilstmLayer(numHiddenUnits,'OutputMode','last')
                fullyConnectedLayer(numClasses)
                softmaxLayer
                classificationLayer]
            """
        let report = try MATLABTesting.report(text)
        #expect(MATLABTesting.learnables(report, "bilstm") == [
            "InputWeights 800×12", "RecurrentWeights 800×100", "Bias 800×1", "HiddenState 200×1", "CellState 200×1",
        ])
        #expect(report.layers[1].parameterCount == 90_400)
        #expect(report.layers[1].outputShape == .vector(features: 200))
        #expect(MATLABTesting.learnables(report, "fc") == ["Weights 9×200", "Bias 9×1"])
        #expect(report.totals.parameters == 92_209)
    }

    // lstmLayer page: InputWeights 4*NumHiddenUnits×InputSize; 'OutputMode','sequence' (the default)
    // keeps every step, and fullyConnectedLayer then acts on each step. gruLayer page, default
    // ResetGateMode 'after-multiplication': InputWeights 3*NumHiddenUnits×InputSize, Bias 3*NumHiddenUnits×1.
    @Test func lstmAndGRULayers() throws {
        let report = try MATLABTesting.report("""
            [sequenceInputLayer(12,'MinLength',30) lstmLayer(100) gruLayer(50,'OutputMode','last') fullyConnectedLayer(9)]
            """)
        #expect(MATLABTesting.learnables(report, "lstm") == [
            "InputWeights 400×12", "RecurrentWeights 400×100", "Bias 400×1", "HiddenState 100×1", "CellState 100×1",
        ])
        #expect(report.layers[1].outputShape == .sequence(steps: 30, features: 100))
        #expect(report.layers[1].parameterCount == 4 * 100 * (12 + 100) + 4 * 100)
        #expect(MATLABTesting.learnables(report, "gru") == [
            "InputWeights 150×100", "RecurrentWeights 150×50", "Bias 150×1", "HiddenState 50×1",
        ])
        #expect(report.layers[2].parameterCount == 3 * 50 * (100 + 50) + 3 * 50)
    }

    // groupedConvolution2dLayer page: groupedConvolution2dLayer(5,128,2,'Padding','same') has 2 groups
    // of 128 filters, Weights FilterSize(1)×FilterSize(2)×NumChannelsPerGroup×NumFiltersPerGroup×NumGroups,
    // Bias 1×1×NumFiltersPerGroup×NumGroups; 'channel-wise' makes one group per input channel.
    @Test func groupedConvolutions() throws {
        let report = try MATLABTesting.report("""
            [imageInputLayer([28 28 4]) groupedConvolution2dLayer(5,128,2,'Padding','same','Name','grouped')
             groupedConvolution2dLayer(3,10,'channel-wise','Name','channelwise')]
            """)
        #expect(report.layers[1].outputShape.matlabText(in: .channelsLast) == "28×28×256")
        #expect(MATLABTesting.learnables(report, "grouped") == ["Weights 5×5×2×128×2", "Bias 1×1×128×2"])
        #expect(report.layers[1].parameterCount == 5 * 5 * 2 * 128 * 2 + 256)
        #expect(report.layers[2].outputShape.matlabText(in: .channelsLast) == "26×26×2560")
        #expect(MATLABTesting.learnables(report, "channelwise") == ["Weights 3×3×1×10×256", "Bias 1×1×10×256"])
    }

    // transposedConv2dLayer page: output (inputSize - 1)*Stride + FilterSize - Cropping (both sides),
    // 'Cropping','same' gives inputSize*Stride; Weights FilterSize(1)×FilterSize(2)×NumFilters×NumChannels.
    @Test func transposedConvolutions() throws {
        let report = try MATLABTesting.report("""
            [imageInputLayer([7 7 32]) transposedConv2dLayer(4,16,'Stride',2,'Cropping',1,'Name','up')
             transposedConv2dLayer(3,8,'Stride',2,'Name','up2') transposedConv2dLayer(3,4,'Stride',3,'Cropping','same','Name','up3')]
            """)
        #expect(report.layers[1].outputShape.matlabText(in: .channelsLast) == "14×14×16")
        #expect(MATLABTesting.learnables(report, "up") == ["Weights 4×4×16×32", "Bias 1×1×16"])
        #expect(report.layers[2].outputShape.matlabText(in: .channelsLast) == "29×29×8")
        #expect(report.layers[3].outputShape.matlabText(in: .channelsLast) == "87×87×4")
    }

    // maxPooling2dLayer page: Stride defaults to [1 1], so a 2×2 pool of 28 gives 27; 'same'
    // gives ceil(inputSize/Stride), with the odd row of padding at the bottom and the odd
    // column at the right (convolution2dLayer page).
    @Test func poolingStrideAndSamePadding() throws {
        let report = try MATLABTesting.report("""
            [imageInputLayer([28 28 1]) maxPooling2dLayer(2) convolution2dLayer(4,1,'Padding','same')
             averagePooling2dLayer(3,'Stride',2,'Padding','same') globalAveragePooling2dLayer]
            """)
        #expect(report.layers[1].outputShape.matlabText(in: .channelsLast) == "27×27×1")
        #expect(report.layers[2].outputShape.matlabText(in: .channelsLast) == "27×27×1")
        #expect(report.layers[2].axes.map { [$0.padBefore, $0.padAfter] } == [[1, 2], [1, 2]])
        #expect(report.layers[3].outputShape.matlabText(in: .channelsLast) == "14×14×1")
        #expect(report.layers[4].outputShape.matlabText(in: .channelsLast) == "1×1×1")
    }

    // convolution1dLayer page: 'Padding','causal' pads (FilterSize - 1)*DilationFactor on the left,
    // so the sequence keeps its length; Weights FilterSize×NumChannels×NumFilters, Bias 1×NumFilters.
    @Test func causalOneDimensionalConvolution() throws {
        let report = try MATLABTesting.report("""
            [sequenceInputLayer(3,'MinLength',100) convolution1dLayer(5,32,'Padding','causal','DilationFactor',2) maxPooling1dLayer(2,'Stride',2)]
            """)
        #expect(report.layers[1].outputShape == .sequence(steps: 100, features: 32))
        #expect(MATLABTesting.learnables(report, "conv1d") == ["Weights 5×3×32", "Bias 1×32"])
        #expect(report.layers[1].cost?.macs == 100 * 32 * 5 * 3)
        #expect(report.layers[2].outputShape == .sequence(steps: 50, features: 32))
    }
}
