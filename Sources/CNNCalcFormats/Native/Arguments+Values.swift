import CNNCalcCore

extension Arguments {
    /// A positive whole number, e.g. the filter count.
    func count(_ parameter: Parameter) throws(CNNCalcError) -> Int? {
        guard let token = token(parameter) else { return nil }
        return try ValueParser.count(token, noun: parameter.noun, fix: fix(for: parameter))
    }

    /// A whole number that may be 0 or negative, e.g. the step `-1`.
    func index(_ parameter: Parameter) throws(CNNCalcError) -> Int? {
        guard let token = token(parameter) else { return nil }
        return try ValueParser.index(token, noun: parameter.noun, fix: fix(for: parameter))
    }

    /// Window sizes per spatial axis, e.g. a kernel of `3x3`.
    ///
    /// A numbered kind such as `conv2d` takes one size or exactly as many as its axes.
    func windowSizes(_ parameter: Parameter) throws(CNNCalcError) -> [Int]? {
        guard let token = token(parameter) else { return nil }
        let sizes = try ValueParser.sizes(
            token, noun: parameter.noun, maximumAxes: ValueParser.maximumWindowAxes, fix: fix(for: parameter))
        try checkRank(sizes.count, token: token, noun: parameter.noun, sample: {
            let sample = parameter.sampleValue.prefix(while: LayerName.isDigit)
            return sample.isEmpty ? "3" : String(sample)
        }())
        return sizes
    }

    /// The padding rule.
    func padding() throws(CNNCalcError) -> Padding? {
        guard let token = token(.padding) else { return nil }
        let key = writtenKey(.padding) ?? Parameter.padding.key
        let fix = "write e.g. '\(key)=same', '\(key)=1' or '\(key)=1:2x0:1' (before:after per axis)"
        let padding = try ValueParser.padding(token, fix: fix)
        if case .explicit(let sides) = padding {
            try checkRank(sides.count, token: token, noun: "padding", sample: "1")
        }
        return padding
    }

    /// `true` or `false`.
    func boolean(_ parameter: Parameter) throws(CNNCalcError) -> Bool? {
        guard let token = token(parameter) else { return nil }
        return try ValueParser.boolean(token, noun: parameter.noun, fix: fix(for: parameter))
    }

    /// A decimal number.
    func decimal(_ parameter: Parameter) throws(CNNCalcError) -> Double? {
        guard let token = token(parameter) else { return nil }
        return try ValueParser.decimal(token, noun: parameter.noun, fix: fix(for: parameter))
    }

    /// The inline activation; `nil` when absent or written `linear`, `identity` or `none`.
    func activation() throws(CNNCalcError) -> Activation.Function? {
        guard let token = token(.activation) else { return nil }
        return try ValueParser.activation(token)
    }

    /// The input layout.
    func layout() throws(CNNCalcError) -> Layout? {
        guard let token = token(.layout) else { return nil }
        return try ValueParser.layout(token)
    }

    /// The names in `inputs=`, empty when absent.
    func inputs() throws(CNNCalcError) -> [String] {
        guard let token = token(.inputs) else { return [] }
        return try ValueParser.layerNames(token)
    }

    /// Checks that a numbered kind such as `conv2d` gets one value or one per axis.
    func checkRank(_ count: Int, token: Token, noun: String, sample: @autoclosure () -> String) throws(CNNCalcError) {
        guard let spatialRank, count != 1, count != spatialRank else { return }
        let like = Array(repeating: sample(), count: spatialRank).joined(separator: "x")
        throw CNNCalcError(
            .badArgument,
            "the \(noun) \(token.quoted) has \(count) axes, but \(kindName) has \(spatialRank)",
            fix: "give \(spatialRank == 1 ? "a single value" : "\(spatialRank) values like \(like) or a single value")",
            location: token.location)
    }
}
