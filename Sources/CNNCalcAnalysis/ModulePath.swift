/// A layer name read as the path of the source framework's module that made the layer.
///
/// Exporters name layers after their module tree, and each writes the path its own way:
///
/// | name | source | components | prefix of 2, joined |
/// |---|---|---|---|
/// | `/layer1/layer1.0/conv1/Conv` | ONNX from PyTorch | `layer1`, `layer1.0`, `conv1` | `/layer1/layer1.0` |
/// | `/Add` | ONNX, the model's own `forward` | (none) | |
/// | `encoder/conv` | Keras nested model | `encoder`, `conv` | `encoder/conv` |
/// | `layer1.0.conv1` | PyTorch module path | `layer1`, `0`, `conv1` | `layer1.0` |
/// | `conv1`, `layer1_0_conv1` | anything else | the name itself | |
///
/// A name that starts with `/` is an ONNX node name: the leading empty part and the last part
/// (the operator, `Conv`, `Relu_1`) are dropped, so the path names the module that ran the
/// operator. Otherwise a name containing `/` is split at every `/` and the layer is the last
/// component, as Keras writes the layers of nested models; a name containing `.` but no `/` is a
/// PyTorch module path, split at every `.`. Any other name, underscores included, is one
/// component, written as it is (its style is ``Style/dotted``): `layer1_0_conv1` could as well
/// be a module called `layer1_0_conv1` as `layer1[0].conv1`.
public struct ModulePath: Hashable, Sendable {
    /// How the source joins the components of a path.
    public enum Style: Hashable, Sendable {
        /// ONNX node names: `/a/b.c`, each component after a `/`.
        case onnx
        /// Keras nested models: `outer/inner`.
        case slash
        /// PyTorch module paths: `layer1.0.conv1`.
        case dotted
    }

    /// The modules from the outermost in.
    public let components: [String]
    /// How the source writes the path.
    public let style: Style

    /// The path of the layer named `name` (see the table above).
    public init(layerName name: String) {
        if name.first == "/" {
            var parts = name.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            if !parts.isEmpty { parts.removeLast() }
            components = parts.map(String.init)
            style = .onnx
        } else if name.contains("/") {
            components = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            style = .slash
        } else if name.contains(".") {
            components = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            style = .dotted
        } else {
            components = [name]
            style = .dotted
        }
    }

    /// The first `count` components written as the source writes a path: `/layer1/layer1.0`,
    /// `encoder`, `layer1.0`.
    ///
    /// `count` must be between 1 and the number of components.
    public func prefixName(_ count: Int) -> String {
        precondition(count >= 1 && count <= components.count, "a module path prefix has between 1 and \(components.count) components")
        let prefix = components.prefix(count)
        switch style {
        case .onnx: return prefix.map { "/" + $0 }.joined()
        case .slash: return prefix.joined(separator: "/")
        case .dotted: return prefix.joined(separator: ".")
        }
    }
}
