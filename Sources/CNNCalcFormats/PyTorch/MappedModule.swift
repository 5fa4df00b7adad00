import CNNCalcCore

/// What one printed module becomes: a CNNCalc layer kind, the input size it declares, the form of
/// input it reads first (which tells how to read `--input`), and any assumption it needs.
struct MappedModule {
    /// The form of input a module reads, batch excluded, channels first.
    enum InputForm: Hashable, Sendable {
        /// A feature map of `spatialRank` spatial axes: `C x H x W` for a 2-D one.
        case map(spatialRank: Int)
        /// A vector of features, or a feature map of `spatialRank` axes (`BatchNorm1d`: `C` or `C x L`).
        case vectorOrMap(spatialRank: Int)
        /// A vector of features, or a sequence of steps x features (`Linear` reads the last axis).
        case vectorOrSequence
        /// A sequence of steps x features (recurrent layers, attention, transformers).
        case sequence
        /// A vector of token ids (`Embedding`).
        case tokens
        /// Any shape (activations, dropout): the modules after it decide.
        case any
    }

    /// The layer kind.
    var kind: LayerKind
    /// The input size the module declares (`in_features`), checked by the analysis.
    var declaredInput: DeclaredInput?
    /// The form of input the module reads.
    var inputForm: InputForm
    /// An assumption the printed text forces for this kind of module, stated once per report.
    var assumption: String?

    init(_ kind: LayerKind, declaredInput: DeclaredInput? = nil, inputForm: InputForm = .any, assumption: String? = nil) {
        self.kind = kind
        self.declaredInput = declaredInput
        self.inputForm = inputForm
        self.assumption = assumption
    }
}
