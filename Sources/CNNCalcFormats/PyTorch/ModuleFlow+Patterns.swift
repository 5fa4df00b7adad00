import CNNCalcCore

/// The modules whose printed order is not their data flow, recognised by their class.
///
/// | class | data flow (as the library's `forward` runs it) |
/// |---|---|
/// | `BasicBlock` (torchvision) | `conv1, bn1, relu, conv2, bn2`, plus `downsample(x)` (or `shortcut(x)`, or `x`), then `relu` |
/// | `Bottleneck` (torchvision) | `conv1, bn1, relu, conv2, bn2, relu, conv3, bn3`, plus the shortcut, then `relu` |
/// | `InvertedResidual`, `_InvertedResidual`, `MBConv`, `FusedMBConv` (torchvision) | `block` (or `conv`, `layers`), plus the block's input when its stride is 1 and its channels in and out agree (then `stochastic_depth` first) |
/// | `SqueezeExcitation` (torchvision) | the input times `scale_activation(fc2(activation(fc1(avgpool(x)))))` |
/// | `MultiheadAttention` | one `mha` layer of self-attention; its printed child `out_proj` is part of it |
/// | `TransformerEncoderLayer` | one `transformer` layer: attention, `linear1`, `linear2`, `norm1`, `norm2` |
///
/// A block without `relu` (a block whose forward calls `F.relu`) gets no relu layers. A block
/// with children other than these is taken in printed order like any module of the model's own.
extension ModuleFlow {
    /// The output of `module` when its class is a recognised pattern, else `nil`.
    mutating func pattern(_ module: PrintedModule, from input: String) throws(CNNCalcError) -> String? {
        switch module.typeName {
        case "BasicBlock", "Bottleneck": return try residualBlock(module, from: input)
        case "InvertedResidual", "_InvertedResidual", "MBConv", "FusedMBConv": return try invertedResidual(module, from: input)
        case "SqueezeExcitation": return try squeezeExcitation(module, from: input)
        case "MultiheadAttention": return try attention(module, from: input)
        case "TransformerEncoderLayer": return try transformerLayer(module, from: input)
        default: return nil
        }
    }

    private mutating func residualBlock(_ module: PrintedModule, from input: String) throws(CNNCalcError) -> String? {
        let isBottleneck = module.typeName == "Bottleneck"
        let main = isBottleneck ? ["conv1", "bn1", "conv2", "bn2", "conv3", "bn3"] : ["conv1", "bn1", "conv2", "bn2"]
        let shortcuts = ["downsample", "shortcut"]
        let keys = module.children.compactMap(\.key)
        guard main.allSatisfy(keys.contains),
              keys.allSatisfy({ main.contains($0) || shortcuts.contains($0) || $0 == "relu" }),
              keys.filter(shortcuts.contains).count <= 1 else { return nil }
        let relu = module.child("relu")
        var current = input
        for (index, key) in main.enumerated() {
            guard let child = module.child(key) else { continue }
            current = try walk(child, from: current)
            // relu follows every batch norm but the last, whose output is summed first.
            if let relu, key.hasPrefix("bn"), index < main.count - 1 { current = try walk(relu, from: current) }
        }
        var shortcut = input
        if let branch = module.children.first(where: { shortcuts.contains($0.key ?? "") }) {
            shortcut = try walk(branch, from: input)
        }
        current = merge(.add(Add()), "add", of: module, inputs: [current, shortcut])
        if let relu { current = try walk(relu, from: current) }
        blocks.append((module.typeName, name(of: module), relu != nil))
        return current
    }

    /// A layer that merges the branches of `module`, named `<module>.<operation>`.
    private mutating func merge(_ kind: LayerKind, _ operation: String, of module: PrintedModule, inputs: [String]) -> String {
        let path = name(of: module)
        let base = path.isEmpty ? operation : path + "." + operation
        var merged = base
        var suffix = 1
        while layers.contains(where: { $0.name == merged }) {
            suffix += 1
            merged = base + String(suffix)
        }
        return emit(merged, kind, inputs: inputs, location: module.location)
    }

