import CNNCalcCore

/// Convolutions and pooling: the sliding-window rule of ``AxisOutput``, as the core layers use it.
extension NodeInference {
    /// `Conv`: `N x C x spatial` with weights `M x C/group x kernel` gives `N x M x out`, per spatial axis
    /// `out = floor((in + pad_before + pad_after - dilation*(kernel-1) - 1)/stride) + 1`, or `ceil(in/stride)`
    /// with `auto_pad` `SAME_UPPER` or `SAME_LOWER`.
    func convolution(data: Int, weight: Int) throws(Failure) -> Inferred {
        let input = try dims(data, rank: 3, orMore: true)
        let weights = try dims(weight, rank: input.count)
        let kernel = try kernelShape(from: weights)
        let spatial = try windowSizes(Array(input.dropFirst(2)), kernel: kernel, ceilMode: false)
        return Inferred([input[0], weights[0]] + spatial)
    }

    /// `MaxPool`, `AveragePool`, `LpPool`: the channels stay; `ceil_mode` rounds up and drops a last
    /// window that would start in the right padding. `MaxPool`'s `Indices` have the output's shape.
    func pooling() throws(Failure) -> Inferred {
        let input = try dims(0, rank: 3, orMore: true)
        guard let kernel = ints("kernel_shape"), !kernel.isEmpty else { throw .unsupported("it has no kernel_shape") }
        let spatial = try windowSizes(Array(input.dropFirst(2)), kernel: kernel, ceilMode: (int("ceil_mode") ?? 0) != 0)
        let output = Array(input.prefix(2)) + spatial
        return Inferred(outputs: [output, output])
    }

    /// `GlobalAveragePool` and kin: every spatial axis becomes 1.
    func globalPooling() throws(Failure) -> Inferred {
        let input = try dims(0, rank: 2, orMore: true)
        return Inferred(Array(input.prefix(2)) + Array(repeating: .size(1), count: input.count - 2))
    }

    /// `MaxUnpool`: the `output_shape` input when given, else `(in - 1)*stride + kernel - pad_before - pad_after` per axis.
    func unpooling() throws(Failure) -> Inferred {
        let input = try dims(0, rank: 3, orMore: true)
        if hasInput(2) {
            return Inferred(try symbolicInts(2, role: "output shape"))
        }
        guard let kernel = ints("kernel_shape") else { throw .unsupported("it has no kernel_shape") }
        let rank = input.count - 2
        let strides = ints("strides") ?? Array(repeating: 1, count: rank)
        let pads = ints("pads") ?? Array(repeating: 0, count: 2 * rank)
        guard kernel.count == rank, strides.count == rank, pads.count == 2 * rank else {
            throw .unsupported("kernel_shape, strides and pads do not match its \(rank) spatial axes")
        }
        var spatial: [ONNXDimension] = []
        for axis in 0..<rank {
            let size = try fixedSpatial(input[axis + 2], axis: axis)
            let output = ONNXDimension.size(size - 1).times(.size(strides[axis])).plus(.size(kernel[axis]))
                .minus(.size(pads[axis])).minus(.size(pads[rank + axis]))
            guard let length = output.fixedSize, length >= 1 else {
                throw .unsupported("its output would have \(output) values on spatial axis \(axis)")
            }
            spatial.append(.size(length))
        }
        return Inferred(Array(input.prefix(2)) + spatial)
    }

