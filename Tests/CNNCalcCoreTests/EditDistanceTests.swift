import CNNCalcCore
import Testing

@Suite struct EditDistanceTests {
    @Test(arguments: [
        ("conv", "conv", 0), ("convv", "conv", 1), ("stme", "stem", 1), ("kitten", "sitting", 3), ("", "abc", 3),
    ])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(EditDistance.distance(a, b) == expected)
        #expect(EditDistance.distance(b, a) == expected)
    }

    @Test func suggestsOnlyTheNearest() {
        #expect(EditDistance.didYouMean("convv", among: ["conv", "conv1d", "conv2d"]) == "did you mean 'conv'?")
        #expect(EditDistance.didYouMean("stme2", among: ["input", "stem", "sum"]) == "did you mean 'stem'?")
        #expect(EditDistance.didYouMean("a3", among: ["a1", "a2", "b"]) == "did you mean 'a1' or 'a2'?")
    }

    @Test func fallsBackToAPrefix() {
        #expect(EditDistance.didYouMean("batch", among: ["batchnorm", "dense"]) == "did you mean 'batchnorm'?")
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(EditDistance.didYouMean("x", among: ["bn", "fc"]) == nil)
        #expect(EditDistance.didYouMean("classifier", among: ["conv1", "pool1"]) == nil)
        #expect(EditDistance.didYouMean("lstm", among: ["sum", "dense"]) == nil)
        #expect(EditDistance.didYouMean(String(repeating: "a", count: 10_000), among: ["a"]) == nil)
    }
}
