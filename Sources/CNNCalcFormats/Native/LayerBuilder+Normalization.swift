import CNNCalcCore

extension LayerBuilder {
    /// `layernorm`: over the last axis, with a scale and an offset, unless `axes=all`,
    /// `affine=false` (neither) or `bias=false` (no offset) is written. `epsilon` is read and dropped.
    static func layerNormalization(_ arguments: Arguments) throws(CNNCalcError) -> LayerNormalization {
        _ = try arguments.decimal(.epsilon)
        let choices: [(String, LayerNormalization.Axes)] = [("last", .last), ("all", .all)]
        let axes = try arguments.token(.normalizedAxes).map { token throws(CNNCalcError) in
            try ValueParser.keyword(token, noun: Parameter.normalizedAxes.noun, among: choices, key: "axes")
        }
        let affine = try arguments.boolean(.affine) ?? true
        let bias = try arguments.boolean(.bias) ?? true
        return LayerNormalization(axes: axes ?? .last, scale: affine, center: affine && bias)
    }

    /// `groupnorm 8`: the group count, with a scale and an offset unless `affine=false`.
    static func groupNormalization(_ arguments: Arguments) throws(CNNCalcError) -> GroupNormalization {
        _ = try arguments.decimal(.epsilon)
        guard let groups = try arguments.count(.groups) else { throw arguments.missingValues() }
        return GroupNormalization(groups: groups, affine: try arguments.boolean(.affine) ?? true)
    }

    /// `instancenorm`: affine as the convention's framework is by default, unless `affine=` is written.
    static func instanceNormalization(_ arguments: Arguments) throws(CNNCalcError) -> InstanceNormalization {
        _ = try arguments.decimal(.epsilon)
        return InstanceNormalization(affine: try arguments.boolean(.affine))
    }

    /// `lrn 5`: the window of channels; `alpha`, `beta` and `k` are read and dropped.
    static func localResponseNormalization(_ arguments: Arguments) throws(CNNCalcError) -> LocalResponseNormalization {
        _ = try arguments.decimal(.alpha)
        _ = try arguments.decimal(.beta)
        _ = try arguments.decimal(.k)
        guard let size = try arguments.count(.windowSize) else { throw arguments.missingValues() }
        return LocalResponseNormalization(size: size)
    }

    /// `prelu`: slopes shared as the convention's framework shares them, unless `slopes=` is written.
    static func prelu(_ arguments: Arguments) throws(CNNCalcError) -> PReLU {
        let choices = PReLU.Slopes.allCases.map { ($0.rawValue, $0) }
        let slopes = try arguments.token(.slopes).map { token throws(CNNCalcError) in
            try ValueParser.keyword(token, noun: Parameter.slopes.noun, among: choices, key: "slopes")
        }
        return PReLU(slopes: slopes)
    }
}
