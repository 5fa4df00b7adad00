import CNNCalcCore

/// The input of a printed model: its sizes (`--input 1x28x28`, batch excluded, channels first)
/// read as the first module that cares about shapes reads them.
///
/// | first module | sizes | shape |
/// |---|---|---|
/// | `Conv2d`, `MaxPool2d`, `BatchNorm2d`, ... | `C x H x W` | a 2-D map (1-D: `C x L`, 3-D: `C x D x H x W`) |
/// | `Linear`, `LayerNorm` | `F`, or `L x F` | a vector, or a sequence whose last axis the layer reads |
/// | `BatchNorm1d` | `C`, or `C x L` | a vector, or a 1-D map |
/// | `LSTM`, `GRU`, `RNN`, `MultiheadAttention`, `TransformerEncoderLayer` | `L x F` | a sequence of `L` steps |
/// | `Embedding` | `L` | `L` token ids |
/// | only modules that keep any shape (`ReLU`, `Dropout`, `Flatten`) | 1 to 4 sizes | a vector, or a map `C x ...` |
enum PyTorchInput {
    /// The first module in `flow` whose input form decides how to read the sizes, with its form;
    /// `nil` when every module keeps any shape, or a `Flatten` comes first.
    static func decisiveLayer(in flow: ModuleFlow) -> (layer: Layer, form: MappedModule.InputForm)? {
        for (layer, form) in zip(flow.layers, flow.inputForms) {
            if case .flatten = layer.kind { return nil }
            if form != .any { return (layer, form) }
        }
        return nil
    }

    /// The shape of `sizes` for the model whose flow is `flow`.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.input` when the number of sizes does not fit the first module.
    static func shape(of sizes: [Int], for flow: ModuleFlow) throws(CNNCalcError) -> TensorShape {
        let written = sizes.map(String.init).joined(separator: "x")
        guard let first = sizes.first, sizes.allSatisfy({ $0 >= 1 }) else {
            throw CNNCalcError(.input, "--input \(written) has a size below 1", fix: "give every size as a whole number of at least 1")
        }
        let decisive = decisiveLayer(in: flow)
        func map(_ rank: Int) -> TensorShape? {
            guard sizes.count == rank + 1, let spatial = try? SpatialSizes(sizes.dropFirst()) else { return nil }
            return .featureMap(spatial: spatial, channels: first)
        }
        var shape: TensorShape?
        let expected: String
        switch decisive?.form ?? .any {
        case .map(let rank):
            shape = map(rank)
            expected = "channels x " + axisNames(rank) + " (\(rank + 1) sizes)"
        case .vectorOrMap(let rank):
            shape = sizes.count == 1 ? .vector(features: first) : map(rank)
            expected = "features, or channels x " + axisNames(rank)
        case .vectorOrSequence:
            shape = sizes.count == 1 ? .vector(features: first)
                : sizes.count == 2 ? .sequence(steps: first, features: sizes[1]) : nil
            expected = "features, or steps x features (it reads the last axis; flatten an image first, --input C*H*W)"
        case .sequence:
            shape = sizes.count == 2 ? .sequence(steps: first, features: sizes[1]) : nil
            expected = "steps x features (2 sizes)"
        case .tokens:
            shape = sizes.count == 1 ? .vector(features: first) : nil
            expected = "the number of token ids (1 size)"
        case .any:
            shape = sizes.count == 1 ? .vector(features: first) : sizes.count <= 4 ? map(sizes.count - 1) : nil
            expected = "1 to 4 sizes, channels first"
        }
        guard let shape else {
            let reader = decisive.map { " \($0.layer.name) reads" } ?? " CNNCalc reads"
            var fix = "give one example's shape, batch excluded and channels first"
            // A leading 1 where the count is fixed is most likely the batch.
            let fixedCount: Bool = switch decisive?.form {
            case .map?, .sequence?: true
            default: false
            }
            if fixedCount, sizes.count >= 2, first == 1, (try? self.shape(of: Array(sizes.dropFirst()), for: flow)) != nil {
                fix = "leave out the batch: --input " + sizes.dropFirst().map(String.init).joined(separator: "x")
            }
            throw CNNCalcError(.input, "--input \(written) has \(sizes.count) size\(sizes.count == 1 ? "" : "s"), but\(reader) \(expected)", fix: fix)
        }
        return shape
    }

    /// The `--input` to suggest when none is given, from the first module that makes it plain.
    static func suggestion(for flow: ModuleFlow) -> String {
        guard let (layer, form) = decisiveLayer(in: flow) else {
            return "--input CxHxW for an image of C channels (e.g. --input 3x224x224), or --input F for F features"
        }
        let declared = layer.declaredInput.map { String($0.value) }
        let source = layer.declaredInput.map { " (\(layer.name) declares \($0.argument)=\($0.value))" } ?? ""
        switch form {
        case .map(let rank):
            let axes = ["L"], image = ["H", "W"], volume = ["D", "H", "W"]
            let spatial = (rank == 1 ? axes : rank == 2 ? image : volume).joined(separator: "x")
            return "--input \(declared ?? "C")x\(spatial)\(source), with your input's " + axisNames(rank) + (rank == 2 ? ", e.g. --input \(declared ?? "3")x28x28" : "")
        case .vectorOrMap:
            return "--input \(declared ?? "C")\(source), or --input \(declared ?? "C")xL for a sequence of L steps"
        case .vectorOrSequence:
            return "--input \(declared ?? "F")\(source), or --input Lx\(declared ?? "F") for L steps"
        case .sequence:
            return "--input Lx\(declared ?? "F")\(source): L steps of \(declared ?? "F") features, e.g. --input 50x\(declared ?? "F")"
        case .tokens:
            return "--input L, the number of token ids \(layer.name) looks up, e.g. --input 50"
        case .any:
            return "--input CxHxW for an image of C channels, or --input F for F features"
        }
    }

    private static func axisNames(_ rank: Int) -> String {
        switch rank {
        case 1: "length"
        case 2: "height x width"
        default: "depth x height x width"
        }
    }
}
