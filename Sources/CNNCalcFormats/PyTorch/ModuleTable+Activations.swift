import CNNCalcCore

/// Activations and the identity: no parameters, the same shape.
extension ModuleTable {
    static let activationEntries: [String: Entry] = {
        var table: [String: Entry] = [:]
        let plain: [(String, Activation.Function, [String])] = [
            ("ReLU", .relu, ["inplace"]), ("ReLU6", .relu6, ["inplace"]), ("Sigmoid", .sigmoid, []), ("Tanh", .tanh, []),
            ("SiLU", .silu, ["inplace"]), ("Hardswish", .hardSwish, ["inplace"]), ("Hardsigmoid", .hardSigmoid, ["inplace"]),
            ("Mish", .mish, ["inplace"]), ("SELU", .selu, ["inplace"]), ("Softplus", .softplus, ["beta", "threshold"]),
            ("Softmax", .softmax, ["dim"]), ("LogSoftmax", .logSoftmax, ["dim"]), ("Softmax2d", .softmax, []),
            ("GELU", .gelu, ["approximate"]), ("Identity", .linear, []),
        ]
        for (name, function, signature) in plain {
            table[name] = Entry(signature: signature) { arguments throws(CNNCalcError) in
                if signature.contains("inplace") { _ = try arguments.boolean("inplace", default: false) }
                if name == "GELU" { _ = try arguments.word("approximate", default: "none", among: ["none", "tanh"]) }
                if name == "Softplus" {
                    _ = try arguments.number("beta", default: 1, example: "beta=1.0")
                    _ = try arguments.number("threshold", default: 20, example: "threshold=20.0")
                }
                return MappedModule(.activation(Activation(function)))
            }
        }
        table["LeakyReLU"] = Entry(signature: ["negative_slope", "inplace"]) { arguments throws(CNNCalcError) in
            _ = try arguments.boolean("inplace", default: false)
            return MappedModule(.activation(Activation(.leakyReLU(alpha: try arguments.number("negative_slope", default: 0.01, example: "negative_slope=0.01")))))
        }
        table["ELU"] = Entry(signature: ["alpha", "inplace"]) { arguments throws(CNNCalcError) in
            _ = try arguments.boolean("inplace", default: false)
            return MappedModule(.activation(Activation(.elu(alpha: try arguments.number("alpha", default: 1, example: "alpha=1.0")))))
        }
        table["PReLU"] = Entry(signature: ["num_parameters", "init"]) { arguments throws(CNNCalcError) in
            let count = try arguments.integer("num_parameters", default: 1, example: "num_parameters=1")
            guard count > 1 else { return MappedModule(.prelu(PReLU(slopes: .shared))) }
            return MappedModule(.prelu(PReLU(slopes: .channel)), declaredInput: try arguments.declaredInput("num_parameters", example: "num_parameters=64"))
        }
        return table
    }()
}
