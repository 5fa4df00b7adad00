import CNNCalcTestSupport
import Foundation
import Testing

/// `cnncalc layers.m` and `cnncalc -e '[imageInputLayer(...) ...]'`, as a MATLAB user runs them.
extension CommandLineTests {
    static let matlabFixtures = Fixtures.directory.appendingPathComponent("matlab")

    static let seedArray =
        "[imageInputLayer([50 50 2]) convolution2dLayer(5,20) reluLayer fullyConnectedLayer(5) softmaxLayer classificationLayer]"

    @Test func matlabFileIsReportedInMATLABsTerms() throws {
        let result = try run([Self.matlabFixtures.appendingPathComponent("seed.m").path])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        expectGolden(result.stdout, named: "matlab-seed.stdout.txt")
    }

    @Test func matlabExpressionIsRecognizedByItsLayerFunctions() throws {
        let file = try run([Self.matlabFixtures.appendingPathComponent("seed.m").path])
        let expression = try run(["-e", Self.seedArray])
        #expect(expression.status == 0)
        #expect(expression.stdout == file.stdout)
    }

    @Test func matlabTextInAFileOfAnotherNameIsRecognized() throws {
        let file = try temporaryFile("layers.txt", contents: Data(Self.seedArray.utf8))
        let result = try run([file.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Weights 5×5×2×20, Bias 1×1×20"))
        let standardInput = try run(["-"], stdin: Self.seedArray)
        #expect(standardInput.stdout == result.stdout)
    }

    @Test func matlabExplainAnswersWhyTheWeightsHaveTheirShape() throws {
        let result = try run([Self.matlabFixtures.appendingPathComponent("small_cnn.m").path, "--explain"])
        #expect(result.status == 0)
        expectGolden(result.stdout, named: "matlab-small-cnn.explain.txt")
        #expect(result.stdout.contains("why Weights is 3×1176"))
        #expect(result.stdout.contains("InputSize = 7*7*24 = 1,176"))
    }

    @Test func matlabLayerGraph() throws {
        let result = try run([Self.matlabFixtures.appendingPathComponent("simple_dag.m").path])
        #expect(result.status == 0)
        expectGolden(result.stdout, named: "matlab-simple-dag.stdout.txt")
    }

    @Test func matlabNetworkCanBeCountedAsAnotherFramework() throws {
        let result = try run(["-e", Self.seedArray, "--convention", "pytorch"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("46x46x20"))
        #expect(result.stdout.contains("Total parameters:           212,625"))
        #expect(result.stdout.contains("Counted as PyTorch counts"))
        let json = try run(["-e", Self.seedArray, "--format", "json"])
        #expect(json.stdout.contains("\"convention\" : \"matlab\""))
        #expect(json.stdout.contains("\"name\" : \"Weights\""))
    }

    @Test func matlabErrorPointsAtTheText() throws {
        let result = try run(["-e", "layers = [imageInputLayer([28 28 1])\n  convolution2dLayer(5,20,'Strides',2)];"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: -e:2:27: convolution2dLayer has no name-value argument 'Strides'; did you mean 'Stride'?\n")
        let file = try temporaryFile("broken.m", contents: Data("x = [1 2\n".utf8))
        let broken = try run([file.path])
        #expect(broken.status == 1)
        #expect(broken.stderr == "error: \(file.path):1:5: '[' is never closed; add ']' where it ends\n")
    }

    @Test func cnnFileMentioningMATLABStaysACNNFile() throws {
        let file = try temporaryFile("net.cnn", contents: Data("# imageInputLayer([28 28 1]) in MATLAB\ninput 28x28x1\nconv 8 3\n".utf8))
        let result = try run([file.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("26x26x8"))
    }
}
