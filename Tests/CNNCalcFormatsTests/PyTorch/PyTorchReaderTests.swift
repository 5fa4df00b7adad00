import CNNCalc
import Testing

/// ``PyTorchTextReader``: what each printed argument becomes, the input, and the stated assumptions.
/// The printed lines are PyTorch 2.13's `repr` of the modules named.
@Suite struct PyTorchReaderTests {
    static func model(_ body: String, input: [Int]? = [3, 32, 32]) throws -> PyTorchModel {
        try PyTorchTextReader.model(from: "Net(\n" + body + "\n)\n", source: "model.txt", inputSizes: input)
    }

    /// The kind of the layer named `name` in a model of one module `(name): line`.
    static func kind(_ line: String, input: [Int] = [3, 32, 32]) throws -> LayerKind {
        try #require(try model("  (m): " + line, input: input).network.layers.first { $0.name == "m" }).kind
    }

    @Test func detectsPrintedModelsByTheirContent() {
        #expect(PyTorchTextReader.looksLikeModuleText("Net(\n  (fc): Linear(in_features=4, out_features=2, bias=True)\n)\n"))
        #expect(PyTorchTextReader.looksLikeModuleText("\n\n  Sequential(\r\n  (0): ReLU()\r\n)"))
        #expect(PyTorchTextReader.looksLikeModuleText("Linear(in_features=4, out_features=2, bias=True)"))
        #expect(!PyTorchTextReader.looksLikeModuleText("input 28x28x1\nconv 32 5\n"))
        #expect(!PyTorchTextReader.looksLikeModuleText("input 28x28x1; conv 32 5"))
        #expect(!PyTorchTextReader.looksLikeModuleText("{\"class_name\": \"Sequential\"}"))
        #expect(!PyTorchTextReader.looksLikeModuleText("Net(\nsomething else\n)"))
        #expect(!PyTorchTextReader.looksLikeModuleText("(0): ReLU()"))
        #expect(!PyTorchTextReader.looksLikeModuleText(""))
    }

    @Test func convolutionArguments() throws {
        let kind = try Self.kind("Conv2d(3, 8, kernel_size=(3, 5), stride=(1, 2), padding=(1, 2), dilation=(2, 1), groups=1, bias=False, padding_mode=reflect)")
        guard case .convolution(let conv) = kind else { Issue.record("not a convolution: \(kind)"); return }
        #expect(conv.filters == 8)
        #expect(conv.window.kernel == [3, 5])
        #expect(conv.window.stride == [1, 2])
        #expect(conv.window.dilation == [2, 1])
        #expect(conv.window.padding == .explicit([AxisPadding(before: 1, after: 1), AxisPadding(before: 2, after: 2)]))
        #expect(!conv.hasBias)
        #expect(conv.spatialRank == 2)
        guard case .convolution(let same) = try Self.kind("Conv3d(3, 8, kernel_size=(3, 3, 3), stride=(1, 1, 1), padding=same)", input: [3, 8, 8, 8]),
              case .convolution(let valid) = try Self.kind("Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=valid, groups=3)") else {
            Issue.record("not convolutions"); return
        }
        #expect(same.window.padding == .same)
        #expect(valid.window.padding == .valid)
        #expect(valid.groups == 3)
    }

    @Test func poolingArguments() throws {
        guard case .pooling(let pool) = try Self.kind("MaxPool2d(kernel_size=(2, 3), stride=(1, 2), padding=1, dilation=1, ceil_mode=True)") else {
            Issue.record("not a pooling"); return
        }
        #expect(pool.mode == .max)
        #expect(pool.window.kernel == [2, 3])
        #expect(pool.window.stride == [1, 2])
        #expect(pool.window.ceilMode)
        #expect(pool.window.padding == .explicit([AxisPadding(before: 1, after: 1)]))
        guard case .adaptivePooling(let adaptive) = try Self.kind("AdaptiveAvgPool2d(output_size=(7, 7))"),
              case .adaptivePooling(let single) = try Self.kind("AdaptiveMaxPool2d(output_size=1)") else {
            Issue.record("not adaptive poolings"); return
        }
        #expect(adaptive.outputSize == [7, 7])
        #expect(adaptive.mode == .average)
        #expect(single.outputSize == [1])
        #expect(single.mode == .max)
    }

