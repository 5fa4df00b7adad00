/// One step of a sequence, as PyTorch's `x[:, index]`: a Vision Transformer reads its class
/// token, step 0, after the encoder and classifies from it. No parameters.
///
/// Input: a sequence of `L` steps of `D` features. `index` counts from 0, or from the end when
/// negative (`-1` is the last step), as Python does.
/// ```
/// output = vector D                        e.g. 197x768 -> 768
/// parameters = 0, MACs = 0, FLOPs = 0      (a view)
/// ```
public struct SelectStep: LayerBehavior {
    /// The step to keep: 0 for the first, -1 for the last.
    public var index: Int

    /// Creates a selection of step `index`.
    public init(index: Int = 0) {
        self.index = index
    }

    public var kindName: String { "selectstep" }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .selectStep(self) }

    /// The vector of the input's `D` features, once `index` is checked against the `L` steps.
    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        let (steps, features) = try SequenceInput.stepsAndFeatures(of: inputs[0], layer: kindName, layout: layout)
        guard index < steps, index >= -steps else {
            throw CNNCalcError(
                .shape, "selectstep \(index) is outside the \(steps) steps of its input \(inputs[0].text(in: layout))",
                fix: "give a step from 0 to \(steps - 1), or from -1 (the last) to -\(steps)")
        }
        return .vector(features: features)
    }

    /// Only a view.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}
