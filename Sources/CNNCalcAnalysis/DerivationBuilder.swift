import CNNCalcCore

/// Builds a ``Derivation`` from a layer report; one method per layer family.
struct DerivationBuilder {
    let report: LayerReport
    let layout: Layout
    /// The first shape arriving, or the output for a layer without inputs.
    let input: TensorShape

    /// A builder for `report`, whose input shapes, learnables and windows are derived once here:
    /// a derivation reads them many times.
    init(report: LayerReport, layout: Layout) {
        self.report = report.withDetailsDerived()
        self.layout = layout
        self.input = self.report.inputShapes.first ?? self.report.outputShape
    }

    /// ``build()``'s ``Derivation/parameterFormula`` alone: for the kinds networks are made of,
    /// without the rest of the derivation's text, which a table does not show.
    func parameterFormula() -> String {
        if report.layer.sharesLearnablesWith != nil { return "" }
        switch report.layer.kind {
        case .convolution(let layer): return convolutionFormula(layer)
        case .dense(let layer): return denseFormula(layer, featureTerm: denseFeatureTerm(layer))
        case .batchNormalization: return batchNormalizationFormula()
        default: return build().parameterFormula
        }
    }

    func build() -> Derivation {
        var derivation = familyDerivation()
        if let owner = report.layer.sharesLearnablesWith {
            // The family's formula would count weights that belong to the owner.
            derivation.parameterSteps = ["none of its own: it reuses the weights of '\(owner)', counted there"]
            derivation.parameterFormula = ""
        } else if !report.layer.isTrainable && report.parameterCount > 0 {
            derivation.parameterSteps.append("frozen: training leaves these weights alone, so they count as non-trainable")
        }
        return derivation
    }

    private func familyDerivation() -> Derivation {
        switch report.layer.kind {
        case .input(let layer): inputDerivation(layer)
        case .convolution(let layer): convolutionDerivation(layer)
        case .pooling(let layer): poolingDerivation(layer)
        case .globalPooling(let layer): globalPoolingDerivation(layer)
        case .dense(let layer): denseDerivation(layer)
        case .flatten: flattenDerivation()
        case .dropout(let layer): unchanged("drops a fraction \(layer.rate) of the values while training", what: "dropout")
        case .activation(let layer): unchanged("applies \(layer.function.name) to every value", what: "an activation")
        case .batchNormalization(let layer): batchNormalizationDerivation(layer)
        case .add: addDerivation()
        case .concatenate(let layer): concatenateDerivation(layer)
        case .embedding(let layer): embeddingDerivation(layer)
        case .recurrent(let layer): recurrentDerivation(layer)
        case .multiHeadAttention(let layer): attentionDerivation(layer)
        case .transformerEncoder(let layer): transformerDerivation(layer)
        case .elementwise(let layer): elementwiseDerivation(layer)
        case .matrixProduct(let layer): matrixProductDerivation(layer)
        case .transposedConvolution(let layer): transposedConvolutionDerivation(layer)
        case .depthwiseConvolution(let layer): depthwiseConvolutionDerivation(layer)
        case .separableConvolution(let layer): separableConvolutionDerivation(layer)
        case .upsampling(let layer): upsamplingDerivation(layer)
        case .zeroPadding(let layer): zeroPaddingDerivation(layer)
        case .cropping(let layer): croppingDerivation(layer)
        case .adaptivePooling(let layer): adaptivePoolingDerivation(layer)
        case .spaceToDepth(let layer): spaceToDepthDerivation(layer)
        case .depthToSpace(let layer): depthToSpaceDerivation(layer)
        case .reshape(let layer): reshapeDerivation(layer)
        case .permute(let layer): permuteDerivation(layer)
        case .squeeze(let layer): squeezeDerivation(layer)
        case .unsqueeze(let layer): unsqueezeDerivation(layer)
        case .layerNormalization(let layer): layerNormalizationDerivation(layer)
        case .groupNormalization(let layer): groupNormalizationDerivation(layer)
        case .instanceNormalization(let layer): instanceNormalizationDerivation(layer)
        case .localResponseNormalization(let layer): localResponseNormalizationDerivation(layer)
        case .prelu(let layer): preluDerivation(layer)
        case .layerScale: layerScaleDerivation()
        case .channelSplit(let layer):
            Derivation(
                summary: "passes on slice \(layer.index) of \(layer.parts) equal slices of the channels",
                outputSteps: ["channels: \(input.channels)/\(layer.parts) = \(report.outputShape.channels)",
                              "output: \(shapeText(report.outputShape))"],
                parameterSteps: ["no parameters"], parameterFormula: "0")
        case .channelShuffle(let layer):
            Derivation(
                summary: "interleaves the channels of \(layer.groups) groups (view as \(layer.groups)x\(input.channels / max(layer.groups, 1)), transpose, flatten)",
                outputSteps: ["shape unchanged: \(shapeText(report.outputShape))"],
                parameterSteps: ["no parameters"], parameterFormula: "0")
        case .classToken: classTokenDerivation()
        case .positionEmbedding: positionEmbeddingDerivation()
        case .selectStep(let layer): selectStepDerivation(layer)
        case .opaque(let layer): opaqueDerivation(layer)
        case .standardization(let layer): standardizationDerivation(layer)
        case .timeDistributed(let layer): timeDistributedDerivation(layer)
        case .lossOutput(let layer):
            unchanged("the \(layer.loss == .crossEntropy ? "cross-entropy" : "mean squared error") loss of training; passes its input through", what: "an output layer")
        }
    }

