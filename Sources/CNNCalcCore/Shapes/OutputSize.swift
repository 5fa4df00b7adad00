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
    /// The output size along this axis. Zero or less when the window does not fit.
    public var length: Int
    /// Input rows (or columns) at the end that no window ever covers, because the stride does not divide evenly.
    public var uncoveredInputs: Int

    /// `dilation*(kernel-1) + 1`: the span of input one window covers.
    public var effectiveKernel: Int { dilation * (kernel - 1) + 1 }

    /// Whether at least one window fits into the padded input.
    public var fits: Bool { length > 0 }

    /// Applies the output-size rule to one axis.
    ///
    /// The caller validates that `kernel`, `stride` and `dilation` are positive and the
    /// explicit padding is not negative; sizes are assumed to be far below `Int.max / 4`
    /// (readers limit them), so the sums here cannot overflow.
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
        let effectiveKernel = dilation * (kernel - 1) + 1
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
        if span < 0 {
            length = 0
            uncoveredInputs = 0
            return
        }
        var length = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1
        if ceilMode && (length - 1) * stride >= inputLength + padBefore {
            length -= 1
        }
        self.length = length
        let coveredEnd = (length - 1) * stride + effectiveKernel
        uncoveredInputs = max(0, padBefore + inputLength - coveredEnd)
    }
}