    /// torchvision's inverted residual blocks: the block, and the sum with the input when
    /// `stride == 1 and in_channels == out_channels`, read from the block's convolutions.
    private mutating func invertedResidual(_ module: PrintedModule, from input: String) throws(CNNCalcError) -> String? {
        let keys = module.children.compactMap(\.key)
        guard let body = module.children.first(where: { ["block", "conv", "layers"].contains($0.key ?? "") }),
              keys.allSatisfy({ $0 == body.key || $0 == "stochastic_depth" }) else { return nil }
        let convolutions = try Self.convolutions(in: body)
        guard let first = convolutions.first, let last = convolutions.last else { return nil }
        var current = try walk(body, from: input)
        let residual = first.inChannels == last.outChannels && convolutions.allSatisfy(\.hasUnitStride)
        if residual {
            if let depth = module.child("stochastic_depth") { current = try walk(depth, from: current) }
            current = merge(.add(Add()), "add", of: module, inputs: [current, input])
        }
        blocks.append((module.typeName, name(of: module), residual))
        return current
    }

    /// The channels and strides of every convolution inside `module`, in printed order.
    private static func convolutions(in module: PrintedModule) throws(CNNCalcError) -> [(inChannels: Int, outChannels: Int, hasUnitStride: Bool)] {
        var result: [(Int, Int, Bool)] = []
        for child in module.children {
            if ["Conv1d", "Conv2d", "Conv3d"].contains(child.typeName), let entry = ModuleTable.entry(child.typeName) {
                let arguments = try ModuleArguments(child, signature: entry.signature)
                let example = "\(child.typeName)(16, 32, kernel_size=3)"
                result.append((
                    try arguments.integer("in_channels", example: example), try arguments.integer("out_channels", example: example),
                    try arguments.sizes("stride", default: [1], example: "stride=(1, 1)").allSatisfy { $0 == 1 }))
            } else {
                result += try convolutions(in: child)
            }
        }
        return result
    }

    /// torchvision's `SqueezeExcitation`: the input scaled by a gate computed from its pooled channels.
    private mutating func squeezeExcitation(_ module: PrintedModule, from input: String) throws(CNNCalcError) -> String? {
        let order = ["avgpool", "fc1", "activation", "fc2", "scale_activation"]
        guard Set(module.children.compactMap(\.key)) == Set(order), module.children.count == order.count else { return nil }
        var current = input
        for key in order {
            guard let child = module.child(key) else { return nil }
            current = try walk(child, from: current)
        }
        blocks.append((module.typeName, name(of: module), true))
        return merge(.elementwise(ElementwiseMerge(.multiply)), "multiply", of: module, inputs: [input, current])
    }

    /// `MultiheadAttention` as PyTorch prints it: only its `out_proj`, whose size is the embedding's.
    private mutating func attention(_ module: PrintedModule, from input: String) throws(CNNCalcError) -> String {
        let (embedding, hasBias, location) = try attentionSize(module)
        assume("MultiheadAttention is taken as self-attention on the output of the module before it (query = key = value); print(model) does not show num_heads, kdim or vdim: kdim and vdim are taken as embed_dim, and num_heads as 1, which changes no shape and no count, only the softmax FLOPs")
        return emit(
            name(of: module), .multiHeadAttention(MultiHeadAttention(heads: 1, hasBias: hasBias)), inputs: [input],
            location: module.location, declared: DeclaredInput("embed_dim", embedding, location: location), form: .sequence)
    }

