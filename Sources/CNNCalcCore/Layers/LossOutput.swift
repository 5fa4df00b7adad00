/// The loss at the end of a network, as MATLAB writes it with `classificationLayer` or
/// `regressionLayer`: while training it compares the prediction with the targets; it passes
/// its input through and learns nothing.
///
/// ```
/// output shape = input shape
/// parameters   = 0
/// cost         = 0      (the loss needs the targets, so it runs only while training)
/// ```
///
/// For example, `classificationLayer` after a `softmaxLayer` of 10 classes keeps the 10 values.
public struct LossOutput: LayerBehavior {
    /// What the loss measures.
    public enum Loss: String, Hashable, Sendable, CaseIterable {
        /// Cross-entropy between the predicted and the true classes (`classificationLayer`).
        case crossEntropy = "classoutput"
        /// Half the mean squared error between prediction and target (`regressionLayer`).
        case meanSquaredError = "regressionoutput"
    }

    /// What the loss measures.
    public var loss: Loss

    /// Creates a loss output.
    public init(_ loss: Loss) {
        self.loss = loss
    }

    public var kindName: String { loss.rawValue }
    public var arity: LayerArity { .one }
    public var layerKind: LayerKind { .lossOutput(self) }

    public func outputShape(for inputs: [TensorShape], layout: Layout) throws(CNNCalcError) -> TensorShape {
        inputs[0]
    }

    /// Nothing at inference: the loss needs the targets.
    public func cost(for inputs: [TensorShape], output: TensorShape) throws(CNNCalcError) -> Cost? { .zero }
}
