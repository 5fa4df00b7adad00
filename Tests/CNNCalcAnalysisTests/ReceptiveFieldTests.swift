import CNNCalc
import Testing

@Suite struct ReceptiveFieldTests {
    // Araujo et al. recurrences on the Lasagne example: 5/1, 6/2, 10/2, 12/4 (size/jump).
    @Test func lasagneExample() throws {
        let report = try Analyzer().analyze(try CNNTextReader.network(from: BuiltInExample.text, source: "-e"))
        let fields = report.layers.map { layer -> [Int] in
            guard case .local(let axes) = layer.receptiveField, let axis = axes.first else { return [] }
            return [axis.size, axis.jump.numerator]
        }
        #expect(fields == [[1, 1], [5, 1], [6, 2], [10, 2], [12, 4], [], []])
        #expect(report.layers[5].receptiveField == .whole)
    }

    struct Window: Sendable, CustomStringConvertible {
        var kernel: Int, stride: Int, dilation: Int, padBefore: Int
        var description: String { "k\(kernel) s\(stride) d\(dilation) p\(padBefore)" }
    }

    /// The input positions that feed output position 0, found by walking every window back to the input.
    private func bruteForce(_ windows: [Window]) -> (first: Int, last: Int, centre: Double, jump: Int) {
        var positions: Set<Int> = [0]
        for window in windows.reversed() {
            var previous: Set<Int> = []
            for position in positions {
                for tap in 0..<window.kernel {
                    previous.insert(position * window.stride - window.padBefore + tap * window.dilation)
                }
            }
            positions = previous
        }
        let first = positions.min() ?? 0, last = positions.max() ?? 0
        let jump = windows.map(\.stride).reduce(1, *)
        return (first, last, Double(first + last) / 2, jump)
    }

    static let chains: [[Window]] = {
        var generator = SeededGenerator(seed: 42)
        return (0..<60).map { _ in
            (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                let kernel = Int.random(in: 1...7, using: &generator)
                return Window(
                    kernel: kernel, stride: Int.random(in: 1...3, using: &generator),
                    dilation: Int.random(in: 1...3, using: &generator), padBefore: Int.random(in: 0...kernel / 2, using: &generator))
            }
        }
    }()

    @Test("recurrences agree with a brute-force walk", arguments: chains)
    func agreesWithBruteForce(_ chain: [Window]) throws {
        var text = "input 4000x1"
        for window in chain {
            text += "; conv 1 \(window.kernel) stride=\(window.stride) dilation=\(window.dilation) padding=\(window.padBefore):0"
        }
        let report = try Analyzer().analyze(try CNNTextReader.network(from: text, source: "-e"))
        guard case .local(let axes) = report.layers.last?.receptiveField, let axis = axes.first else {
            Issue.record("no local field")
            return
        }
        let expected = bruteForce(chain)
        #expect(axis.size == expected.last - expected.first + 1)
        #expect(axis.jump == Fraction(expected.jump))
        #expect(axis.start == expected.centre)
    }

    @Test func branchesTakeTheLargestField() throws {
        let text = "input 32x32x3; a: conv 8 3; b: conv 8 5 padding=1 inputs=input; sum: add inputs=a,b"
        let report = try Analyzer().analyze(try CNNTextReader.network(from: text, source: "-e"))
        guard case .local(let axes) = report.layers[3].receptiveField else {
            Issue.record("no local field")
            return
        }
        #expect(axes.map(\.size) == [5, 5])
    }
}

/// A small deterministic generator, so the random chains are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
