import CNNCalcCore
import Testing

/// Elementwise merges with broadcasting by meaning, concatenation along any axis and matmul.
@Suite struct MergeTests {
    static func map(_ spatial: SpatialSizes, _ channels: Int) -> TensorShape { .featureMap(spatial: spatial, channels: channels) }

    @Test(arguments: [
        ([map([8, 8], 16), map([8, 8], 16)], map([8, 8], 16)),
        ([map([8, 8], 16), map([1, 1], 16)], map([8, 8], 16)),
        ([map([1, 8], 16), map([8, 1], 1)], map([8, 8], 16)),
        ([map([7, 7], 512), .vector(features: 512)], map([7, 7], 512)),          // squeeze-and-excitation
        ([.vector(features: 512), map([7, 7], 512)], map([7, 7], 512)),
        ([map([7, 7], 512), .vector(features: 1)], map([7, 7], 512)),
        ([TensorShape.sequence(steps: 50, features: 64), .sequence(steps: 1, features: 64)], .sequence(steps: 50, features: 64)),
        ([TensorShape.sequence(steps: 50, features: 64), .vector(features: 64)], .sequence(steps: 50, features: 64)),
        ([TensorShape.sequence(steps: 50, features: 64), map([50], 64)], .sequence(steps: 50, features: 64)),
        ([TensorShape.vector(features: 10), .vector(features: 1), .vector(features: 10)], .vector(features: 10)),
        ([map([4, 4, 4], 8), map([4, 1, 4], 8), map([1, 1, 1], 1)], map([4, 4, 4], 8)),
    ])
    func broadcastingByMeaning(_ inputs: [TensorShape], _ expected: TensorShape) throws {
        #expect(try Add().outputShape(for: inputs, layout: .channelsLast) == expected)
        for operation in ElementwiseMerge.Operation.allCases {
            #expect(try ElementwiseMerge(operation).outputShape(for: inputs, layout: .channelsLast) == expected)
        }
    }

