import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// Damaged Lasagne text (characters dropped, doubled or replaced) is read or refused with an
/// error, never a crash or a hang.
@Suite struct LasagneDamagedTextTests {
    /// A small deterministic generator, so that a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let replacements: [Character] = ["(", ")", "[", "]", "{", "}", ",", "=", "'", "\"", "\n", "\\", "#", "-", "9", "0", " ", "*", ":"]

    @Test(arguments: LasagneFixture.all.map(\.file))
    func damagedSnippetsNeverCrash(_ file: String) throws {
        let text = try String(contentsOf: Fixtures.directory.appendingPathComponent("lasagne/\(file)"), encoding: .utf8)
        let characters = Array(text)
        var random = SplitMix(state: UInt64(truncatingIfNeeded: file.utf8.reduce(7) { $0 &* 31 &+ Int($1) }))
        for _ in 0..<200 {
            var damaged = characters
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<damaged.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: damaged.remove(at: index)
                case 1: damaged.insert(damaged[index], at: index)
                default: damaged[index] = Self.replacements.randomElement(using: &random)!
                }
            }
            do {
                let network = try LasagneReader.network(from: String(damaged), source: file)
                _ = try? Analyzer(options: AnalysisOptions(convention: .lasagne)).analyze(network)
            } catch {
                // Every refusal says what is wrong and, for text errors, where.
                #expect(!error.problem.isEmpty)
                #expect(error.location != nil || error.problem.contains("defines no Lasagne layer") || error.kind == .shape)
            }
        }
    }
}
