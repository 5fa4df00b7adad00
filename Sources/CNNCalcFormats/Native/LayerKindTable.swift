import CNNCalcCore

/// Every keyword the `.cnn` format accepts for a layer kind, and what it means.
///
/// Kinds are matched without regard to case, `_` or `-`, so `MaxPool2d`, `max_pool2d`
/// and `maxpool2d` are the same kind (see ``Keyword``). A trailing `1d`, `2d` or `3d` on a
/// convolution, pooling or resampling kind fixes the number of spatial axes its input must
/// have; on a global pooling or a batch or instance normalization it is accepted and changes nothing.
enum LayerKindTable {
    /// What a keyword stands for.
    struct Entry: Hashable, Sendable {
        /// The family that builds the layer.
        var family: LayerFamily
        /// The number of spatial axes a numbered spelling requires, e.g. 2 for `conv2d`.
        var spatialRank: Int?
        /// Where `family` is in ``LayerKindTable/families``: what is worked out once per family
        /// is found there without hashing the family.
        var familyIndex: Int
    }

    /// Every family a keyword stands for, each once, in the order of ``keywords``.
    static let families: [LayerFamily] = {
        var families: [LayerFamily] = []
        for (_, entry) in keywords where entry.familyIndex == families.count { families.append(entry.family) }
        return families
    }()

    /// Every keyword, normalized, with its meaning, in the order of the documentation.
    static let keywords: [(keyword: String, entry: Entry)] = {
        var result: [(String, Entry)] = []
        var families: [LayerFamily] = []
        func entry(_ family: LayerFamily, spatialRank: Int?) -> Entry {
            let index = families.firstIndex(of: family) ?? families.count
            if index == families.count { families.append(family) }
            return Entry(family: family, spatialRank: spatialRank, familyIndex: index)
        }
        func add(_ family: LayerFamily, _ keywords: [String], ranked: [String] = []) {
            for keyword in keywords { result.append((keyword, entry(family, spatialRank: nil))) }
            for stem in ranked {
                for rank in 1...3 { result.append(("\(stem)\(rank)d", entry(family, spatialRank: rank))) }
            }
        }
        add(.input, ["input", "inputlayer"])
        add(.convolution, ["conv", "convolution"], ranked: ["conv", "convolution"])
        add(.maxPooling, ["maxpool", "pool", "maxpooling"], ranked: ["maxpool", "maxpooling"])
        add(.averagePooling, ["avgpool", "averagepool", "averagepooling", "meanpool"], ranked: ["avgpool", "averagepooling"])
        add(.globalAveragePooling, ["globalavgpool", "globalaveragepool", "globalaveragepooling", "gap"],
            ranked: ["globalavgpool", "globalaveragepooling"])
        add(.globalMaxPooling, ["globalmaxpool", "globalmaxpooling", "gmp"], ranked: ["globalmaxpool", "globalmaxpooling"])
        add(.dense, ["dense", "linear", "fc", "fullyconnected", "innerproduct"])
        add(.flatten, ["flatten"])
        add(.dropout, ["dropout"])
        add(.batchNormalization, ["batchnorm", "batchnormalization", "bn"], ranked: ["batchnorm"])
        add(.activation(.relu), ["relu"])
        add(.activation(.sigmoid), ["sigmoid"])
        add(.activation(.tanh), ["tanh"])
        add(.activation(.softmax), ["softmax"])
        add(.activation(.gelu), ["gelu"])
        add(.leakyReLU, ["leakyrelu"])
        add(.elu, ["elu"])
        add(.activation(.linear), ["identity"])
        add(.add, ["add", "sum"])
        add(.concatenate, ["concat", "concatenate", "cat"])
        add(.embedding, ["embedding"])
        add(.recurrent(.simple), ["rnn", "simplernn"])
        add(.recurrent(.lstm), ["lstm"])
        add(.recurrent(.gru), ["gru"])
        add(.multiHeadAttention, ["mha", "multiheadattention", "attention"])
        add(.transformerEncoder, ["transformer", "transformerencoder", "encoderlayer", "transformerencoderlayer"])
        add(.elementwise(.subtract), ["subtract", "sub"])
        add(.elementwise(.multiply), ["multiply", "mul"])
        add(.elementwise(.average), ["average"])
        add(.elementwise(.maximum), ["maximum"])
        add(.elementwise(.minimum), ["minimum"])
        add(.matrixProduct, ["matmul", "dot", "bmm"])
        add(.transposedConvolution, ["deconv", "convtranspose", "transposedconv", "deconvolution"],
            ranked: ["deconv", "convtranspose"])
        for rank in 1...3 {
            result.append(("conv\(rank)dtranspose", entry(.transposedConvolution, spatialRank: rank)))
        }
        add(.depthwiseConvolution, ["depthwiseconv", "depthwise", "dwconv"], ranked: ["depthwiseconv"])
        add(.separableConvolution, ["separableconv", "separable", "sepconv"], ranked: ["separableconv"])
        add(.upsampling, ["upsample", "upsampling", "interpolate"], ranked: ["upsample", "upsampling"])
        add(.zeroPadding, ["zeropad", "zeropadding"], ranked: ["zeropad", "zeropadding", "pad"])
        add(.cropping, ["crop", "cropping"], ranked: ["crop", "cropping"])
        add(.reshape, ["reshape"])
        add(.permute, ["permute", "transpose"])
        add(.squeeze, ["squeeze"])
        add(.unsqueeze, ["unsqueeze"])
        add(.adaptiveAveragePooling, ["adaptiveavgpool", "adaptiveaveragepool", "adaptiveaveragepooling"],
            ranked: ["adaptiveavgpool", "adaptiveaveragepooling"])
        add(.adaptiveMaxPooling, ["adaptivemaxpool", "adaptivemaxpooling"], ranked: ["adaptivemaxpool", "adaptivemaxpooling"])
        add(.spaceToDepth, ["spacetodepth", "pixelunshuffle"])
        add(.depthToSpace, ["depthtospace", "pixelshuffle"])
        add(.layerNormalization, ["layernorm", "layernormalization"])
        add(.groupNormalization, ["groupnorm", "groupnormalization"])
        add(.instanceNormalization, ["instancenorm", "instancenormalization"], ranked: ["instancenorm"])
        add(.localResponseNormalization, ["lrn", "localresponsenorm", "localresponsenormalization", "crosschannelnormalization"])
        add(.prelu, ["prelu"])
        add(.activation(.relu6), ["relu6"])
        add(.activation(.hardSigmoid), ["hardsigmoid"])
        add(.activation(.logSoftmax), ["logsoftmax"])
        add(.activation(.selu), ["selu"])
        add(.activation(.silu), ["silu", "swish"])
        add(.activation(.hardSwish), ["hardswish"])
        add(.activation(.mish), ["mish"])
        add(.activation(.softplus), ["softplus"])
        add(.classToken, ["classtoken", "clstoken", "cls"])
        add(.positionEmbedding, ["posembedding", "positionembedding", "posembed"])
        add(.selectStep, ["selectstep"])
        return result
    }()

