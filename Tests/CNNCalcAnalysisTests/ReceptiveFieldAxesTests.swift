import CNNCalc
import Testing

/// ``ReceptiveFieldAxes`` keeps a field's axes inline and reads like the array it replaced.
@Suite struct ReceptiveFieldAxesTests {
    static let axes = [
        ReceptiveFieldAxis(size: 5, jump: 2, start: 1.5),
        ReceptiveFieldAxis(size: 7, jump: Fraction(1, 2), start: -0.5),
        ReceptiveFieldAxis(size: 3, jump: 1, start: 1),
    ]

    @Test("reads, compares and hashes like an array", arguments: 0...3)
    func readsLikeAnArray(_ count: Int) {
        let array = Array(Self.axes.prefix(count))
        let field: ReceptiveField
        switch count {
        case 0: field = .local([])
        case 1: field = .local([array[0]])
        case 2: field = .local([array[0], array[1]])
        default: field = .local([array[0], array[1], array[2]])
        }
        guard case .local(let axes) = field else { Issue.record("not local"); return }
        #expect(Array(axes) == array)
        #expect(axes.map(\.size) == array.map(\.size))
        #expect(axes.count == count)
        var other = axes
        if count > 0 {
            other[count - 1].size += 1
            #expect(other != axes)
            #expect(Array(other).last?.size == array[count - 1].size + 1)
        }
        #expect(Set([axes, axes]).count == 1)
    }

    @Test func branchesMergeToTheLargerFieldPerAxis() throws {
        // A 5x5 branch and a 3x3 branch added: the field is the larger of each axis.
        let report = try Analyzer().analyze(try CNNTextReader.network(from: """
            x: input 16x16x1
            a: conv 4 5 padding=same inputs=x
            b: conv 4 3x7 padding=same inputs=x
            add inputs=a,b
            """, source: "-e"))
        guard case .local(let axes) = report.layers.last?.receptiveField else { Issue.record("not local"); return }
        #expect(axes.map(\.size) == [5, 7])
    }
}
