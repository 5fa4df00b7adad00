/// The one output-size rule of every sliding-window layer, applied to one axis.
///
/// With `effectiveKernel = dilation*(kernel-1) + 1`:
/// ```
/// out = floor((in + padBefore + padAfter - effectiveKernel) / stride) + 1
/// ```
/// which is `floor((in + pad_before + pad_after - dilation*(k-1) - 1)/stride) + 1`.
/// The padding variants resolve into `padBefore` and `padAfter` first:
///
/// | rule | padBefore, padAfter | output |
/// |---|---|---|
/// | `valid` | 0, 0 | `floor((in - effectiveKernel)/stride) + 1` |
/// | `same` (TensorFlow) | `total/2`, `total - total/2` with `total = max((ceil(in/stride)-1)*stride + effectiveKernel - in, 0)` | `ceil(in/stride)` |
/// | `full` (Lasagne) | `effectiveKernel - 1` each | `in + kernel - 1` at stride 1 |
/// | explicit | as given | the formula above |
///
/// Ceil mode (PyTorch and Caffe pooling) rounds up instead, then drops the last window
/// if it would start in the right padding, as PyTorch documents for `MaxPool2d`:
/// ```
/// out = ceil((in + padBefore + padAfter - effectiveKernel) / stride) + 1
/// if (out - 1) * stride >= in + padBefore { out -= 1 }
/// ```
public struct AxisOutput: Hashable, Sendable {
    /// The input size along this axis.
    public var inputLength: Int
    /// The kernel (or pool) size along this axis.
    public var kernel: Int
    /// The step between windows.
    public var stride: Int
    /// The spacing between kernel taps.
    public var dilation: Int
    /// The padding rule as written.
    public var paddingMode: AxisPaddingMode
    /// Pixels padded before the input.
    public var padBefore: Int
    /// Pixels padded after the input.
    public var padAfter: Int
    /// Whether the division rounds up (PyTorch `ceil_mode`).
    public var ceilMode: Bool
    /// The output size along this axis. Zero when the window does not fit, or when the sizes are not countable.
    public var length: Int
    /// Input rows (or columns) at the end that no window ever covers, because the stride does not divide evenly.
    public var uncoveredInputs: Int
    /// `dilation*(kernel-1) + 1`: the span of input one window covers (0 when the sizes are not countable).
    public var effectiveKernel: Int
    /// Whether the rule could be applied: `kernel`, `stride` and `dilation` are at least 1, the input and
    /// the padding at least 0, and each of them and `effectiveKernel` at most ``CheckedArithmetic/maximumSize``.
    /// When false, `length` is 0 and the caller reports the sizes as too large.
    public var isCountable: Bool

    /// Whether at least one window fits into the padded input.
    public var fits: Bool { length > 0 }

    /// Applies the output-size rule to one axis.
    ///
    /// Sizes beyond ``CheckedArithmetic/maximumSize`` (or a kernel, stride or dilation below 1, or
    /// a negative size) give an axis that is not ``isCountable``. Within the limit, every sum
    /// below stays far from `Int.max`, and the one product, `dilation*(kernel-1)`, is checked.
    public init(
        inputLength: Int,
        kernel: Int,
        stride: Int,
        dilation: Int = 1,
        padding: AxisPaddingMode,
        ceilMode: Bool = false
    ) {
        self.inputLength = inputLength
        self.kernel = kernel
        self.stride = stride
        self.dilation = dilation
        self.paddingMode = padding
        self.ceilMode = ceilMode
        (padBefore, padAfter, length, uncoveredInputs, effectiveKernel, isCountable) = (0, 0, 0, 0, 0, false)
        let written: AxisPadding? = if case .explicit(let sides) = padding { sides } else { nil }
        let countable = CheckedArithmetic.isCountable(inputLength) && CheckedArithmetic.isCountable(kernel)
            && CheckedArithmetic.isCountable(stride) && CheckedArithmetic.isCountable(dilation)
            && (written.map { CheckedArithmetic.isCountable($0.before) && CheckedArithmetic.isCountable($0.after) } ?? true)
        guard kernel >= 1, stride >= 1, dilation >= 1, countable else { return }
        let (spread, overflow) = dilation.multipliedReportingOverflow(by: kernel - 1)
        guard !overflow, spread < CheckedArithmetic.maximumSize else { return }
        let effectiveKernel = spread + 1
        self.effectiveKernel = effectiveKernel
        isCountable = true
        switch padding {
        case .valid:
            (padBefore, padAfter) = (0, 0)
        case .full:
            (padBefore, padAfter) = (effectiveKernel - 1, effectiveKernel - 1)
        case .explicit(let sides):
            (padBefore, padAfter) = (sides.before, sides.after)
        case .same:
            let target = (inputLength + stride - 1) / stride
            let total = max((target - 1) * stride + effectiveKernel - inputLength, 0)
            // TensorFlow puts the odd pixel after (bottom, right).
            (padBefore, padAfter) = (total / 2, total - total / 2)
        }
        let span = inputLength + padBefore + padAfter - effectiveKernel
        if span < 0 { return }
        var length = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1
        if ceilMode && (length - 1) * stride >= inputLength + padBefore {
            length -= 1
        }
        self.length = length
        let coveredEnd = (length - 1) * stride + effectiveKernel
        uncoveredInputs = max(0, padBefore + inputLength - coveredEnd)
    }
}
