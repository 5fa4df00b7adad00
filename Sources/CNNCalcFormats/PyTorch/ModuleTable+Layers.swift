import CNNCalcCore

/// Dense, normalization, dropout, activation, embedding and recurrent modules.
extension ModuleTable {
    static let layerEntries: [String: Entry] = {
        var table: [String: Entry] = [:]
        for name in ["Linear", "NonDynamicallyQuantizableLinear"] {
            table[name] = Entry(signature: ["in_features", "out_features", "bias"], map: linear)
        }
        for rank in 1...3 {
            table["BatchNorm\(rank)d"] = Entry(
                signature: ["num_features", "eps", "momentum", "affine", "track_running_stats", "bias"],
                map: { arguments throws(CNNCalcError) in try batchNormalization(arguments, rank: rank) })
            table["InstanceNorm\(rank)d"] = Entry(
                signature: ["num_features", "eps", "momentum", "affine", "track_running_stats", "bias"],
                map: { arguments throws(CNNCalcError) in try instanceNormalization(arguments, rank: rank) })
        }
        table["SyncBatchNorm"] = Entry(
            signature: ["num_features", "eps", "momentum", "affine", "track_running_stats", "process_group", "bias"],
            map: { arguments throws(CNNCalcError) in try batchNormalization(arguments, rank: nil) })
        table["LayerNorm"] = Entry(signature: ["normalized_shape", "eps", "elementwise_affine", "bias"], map: layerNormalization)
        table["GroupNorm"] = Entry(signature: ["num_groups", "num_channels", "eps", "affine", "bias"]) { arguments throws(CNNCalcError) in
            _ = try arguments.number("eps", default: 1e-5, example: "eps=1e-05")
            let affine = try arguments.boolean("affine", default: true)
            guard try arguments.boolean("bias", default: affine) == affine else {
                throw refusal(arguments, "bias", "GroupNorm with a scale but no bias is not counted by CNNCalc")
            }
            return MappedModule(
                .groupNormalization(GroupNormalization(groups: try arguments.integer("num_groups", example: "GroupNorm(8, 64)"), affine: affine)),
                declaredInput: try arguments.declaredInput("num_channels", example: "GroupNorm(8, 64)"))
        }
        table["LocalResponseNorm"] = Entry(signature: ["size", "alpha", "beta", "k"]) { arguments throws(CNNCalcError) in
            MappedModule(.localResponseNormalization(LocalResponseNormalization(size: try arguments.integer("size", example: "LocalResponseNorm(5)"))),
                         inputForm: .map(spatialRank: 2))
        }
        for name in ["Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout"] {
            table[name] = Entry(signature: ["p", "inplace"]) { arguments throws(CNNCalcError) in
                _ = try arguments.boolean("inplace", default: false)
                let rate = try arguments.number("p", default: 0.5, in: 0...1, example: "p=0.5")
                guard rate < 1 else { throw refusal(arguments, "p", "a dropout that drops every value (p=1.0) passes nothing on") }
                return MappedModule(.dropout(Dropout(rate: rate)))
            }
        }
        table["StochasticDepth"] = Entry(signature: ["p", "mode"]) { arguments throws(CNNCalcError) in
            _ = try arguments.word("mode", default: "row", among: ["row", "batch"])
            let rate = try arguments.number("p", default: 0.5, in: 0...1, example: "p=0.2")
            guard rate < 1 else { throw refusal(arguments, "p", "a stochastic depth that drops every value (p=1.0) passes nothing on") }
            return MappedModule(.dropout(Dropout(rate: rate)))
        }
        for (name, entry) in activationEntries { table[name] = entry }
        table["Flatten"] = Entry(signature: ["start_dim", "end_dim"]) { arguments throws(CNNCalcError) in
            let start = try arguments.integer("start_dim", default: 1, minimum: Int.min, example: "start_dim=1")
            let end = try arguments.integer("end_dim", default: -1, minimum: Int.min, example: "end_dim=-1")
            guard start == 1, end == -1 else {
                throw refusal(arguments, start == 1 ? "end_dim" : "start_dim",
                              "CNNCalc flattens every axis after the batch (start_dim=1, end_dim=-1)")
            }
            return MappedModule(.flatten(Flatten()))
        }
        table["Embedding"] = Entry(
            signature: ["num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type", "scale_grad_by_freq", "sparse"]
        ) { arguments throws(CNNCalcError) in
            let example = "Embedding(10000, 128)"
            return MappedModule(
                .embedding(Embedding(
                    vocabularySize: try arguments.integer("num_embeddings", example: example),
                    dimension: try arguments.integer("embedding_dim", example: example))),
                inputForm: .tokens)
        }
        for (name, cell) in [("LSTM", Recurrent.Cell.lstm), ("GRU", .gru), ("RNN", .simple)] {
            table[name] = Entry(
                signature: ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size", "nonlinearity"],
                map: { arguments throws(CNNCalcError) in try recurrent(arguments, cell) })
        }
        return table
    }()

    /// The assumption every recurrent module needs.
    static let recurrentAssumption =
        "LSTM, GRU and RNN modules pass on their whole output sequence (the first value they return); a forward that keeps only the last step (out[:, -1]) changes the shapes after them, not the counts"

