import CNNCalcTestSupport
import Foundation
import Testing

/// `cnncalc diff`: two networks of any format side by side.
extension CommandLineTests {
    @Test func diffOfTheSameNetworkInTwoFormatsAgrees() throws {
        let nolearn = Fixtures.directory.appendingPathComponent("lasagne/nolearn_mnist.py").path
        let result = try run(["diff", "zoo:seed/lasagne", nolearn])
        #expect(result.status == 0)
        #expect(result.stdout.contains("7 layers agree, 0 differ, 0 only on the left, 0 only on the right."))
        #expect(result.stdout.contains("Total parameters        217,706    217,706          same"))
    }

    @Test func diffMarksWhatDiffersAndExitsOne() throws {
        let paper = try temporaryFile("paper.cnn", contents: Data("input 28x28x1\nconv 32 5\nmaxpool 2\ndense 256\ndense 10\n".utf8))
        let nolearn = Fixtures.directory.appendingPathComponent("lasagne/nolearn_mnist.py").path
        let result = try run(["diff", paper.path, nolearn])
        #expect(result.status == 1)
        let shown = result.stdout.replacingOccurrences(of: paper.path, with: "paper.cnn").replacingOccurrences(of: nolearn, with: "nolearn_mnist.py")
        expectGolden(shown, named: "diff-paper-nolearn.stdout.txt")
    }

    @Test func diffOfAFileWithAProblemSaysWhere() throws {
        let broken = try temporaryFile("broken.cnn", contents: Data("input 8x8x1\nconv 4 9\n".utf8))
        let result = try run(["diff", broken.path, "zoo:lenet5"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("broken.cnn:2:1: conv1: kernel 9x9 does not fit the 8x8 input"))
    }
}
