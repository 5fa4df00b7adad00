import CNNCalcCore

/// Something legal but probably unintended about a layer.
public enum LayerWarning: Hashable, Sendable, CustomStringConvertible {
    /// The stride does not divide the padded input evenly, so the last input rows (or
    /// columns, or slices) of some axes are never covered by any window.
    ///
    /// `windows` holds every axis of the layer; the axes with ``AxisOutput/uncoveredInputs``
    /// above zero are the ones the warning is about.
    case uncoveredInput(windows: [AxisOutput])
    /// The source does not list the layer's weights (a Keras custom layer), so any it has are
    /// left out of the parameter counts.
    case weightsNotListed(className: String)

    /// The warning as a sentence.
    public var description: String {
        switch self {
        case .weightsNotListed(let className):
            return "\(className) is a custom layer whose weights the model file does not list; "
                + "any it has are not counted in the parameters"
        case .uncoveredInput(let windows):
            let rank = windows.count
            let affected = windows.indices.filter { windows[$0].uncoveredInputs > 0 }
            let strides = Set(affected.map { windows[$0].stride })
            let strideText = strides.count == 1 ? "stride \(windows[affected[0]].stride)" : "the stride"
            let parts = affected.map { axis -> String in
                let count = windows[axis].uncoveredInputs
                let unit = AxisNames.unit(of: axis, rank: rank, count: count)
                return count == 1 ? "the last \(unit)" : "the last \(count) \(unit)"
            }
            let verb = parts.count == 1 && windows[affected[0]].uncoveredInputs == 1 ? "is" : "are"
            let sizes = { (values: [Int]) in values.map(String.init).joined(separator: "x") }
            let padding = windows.contains { $0.padBefore + $0.padAfter > 0 }
                ? ", padding " + windows.map { "\($0.padBefore)+\($0.padAfter)" }.joined(separator: "x") : ""
            return "\(strideText) does not divide the input evenly: \(Self.joined(parts)) \(verb) never covered by a window "
                + "(input \(sizes(windows.map(\.inputLength))), window \(sizes(windows.map(\.effectiveKernel)))\(padding)); "
                + "use padding=same or adjust the input size"
        }
    }

    private static func joined(_ parts: [String]) -> String {
        parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
    }
}
