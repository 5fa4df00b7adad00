/// A layer's learnables counted by role: what ``LayerKind/learnableCounts(for:convention:)``
/// gives, and the sums of ``Learnable/elementCount()`` over ``LayerKind/learnables(for:convention:)``.
public struct LearnableCounts: Hashable, Sendable {
    /// Values the optimizer updates.
    public private(set) var trainable = 0
    /// Values kept with the weights but not trained.
    public private(set) var nonTrainable = 0
    /// Values kept as state buffers, outside the parameters.
    public private(set) var state = 0
    /// Trainable plus non-trainable; every initializer checks that it fits in 64 bits.
    public var parameters: Int { trainable + nonTrainable }

    /// No learnables.
    public init() {}

    /// Sums the element counts of `learnables` by role.
    ///
    /// - Throws: ``CNNCalcError`` of kind `.overflow` when a count or a sum does not fit in 64 bits.
    public init(_ learnables: [Learnable]) throws(CNNCalcError) {
        for learnable in learnables {
            let count = try learnable.elementCount()
            switch learnable.role {
            case .trainable: trainable = try CheckedArithmetic.add(trainable, count, "the parameter count")
            case .nonTrainable: nonTrainable = try CheckedArithmetic.add(nonTrainable, count, "the parameter count")
            case .state: state = try CheckedArithmetic.add(state, count, "the parameter count")
            }
        }
        _ = try CheckedArithmetic.add(trainable, nonTrainable, "the parameter count")
    }

    /// The counts of `trainable`, `nonTrainable` and `state` values, or `nil` when one is negative
    /// or the parameters overflow (``init(_:)`` then names what).
    init?(trainable: Int, nonTrainable: Int = 0, state: Int = 0) {
        guard trainable >= 0, nonTrainable >= 0, state >= 0,
              !trainable.addingReportingOverflow(nonTrainable).overflow else { return nil }
        (self.trainable, self.nonTrainable, self.state) = (trainable, nonTrainable, state)
    }

    /// The counts with the trainable values turned non-trainable, as a frozen layer keeps them.
    public var frozen: LearnableCounts {
        var counts = self
        counts.nonTrainable += counts.trainable  // the sum was checked when the counts were made
        counts.trainable = 0
        return counts
    }
}
