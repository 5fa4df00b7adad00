import CNNCalcCore

extension TensorShape {
    /// The shape as MATLAB writes array sizes, joined by `×`: a feature map `46×46×20` (in
    /// `layout`), a vector `5`, and a sequence with its dimensions labelled as `analyzeNetwork`
    /// labels them, features then steps: `12(C)×1(T)`.
    public func matlabText(in layout: Layout) -> String {
        switch self {
        case .sequence(let steps, let features): "\(features)(C)×\(steps)(T)"
        default: dimensions(in: layout).map(String.init).joined(separator: "×")
        }
    }
}