    // MARK: - Families

    func inputDerivation(_ layer: Input) -> Derivation {
        let shape = report.outputShape
        return Derivation(
            summary: "the input: \(shapeText(shape)), \(shape.kindName)\(shape.spatialRank > 0 ? ", " + layout.phrase : "")",
            outputSteps: ["one example is \(shapeText(shape)); the batch size is not part of the shape"],
            parameterSteps: ["no parameters: the input holds data, not weights"],
            parameterFormula: "")
    }

    func convolutionDerivation(_ layer: Convolution) -> Derivation {
        var summary = "\(layer.filters) filters of \(sizes(report.axes.map(\.kernel))), stride \(collapsed(report.axes.map(\.stride))), padding \(layer.window.padding.text)"
        summary += dilationPhrase(report.axes.map(\.dilation))
        if layer.groups != 1 { summary += ", \(layer.groups) groups" }
        summary += biasAndActivationPhrase(hasBias: layer.hasBias, activation: layer.activation)

        var outputSteps = axisSteps()
        outputSteps.append("channels: \(layer.filters), one per filter")
        outputSteps.append("output: \(shapeText(report.outputShape))")

        let channelsIn = input.channels
        let perGroup = channelsIn / max(layer.groups, 1)
        var parameterSteps = learnableSteps()
        if layer.groups != 1 {
            parameterSteps.insert("each filter sees \(channelsIn)/\(layer.groups) = \(perGroup) of the input channels", at: 0)
        }
        if layer.hasBias && layer.untiedBias {
            parameterSteps.insert("untied biases: one per filter and output position", at: 0)
        }
        let formula = convolutionFormula(layer)
        parameterSteps.append("total: \(formula) = \(NumberFormatting.grouped(report.parameterCount))")
        return Derivation(summary: summary, outputSteps: outputSteps, parameterSteps: parameterSteps, parameterFormula: formula)
    }