    /// `ConvTranspose`: `N x C x spatial` with weights `C x M/group x kernel` gives `N x M x out`, per axis
    /// `out = stride*(in - 1) + output_padding + dilation*(kernel - 1) + 1 - pad_before - pad_after`,
    /// `in*stride` with `auto_pad` `SAME_*`, or the `output_shape` attribute when given.
    func transposedConvolution() throws(Failure) -> Inferred {
        let input = try dims(0, rank: 3, orMore: true)
        let weights = try dims(1, rank: input.count)
        let kernel = try kernelShape(from: weights)
        let rank = input.count - 2
        let groups = int("group") ?? 1
        let channels = weights[1].times(.size(groups))
        if let shape = ints("output_shape"), shape.count >= rank {
            return Inferred([input[0], channels] + shape.suffix(rank).map(ONNXDimension.size))
        }
        let strides = ints("strides") ?? Array(repeating: 1, count: rank)
        let dilations = ints("dilations") ?? Array(repeating: 1, count: rank)
        let outputPadding = ints("output_padding") ?? Array(repeating: 0, count: rank)
        let autoPad = string("auto_pad") ?? "NOTSET"
        let pads = autoPad == "NOTSET" ? (ints("pads") ?? Array(repeating: 0, count: 2 * rank)) : Array(repeating: 0, count: 2 * rank)
        guard kernel.count == rank, strides.count == rank, dilations.count == rank, outputPadding.count == rank, pads.count == 2 * rank else {
            throw .unsupported("kernel_shape, strides, dilations, output_padding and pads do not match its \(rank) spatial axes")
        }
        var spatial: [ONNXDimension] = []
        for axis in 0..<rank {
            let size = try fixedSpatial(input[axis + 2], axis: axis)
            let sizes = [size, strides[axis], dilations[axis], kernel[axis], outputPadding[axis], pads[axis], pads[rank + axis]]
            guard sizes.allSatisfy(CheckedArithmetic.isCountable), strides[axis] >= 1, dilations[axis] >= 1 else {
                throw .unsupported("its sizes on spatial axis \(axis) are out of range")
            }
            let stride = ONNXDimension.size(strides[axis])
            let output = autoPad.hasPrefix("SAME")
                ? ONNXDimension.size(size).times(stride)
                : stride.times(.size(size - 1)).plus(.size(outputPadding[axis]))
                    .plus(ONNXDimension.size(dilations[axis]).times(.size(kernel[axis] - 1))).plus(.size(1))
                    .minus(.size(pads[axis])).minus(.size(pads[rank + axis]))
            guard let length = output.fixedSize, length >= 1 else {
                throw .unsupported("its output would have \(output) values on spatial axis \(axis)")
            }
            spatial.append(.size(length))
        }
        return Inferred([input[0], channels] + spatial)
    }

    // MARK: - Helpers

    /// `kernel_shape`, or the weights' spatial dims.
    private func kernelShape(from weights: [ONNXDimension]) throws(Failure) -> [Int] {
        if let kernel = ints("kernel_shape") { return kernel }
        guard let sizes = Self.fixedSizes(Array(weights.dropFirst(2))) else {
            throw .unsupported("its weights' kernel dims \(weights.text) are not fixed")
        }
        return sizes
    }

    private func fixedSpatial(_ dim: ONNXDimension, axis: Int) throws(Failure) -> Int {
        guard let size = dim.fixedSize else {
            throw .unsupported("its input has the size \(dim) on spatial axis \(axis), which is not fixed")
        }
        return size
    }

    /// The output sizes of a window of `kernel` sliding over `spatial` with the node's strides, dilations and padding.
    private func windowSizes(_ spatial: [ONNXDimension], kernel: [Int], ceilMode: Bool) throws(Failure) -> [ONNXDimension] {
        let rank = spatial.count
        let strides = ints("strides") ?? Array(repeating: 1, count: rank)
        let dilations = ints("dilations") ?? Array(repeating: 1, count: rank)
        let autoPad = string("auto_pad") ?? "NOTSET"
        let pads = ints("pads") ?? Array(repeating: 0, count: 2 * rank)
        guard kernel.count == rank, strides.count == rank, dilations.count == rank, pads.count == 2 * rank else {
            throw .unsupported("kernel_shape, strides, dilations and pads do not match its \(rank) spatial axes")
        }
        var output: [ONNXDimension] = []
        for axis in 0..<rank {
            let size = try fixedSpatial(spatial[axis], axis: axis)
            let mode: AxisPaddingMode = switch autoPad {
            case "SAME_UPPER", "SAME_LOWER": .same
            case "VALID": .valid
            default: .explicit(AxisPadding(before: pads[axis], after: pads[rank + axis]))
            }
            let window = AxisOutput(inputLength: size, kernel: kernel[axis], stride: strides[axis], dilation: dilations[axis],
                                    padding: mode, ceilMode: ceilMode)
            guard window.isCountable, window.fits else {
                throw .unsupported("its window of \(kernel[axis]) (dilation \(dilations[axis])) does not fit the \(size) values of spatial axis \(axis) with padding \(pads[axis])+\(pads[rank + axis])")
            }
            output.append(.size(window.length))
        }
        return output
    }
}
