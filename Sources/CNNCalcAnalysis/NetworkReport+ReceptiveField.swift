import CNNCalcCore

/// The network's receptive field: the widest field any layer's output position has.
///
/// A classifier's last layers see the whole input (after flattening or global pooling), so the
/// receptive field quoted for a network (as in the tables of Araujo et al., Distill 2019) is the
/// field of the last layer that still has positions: the widest local field.
public struct NetworkReceptiveField: Hashable, Sendable {
    /// The index, in ``NetworkReport/layers``, of the layer with the widest field.
    public let layerIndex: Int
    /// Its field, one entry per spatial axis.
    public let axes: [ReceptiveFieldAxis]
}

extension NetworkReport {
    /// The widest local receptive field over the layers, or `nil` when no layer has one with an axis
    /// (a network of vectors).
    ///
    /// Widest means the largest product of the axes' sizes; of equal fields, the one of the later
    /// layer (the deeper one) is taken.
    public var widestReceptiveField: NetworkReceptiveField? {
        var best: (index: Int, axes: ReceptiveFieldAxes, area: Double)?
        for (index, layer) in layers.enumerated() {
            guard case .local(let axes) = layer.receptiveField, !axes.isEmpty else { continue }
            // A product of doubles: sizes may be large, and only their order matters.
            let area = axes.reduce(1.0) { $0 * Double($1.size) }
            if best.map({ area >= $0.area }) ?? true {
                best = (index, axes, area)
            }
        }
        return best.map { NetworkReceptiveField(layerIndex: $0.index, axes: Array($0.axes)) }
    }
}
