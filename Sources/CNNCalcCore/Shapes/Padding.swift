/// How a window layer (convolution or pooling) pads its input before sliding.
///
/// Worked values for an input of 28, a kernel of 5 and a stride of 2:
///
/// | padding | before | after | output |
/// |---|---|---|---|
/// | `valid` | 0 | 0 | `floor((28 - 5)/2) + 1 = 12` |
/// | `same` | 1 | 2 | `ceil(28/2) = 14` |
/// | `full` | 4 | 4 | `floor((28 + 8 - 5)/2) + 1 = 16` |
/// | `explicit` 2 | 2 | 2 | `floor((28 + 4 - 5)/2) + 1 = 14` |
public enum Padding: Hashable, Sendable {
    /// No padding: windows stay inside the input (Keras' and PyTorch's `valid`).
    case valid
    /// TensorFlow's `same`: output size `ceil(in/stride)`; the padding is split with the extra pixel after.
    case same
    /// Lasagne's `full`: `dilation*(kernel-1)` on each side, so every window touching the input counts.
    case full
    /// Explicit padding per spatial axis. A single entry applies to every axis.
    case explicit([AxisPadding])

    /// The same number of padding pixels on both sides of every axis.
    public static func uniform(_ amount: Int) -> Padding {
        .explicit([AxisPadding(before: amount, after: amount)])
    }

    /// The padding rule for one axis of a `rank`-axis window.
    public func mode(forAxis axis: Int) -> AxisPaddingMode {
        switch self {
        case .valid: .valid
        case .same: .same
        case .full: .full
        case .explicit(let sides): .explicit(sides.count == 1 ? sides[0] : sides[axis])
        }
    }

    /// The padding written as the `.cnn` format spells it: `valid`, `same`, `full`, `2` or `1:2x0:1`.
    public var text: String {
        switch self {
        case .valid: return "valid"
        case .same: return "same"
        case .full: return "full"
        case .explicit(let sides):
            if sides.allSatisfy({ $0 == sides[0] }) && sides[0].before == sides[0].after {
                return String(sides[0].before)
            }
            return sides.map { $0.before == $0.after ? "\($0.before)" : "\($0.before):\($0.after)" }
                .joined(separator: "x")
        }
    }
}

/// Padding pixels added before (top, left, front) and after (bottom, right, back) one axis.
public struct AxisPadding: Hashable, Sendable {
    /// Pixels added before the first input pixel.
    public var before: Int
    /// Pixels added after the last input pixel.
    public var after: Int

    /// Creates a padding for one axis.
    public init(before: Int, after: Int) {
        self.before = before
        self.after = after
    }
}

/// The padding rule of one axis, before it is resolved into pixel counts.
public enum AxisPaddingMode: Hashable, Sendable {
    /// No padding.
    case valid
    /// TensorFlow's split: total `max((ceil(in/s)-1)*s + effectiveKernel - in, 0)`, the extra pixel after.
    case same
    /// `effectiveKernel - 1` on each side.
    case full
    /// Given pixel counts.
    case explicit(AxisPadding)
}
