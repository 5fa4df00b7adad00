import CNNCalcCore
import Testing

/// ``SpatialSizes`` keeps up to three sizes inline and reads like the array it replaced.
@Suite struct SpatialSizesTests {
    @Test("reads, compares and hashes like an array", arguments: [[], [7], [24, 24], [16, 32, 32]])
    func readsLikeAnArray(_ sizes: [Int]) throws {
        let spatial = try SpatialSizes(sizes)
        #expect(spatial.count == sizes.count)
        #expect(Array(spatial) == sizes)
        #expect(spatial.map { $0 * 2 } == sizes.map { $0 * 2 })
        #expect(spatial.description == sizes.description)
        #expect(spatial == (try SpatialSizes(sizes.lazy.map { $0 })))
        #expect(spatial.hashValue == (try SpatialSizes(sizes)).hashValue)
        #expect(spatial + [9] == sizes + [9])
        #expect(spatial != (try SpatialSizes(sizes.dropLast() + [99])) || sizes.isEmpty)
    }

    @Test("a size can be replaced in place", arguments: [[5], [5, 6], [16, 32, 32]])
    func replacesASize(_ sizes: [Int]) throws {
        var spatial = try SpatialSizes(sizes)
        var expected = sizes
        for axis in sizes.indices {
            spatial[axis] = 100 + axis
            expected[axis] = 100 + axis
        }
        #expect(Array(spatial) == expected)
    }

    @Test func literalAndSequenceMakeTheSameSizes() throws {
        let literal: SpatialSizes = [28, 28]
        #expect(literal == (try SpatialSizes([28, 28])))
        #expect(TensorShape.featureMap(spatial: [28, 28], channels: 1).dimensions(in: .channelsFirst) == [1, 28, 28])
    }

    @Test func moreThanThreeSpatialAxesAreAnErrorThatSaysSo() {
        #expect {
            try SpatialSizes([2, 3, 4, 5])
        } throws: { error in
            (error as? CNNCalcError)?.description
                == "a feature map has at most 3 spatial axes, but 2x3x4x5 has 4; keep at most 3 spatial axes and the channels"
        }
    }
}
