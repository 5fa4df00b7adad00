import CNNCalcCore

extension LayerBuilder {
    /// `dense 256`: units, then a bias, no activation, and a feature-map input flattened
    /// first, unless written otherwise.
    static func dense(_ arguments: Arguments) throws(CNNCalcError) -> Dense {
        guard let units = try arguments.count(.units) else { throw arguments.missingValues() }
        return Dense(
            units: units,
            hasBias: try arguments.boolean(.bias) ?? true,
            activation: try arguments.activation(),
            flattensInput: try arguments.boolean(.flatten) ?? true)
    }

    /// `dropout 0.5`: the rate must lie in `[0, 1)`.
    static func dropout(_ arguments: Arguments) throws(CNNCalcError) -> Dropout {
        guard let token = arguments.token(.rate), let rate = try arguments.decimal(.rate) else {
            throw arguments.missingValues()
        }
        guard rate >= 0, rate < 1 else {
            throw CNNCalcError(
                .badArgument, "the dropout rate \(token.quoted) is outside [0, 1)",
                fix: "give the fraction of values to drop, e.g. '\(arguments.kindName) 0.5'", location: token.location)
        }
        return Dropout(rate: rate)
    }

    /// `batchnorm`: a scale and an offset unless written `scale=false` or `center=false`.
    ///
    /// `epsilon` and `momentum` are read so that a mistyped value is reported, then
    /// dropped: they change no shape and no count.
    static func batchNormalization(_ arguments: Arguments) throws(CNNCalcError) -> BatchNormalization {
        _ = try arguments.decimal(.epsilon)
        _ = try arguments.decimal(.momentum)
        return BatchNormalization(
            scale: try arguments.boolean(.scale) ?? true,
            center: try arguments.boolean(.center) ?? true)
    }
}
