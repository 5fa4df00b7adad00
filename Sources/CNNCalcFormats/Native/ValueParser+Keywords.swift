import CNNCalcCore

extension ValueParser {
    /// `true`/`false`, `yes`/`no`, `on`/`off` or `1`/`0`, in any case.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for any other text.
    static func boolean(_ token: Token, noun: String, fix: @autoclosure () -> String) throws(CNNCalcError) -> Bool {
        switch token.text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default:
            throw CNNCalcError(
                .badArgument, "expected true or false for the \(noun), found \(token.quoted)",
                fix: fix(), location: token.location)
        }
    }

    /// The activation keywords, normalized, and the function each stands for; `nil` is no activation.
    static let activations: [(keyword: String, function: Activation.Function?)] = [
        ("relu", .relu), ("sigmoid", .sigmoid), ("tanh", .tanh), ("softmax", .softmax),
        ("leakyrelu", .leakyReLU(alpha: 0.01)), ("elu", .elu(alpha: 1.0)), ("gelu", .gelu),
        ("linear", nil), ("identity", nil), ("none", nil),
        ("relu6", .relu6), ("hardsigmoid", .hardSigmoid), ("logsoftmax", .logSoftmax), ("selu", .selu),
        ("silu", .silu), ("swish", .silu), ("hardswish", .hardSwish), ("mish", .mish), ("softplus", .softplus),
    ]

    /// An inline activation, or `nil` for `linear`, `identity` and `none`.
    ///
    /// Matched without regard to case, `_` or `-`. `leakyrelu` has PyTorch's default
    /// alpha of 0.01 and `elu` an alpha of 1.0.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument`, suggesting the nearest activations.
    static func activation(_ token: Token) throws(CNNCalcError) -> Activation.Function? {
        let name = Keyword.normalized(token.text)
        if let match = activations.first(where: { $0.keyword == name }) { return match.function }
        let keywords = activations.map(\.keyword)
        let suggestion = Suggestion.didYouMean(
            Suggestion.nearest(to: token.text, among: keywords, normalize: Keyword.normalized))
        throw CNNCalcError(
            .badArgument, "unknown activation \(token.quoted)",
            fix: suggestion ?? "the activations are \(Listing.and(keywords))",
            location: token.location)
    }

    /// `hwc` or `chw`, also written `channels_last`/`channels_first` or `nhwc`/`nchw`.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.badArgument` for any other text.
    static func layout(_ token: Token) throws(CNNCalcError) -> Layout {
        switch Keyword.normalized(token.text) {
        case "hwc", "nhwc", "channelslast": return .channelsLast
        case "chw", "nchw", "channelsfirst": return .channelsFirst
        default:
            throw CNNCalcError(
                .badArgument, "expected hwc or chw for the layout, found \(token.quoted)",
                fix: "write 'layout=hwc' (channels last, the default) or 'layout=chw' (channels first)",
                location: token.location)
        }
    }

    /// Layer names separated by commas, as in `inputs=a,b`.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.syntax` for an empty or invalid name, pointing at it.
    static func layerNames(_ token: Token) throws(CNNCalcError) -> [String] {
        let parts = token.isASCII ? asciiParts(of: token) : characterParts(of: token)
        var names: [String] = []
        names.reserveCapacity(parts.count)
        for part in parts {
            // Token(text:location:) finds whether a part of a non-ASCII token is ASCII itself.
            let location = token.location(at: part.offset)
            let name = token.isASCII
                ? Token(text: part.name, location: location, isASCII: true) : Token(text: part.name, location: location)
            guard !part.name.isEmpty else {
                throw CNNCalcError(
                    .syntax, "inputs has an empty name in \(token.quoted)",
                    fix: "separate the names with single commas and no spaces, e.g. 'inputs=a,b'",
                    location: name.location)
            }
            try LayerName.validate(name, role: "layer name")
            names.append(part.name)
        }
        return names
    }

    /// The comma-separated parts of `token`, each with its offset in characters.
    private static func characterParts(of token: Token) -> [(name: String, offset: Int)] {
        var parts: [(name: String, offset: Int)] = []
        var offset = 0
        for part in token.text.split(separator: ",", omittingEmptySubsequences: false) {
            parts.append((String(part), offset))
            offset += part.count + 1
        }
        return parts
    }

    /// ``characterParts(of:)`` of an ASCII token, where each byte is a character.
    private static func asciiParts(of token: Token) -> [(name: String, offset: Int)] {
        var text = token.text
        return text.withUTF8 { bytes in
            var parts: [(name: String, offset: Int)] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
                parts.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self), start))
                start = index + 1
            }
            return parts
        }
    }
}
