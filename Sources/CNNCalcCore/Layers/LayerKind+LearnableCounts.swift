extension LayerKind {
    /// How many values the layer learns or keeps, by role: the same numbers as summing
    /// ``learnables(for:convention:)`` by role, found without building the learnables for the
    /// layers most networks are made of (convolutions, batch normalizations, dense layers),
    /// so that an analysis in a search loop makes no arrays for them.
    ///
    /// - Throws: ``CNNCalcError`` as ``learnables(for:convention:)`` and ``LearnableCounts/init(_:)``
    ///   do; a count that overflows is counted through them, so the error is theirs.
    public func learnableCounts(for inputs: [TensorShape], convention: Convention) throws(CNNCalcError) -> LearnableCounts {
        if let counts = directLearnableCounts(for: inputs, convention: convention) { return counts }
        return try LearnableCounts(learnables(for: inputs, convention: convention))
    }

    /// ``learnableCounts(for:convention:)`` when it can be found without building the learnables;
    /// `nil` when they must be built and summed (other kinds, an untied bias, a count that overflows).
    public func directLearnableCounts(for inputs: [TensorShape], convention: Convention) -> LearnableCounts? {
        switch self {
        case .convolution(let layer): layer.learnableCounts(for: inputs, convention: convention)
        case .batchNormalization(let layer): layer.learnableCounts(for: inputs, convention: convention)
        case .dense(let layer): layer.learnableCounts(for: inputs)
        case .input, .pooling, .globalPooling, .flatten, .dropout, .activation, .add, .concatenate: LearnableCounts()
        default: nil
        }
    }
}

extension Convolution {
    /// `kernel = k_1*...*k_n * C/groups * filters`, `bias = filters` (see the type's formula), in
    /// every convention; `nil` for an untied bias, whose size depends on the output, or on overflow.
    func learnableCounts(for inputs: [TensorShape], convention: Convention) -> LearnableCounts? {
        guard !untiedBias, groups > 0 else { return nil }
        let rank = max(inputs[0].spatialRank, 1)
        var kernel = inputs[0].channels / groups
        for axis in 0..<rank {
            let (product, overflow) = kernel.multipliedReportingOverflow(by: SlidingWindow.size(window.kernel, axis))
            guard !overflow else { return nil }
            kernel = product
        }
        let (weights, overflow) = kernel.multipliedReportingOverflow(by: filters)
        guard !overflow else { return nil }
        guard hasBias else { return LearnableCounts(trainable: weights) }
        let (total, biasOverflow) = weights.addingReportingOverflow(filters)
        return biasOverflow ? nil : LearnableCounts(trainable: total)
    }
}

extension BatchNormalization {
    /// `C` values for each of the scale and the offset (trainable) and the two statistics
    /// (non-trainable in Keras and Lasagne, state in PyTorch and MATLAB), and PyTorch's one
    /// `num_batches_tracked`.
    func learnableCounts(for inputs: [TensorShape], convention: Convention) -> LearnableCounts? {
        let channels = inputs[0].channels
        let trainable = (scale ? channels : 0) + (center ? channels : 0)
        guard tracksRunningStatistics else { return LearnableCounts(trainable: trainable) }
        let statistics = 2 * channels
        return switch convention {
        case .keras, .lasagne: LearnableCounts(trainable: trainable, nonTrainable: statistics)
        case .pytorch: LearnableCounts(trainable: trainable, state: statistics + 1)
        case .matlab: LearnableCounts(trainable: trainable, state: statistics)
        }
    }
}

extension Dense {
    /// `features*units` weights and `units` biases, in every convention; `nil` on overflow.
    func learnableCounts(for inputs: [TensorShape]) -> LearnableCounts? {
        guard let features = try? inputFeatures(for: inputs[0]) else { return nil }
        let (weights, overflow) = features.multipliedReportingOverflow(by: units)
        guard !overflow else { return nil }
        guard hasBias else { return LearnableCounts(trainable: weights) }
        let (total, biasOverflow) = weights.addingReportingOverflow(units)
        return biasOverflow ? nil : LearnableCounts(trainable: total)
    }
}
