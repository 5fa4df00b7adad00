import CNNCalcTestSupport
import Foundation
import Testing

/// `cnncalc model.txt --input 1x28x28`: a model printed by PyTorch, from a file, `-e` or standard input.
extension CommandLineTests {
    static let printedModels = Fixtures.directory.appendingPathComponent("pytorch-text")

    static let mnistNotes = """
        note: modules are taken in printed order, since print(model) does not show forward: a forward that branches, merges, reuses a module or calls functions between modules (F.relu, torch.cat) is not seen (read as their children in printed order: MnistNet)
        note: the input 1x28x28 is one example, batch excluded, channels first: 1 channel of 28x28

        """

    @Test func printedModelIsCountedAsPyTorchCounts() throws {
        let result = try run([Self.printedModels.appendingPathComponent("mnist_cnn.txt").path, "--input", "1x28x28"])
        #expect(result.status == 0)
        expectGolden(result.stdout, named: "pytorch-mnist.stdout.txt")
        #expect(result.stderr == Self.mnistNotes
            + "note: fc1 (Linear) receives the 32x5x5 map of dropout; the forward is taken to flatten it (torch.flatten(x, 1) or x.view(x.size(0), -1)) into 32*5*5 = 800 features, its in_features\n")
    }

    @Test func printedModelCanBePastedOrPiped() throws {
        let text = try String(contentsOf: Self.printedModels.appendingPathComponent("vgg16.txt"), encoding: .utf8)
        let pasted = try run(["-e", text, "--input", "3x224x224"])
        #expect(pasted.status == 0)
        #expect(pasted.stdout.contains("Total parameters:            138,357,544"))
        #expect(pasted.stdout.contains("classifier.0"))
        let piped = try run(["-", "--input", "3,224,224", "--depth", "1"], stdin: text)
        #expect(piped.status == 0)
        #expect(piped.stdout.hasPrefix("41 layers in 5 rows to depth 1"))
        #expect(piped.stderr.contains("note: the forward is taken to flatten the map between avgpool and classifier (the row flatten)"))
    }

    @Test func printedModelWithoutInputSaysHowToGiveIt() throws {
        let path = Self.printedModels.appendingPathComponent("mnist_cnn.txt").path
        let result = try run([path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: \(path):1:1: the printed model does not say the shape of its input; give one example's shape, batch excluded and channels first: --input 1xHxW (conv1 declares in_channels=1), with your input's height x width, e.g. --input 1x28x28\n")
    }

    @Test func everyProblemIsAnErrorLineWithItsFix() throws {
        let path = Self.printedModels.appendingPathComponent("two_wrong.txt").path
        let result = try run([path, "--input", "1x28x28"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            error: \(path):5:19: conv2: receives 32 channels (the 32x12x12 output of pool1), declared in_channels=16; fix: set in_channels=32
            error: \(path):8:17: fc1: receives 32*5*5 = 800 features (the 32x5x5 output of dropout), declared in_features=512; fix: set in_features=800

            """ + Self.mnistNotes + "note: whatever the data flow, the modules declare 139,434 parameters (139,434 trainable) and 65 values of state (buffers), counted as PyTorch counts\n")
    }

    @Test func inputIsOnlyForFormatsThatDoNotStateIt() throws {
        let cnn = try run(["-e", "input 28x28x1; conv 8 3", "--input", "1x28x28"])
        #expect(cnn.status == 2)
        #expect(cnn.stdout.isEmpty)
        #expect(cnn.stderr.contains("--input 1x28x28 is for a model printed by PyTorch; a .cnn network, whose first line is its input, states its own input"))
        let keras = try run([Self.keraFixture, "--input", "1x28x28"])
        #expect(keras.status == 2)
        let malformed = try run([Self.printedModels.appendingPathComponent("mnist_cnn.txt").path, "--input", "1x28xq"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("1x28xq"))
    }

    static var keraFixture: String { Fixtures.directory.appendingPathComponent("keras/plain_cnn.json").path }
}