    /// The embedding size, bias and location of a printed `MultiheadAttention`.
    private func attentionSize(_ module: PrintedModule) throws(CNNCalcError) -> (Int, Bool, SourceLocation) {
        guard module.children.count == 1, let projection = module.child("out_proj"),
              ["NonDynamicallyQuantizableLinear", "Linear"].contains(projection.typeName) else {
            throw CNNCalcError(
                .badArgument, "\(module.title) does not print as PyTorch's MultiheadAttention does, with one child (out_proj): Linear",
                fix: "paste the text print(model) writes", location: module.location, layerName: module.path)
        }
        let arguments = try ModuleArguments(projection, signature: ["in_features", "out_features", "bias"])
        let example = "NonDynamicallyQuantizableLinear(in_features=64, out_features=64, bias=True)"
        let inFeatures = try arguments.integer("in_features", example: example)
        let outFeatures = try arguments.integer("out_features", example: example)
        guard inFeatures == outFeatures else {
            throw CNNCalcError(
                .badArgument, "the out_proj of \(module.title) maps \(inFeatures) features to \(outFeatures), but PyTorch's MultiheadAttention keeps embed_dim",
                fix: "paste the text print(model) writes", location: arguments.location(of: "out_features"), layerName: projection.path)
        }
        return (inFeatures, try arguments.boolean("bias", default: true), arguments.location(of: "in_features"))
    }

    /// `TransformerEncoderLayer`: one block, checked against the layout PyTorch prints for it.
    private mutating func transformerLayer(_ module: PrintedModule, from input: String) throws(CNNCalcError) -> String {
        let expected = ["self_attn", "linear1", "dropout", "linear2", "norm1", "norm2", "dropout1", "dropout2"]
        func mismatch(_ detail: String) -> CNNCalcError {
            CNNCalcError(
                .badArgument, "\(module.title) is not laid out as PyTorch's TransformerEncoderLayer (\(detail)), so CNNCalc cannot count it as one",
                fix: "paste the text print(model) writes for torch.nn.TransformerEncoderLayer", location: module.location, layerName: module.path)
        }
        guard module.children.compactMap(\.key) == expected, let attention = module.child("self_attn"),
              attention.typeName == "MultiheadAttention" else {
            throw mismatch("its children are " + module.children.compactMap(\.key).joined(separator: ", ") + ", not " + expected.joined(separator: ", "))
        }
        let (embedding, hasBias, location) = try attentionSize(attention)
        var feedForward = 0
        for (key, from, to) in [("linear1", embedding, -1), ("linear2", -1, embedding)] {
            guard let child = module.child(key), child.typeName == "Linear" else { throw mismatch("\(key) is not a Linear") }
            let arguments = try ModuleArguments(child, signature: ["in_features", "out_features", "bias"])
            let example = "Linear(in_features=64, out_features=2048)"
            let (inFeatures, outFeatures) = (try arguments.integer("in_features", example: example), try arguments.integer("out_features", example: example))
            if key == "linear1" { feedForward = outFeatures }
            guard inFeatures == (from < 0 ? feedForward : from), outFeatures == (to < 0 ? feedForward : to) else {
                throw mismatch("\(key) maps \(inFeatures) features to \(outFeatures), where embed_dim is \(embedding) and dim_feedforward \(feedForward)")
            }
            guard try arguments.boolean("bias", default: true) == hasBias else { throw mismatch("\(key) and the attention differ in bias") }
        }
        for key in ["norm1", "norm2"] {
            guard let child = module.child(key), child.typeName == "LayerNorm" else { throw mismatch("\(key) is not a LayerNorm") }
            let arguments = try ModuleArguments(child, signature: ["normalized_shape", "eps", "elementwise_affine", "bias"])
            guard try arguments.sizes("normalized_shape", example: "LayerNorm((64,))") == [embedding],
                  try arguments.boolean("elementwise_affine", default: true),
                  try arguments.boolean("bias", default: true) == hasBias else {
                throw mismatch("\(key) is not LayerNorm((\(embedding),)) with elementwise_affine=True and bias=\(hasBias ? "True" : "False")")
            }
        }
        assume("TransformerEncoderLayer is one row, counted as PyTorch's (self-attention, linear1, linear2, norm1, norm2); print(model) does not show nhead, the activation or norm_first: nhead is taken as 1 and the activation as relu, which change no shape and no count, only FLOPs")
        let block = TransformerEncoder(heads: 1, feedForward: feedForward, hasBias: hasBias)
        return emit(
            name(of: module), .transformerEncoder(block), inputs: [input], location: module.location,
            declared: DeclaredInput("d_model", embedding, location: location), form: .sequence)
    }
}