    /// `(k_1*...*k_n*C/groups+1)*filters`, or without the `+1` when there is no bias, or with one
    /// bias per filter and output position when the biases are untied.
    func convolutionFormula(_ layer: Convolution) -> String {
        let perGroup = input.channels / max(layer.groups, 1)
        let weightTerms = (report.axes.map { String($0.kernel) } + [String(perGroup)]).joined(separator: "*")
        guard layer.hasBias else { return "\(weightTerms)*\(layer.filters)" }
        guard layer.untiedBias else { return "(\(weightTerms)+1)*\(layer.filters)" }
        let positions = report.axes.map { String($0.length) }.joined(separator: "*")
        return "\(weightTerms)*\(layer.filters) + \(layer.filters)*\(positions)"
    }

    func poolingDerivation(_ layer: Pooling) -> Derivation {
        var summary = "\(layer.mode == .max ? "max" : "average") of \(sizes(report.axes.map(\.kernel))) windows, stride \(collapsed(report.axes.map(\.stride))), padding \(layer.window.padding.text)"
        if layer.window.ceilMode { summary += ", ceil mode" }
        var outputSteps = axisSteps()
        outputSteps.append("channels: \(input.channels), unchanged")
        outputSteps.append("output: \(shapeText(report.outputShape))")
        return Derivation(
            summary: summary, outputSteps: outputSteps,
            parameterSteps: ["no parameters: pooling takes a \(layer.mode == .max ? "maximum" : "mean") and learns nothing"],
            parameterFormula: "")
    }

    func globalPoolingDerivation(_ layer: GlobalPooling) -> Derivation {
        if layer.keepsDimensions { return keptGlobalPoolingDerivation(layer) }
        return Derivation(
            summary: "\(layer.mode == .max ? "max" : "average") over all positions of each channel",
            outputSteps: ["one value per channel: \(shapeText(input)) -> \(shapeText(report.outputShape))"],
            parameterSteps: ["no parameters"],
            parameterFormula: "")
    }

    func denseDerivation(_ layer: Dense) -> Derivation {
        let flattens = layer.flattens(input)
        let features = (try? layer.inputFeatures(for: input)) ?? input.channels
        let featureTerm = denseFeatureTerm(layer)
        var summary = "\(layer.units) units"
        summary += biasAndActivationPhrase(hasBias: layer.hasBias, activation: layer.activation)
        var outputSteps: [String] = []
        if flattens {
            outputSteps.append("flattens \(shapeText(input)) into \(featureTerm) = \(NumberFormatting.grouped(features)) features first")
        } else if input.spatialRank > 0 || isSequence(input) {
            outputSteps.append("acts on the last axis of \(shapeText(input)) (\(features) features), the other axes are kept")
        }
        outputSteps.append("output: \(shapeText(report.outputShape)), one value per unit")
        var parameterSteps = learnableSteps()
        if convention == .matlab { parameterSteps.append(matlabWeightsNote(layer, features: features, flattens: flattens)) }
        let formula = denseFormula(layer, featureTerm: featureTerm)
        parameterSteps.append("total: \(formula) = \(NumberFormatting.grouped(report.parameterCount))")
        return Derivation(summary: summary, outputSteps: outputSteps, parameterSteps: parameterSteps, parameterFormula: formula)
    }

    /// The features each unit sees: the flattened input's sizes as a product, or its last axis.
    func denseFeatureTerm(_ layer: Dense) -> String {
        layer.flattens(input)
            ? input.dimensions(in: layout).map(String.init).joined(separator: "*")
            : String((try? layer.inputFeatures(for: input)) ?? input.channels)
    }

    /// `(features+1)*units`, or `features*units` without a bias.
    func denseFormula(_ layer: Dense, featureTerm: String) -> String {
        layer.hasBias ? "(\(featureTerm)+1)*\(layer.units)" : "\(featureTerm)*\(layer.units)"
    }

    func flattenDerivation() -> Derivation {
        let terms = input.dimensions(in: layout).map(String.init).joined(separator: "*")
        return Derivation(
            summary: "lays every value out in one vector",
            outputSteps: ["\(terms) = \(NumberFormatting.grouped(report.outputShape.channels)) features"],
            parameterSteps: ["no parameters"],
            parameterFormula: "")
    }

