/// A size a model file leaves open: an ONNX `dim_param` such as `seq_len`, or an axis Keras
/// writes as `None` (`keras.Input(shape=(None, None, 3))` for images of any size).
///
/// The core works with whole sizes only, so a reader that meets an open size asks for a number
/// for it by ``name`` and builds the network with that number. ``CNNCalcAnalysis``'s
/// `OpenSizeAnalysis` builds the network several times with different stand-in numbers and
/// tells apart what depends on the open size, so that a report can show it by name.
///
/// | source | ``name`` (what `--dim` binds) | shown in shapes |
/// |---|---|---|
/// | ONNX `dim_param: "seq_len"` | `seq_len` | `seq_len`, or an expression in it such as `seq_len-4` |
/// | Keras `None` on axis 1 of the input `tokens` | `tokens:1` (axes counted with the batch as 0, as Keras counts them) | `None`, as `model.summary()` shows it, for every size that depends on it |
public struct OpenSize: Hashable, Sendable {
    /// The name that binds the size to a number: `seq_len`, `tokens:1`.
    public var name: String
    /// What reports write for every size that depends on this one, when it is not the name itself:
    /// Keras' `None`. `nil` to write sizes as expressions in ``name``.
    public var placeholder: String?
    /// Where the size is left open, for messages: `axis 1 of the input 'tokens'`.
    public var origin: String

    /// Creates an open size.
    public init(name: String, placeholder: String? = nil, origin: String) {
        self.name = name
        self.placeholder = placeholder
        self.origin = origin
    }
}
