import CNNCalcAnalysis

/// Numbers written as Python's `format` writes them, so that the tables mirroring Keras and
/// torchinfo print the same digits those tools print.
enum PythonNumbers {
    /// `"{:.2f}".format(value)`: two digits after the point, the double rounded correctly, a
    /// tie (exact in binary) to the even neighbour. `0.005` (stored a little above) gives `0.01`;
    /// `1.125` (exact) gives `1.12`.
    static func fixed2(_ value: Double) -> String {
        precondition(value >= 0 && value < 1e15, "a size in a summary footer")
        // 200 * value - (2h ± 1), computed with one rounding, has the sign of value's distance
        // from the midpoint between h and its neighbour.
        func distance(fromMidpoint h: Double, _ side: Double) -> Double { (-(2 * h + side)).addingProduct(value, 200) }
        var hundredths = (value * 100).rounded(.toNearestOrEven)
        while distance(fromMidpoint: hundredths, 1) > 0 { hundredths += 1 }
        while hundredths > 0 && distance(fromMidpoint: hundredths, -1) < 0 { hundredths -= 1 }
        if distance(fromMidpoint: hundredths, 1) == 0 && Int(hundredths) % 2 == 1 { hundredths += 1 }
        if hundredths > 0 && distance(fromMidpoint: hundredths, -1) == 0 && Int(hundredths) % 2 == 1 { hundredths -= 1 }
        let whole = Int(hundredths) / 100
        let fraction = Int(hundredths) % 100
        return "\(whole)." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `f"{value:,.2f}"`: as ``fixed2(_:)``, the whole part grouped with commas.
    static func groupedFixed2(_ value: Double) -> String {
        let text = fixed2(value)
        let point = text.firstIndex(of: ".") ?? text.endIndex
        return NumberFormatting.grouped(Int(text[..<point]) ?? 0) + text[point...]
    }
}