    @Test func recurrentArguments() throws {
        guard case .recurrent(let lstm) = try Self.kind("LSTM(64, 128, num_layers=2, batch_first=True, dropout=0.2, bidirectional=True)", input: [10, 64]),
              case .recurrent(let gru) = try Self.kind("GRU(10, 20, bias=False)", input: [5, 10]) else {
            Issue.record("not recurrent layers"); return
        }
        #expect(lstm.cell == .lstm)
        #expect(lstm.units == 128)
        #expect(lstm.layerCount == 2)
        #expect(lstm.isBidirectional)
        #expect(lstm.returnsSequences)
        #expect(gru.cell == .gru)
        #expect(!gru.hasBias)
    }

    @Test func paddingListsTheLastAxisFirst() throws {
        guard case .zeroPadding(let pad) = try Self.kind("ZeroPad2d((1, 2, 3, 4))") else { Issue.record("not a padding"); return }
        // (left, right, top, bottom): the height gets 3 and 4, the width 1 and 2.
        #expect(pad.padding == [AxisPadding(before: 3, after: 4), AxisPadding(before: 1, after: 2)])
    }

    @Test func normalizationArguments() throws {
        for line in [
            "BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
            "BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)",
        ] {
            #expect(try Self.kind(line) == .batchNormalization(BatchNormalization()))
        }
        #expect(try Self.kind("BatchNorm2d(3, eps=1e-05, momentum=None, affine=False, bias=False, track_running_stats=True)")
                == .batchNormalization(BatchNormalization(scale: false, center: false)))
        #expect(try Self.kind("BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=True, bias=False, track_running_stats=False)")
                == .batchNormalization(BatchNormalization(scale: true, center: false, tracksRunningStatistics: false)))
        #expect(try Self.kind("LayerNorm((64,), eps=1e-05, elementwise_affine=True, bias=False)", input: [10, 64])
                == .layerNormalization(LayerNormalization(axes: .last, scale: true, center: false)))
        #expect(try Self.kind("GroupNorm(4, 32, eps=1e-05, affine=True)", input: [32, 8, 8])
                == .groupNormalization(GroupNormalization(groups: 4, affine: true)))
    }

    @Test func resamplingAndActivations() throws {
        #expect(try Self.kind("Upsample(scale_factor=2.0, mode='nearest')") == .upsampling(Upsampling(.scale([2]))))
        #expect(try Self.kind("Upsample(size=(8, 8), mode='bilinear')") == .upsampling(Upsampling(.size([8, 8]), mode: .bilinear)))
        #expect(try Self.kind("PixelShuffle(upscale_factor=2)", input: [12, 4, 4]) == .depthToSpace(DepthToSpace(blockSize: 2)))
        #expect(try Self.kind("LeakyReLU(negative_slope=0.2)") == .activation(Activation(.leakyReLU(alpha: 0.2))))
        #expect(try Self.kind("GELU(approximate='tanh')") == .activation(Activation(.gelu)))
        #expect(try Self.kind("Softmax(dim=1)", input: [10]) == .activation(Activation(.softmax)))
        #expect(try Self.kind("PReLU(num_parameters=1)") == .prelu(PReLU(slopes: .shared)))
        #expect(try Self.kind("PReLU(num_parameters=3)") == .prelu(PReLU(slopes: .channel)))
        #expect(try Self.kind("Dropout(p=0.25, inplace=False)") == .dropout(Dropout(rate: 0.25)))
        #expect(try Self.kind("Identity()") == .activation(Activation(.linear)))
        #expect(try Self.kind("Flatten(start_dim=1, end_dim=-1)") == .flatten(Flatten()))
    }

    @Test func declaredInputsNameTheArgumentWhereItIsWritten() throws {
        let model = try Self.model("""
              (conv): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1))
              (bn): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
              (fc): Linear(in_features=6272, out_features=10, bias=True)
            """)
        let declared = model.network.layers.compactMap(\.declaredInput)
        #expect(declared.map(\.argument) == ["in_channels", "num_features", "in_features"])
        #expect(declared.map(\.value) == [3, 8, 6272])
        #expect(declared.map { $0.location?.description } == ["model.txt:2:18", "model.txt:3:21", "model.txt:4:16"])
    }

    @Test func repeatedModulesAreExpanded() throws {
        let model = try Self.model("""
              (layers): ModuleList(
                (0-2): 3 x Linear(in_features=8, out_features=8, bias=True)
              )
              (blocks): ModuleList(
                (0-1): 2 x Sequential(
                  (0): Linear(in_features=8, out_features=8, bias=True)
                  (1): ReLU()
                )
              )
            """, input: [8])
        #expect(model.network.layers.map(\.name) == [
            "input", "layers.0", "layers.1", "layers.2", "blocks.0.0", "blocks.0.1", "blocks.1.0", "blocks.1.1",
        ])
    }

    @Test func residualBlocksGetTheirShortcutAndSum() throws {
        let model = try Self.model("""
              (0): BasicBlock(
                (conv1): Conv2d(3, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
                (bn1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
                (relu): ReLU(inplace=True)
                (conv2): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
                (bn2): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
                (downsample): Sequential(
                  (0): Conv2d(3, 8, kernel_size=(1, 1), stride=(2, 2), bias=False)
                  (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
                )
              )
              (1): BasicBlock(
                (conv1): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
                (bn1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
                (conv2): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
                (bn2): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
                (shortcut): Sequential()
              )
            """)
        let layers = model.network.layers
        #expect(layers.map(\.name) == [
            "input", "0.conv1", "0.bn1", "0.relu", "0.conv2", "0.bn2", "0.downsample.0", "0.downsample.1", "0.add", "0.relu (call 2)",
            "1.conv1", "1.bn1", "1.conv2", "1.bn2", "1.add",
        ])
        #expect(layers[6].inputs == ["input"])
        #expect(layers[8].inputs == ["0.bn2", "0.downsample.1"])
        #expect(layers[14].inputs == ["1.bn2", "0.relu (call 2)"])
        #expect(model.assumptions.contains { $0.hasPrefix("2 BasicBlocks (0, 1) follow torchvision's forward") && $0.hasSuffix("(its forward calls F.relu, which has nothing to count)") })
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(model.network)
        #expect(report.layers.last?.outputShape == .featureMap(spatial: [16, 16], channels: 8))
    }

    @Test func aFlattenIsInsertedBeforeABlockStartingWithALinear() throws {
        let model = try Self.model("""
              (features): Sequential(
                (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1))
                (1): AdaptiveAvgPool2d(output_size=(2, 2))
              )
              (classifier): Sequential(
                (0): Dropout(p=0.5, inplace=False)
                (1): Linear(in_features=32, out_features=10, bias=True)
              )
              (head): Sequential(
                (0): Linear(in_features=10, out_features=2, bias=True)
              )
            """)
        // After the vector of classifier.1, no second flatten is added before head.
        #expect(model.network.layers.map(\.name) == ["input", "features.0", "features.1", "flatten", "classifier.0", "classifier.1", "head.0"])
        #expect(model.assumptions.contains("the forward is taken to flatten the map between features.1 and classifier (the row flatten), as torchvision's forward does with torch.flatten(x, 1): print(model) does not show it"))
    }

    @Test func attentionAndTransformerLayersAreOneRowEach() throws {
        let model = try PyTorchTextReader.model(from: """
            Model(
              (attention): MultiheadAttention(
                (out_proj): NonDynamicallyQuantizableLinear(in_features=64, out_features=64, bias=True)
              )
              (layer): TransformerEncoderLayer(
                (self_attn): MultiheadAttention(
                  (out_proj): NonDynamicallyQuantizableLinear(in_features=64, out_features=64, bias=False)
                )
                (linear1): Linear(in_features=64, out_features=256, bias=False)
                (dropout): Dropout(p=0.1, inplace=False)
                (linear2): Linear(in_features=256, out_features=64, bias=False)
                (norm1): LayerNorm((64,), eps=1e-05, elementwise_affine=True, bias=False)
                (norm2): LayerNorm((64,), eps=1e-05, elementwise_affine=True, bias=False)
                (dropout1): Dropout(p=0.1, inplace=False)
                (dropout2): Dropout(p=0.1, inplace=False)
              )
            )
            """, source: "model.txt", inputSizes: [10, 64])
        let layers = model.network.layers
        #expect(layers.map(\.name) == ["input", "attention", "layer"])
        #expect(layers[1].kind == .multiHeadAttention(MultiHeadAttention(heads: 1)))
        #expect(layers[2].kind == .transformerEncoder(TransformerEncoder(heads: 1, feedForward: 256, hasBias: false)))
        #expect(layers[2].declaredInput?.argument == "d_model")
        let report = try Analyzer(options: AnalysisOptions(convention: .pytorch)).analyze(model.network)
        // 4*64*64 + 4*64 for the attention; 4*64*64 + 2*64*256 without any bias for the layer.
        #expect(report.layers[1].parameterCount == 16_640)
        #expect(report.layers[2].parameterCount == 49_152 + 128)
    }

    @Test func theInputIsReadAsTheFirstModuleReadsIt() throws {
        let cases: [(String, [Int], TensorShape)] = [
            ("(m): Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1))", [1, 28, 28], .featureMap(spatial: [28, 28], channels: 1)),
            ("(m): Conv1d(8, 8, kernel_size=(3,), stride=(1,))", [8, 100], .featureMap(spatial: [100], channels: 8)),
            ("(m): Linear(in_features=784, out_features=10, bias=True)", [784], .vector(features: 784)),
            ("(m): Linear(in_features=300, out_features=10, bias=True)", [50, 300], .sequence(steps: 50, features: 300)),
            ("(m): LSTM(300, 64)", [50, 300], .sequence(steps: 50, features: 300)),
            ("(m): Embedding(1000, 64)", [50], .vector(features: 50)),
            ("(m): BatchNorm1d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", [16], .vector(features: 16)),
            ("(a): ReLU()\n  (m): Flatten(start_dim=1, end_dim=-1)\n  (fc): Linear(in_features=784, out_features=10, bias=True)", [1, 28, 28], .featureMap(spatial: [28, 28], channels: 1)),
        ]
        for (body, sizes, shape) in cases {
            let model = try Self.model("  " + body, input: sizes)
            #expect(model.network.layers[0].kind == .input(Input(shape, layout: .channelsFirst)), "\(body)")
        }
    }

    @Test func inputThatDoesNotFitTheFirstModuleIsAnError() throws {
        let cases: [(String, [Int]?, String)] = [
            ("(m): Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1))", [1, 1, 28, 28],
             "--input 1x1x28x28 has 4 sizes, but m reads channels x height x width (3 sizes); leave out the batch: --input 1x28x28"),
            ("(m): LSTM(300, 64)", [300],
             "--input 300 has 1 size, but m reads steps x features (2 sizes); give one example's shape, batch excluded and channels first"),
            ("(m): Linear(in_features=784, out_features=10, bias=True)", [1, 28, 28],
             "--input 1x28x28 has 3 sizes, but m reads features, or steps x features (it reads the last axis; flatten an image first, --input C*H*W); give one example's shape, batch excluded and channels first"),
            ("(m): Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1))", nil,
             "model.txt:1:1: the printed model does not say the shape of its input; give one example's shape, batch excluded and channels first: --input 1xHxW (m declares in_channels=1), with your input's height x width, e.g. --input 1x28x28"),
            ("(m): Linear(in_features=784, out_features=10, bias=True)", nil,
             "model.txt:1:1: the printed model does not say the shape of its input; give one example's shape, batch excluded and channels first: --input 784 (m declares in_features=784), or --input Lx784 for L steps"),
            ("(m): LSTM(300, 64)", nil,
             "model.txt:1:1: the printed model does not say the shape of its input; give one example's shape, batch excluded and channels first: --input Lx300 (m declares input_size=300): L steps of 300 features, e.g. --input 50x300"),
            ("(m): Embedding(1000, 64)", nil,
             "model.txt:1:1: the printed model does not say the shape of its input; give one example's shape, batch excluded and channels first: --input L, the number of token ids m looks up, e.g. --input 50"),
        ]
        for (body, sizes, expected) in cases {
            let error = #expect(throws: CNNCalcError.self) { try Self.model("  " + body, input: sizes) }
            #expect(error?.kind == .input)
            #expect(error?.description == expected)
        }
    }

    @Test func assumptionsAreStated() throws {
        let model = try Self.model("""
              (pool): AvgPool2d(kernel_size=2, stride=2, padding=0)
              (rnn): LSTM(48, 8)
            """, input: [3, 4, 4])
        #expect(model.assumptions == [
            "modules are taken in printed order, since print(model) does not show forward: a forward that branches, merges, reuses a module or calls functions between modules (F.relu, torch.cat) is not seen (read as their children in printed order: Net)",
            "the input 3x4x4 is one example, batch excluded, channels first: 3 channels of 4x4",
            "AvgPool2d does not print ceil_mode; it is taken as False (the default), which rounds each output size down",
            "LSTM, GRU and RNN modules pass on their whole output sequence (the first value they return); a forward that keeps only the last step (out[:, -1]) changes the shapes after them, not the counts",
        ])
    }
}
