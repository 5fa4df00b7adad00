import ArgumentParser
import CNNCalc

/// The zoo model ``ZooOptions`` asks for and its knobs, as plain values; and `--input`, which a
/// model printed by PyTorch needs too.
struct ZooSettings: Equatable, Sendable {
    /// `--zoo`: the name of the model; `nil` when no zoo model is asked for.
    var zoo: String?
    /// `--input`: one example's input, for a zoo model or a model printed by PyTorch.
    var input: InputSizeArgument?
    /// `--classes`: the outputs of the classifier.
    var classes: Int?
    /// `--no-top`: the network without its head.
    var noTop = false
    /// `--width`: the width multiplier.
    var width: Double?

    /// The settings of a run with no options.
    static let defaults = ZooSettings()

    /// Refuses knobs without a model, and knobs that contradict each other.
    func validate() throws {
        guard zoo == nil else {
            if classes != nil && noTop {
                throw ValidationError("--classes sets the outputs of the classifier, which --no-top leaves out; give one or the other")
            }
            return
        }
        // --input without --zoo is for a model printed by PyTorch; the analyze command checks it.
        let given = [
            classes != nil ? "--classes" : nil, noTop ? "--no-top" : nil,
            width != nil ? "--width" : nil,
        ].compactMap { $0 }
        if let first = given.first {
            throw ValidationError("\(first) sets a knob of a zoo model; add --zoo NAME ('cnncalc zoo' lists the models)")
        }
    }

    /// The network of the zoo model asked for, with its knobs.
    func network(named name: String) throws -> (model: ZooModel, network: Network) {
        let model = try Zoo.entry(named: name)
        let configuration = try Zoo.configuration(
            of: model, input: try input?.shape(in: model.inputLayout), classes: classes, includesTop: !noTop, width: width)
        return (model, try model.network(configuration))
    }
}
