import CNNCalcCore

/// One module of the text `print(model)` writes: `(conv1): Conv2d(1, 32, kernel_size=(5, 5))`
/// on one line, or a container, `(features): Sequential(` then its children and a closing `)`.
struct PrintedModule: Hashable, Sendable {
    /// The name of the module in its parent, `conv1` or `0`; `nil` for the model itself.
    var key: String?
    /// The module's path from the model, `features.0`; empty for the model itself.
    var path: String
    /// The module's class, `Conv2d`.
    var typeName: String
    /// Where the class name is written.
    var location: SourceLocation
    /// The arguments printed between the parentheses of a one-line module, or on lines of their
    /// own in a container (PyTorch's `extra_repr`).
    var arguments: PrintedArguments
    /// The child modules, in printed order.
    var children: [PrintedModule]
    /// Whether the module was printed as a block of lines (`Name(` ... `)`), even an empty one.
    var isBlock: Bool

    /// The child called `key`, if any.
    func child(_ key: String) -> PrintedModule? {
        children.first { $0.key == key }
    }

    /// `features.0 (Conv2d)`, or the class alone for the model itself.
    var title: String {
        path.isEmpty ? typeName : "\(path) (\(typeName))"
    }
}
