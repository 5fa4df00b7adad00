import CNNCalcCore
import Testing

/// The channel split and channel shuffle of ShuffleNet: their shapes, and the errors of a count
/// that does not divide.
@Suite struct ChannelShuffleTests {
    static let input = TensorShape.featureMap(spatial: [28, 28], channels: 116)

    /// `channels = C / parts`, whichever slice is taken; the spatial axes are kept.
    @Test(arguments: [(2, 0, 58), (2, 1, 58), (4, 3, 29), (1, 0, 116)])
    func splitTakesOneEqualSlice(_ parts: Int, _ index: Int, _ channels: Int) throws {
        let split = ChannelSplit(parts: parts, index: index)
        let output = try split.outputShape(for: [Self.input], layout: .channelsFirst)
        #expect(output == .featureMap(spatial: [28, 28], channels: channels))
        #expect(channels * parts == Self.input.channels)
        #expect(try split.learnables(for: [Self.input], convention: .pytorch).isEmpty)
        #expect(try split.cost(for: [Self.input], output: output) == .zero)
    }

    @Test func splitOfAVectorAndASequence() throws {
        let split = ChannelSplit(parts: 2, index: 1)
        #expect(try split.outputShape(for: [.vector(features: 10)], layout: .channelsLast) == .vector(features: 5))
        #expect(try split.outputShape(for: [.sequence(steps: 7, features: 8)], layout: .channelsLast) == .sequence(steps: 7, features: 4))
    }

    @Test func splitErrors() {
        let uneven = #expect(throws: CNNCalcError.self) {
            try ChannelSplit(parts: 3, index: 0).outputShape(for: [Self.input], layout: .channelsFirst)
        }
        #expect(uneven?.description.contains("the 116 channels of the input 116x28x28 do not split into 3 equal parts") == true)
        let missing = #expect(throws: CNNCalcError.self) {
            try ChannelSplit(parts: 2, index: 2).outputShape(for: [Self.input], layout: .channelsFirst)
        }
        #expect(missing?.description.contains("slice 2 of a channel split into 2 parts does not exist") == true)
        #expect(throws: CNNCalcError.self) { try ChannelSplit(parts: 0, index: 0).outputShape(for: [Self.input], layout: .channelsFirst) }
    }

    /// `output shape = input shape`, no parameters, no arithmetic.
    @Test(arguments: [1, 2, 4, 58])
    func shuffleKeepsTheShape(_ groups: Int) throws {
        let shuffle = ChannelShuffle(groups: groups)
        #expect(try shuffle.outputShape(for: [Self.input], layout: .channelsFirst) == Self.input)
        #expect(try shuffle.learnables(for: [Self.input], convention: .keras).isEmpty)
        #expect(try shuffle.cost(for: [Self.input], output: Self.input) == .zero)
    }

    @Test func shuffleErrors() {
        let uneven = #expect(throws: CNNCalcError.self) {
            try ChannelShuffle(groups: 3).outputShape(for: [Self.input], layout: .channelsFirst)
        }
        #expect(uneven?.description.contains("the 116 channels of the input 116x28x28 do not divide into 3 groups") == true)
        #expect(throws: CNNCalcError.self) { try ChannelShuffle(groups: 0).outputShape(for: [Self.input], layout: .channelsFirst) }
    }
}