    func batchNormalizationDerivation(_ layer: BatchNormalization) -> Derivation {
        let channels = input.channels
        let formula = batchNormalizationFormula()
        let trainable = report.learnables.filter { $0.role == .trainable }.count
        var total = "total: \(formula) = \(NumberFormatting.grouped(report.parameterCount))"
        if report.nonTrainableCount > 0 {
            total += ", of which \(trainable)*\(channels) = \(NumberFormatting.grouped(report.trainableCount)) trainable"
        }
        if report.stateCount > 0 {
            total += "; the \(NumberFormatting.grouped(report.stateCount)) state values are not parameters"
        }
        return Derivation(
            summary: "normalizes each of the \(channels) channels; \(convention.batchNormalizationNote)",
            outputSteps: ["shape unchanged: \(shapeText(report.outputShape))"],
            parameterSteps: learnableSteps() + [total],
            parameterFormula: formula)
    }

    /// `n*C`: the channel-sized learnables that count as parameters, times the channels.
    func batchNormalizationFormula() -> String {
        "\(report.learnables.filter { $0.role != .state && !$0.shape.isEmpty }.count)*\(input.channels)"
    }

    func unchanged(_ summary: String, what: String) -> Derivation {
        Derivation(
            summary: summary,
            outputSteps: ["shape unchanged: \(shapeText(report.outputShape))"],
            parameterSteps: ["no parameters: \(what) has nothing to learn"],
            parameterFormula: "")
    }

    // MARK: - Pieces

    func axisSteps() -> [String] {
        let rank = report.axes.count
        let rule = "out = floor((in + pad_before + pad_after - dilation*(kernel-1) - 1)/stride) + 1"
        return ["rule: \(rule)"] + report.axes.enumerated().map { axis, window in
            "\(AxisNames.name(of: axis, rank: rank)): \(window.expression)"
        }
    }

    func shapeText(_ shape: TensorShape) -> String {
        convention == .matlab ? shape.matlabText(in: layout) : shape.text(in: layout)
    }

    var convention: Convention { report.convention }

    /// One line per learnable: its name and shape as the convention prints them, and its count.
    func learnableSteps() -> [String] {
        report.learnables.map { learnable in
            let value = count(learnable)
            let product = learnable.shape.count > 1
                ? learnable.shape.map(String.init).joined(separator: "*") + " = " + value
                : value
            return "\(learnable.name) \(convention.shapeText(learnable.shape)): \(product) (\(roleText(learnable.role)))"
        }
    }

    func sizes(_ values: [Int]) -> String { values.map(String.init).joined(separator: "x") }

    /// `, dilation 2` when any axis is dilated, else nothing.
    func dilationPhrase(_ dilations: [Int]) -> String {
        dilations.contains { $0 != 1 } ? ", dilation \(collapsed(dilations))" : ""
    }

    /// `, no bias` and `, then relu` as they apply, for a summary.
    func biasAndActivationPhrase(hasBias: Bool, activation: Activation.Function?) -> String {
        (hasBias ? "" : ", no bias") + (activation.map { ", then \($0.name)" } ?? "")
    }

    /// One number when every axis has the same value (`stride 2`), else one per axis (`stride 2x1`).
    func collapsed(_ values: [Int]) -> String {
        Set(values).count == 1 ? String(values[0]) : sizes(values)
    }

    func count(_ learnable: Learnable) -> String {
        (try? learnable.elementCount()).map(NumberFormatting.grouped) ?? "too many to count"
    }

    func isSequence(_ shape: TensorShape) -> Bool {
        if case .sequence = shape { return true }
        return false
    }

    func roleText(_ role: Learnable.Role) -> String {
        switch role {
        case .trainable: "trainable"
        case .nonTrainable: "non-trainable"
        case .state: "state, not a parameter"
        }
    }
}
