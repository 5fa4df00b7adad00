import CNNCalcTestSupport
import Foundation
import Testing

/// `cnncalc` on Lasagne and nolearn Python: files, pasted text, `--style nolearn`, and errors.
extension CommandLineTests {
    static let nolearnMNIST = Fixtures.directory.appendingPathComponent("lasagne/nolearn_mnist.py").path

    @Test func aNolearnFileIsReportedInLasagnesConvention() throws {
        let result = try run([Self.nolearnMNIST])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        expectGolden(result.stdout, named: "nolearn-mnist.stdout.txt")
    }

    @Test func styleNolearnPrintsNolearnsLayerInformation() throws {
        let result = try run([Self.nolearnMNIST, "--style", "nolearn"])
        #expect(result.status == 0)
        expectGolden(result.stdout, named: "nolearn-mnist-style.stdout.txt")
    }

    @Test func pastedLasagneCallsAreRecognised() throws {
        let result = try run(["-e", "l = InputLayer((None, 1, 28, 28))\nl = Conv2DLayer(l, num_filters=32, filter_size=(5, 5))", "--style", "nolearn"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  1  conv2d1  32x24x24           832"))
    }

    @Test func lasagneErrorsPointAtThePastedText() throws {
        let result = try run(["-e", "l = InputLayer((None, 1, 28, 28))\nl = Conv2DLayer(l, 32, 5, padding=1)"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: -e:2:5: Conv2DLayer has no argument 'padding'; did you mean 'pad'?\n")
    }

    @Test func styleNolearnIsATableLayout() throws {
        let result = try run([Self.nolearnMNIST, "--style", "nolearn", "--format", "json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--style nolearn lays out the table"))
    }
}
