import CNNCalcCore

/// Turns a ``Statement`` into a ``LayerDeclaration``: looks up the kind, matches the
/// arguments and reads every value with the family's defaults.
enum LayerBuilder {
    /// The declaration `statement` writes.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.unknownLayer` or `.badArgument`, located at the
    ///   offending token.
    static func declaration(for statement: Statement) throws(CNNCalcError) -> LayerDeclaration {
        try parsed(statement).declaration
    }

    /// The declaration `statement` writes and, for an input, how to build it for numbers given
    /// to its open sizes (`?`).
    static func parsed(_ statement: Statement) throws(CNNCalcError) -> (declaration: LayerDeclaration, input: InputRecipe?) {
        let entry: LayerKindTable.Entry
        do throws(CNNCalcError) {
            entry = try LayerKindTable.entry(for: statement.kind)
        } catch {
            throw kindWrittenAsName(statement) ?? error
        }
        let arguments = try Arguments(statement: statement, entry: entry)
        let recipe = arguments.family == .input ? try inputRecipe(arguments) : nil
        return (
            LayerDeclaration(try layerKind(arguments), name: statement.name?.text, inputs: try arguments.inputs(), location: statement.location),
            recipe)
    }

    private static func layerKind(_ arguments: Arguments) throws(CNNCalcError) -> LayerKind {
        switch arguments.family {
        case .input: .input(try input(arguments))
        case .convolution: .convolution(try convolution(arguments))
        case .maxPooling: .pooling(try pooling(.max, arguments))
        case .averagePooling: .pooling(try pooling(.average, arguments))
        case .globalMaxPooling: .globalPooling(GlobalPooling(.max, keepsDimensions: try arguments.boolean(.keepDimensions) ?? false))
        case .globalAveragePooling: .globalPooling(GlobalPooling(.average, keepsDimensions: try arguments.boolean(.keepDimensions) ?? false))
        case .dense: .dense(try dense(arguments))
        case .flatten: .flatten(Flatten())
        case .dropout: .dropout(try dropout(arguments))
        case .batchNormalization: .batchNormalization(try batchNormalization(arguments))
        case .activation(let function): .activation(Activation(function))
        case .leakyReLU: .activation(Activation(.leakyReLU(alpha: try arguments.decimal(.alpha) ?? 0.01)))
        case .elu: .activation(Activation(.elu(alpha: try arguments.decimal(.alpha) ?? 1.0)))
        case .add: .add(Add())
        case .concatenate: .concatenate(Concatenate(axis: try concatenationAxis(arguments)))
        case .embedding: .embedding(try embedding(arguments))
        case .recurrent(let cell): .recurrent(try recurrent(cell, arguments))
        case .multiHeadAttention: .multiHeadAttention(try multiHeadAttention(arguments))
        case .transformerEncoder: .transformerEncoder(try transformerEncoder(arguments))
        case .elementwise(let operation): .elementwise(ElementwiseMerge(operation))
        case .matrixProduct: .matrixProduct(MatrixProduct(transposesB: try arguments.boolean(.transposeB) ?? false))
        case .transposedConvolution: .transposedConvolution(try transposedConvolution(arguments))
        case .depthwiseConvolution: .depthwiseConvolution(try depthwiseConvolution(arguments))
        case .separableConvolution: .separableConvolution(try separableConvolution(arguments))
        case .upsampling: .upsampling(try upsampling(arguments))
        case .zeroPadding: .zeroPadding(try zeroPadding(arguments))
        case .cropping: .cropping(try cropping(arguments))
        case .reshape: .reshape(try reshape(arguments))
        case .permute: .permute(try permute(arguments))
        case .squeeze: .squeeze(Squeeze(axis: try arguments.count(.squeezeAxis)))
        case .unsqueeze: .unsqueeze(try unsqueeze(arguments))
        case .adaptiveAveragePooling: .adaptivePooling(try adaptivePooling(.average, arguments))
        case .adaptiveMaxPooling: .adaptivePooling(try adaptivePooling(.max, arguments))
        case .spaceToDepth: .spaceToDepth(SpaceToDepth(blockSize: try blockSize(arguments)))
        case .depthToSpace: .depthToSpace(DepthToSpace(blockSize: try blockSize(arguments)))
        case .layerNormalization: .layerNormalization(try layerNormalization(arguments))
        case .groupNormalization: .groupNormalization(try groupNormalization(arguments))
        case .instanceNormalization: .instanceNormalization(try instanceNormalization(arguments))
        case .localResponseNormalization: .localResponseNormalization(try localResponseNormalization(arguments))
        case .prelu: .prelu(try prelu(arguments))
        case .classToken: .classToken(ClassToken())
        case .positionEmbedding: .positionEmbedding(PositionEmbedding())
        case .selectStep: .selectStep(SelectStep(index: try arguments.index(.stepIndex) ?? 0))
        }
    }

    /// The error for `conv: 32 5`, where a ':' turned the kind into a name, or `nil` for other statements.
    ///
    /// Only a kind that cannot be a word (`32`) points at the colon: in `avgpool: adaptivepool 6`
    /// the name is meant, and the unknown kind gets the usual suggestions.
    private static func kindWrittenAsName(_ statement: Statement) -> CNNCalcError? {
        guard let name = statement.name, LayerKindTable.isKind(name.text),
              statement.kind.text.first.map({ !$0.isLetter }) ?? true
        else { return nil }
        let words = [name.text, statement.kind.text] + statement.values.map(\.text)
            + statement.options.map { $0.key.text + "=" + $0.value.text }
        return CNNCalcError(
            .unknownLayer, "unknown layer kind \(statement.kind.quoted)",
            fix: "the ':' makes \(name.quoted) the layer's name; write \(Token.quote(words.joined(separator: " "))) without it",
            location: statement.kind.location)
    }
}