    private static let entries: [String: Entry] = Dictionary(keywords, uniquingKeysWith: { first, _ in first })

    /// ``entries``, found by the kind as written without making its normal spelling.
    private static let table = KeywordTable(keywords.map { (keyword: $0.keyword, value: $0.entry) })

    /// The documented keyword of every family, in the order of the documentation.
    static let kindNames: [String] = {
        var seen: Set<String> = []
        return keywords.map(\.entry.family.name).filter { seen.insert($0).inserted }
    }()

    /// Whether `text` is a kind keyword in any spelling.
    static func isKind(_ text: String) -> Bool {
        entries[Keyword.normalized(text)] != nil
    }

    /// The meaning of the kind `token`.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.unknownLayer`, suggesting the nearest kinds.
    static func entry(for token: Token) throws(CNNCalcError) -> Entry {
        if let entry = table.value(for: token.text) { return entry }
        throw CNNCalcError(
            .unknownLayer, "unknown layer kind \(token.quoted)",
            fix: suggestion(for: token.text) ?? "the kinds are \(Listing.and(kindNames))",
            location: token.location)
    }

    /// `did you mean 'conv'?` for a misspelt kind, or `nil` when no keyword is close.
    ///
    /// Each family is suggested once, by its documented keyword when that is among the
    /// nearest, so `convv` gives `conv` rather than also `conv1d`, `conv2d` and `conv3d`.
    private static func suggestion(for written: String) -> String? {
        // A number is a value out of place, and any keyword "close" to it would mislead.
        guard let first = written.first, !LayerName.isDigit(first) else { return nil }
        let nearest = Suggestion.nearest(to: written, among: keywords.map(\.keyword), normalize: Keyword.normalized)
        var families: [LayerFamily] = []
        for keyword in nearest {
            guard let family = entries[keyword]?.family, !families.contains(family) else { continue }
            families.append(family)
        }
        let names = families.map { family in
            nearest.contains(family.name) ? family.name : nearest.first { entries[$0]?.family == family } ?? family.name
        }
        return Suggestion.didYouMean(names)
    }
}