    /// `Linear(in_features=800, out_features=256, bias=True)`.
    static func linear(_ arguments: ModuleArguments) throws(CNNCalcError) -> MappedModule {
        let example = "Linear(in_features=800, out_features=256)"
        return MappedModule(
            .dense(Dense(units: try arguments.integer("out_features", example: example), hasBias: try arguments.boolean("bias", default: true))),
            declaredInput: try arguments.declaredInput("in_features", example: example),
            inputForm: .vectorOrSequence)
    }

    /// `BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)`.
    static func batchNormalization(_ arguments: ModuleArguments, rank: Int?) throws(CNNCalcError) -> MappedModule {
        _ = try arguments.number("eps", default: 1e-5, example: "eps=1e-05")
        if let momentum = arguments.value("momentum"), momentum.content != .none {
            _ = try arguments.number("momentum", default: 0.1, example: "momentum=0.1")
        }
        let affine = try arguments.boolean("affine", default: true)
        let hasBias = try arguments.boolean("bias", default: true)
        let layer = BatchNormalization(
            scale: affine, center: affine && hasBias,
            tracksRunningStatistics: try arguments.boolean("track_running_stats", default: true))
        let name = rank.map { "BatchNorm\($0)d(32)" } ?? "SyncBatchNorm(32)"
        let form: MappedModule.InputForm = switch rank {
        case 1: .vectorOrMap(spatialRank: 1)
        case let rank?: .map(spatialRank: rank)
        case nil: .any
        }
        return MappedModule(
            .batchNormalization(layer), declaredInput: try arguments.declaredInput("num_features", example: name), inputForm: form)
    }

    /// `InstanceNorm2d(32, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)`.
    static func instanceNormalization(_ arguments: ModuleArguments, rank: Int) throws(CNNCalcError) -> MappedModule {
        _ = try arguments.number("eps", default: 1e-5, example: "eps=1e-05")
        guard try !arguments.boolean("track_running_stats", default: false) else {
            throw refusal(arguments, "track_running_stats", "CNNCalc's instance normalization keeps no running statistics")
        }
        let affine = try arguments.boolean("affine", default: false)
        guard try arguments.boolean("bias", default: affine) == affine else {
            throw refusal(arguments, "bias", "an instance normalization with a scale but no bias is not counted by CNNCalc")
        }
        return MappedModule(
            .instanceNormalization(InstanceNormalization(affine: affine)),
            declaredInput: try arguments.declaredInput("num_features", example: "InstanceNorm\(rank)d(32)"),
            inputForm: .map(spatialRank: rank))
    }

    /// `LayerNorm((64,), eps=1e-05, elementwise_affine=True, bias=True)`: over the last axis only.
    static func layerNormalization(_ arguments: ModuleArguments) throws(CNNCalcError) -> MappedModule {
        let shape = try arguments.sizes("normalized_shape", example: "LayerNorm((64,))")
        guard shape.count == 1 else {
            throw refusal(arguments, "normalized_shape", "CNNCalc normalizes over the last axis of a sequence or vector, so it reads a normalized_shape of one size")
        }
        _ = try arguments.number("eps", default: 1e-5, example: "eps=1e-05")
        let affine = try arguments.boolean("elementwise_affine", default: true)
        let hasBias = try arguments.boolean("bias", default: true)
        let layer = LayerNormalization(axes: .last, scale: affine, center: affine && hasBias)
        return MappedModule(
            .layerNormalization(layer),
            declaredInput: DeclaredInput("normalized_shape", shape[0], location: arguments.location(of: "normalized_shape")),
            inputForm: .vectorOrSequence)
    }

    /// `LSTM(64, 128, num_layers=2, batch_first=True, dropout=0.2, bidirectional=True)`.
    static func recurrent(_ arguments: ModuleArguments, _ cell: Recurrent.Cell) throws(CNNCalcError) -> MappedModule {
        let example = "\(arguments.module.typeName)(64, 128)"
        try arguments.refuse("proj_size", unless: { $0.integer == 0 }, because: "CNNCalc's LSTM has no projection of its hidden state")
        _ = try arguments.boolean("batch_first", default: false)
        _ = try arguments.number("dropout", default: 0, in: 0...1, example: "dropout=0.2")
        _ = try arguments.word("nonlinearity", default: "tanh", among: ["tanh", "relu"])
        let layer = Recurrent(
            cell, units: try arguments.integer("hidden_size", example: example), returnsSequences: true,
            isBidirectional: try arguments.boolean("bidirectional", default: false),
            layerCount: try arguments.integer("num_layers", default: 1, example: "num_layers=2"),
            hasBias: try arguments.boolean("bias", default: true), resetsAfter: true)
        return MappedModule(
            .recurrent(layer), declaredInput: try arguments.declaredInput("input_size", example: example),
            inputForm: .sequence, assumption: recurrentAssumption)
    }

    /// The error for an argument value CNNCalc cannot count.
    static func refusal(_ arguments: ModuleArguments, _ name: String, _ reason: String) -> CNNCalcError {
        let text = arguments.value(name).map { "=\($0.text)" } ?? ""
        return CNNCalcError(
            .badArgument, "\(arguments.module.typeName) with \(name)\(text) is not supported: \(reason)",
            fix: "analyse the model without it, or describe it in the .cnn format",
            location: arguments.location(of: name), layerName: arguments.module.path)
    }
}
