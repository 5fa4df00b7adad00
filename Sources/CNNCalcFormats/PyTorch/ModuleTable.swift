import CNNCalcCore

/// The PyTorch modules CNNCalc reads from printed text, each with its constructor's argument
/// names (as `print(model)` writes them) and its mapping onto a CNNCalc layer kind.
enum ModuleTable {
    /// How a module class is read.
    struct Entry: Sendable {
        /// The constructor's arguments, in positional order.
        var signature: [String]
        /// The mapping of the bound arguments.
        var map: @Sendable (ModuleArguments) throws(CNNCalcError) -> MappedModule
    }

    /// Modules that only hold others, read as their children in printed order.
    static let containers: Set<String> = ["Sequential", "ModuleList", "ModuleDict"]

    /// Classes CNNCalc knows but cannot read from printed text, with the reason.
    static let unsupported: [String: String] = [
        "Bilinear": "it takes two inputs, and the printed text does not say which",
        "TransformerDecoderLayer": "it reads a second sequence (the memory), which the printed text does not show",
        "TransformerDecoder": "it reads a second sequence (the memory), which the printed text does not show",
        "Transformer": "its decoder reads a second sequence, which the printed text does not show",
        "LSTMCell": "a cell runs one step, called in a loop the printed text does not show",
        "GRUCell": "a cell runs one step, called in a loop the printed text does not show",
        "RNNCell": "a cell runs one step, called in a loop the printed text does not show",
        "EmbeddingBag": "its output depends on the offsets passed to forward",
        "Unflatten": "CNNCalc has no layer that splits an axis back into a map",
        "Fold": "CNNCalc has no layer for it",
        "Unfold": "CNNCalc has no layer for it",
        "ChannelShuffle": "CNNCalc has no layer for it",
        "Hardtanh": "CNNCalc has no activation of that name",
        "CELU": "CNNCalc has no activation of that name",
        "GLU": "it halves an axis, which CNNCalc has no layer for",
        "LogSigmoid": "CNNCalc has no activation of that name",
        "Softsign": "CNNCalc has no activation of that name",
        "Softmin": "CNNCalc has no activation of that name",
        "Tanhshrink": "CNNCalc has no activation of that name",
        "Threshold": "CNNCalc has no activation of that name",
        "RReLU": "CNNCalc has no activation of that name",
        "Hardshrink": "CNNCalc has no activation of that name",
        "Softshrink": "CNNCalc has no activation of that name",
        "LPPool1d": "CNNCalc has no power-average pooling",
        "LPPool2d": "CNNCalc has no power-average pooling",
        "FractionalMaxPool2d": "its output size is random unless output_size is given, and CNNCalc has no such pooling",
        "MaxUnpool2d": "its output size depends on indices passed to forward",
    ]

    /// Every class read, for suggestions.
    static var knownNames: [String] {
        entries.keys.sorted() + containers.sorted() + ["MultiheadAttention", "TransformerEncoderLayer", "TransformerEncoder"]
    }

    /// The entry of `typeName`, if CNNCalc reads it.
    static func entry(_ typeName: String) -> Entry? { entries[typeName] }

    /// Every class read as one layer.
    static let entries: [String: Entry] = {
        var table: [String: Entry] = [:]
        for (name, entry) in convolutionEntries { table[name] = entry }
        for (name, entry) in layerEntries { table[name] = entry }
        return table
    }()

    /// The error for a class CNNCalc does not read: a reason for those it knows of, the nearest
    /// names for the others.
    static func unknown(_ module: PrintedModule) -> CNNCalcError {
        if let reason = unsupported[module.typeName] {
            return CNNCalcError(
                .unknownLayer, "\(module.typeName) is not supported: \(reason)",
                fix: "analyse the model without it, or describe it in the .cnn format",
                location: module.location, layerName: module.path.isEmpty ? nil : module.path)
        }
        let hint = EditDistance.didYouMean(module.typeName, among: knownNames)
            ?? "a module of your own that prints no children cannot be read; CNNCalc reads torch.nn's layers (Conv2d, Linear, LSTM, ...), see the README"
        return CNNCalcError(
            .unknownLayer, "unknown module '\(module.typeName)'", fix: hint,
            location: module.location, layerName: module.path.isEmpty ? nil : module.path)
    }
}
