import CNNCalcCore

/// What a MATLAB user asks of a fully connected layer: why its `Weights` have the shape they have.
extension DerivationBuilder {
    /// The reason for a fully connected layer's `Weights` shape, in MATLAB's terms: they are
    /// `OutputSize×InputSize`, and after a feature map `InputSize` is every value of the map, so
    /// 3 outputs after a `7×7×24` map have `Weights 3×1176`, with `1176 = 7*7*24`.
    func matlabWeightsNote(_ layer: Dense, features: Int, flattens: Bool) -> String {
        let shape = "\(layer.units)×\(features)"
        let count = NumberFormatting.grouped(features)
        if flattens {
            let terms = input.dimensions(in: layout).map(String.init).joined(separator: "*")
            return "why Weights is \(shape): MATLAB stores OutputSize×InputSize, one row of weights per output; "
                + "the layer reads the whole \(shapeText(input)) input as one vector, so InputSize = \(terms) = \(count) "
                + "(height*width*channels) and each of the \(layer.units) outputs has one weight per input value"
        }
        if isSequence(input) {
            return "why Weights is \(shape): MATLAB stores OutputSize×InputSize, one row of \(count) weights per output, "
                + "applied to the \(count) features of every step"
        }
        return "why Weights is \(shape): MATLAB stores OutputSize×InputSize, one row of \(count) weights per output"
    }
}
