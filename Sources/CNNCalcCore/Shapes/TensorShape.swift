/// The shape of the data between two layers, for one example (the batch axis is outside).
///
/// A shape carries its meaning, so that layers can act on the right axis whatever the
/// layout it is written in:
///
/// | case | axes | example (channels last) |
/// |---|---|---|
/// | `featureMap` | spatial axes (1, 2 or 3) and channels | `28x28x1`, `100x8`, `16x32x32x1` |
/// | `sequence` | steps and features per step | `50x300` |
/// | `vector` | features | `256` |
public enum TensorShape: Hashable, Sendable {
    /// An image-like map: one size per spatial axis (length; height, width; depth, height, width) and a channel count.
    case featureMap(spatial: SpatialSizes, channels: Int)
    /// A sequence of `steps` vectors of `features` each.
    case sequence(steps: Int, features: Int)
    /// A flat vector of `features`.
    case vector(features: Int)

    /// The number of spatial axes: 1, 2 or 3 for a feature map, 0 otherwise.
    public var spatialRank: Int {
        if case .featureMap(let spatial, _) = self { return spatial.count }
        return 0
    }

    /// The size of the last, feature-carrying axis: channels or features.
    public var channels: Int {
        switch self {
        case .featureMap(_, let channels): channels
        case .sequence(_, let features): features
        case .vector(let features): features
        }
    }

    /// The spatial sizes of a feature map, empty otherwise.
    public var spatial: SpatialSizes {
        if case .featureMap(let spatial, _) = self { return spatial }
        return []
    }

    /// The sizes of every axis, in the given layout. Only feature maps depend on the layout.
    public func dimensions(in layout: Layout) -> [Int] {
        switch self {
        case .featureMap(let spatial, let channels):
            layout == .channelsLast ? spatial + [channels] : [channels] + spatial
        case .sequence(let steps, let features):
            [steps, features]
        case .vector(let features):
            [features]
        }
    }

    /// The shape written as sizes joined by `x`, e.g. `32x24x24`.
    public func text(in layout: Layout) -> String {
        dimensions(in: layout).map(String.init).joined(separator: "x")
    }

    /// The number of values in one example, or an overflow error.
    public func elementCount() throws(CNNCalcError) -> Int {
        // The sizes in channels-last order, multiplied in place: no array is built.
        var result = 1
        func multiply(_ size: Int) throws(CNNCalcError) {
            result = try CheckedArithmetic.multiply(result, size, "the size of a \(text(in: .channelsLast)) tensor")
        }
        switch self {
        case .featureMap(let spatial, let channels):
            for size in spatial { try multiply(size) }
            try multiply(channels)
        case .sequence(let steps, let features):
            try multiply(steps)
            try multiply(features)
        case .vector(let features):
            try multiply(features)
        }
        return result
    }

    /// Checks that the shape can be counted: every axis at most ``CheckedArithmetic/maximumSize``
    /// and the values of one example fewer than 2^63.
    ///
    /// - Parameter layout: the layout the shape is written in, in the message.
    /// - Returns: the number of values in one example, ``elementCount()``.
    /// - Throws: ``CNNCalcError`` of kind `.overflow`.
    @discardableResult
    public func checkCountable(in layout: Layout) throws(CNNCalcError) -> Int {
        if let size = firstSize(in: layout, where: { $0 > CheckedArithmetic.maximumSize }) {
            throw CNNCalcError(
                .overflow,
                "the output \(text(in: layout)) has an axis of \(size), larger than \(CheckedArithmetic.maximumSizeText), the largest size CNNCalc counts",
                fix: "check the sizes for a typo; no real network is this large")
        }
        return try elementCount()
    }

    /// The first size, in `layout`'s order of the axes, that satisfies `condition`; the same as
    /// `dimensions(in: layout).first(where: condition)` without building the array.
    private func firstSize(in layout: Layout, where condition: (Int) -> Bool) -> Int? {
        switch self {
        case .featureMap(let spatial, let channels):
            if layout == .channelsFirst, condition(channels) { return channels }
            if let size = spatial.first(where: condition) { return size }
            return layout == .channelsLast && condition(channels) ? channels : nil
        case .sequence(let steps, let features):
            return condition(steps) ? steps : condition(features) ? features : nil
        case .vector(let features):
            return condition(features) ? features : nil
        }
    }

    /// The positions a window slides over: the product of a feature map's spatial sizes, or the
    /// first size of another shape (a sequence's steps); an overflow error names `what`.
    /// The same as `CheckedArithmetic.product(spatial.isEmpty ? [dimensions(in: .channelsLast)[0]] : spatial, what)`
    /// without building an array.
    public func positions(_ what: @autoclosure () -> String) throws(CNNCalcError) -> Int {
        switch self {
        case .featureMap(let spatial, let channels):
            if spatial.isEmpty { return channels }
            var result = 1
            for size in spatial { result = try CheckedArithmetic.multiply(result, size, what()) }
            return result
        case .sequence(let steps, _): return steps
        case .vector(let features): return features
        }
    }

    /// The same kind of shape with a different channel (or feature) count.
    public func replacingChannels(with channels: Int) -> TensorShape {
        switch self {
        case .featureMap(let spatial, _): .featureMap(spatial: spatial, channels: channels)
        case .sequence(let steps, _): .sequence(steps: steps, features: channels)
        case .vector: .vector(features: channels)
        }
    }

    /// A word for the kind of shape: "feature map", "sequence" or "vector".
    public var kindName: String {
        switch self {
        case .featureMap(let spatial, _): "\(spatial.count)-D feature map"
        case .sequence: "sequence"
        case .vector: "vector"
        }
    }
}
