import CNNCalcCore

extension LayerBuilder {
    /// `upsample 2` or `upsample size=56x56`: a factor of 2 (Keras' default) unless a factor or
    /// a size is written, and nearest-neighbour values unless `mode=` says otherwise.
    static func upsampling(_ arguments: Arguments) throws(CNNCalcError) -> Upsampling {
        let factors = try arguments.windowSizes(.scaleFactor)
        let sizes = try arguments.windowSizes(.outputSize)
        if factors != nil, let token = arguments.token(.outputSize) {
            throw CNNCalcError(
                .badArgument, "\(arguments.kindName) takes a scale factor or a size, not both",
                fix: "keep either the factor or size=", location: token.location)
        }
        let modes = Upsampling.Mode.allCases.map { ($0.rawValue, $0) }
        let mode = try arguments.token(.mode).map { token throws(CNNCalcError) in
            try ValueParser.keyword(token, noun: Parameter.mode.noun, among: modes, key: arguments.writtenKey(.mode) ?? "mode")
        }
        let target: Upsampling.Target = sizes.map { .size($0) } ?? .scale(factors ?? [2])
        return Upsampling(target, mode: mode ?? .nearest, spatialRank: arguments.spatialRank)
    }

    /// `zeropad 1` or `zeropad 1:2x0:1`: one row of zeros on every side unless written (Keras' default).
    static func zeroPadding(_ arguments: Arguments) throws(CNNCalcError) -> ZeroPadding {
        ZeroPadding(try arguments.pixels(.padding) ?? [AxisPadding(before: 1, after: 1)], spatialRank: arguments.spatialRank)
    }

    /// `crop 1` or `crop 1:2x0:1`: the rows removed from each side.
    static func cropping(_ arguments: Arguments) throws(CNNCalcError) -> Cropping {
        guard let sides = try arguments.pixels(.cropping) else { throw arguments.missingValues() }
        return Cropping(sides, spatialRank: arguments.spatialRank)
    }

    /// `reshape 7x7x64` or `reshape -1x64`, read in the network's layout unless `layout=` says; two
    /// sizes are a sequence, and `kind=sequence` is accepted to say so.
    static func reshape(_ arguments: Arguments) throws(CNNCalcError) -> Reshape {
        guard let token = arguments.token(.targetShape) else { throw arguments.missingValues() }
        let sizes = try ValueParser.reshapeSizes(token, fix: arguments.fix(for: .targetShape))
        if try isSequence(arguments) && sizes.count != 2 {
            throw CNNCalcError(
                .badArgument,
                "a sequence is steps x features, but \(token.quoted) has \(sizes.count) \(sizes.count == 1 ? "number" : "numbers")",
                fix: "write e.g. '\(arguments.kindName) 49x64 kind=sequence'", location: token.location)
        }
        return Reshape(sizes, layout: try arguments.layout())
    }

    /// `permute 2x1x3`: every axis of the input once, 1-based.
    static func permute(_ arguments: Arguments) throws(CNNCalcError) -> Permute {
        guard let token = arguments.token(.permutation) else { throw arguments.missingValues() }
        let axes = try ValueParser.sizes(
            token, noun: Parameter.permutation.noun, maximumAxes: maximumInputAxes, fix: arguments.fix(for: .permutation))
        guard axes.sorted() == Array(1...axes.count) else {
            throw CNNCalcError(
                .badArgument, "the axis order \(token.quoted) does not name each of the axes 1 to \(axes.count) once",
                fix: "write each axis once, e.g. '\(arguments.kindName) \(SlidingWindowText.sizes(Array((1...axes.count).reversed())))'",
                location: token.location)
        }
        return Permute(axes: axes)
    }

    /// `unsqueeze axis=1`: the 1-based position of the new axis.
    static func unsqueeze(_ arguments: Arguments) throws(CNNCalcError) -> Unsqueeze {
        guard let axis = try arguments.count(.squeezeAxis) else { throw arguments.missingValues() }
        return Unsqueeze(axis: axis)
    }

    /// `adaptiveavgpool 7x7`: the output size, one number for every axis or one per axis.
    static func adaptivePooling(_ mode: Pooling.Mode, _ arguments: Arguments) throws(CNNCalcError) -> AdaptivePooling {
        guard let size = try arguments.windowSizes(.outputSize) else { throw arguments.missingValues() }
        return AdaptivePooling(mode, outputSize: size, spatialRank: arguments.spatialRank)
    }

    /// `spacetodepth 2`, `depthtospace 2`: the block side.
    static func blockSize(_ arguments: Arguments) throws(CNNCalcError) -> Int {
        guard let size = try arguments.count(.blockSize) else { throw arguments.missingValues() }
        return size
    }
}

/// Sizes joined by `x` for messages.
private enum SlidingWindowText {
    /// `2x1x3`.
    static func sizes(_ values: [Int]) -> String { values.map(String.init).joined(separator: "x") }
}
