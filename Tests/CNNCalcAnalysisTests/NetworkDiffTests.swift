import CNNCalc
import Testing

/// Pairing two networks layer by layer.
@Suite struct NetworkDiffTests {
    static func report(_ text: String) throws -> NetworkReport {
        try Analyzer().analyze(try CNNTextReader.network(from: text, source: "-e"))
    }

    @Test func aNetworkEqualsItself() throws {
        let report = try Self.report("input 28x28x1; conv 32 5; maxpool 2; dense 10")
        let diff = NetworkDiff(report, report)
        #expect(diff.isIdentical)
        #expect(diff.rows == (0..<4).map { .paired(left: $0, right: $0) })
    }

    @Test func layoutAndNamesDoNotMatterButSizesDo() throws {
        let left = try Self.report("input 28x28x1; conv 32 5; maxpool 2; dense 256; dense 10")
        let right = try Self.report("input 1x28x28 layout=chw; c: conv 32 5; relu; p: maxpool 2; fc: dense 128; out: dense 10")
        let diff = NetworkDiff(left, right)
        #expect(diff.rows == [
            .paired(left: 0, right: 0), .paired(left: 1, right: 1), .rightOnly(2), .paired(left: 2, right: 3),
            .paired(left: 3, right: 4), .paired(left: 4, right: 5),
        ])
        #expect(diff.differences(left: 1, right: 1).isEmpty)
        #expect(diff.differences(left: 3, right: 4) == [.shape, .parameters])
        #expect(diff.differences(left: 4, right: 5) == [.parameters])
        #expect(!diff.isIdentical)
    }

    @Test func aMissingLayerIsOnlyOnOneSide() throws {
        let left = try Self.report("input 32x32x3; conv 16 3; conv 16 3; conv 16 3; globalavgpool; dense 10")
        let right = try Self.report("input 32x32x3; conv 16 3; conv 16 3; globalavgpool; dense 10")
        let diff = NetworkDiff(left, right)
        let unpaired = diff.rows.filter { if case .leftOnly = $0 { true } else { false } }
        #expect(unpaired.count == 1)
        #expect(diff.rows.count == 6)
    }

    @Test func theRenderedDiffMarksEveryDifference() throws {
        let left = try Self.report("input 28x28x1; conv 32 5; maxpool 2; dense 256; dense 10")
        let right = try Self.report("input 1x28x28 layout=chw; c: conv 32 5; relu; p: maxpool 2; fc: dense 128; out: dense 10")
        let text = DiffRenderer(leftTitle: "paper.cnn", rightTitle: "mine.cnn").render(NetworkDiff(left, right))
        // (32*12*12+1)*256 = 1,179,904 against (32*12*12+1)*128 = 589,952; (256+1)*10 against (128+1)*10.
        #expect(text.contains("3  dense1    dense        256*      1,179,904*  !  4  fc     dense        128*        589,952*"))
        #expect(text.contains("4  dense2    dense        10            2,570*  !  5  out    dense        10            1,290*"))
        #expect(text.contains("                                                >  2  relu1  relu         32x24x24           0"))
        #expect(text.contains("3 layers agree, 2 differ, 0 only on the left, 1 only on the right."))
        #expect(text.contains("Total parameters      1,183,306    592,074      -591,232"))
    }
}
