import CNNCalcCore
import Testing

/// ``SpatialSizes`` keeps up to three sizes inline and reads like the array it replaced.
@Suite struct SpatialSizesTests {
    @Test("reads, compares and hashes like an array", arguments: [[], [7], [24, 24], [16, 32, 32], [2, 3, 4, 5], [1, 2, 3, 4, 5, 6]])
    func readsLikeAnArray(_ sizes: [Int]) {
        let spatial = SpatialSizes(sizes)
        #expect(spatial.count == sizes.count)
        #expect(Array(spatial) == sizes)
        #expect(spatial.map { $0 * 2 } == sizes.map { $0 * 2 })
        #expect(spatial.description == sizes.description)
        #expect(spatial == SpatialSizes(sizes.lazy.map { $0 }))
        #expect(spatial.hashValue == SpatialSizes(sizes).hashValue)
        #expect(spatial != SpatialSizes(sizes + [1]))
        #expect(spatial + [9] == sizes + [9])
    }

    @Test("a size can be replaced in place, inline or not", arguments: [[5, 6], [16, 32, 32], [2, 3, 4, 5]])
    func replacesASize(_ sizes: [Int]) {
        var spatial = SpatialSizes(sizes)
        var expected = sizes
        for axis in sizes.indices {
            spatial[axis] = 100 + axis
            expected[axis] = 100 + axis
        }
        #expect(Array(spatial) == expected)
    }

    @Test func literalAndSequenceMakeTheSameSizes() {
        let literal: SpatialSizes = [28, 28]
        #expect(literal == SpatialSizes([28, 28]))
        #expect(TensorShape.featureMap(spatial: [28, 28], channels: 1).dimensions(in: .channelsFirst) == [1, 28, 28])
    }

    @Test func aShapeWithMoreThanThreeSpatialAxesKeepsThemAll() throws {
        let shape = TensorShape.featureMap(spatial: [2, 3, 4, 5], channels: 6)
        #expect(shape.dimensions(in: .channelsLast) == [2, 3, 4, 5, 6])
        #expect(try shape.elementCount() == 720)
        #expect(shape.spatialRank == 4)
    }
}
