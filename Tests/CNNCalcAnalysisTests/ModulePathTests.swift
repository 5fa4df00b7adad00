import CNNCalc
import Testing

@Suite struct ModulePathTests {
    struct PathCase: Sendable, CustomTestStringConvertible {
        var name: String
        var components: [String]
        var style: ModulePath.Style
        /// The first component, then the first two, ... joined as the source writes them.
        var prefixes: [String]
        var testDescription: String { name }
    }

    static let cases: [PathCase] = [
        // ONNX from torch.onnx.export: module path, then the operator.
        .init(name: "/layer1/layer1.0/conv1/Conv", components: ["layer1", "layer1.0", "conv1"], style: .onnx,
              prefixes: ["/layer1", "/layer1/layer1.0", "/layer1/layer1.0/conv1"]),
        .init(name: "/layer2/layer2.0/downsample/downsample.0/Conv",
              components: ["layer2", "layer2.0", "downsample", "downsample.0"], style: .onnx,
              prefixes: ["/layer2", "/layer2/layer2.0", "/layer2/layer2.0/downsample", "/layer2/layer2.0/downsample/downsample.0"]),
        .init(name: "/block1/Relu_1", components: ["block1"], style: .onnx, prefixes: ["/block1"]),
        .init(name: "/Flatten", components: [], style: .onnx, prefixes: []),
        // ONNX from the dynamo exporter, and graph inputs: no path.
        .init(name: "node_MatMul_1", components: ["node_MatMul_1"], style: .dotted, prefixes: ["node_MatMul_1"]),
        .init(name: "input", components: ["input"], style: .dotted, prefixes: ["input"]),
        // Keras nested models.
        .init(name: "block/conv2d_3", components: ["block", "conv2d_3"], style: .slash, prefixes: ["block", "block/conv2d_3"]),
        .init(name: "encoder/stage1/conv", components: ["encoder", "stage1", "conv"], style: .slash,
              prefixes: ["encoder", "encoder/stage1", "encoder/stage1/conv"]),
        .init(name: "shared (call 2)", components: ["shared (call 2)"], style: .dotted, prefixes: ["shared (call 2)"]),
        // PyTorch module paths, as a .cnn file may name its layers.
        .init(name: "layer1.0.conv1", components: ["layer1", "0", "conv1"], style: .dotted,
              prefixes: ["layer1", "layer1.0", "layer1.0.conv1"]),
        .init(name: "features.3", components: ["features", "3"], style: .dotted, prefixes: ["features", "features.3"]),
        // torch.fx names (the torchvision fixtures) keep their underscores: one component.
        .init(name: "layer1_0_conv1", components: ["layer1_0_conv1"], style: .dotted, prefixes: ["layer1_0_conv1"]),
    ]

    @Test(arguments: cases) func splitsTheNameIntoModules(_ c: PathCase) {
        let path = ModulePath(layerName: c.name)
        #expect(path.components == c.components)
        #expect(path.style == c.style)
        #expect(path.components.indices.map { path.prefixName($0 + 1) } == c.prefixes)
    }
}