    @Test(arguments: [
        ([map([8, 8], 16), map([4, 4], 16)],
         "multiply needs inputs whose shapes broadcast; input 1 is 8x8x16 but input 2 is 4x4x16: the height 8 and 4 differ and neither is 1; bring the branches to the same height (pooling, stride or padding=same), or to 1 to broadcast"),
        ([map([7, 7], 512), .vector(features: 256)],
         "multiply needs inputs whose shapes broadcast; channel mismatch: input 1 has 512 channels and input 2 has 256, and neither is 1; make the branches end in the same shape, e.g. with a 1x1 conv of 512 filters on the shorter path"),
        ([TensorShape.sequence(steps: 50, features: 64), .sequence(steps: 50, features: 32)],
         "multiply needs inputs whose shapes broadcast; feature mismatch: input 1 has 64 features and input 2 has 32, and neither is 1; make the branches end in the same number of features, e.g. with a dense layer of 64 units"),
        ([TensorShape.sequence(steps: 50, features: 64), .sequence(steps: 40, features: 64)],
         "multiply needs inputs whose shapes broadcast; input 1 is 50x64 but input 2 is 40x64: the steps 50 and 40 differ and neither is 1; bring the branches to the same steps (pooling, stride or padding=same), or to 1 to broadcast"),
        ([map([8, 8], 16), map([8, 8, 8], 16)],
         "multiply cannot broadcast input 1, a 2-D feature map 8x8x16, with input 2, a 3-D feature map 8x8x8x16; merge shapes of the same kind, with the same number of spatial axes"),
        ([map([8, 8], 16), .sequence(steps: 8, features: 16)],
         "multiply cannot broadcast input 1, a 2-D feature map 8x8x16, with input 2, a sequence 8x16; merge shapes of the same kind, with the same number of spatial axes"),
    ])
    func broadcastingErrorsNameTheAxis(_ inputs: [TensorShape], _ expected: String) {
        let error = #expect(throws: CNNCalcError.self) {
            try ElementwiseMerge(.multiply).outputShape(for: inputs, layout: .channelsLast)
        }
        #expect(error?.kind == .shape)
        #expect(error?.description == expected)
    }

    @Test func subtractTakesTwoInputsAndOthersMany() {
        #expect(ElementwiseMerge(.subtract).arity == .two)
        #expect(ElementwiseMerge(.multiply).arity == .many)
        #expect(MatrixProduct().arity == .two)
        #expect(MultiHeadAttention(heads: 2).arity == .queryKeyValue)
    }

    @Test func elementwiseCost() throws {
        let shape = Self.map([8, 8], 4)
        #expect(try ElementwiseMerge(.multiply).cost(for: [shape, shape, shape], output: shape) == .flops(256 * 2))
        #expect(try ElementwiseMerge(.average).cost(for: [shape, shape], output: shape) == .flops(256 * 2))
        #expect(try ElementwiseMerge(.maximum).cost(for: [shape, .vector(features: 4)], output: shape) == .flops(256))
    }

    @Test(arguments: [
        (Concatenate.Axis.channels, [map([8, 8], 16), map([8, 8], 32)], map([8, 8], 48)),
        (.height, [map([8, 8], 16), map([4, 8], 16)], map([12, 8], 16)),
        (.width, [map([8, 8], 16), map([8, 2], 16)], map([8, 10], 16)),
        (.depth, [map([2, 8, 8], 16), map([3, 8, 8], 16)], map([5, 8, 8], 16)),
        (.height, [map([2, 8, 8], 16), map([2, 3, 8], 16)], map([2, 11, 8], 16)),
        (.length, [map([10], 4), map([5], 4)], map([15], 4)),
        (.steps, [TensorShape.sequence(steps: 10, features: 64), .sequence(steps: 20, features: 64)], .sequence(steps: 30, features: 64)),
        (.features, [TensorShape.sequence(steps: 10, features: 64), .sequence(steps: 10, features: 32)], .sequence(steps: 10, features: 96)),
        (.channels, [TensorShape.vector(features: 10), .vector(features: 5)], .vector(features: 15)),
    ])
    func concatenationAlongAnyAxis(_ axis: Concatenate.Axis, _ inputs: [TensorShape], _ expected: TensorShape) throws {
        #expect(try Concatenate(axis: axis).outputShape(for: inputs, layout: .channelsLast) == expected)
    }

    @Test func concatenationErrors() {
        let missing = #expect(throws: CNNCalcError.self) {
            try Concatenate(axis: .height).outputShape(for: [.sequence(steps: 10, features: 4), .sequence(steps: 10, features: 4)], layout: .channelsLast)
        }
        #expect(missing?.description == "concat axis=height needs an input with that axis, but input 1 is a sequence 10x4; choose among channels, length, steps, features")
        let other = #expect(throws: CNNCalcError.self) {
            try Concatenate(axis: .width).outputShape(for: [Self.map([8, 8], 16), Self.map([4, 8], 16)], layout: .channelsFirst)
        }
        #expect(other?.description == "concat joins along the width, so every other axis must match; input 1 is 16x8x8 but input 2 is 16x4x8; make every other axis equal first")
    }

    @Test(arguments: [
        (MatrixProduct(), [TensorShape.sequence(steps: 50, features: 64), .sequence(steps: 64, features: 32)], TensorShape.sequence(steps: 50, features: 32), 50 * 64 * 32),
        (MatrixProduct(transposesB: true), [.sequence(steps: 50, features: 64), .sequence(steps: 40, features: 64)], .sequence(steps: 50, features: 40), 50 * 64 * 40),
        (MatrixProduct(), [.vector(features: 64), .sequence(steps: 64, features: 10)], .vector(features: 10), 64 * 10),
    ])
    func matrixProduct(_ layer: MatrixProduct, _ inputs: [TensorShape], _ expected: TensorShape, _ macs: Int) throws {
        #expect(try layer.outputShape(for: inputs, layout: .channelsLast) == expected)
        #expect(try layer.cost(for: inputs, output: expected) == .macs(macs))
    }

    @Test func matrixProductNeedsMatchingInnerSizes() {
        let error = #expect(throws: CNNCalcError.self) {
            try MatrixProduct().outputShape(for: [.sequence(steps: 50, features: 64), .sequence(steps: 40, features: 64)], layout: .channelsLast)
        }
        #expect(error?.description == "matmul multiplies a (50x64) by b (40x64): b is read as D x M, so its steps (40) must equal the 64 features of a; use transpose_b=true when b is M x D, as the keys of attention are")
    }
}
