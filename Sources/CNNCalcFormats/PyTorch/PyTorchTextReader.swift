import CNNCalcCore

/// Reads a model from the text PyTorch prints for it, `print(model)`:
///
///     Net(
///       (conv1): Conv2d(1, 32, kernel_size=(5, 5), stride=(1, 1))
///       (pool1): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
///       (conv2): Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1))
///       (pool2): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
///       (fc1): Linear(in_features=800, out_features=256, bias=True)
///       (fc2): Linear(in_features=256, out_features=10, bias=True)
///     )
///
/// The text gives every module's class and arguments, so the learnables (parameters and
/// buffers) are exact, but not `forward`: modules are taken in printed order, except for the
/// classes whose order is known not to be their flow (``ModuleFlow``), and a `Linear` that
/// receives a feature map reads it flattened. Nor does it give the input's shape, which the
/// caller passes, channels first and batch excluded (see ``PyTorchInput``).
///
/// The sizes a module declares for its input (`in_channels`, `in_features`, `num_features`,
/// `input_size`, `embed_dim`, `normalized_shape`) become ``Layer/declaredInput``, so that the
/// analysis reports each one that disagrees with what arrives.
public enum PyTorchTextReader {
    /// Whether `text` looks like the output of `print(model)`: its first line that is not blank
    /// is a module, `Name(` or `Name(...)`, and some line is a child, `(name): Module(`, unless
    /// the whole text is that one module.
    public static func looksLikeModuleText(_ text: String) -> Bool {
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { line -> Substring in
                // Trimmed by index, not rebuilt from a reversed copy: a 10 MB line costs one pass.
                let start = line.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
                guard let last = start.lastIndex(where: { !$0.isWhitespace }) else { return start[start.endIndex...] }
                return start[...last]
            }
            .filter { !$0.isEmpty }
        guard let first = lines.first, let open = first.firstIndex(of: "("), open > first.startIndex,
              first[..<open].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }),
              first.first?.isLetter == true || first.first == "_" else { return false }
        if lines.count == 1 { return first.hasSuffix(")") }
        return first.hasSuffix("(") && lines.dropFirst().contains { line in
            guard line.hasPrefix("("), let close = line.firstIndex(of: ")") else { return false }
            return line[line.index(after: close)...].hasPrefix(": ")
        }
    }

    /// The model printed in `text`.
    ///
    /// - Parameters:
    ///   - text: the output of `print(model)`.
    ///   - source: the file name as the user gave it, or `-e`; it starts every location.
    ///   - inputSizes: one example's input, batch excluded and channels first (`[1, 28, 28]`),
    ///     read as the first module reads it (see ``PyTorchInput``); `nil` when not given, which
    ///     is an error suggesting the sizes the first module makes plain.
    /// - Throws: ``CNNCalcError``: `.syntax` for text that is not a printed model (unbalanced
    ///   parentheses, a line that is no module), `.unknownLayer` for a class CNNCalc does not
    ///   read (with the nearest names), `.badArgument` for a missing, unknown or mistyped
    ///   argument, `.input` for missing or ill-fitting input sizes, located at the line and column.
    public static func model(from text: String, source: String, inputSizes: [Int]?) throws(CNNCalcError) -> PyTorchModel {
        let root = try ModuleTextParser.parse(text, source: source)
        let inputName = Self.paths(of: root).contains("input") ? "model input" : "input"
        var flow = ModuleFlow(inputName: inputName)
        _ = try flow.walk(root, from: inputName)
        guard flow.layers.count > 0 else {
            throw CNNCalcError(
                .graph, "\(root.typeName) holds no layer CNNCalc can count",
                fix: "paste a model with at least one layer", location: root.location)
        }
        guard let sizes = inputSizes else {
            throw CNNCalcError(
                .input, "the printed model does not say the shape of its input",
                fix: "give one example's shape, batch excluded and channels first: " + PyTorchInput.suggestion(for: flow),
                location: SourceLocation(source: source, line: root.location.line, column: 1))
        }
        let shape = try PyTorchInput.shape(of: sizes, for: flow)
        let input = Layer(
            name: inputName, kind: .input(Input(shape, layout: .channelsFirst)),
            location: SourceLocation(source: source, line: root.location.line, column: 1))
        var network = try Network(layers: [input] + flow.layers)
        network.sourceConvention = .pytorch
        return PyTorchModel(network: network, assumptions: assumptions(of: flow, shape: shape))
    }

    /// Every module path in the tree.
    private static func paths(of module: PrintedModule) -> [String] {
        [module.path] + module.children.flatMap(paths(of:))
    }

    /// The stated assumptions: the printed order, the recognised blocks, the input, and those of single modules.
    private static func assumptions(of flow: ModuleFlow, shape: TensorShape) -> [String] {
        var result: [String] = []
        var printedOrder = "modules are taken in printed order, since print(model) does not show forward: a forward that branches, merges, reuses a module or calls functions between modules (F.relu, torch.cat) is not seen"
        if !flow.customClasses.isEmpty {
            printedOrder += " (read as their children in printed order: \(flow.customClasses.joined(separator: ", ")))"
        }
        result.append(printedOrder)
        let shapeText: String = switch shape {
        case .featureMap(let spatial, let channels):
            "\(channels) channel\(channels == 1 ? "" : "s") of \(spatial.map(String.init).joined(separator: "x"))"
        case .sequence(let steps, let features): "\(steps) steps of \(features) features"
        case .vector(let features): "\(features) \(flow.inputForms.contains(.tokens) ? "token ids" : "features")"
        }
        let order = if case .featureMap = shape { ", channels first" } else { "" }
        result.append("the input \(shape.text(in: .channelsFirst)) is one example, batch excluded\(order): \(shapeText)")
        func listed(_ blocks: [(typeName: String, path: String, flag: Bool)]) -> String {
            blocks.prefix(3).map(\.path).joined(separator: ", ") + (blocks.count > 3 ? ", ..." : "")
        }
        for typeName in ["BasicBlock", "Bottleneck"] {
            let blocks = flow.blocks.filter { $0.typeName == typeName }
            guard !blocks.isEmpty else { continue }
            let main = typeName == "Bottleneck" ? "conv1, bn1, relu, conv2, bn2, relu, conv3, bn3" : "conv1, bn1, relu, conv2, bn2"
            let withoutRelu = blocks.contains { !$0.flag }
                ? "; a block that prints no relu gets no relu rows (its forward calls F.relu, which has nothing to count)" : ""
            result.append(
                "\(blocks.count) \(typeName)\(blocks.count == 1 ? "" : "s") (\(listed(blocks))) follow torchvision's forward: \(main), "
                + "then the sum (the row <block>.add) with downsample(x), or with x when there is none, then relu\(withoutRelu)")
        }
        let inverted = flow.blocks.filter { ["InvertedResidual", "_InvertedResidual", "MBConv", "FusedMBConv"].contains($0.typeName) }
        if !inverted.isEmpty {
            let summed = inverted.filter(\.flag)
            let classes = inverted.map(\.typeName).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            result.append(
                "\(inverted.count) \(classes.joined(separator: "/")) block\(inverted.count == 1 ? "" : "s") (\(listed(inverted))) follow torchvision's forward: "
                + "their layers, then, when their stride is 1 and their channels in and out agree (\(summed.count) of them), stochastic_depth if printed and the sum with the block's input (the row <block>.add)")
        }
        let excitations = flow.blocks.filter { $0.typeName == "SqueezeExcitation" }
        if !excitations.isEmpty {
            result.append(
                "\(excitations.count) SqueezeExcitation block\(excitations.count == 1 ? "" : "s") (\(listed(excitations))) follow torchvision's forward: "
                + "avgpool, fc1, activation, fc2, scale_activation, then the input times that scale (the row <block>.multiply)")
        }
        result += flow.assumptions
        return result
    }
}
