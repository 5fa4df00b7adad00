import CNNCalcCore
import Testing

/// Formulas of ``TimeDistributed`` and ``Standardization`` (Keras' `TimeDistributed` and
/// `Normalization`; the counts of whole Keras models using them are checked against
/// `model.summary()` in the Keras fixture tests), and of a 1-D convolution over a sequence.
@Suite struct DistributedLayerTests {
    let frames = TensorShape.featureMap(spatial: [6, 16, 16], channels: 3)

    @Test func convolutionOnEveryFrame() throws {
        let layer = TimeDistributed(.convolution(Convolution(filters: 8, kernelSize: [3], activation: .relu)))
        let output = try layer.outputShape(for: [frames], layout: .channelsLast)
        #expect(output == .featureMap(spatial: [6, 14, 14], channels: 8))
        // One set of weights for all six frames: (3*3*3+1)*8.
        #expect(try layer.learnables(for: [frames], convention: .keras).map { try $0.elementCount() }.reduce(0, +) == 224)
        // Six times one frame's 14*14*8*3*3*3 MACs, and a bias and a relu per output value.
        let cost = try layer.cost(for: [frames], output: output)
        #expect(cost?.macs == 6 * 14 * 14 * 8 * 3 * 3 * 3)
        #expect(cost?.flops == 2 * 6 * 14 * 14 * 8 * 3 * 3 * 3 + 2 * 6 * 14 * 14 * 8)
        #expect(try layer.axes(for: frames, layout: .channelsLast).map(\.length) == [14, 14])
    }

    @Test func flattenThenDensePerStepGiveASequence() throws {
        let flatten = TimeDistributed(.flatten(Flatten()))
        let flat = try flatten.outputShape(for: [frames], layout: .channelsLast)
        #expect(flat == .sequence(steps: 6, features: 16 * 16 * 3))
        let dense = TimeDistributed(.dense(Dense(units: 5)))
        #expect(try dense.outputShape(for: [flat], layout: .channelsLast) == .sequence(steps: 6, features: 5))
        #expect(try dense.learnables(for: [flat], convention: .pytorch).map(\.shape) == [[5, 768], [5]])
    }

    @Test func aVectorHasNoStepsToDistribute() {
        let error = #expect(throws: CNNCalcError.self) {
            try TimeDistributed(.dense(Dense(units: 2))).outputShape(for: [.vector(features: 4)], layout: .channelsLast)
        }
        #expect(error?.description == "timedistributed needs an input with steps (at least two axes), but it gets the vector 4; apply the layer itself, without TimeDistributed")
    }

    @Test func mergesCannotBeDistributed() {
        let error = #expect(throws: CNNCalcError.self) {
            try TimeDistributed(.add(Add())).outputShape(for: [frames], layout: .channelsLast)
        }
        #expect(error?.kind == .badArgument)
    }

    @Test(arguments: [
        (Convention.keras, [Learnable("mean", shape: [3], role: .nonTrainable), Learnable("variance", shape: [3], role: .nonTrainable),
                            Learnable("count", shape: [], role: .nonTrainable)]),
        (.lasagne, [Learnable("mean", shape: [3], role: .nonTrainable), Learnable("variance", shape: [3], role: .nonTrainable),
                    Learnable("count", shape: [], role: .nonTrainable)]),
        (.pytorch, [Learnable("mean", shape: [3], role: .state), Learnable("variance", shape: [3], role: .state)]),
    ])
    func standardizationKeepsItsStatistics(convention: Convention, expected: [Learnable]) throws {
        let image = TensorShape.featureMap(spatial: [12, 12], channels: 3)
        #expect(try Standardization().learnables(for: [image], convention: convention) == expected)
    }

    @Test func standardizationCounts() throws {
        let image = TensorShape.featureMap(spatial: [12, 12], channels: 3)
        func total(_ layer: Standardization) throws -> Int {
            try layer.learnables(for: [image], convention: .keras).map { try $0.elementCount() }.reduce(0, +)
        }
        #expect(try total(Standardization()) == 2 * 3 + 1)
        #expect(try total(Standardization(statistics: .single)) == 2 + 1)
        #expect(try total(Standardization(storesStatistics: false)) == 0)
        // The statistics fold into one scale and shift per value.
        #expect(try Standardization().cost(for: [image], output: image) == Cost(macs: 432, flops: 864))
    }

    @Test func convolutionOverASequenceSlidesAlongItsSteps() throws {
        // Keras reads (50, 8) as 50 steps of 8 features; Conv1D(16, 5) gives 46 steps of 16.
        let input = TensorShape.sequence(steps: 50, features: 8)
        let layer = Convolution(filters: 16, kernelSize: [5])
        let output = try layer.outputShape(for: [input], layout: .channelsLast)
        #expect(output == .sequence(steps: 46, features: 16))
        #expect(try layer.cost(for: [input], output: output)?.macs == 46 * 16 * 5 * 8)
    }
}
