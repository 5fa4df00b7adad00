import CNNCalc
import CNNCalcTestSupport
import Foundation
import Testing

/// `cnncalc zoo` and `cnncalc --zoo NAME` with the knobs, against torchvision's numbers.
extension CommandLineTests {
    /// The totals torchvision reported for a zoo case (`Tests/Fixtures/zoo/torchvision.json`).
    struct ZooTotals: Decodable {
        struct Case: Decodable {
            struct Options: Decodable {
                var `case`: String
            }

            var model: String
            var options: Options
            var parameters: Int
            var multAdds: Int
        }

        var cases: [Case]

        static let document = Fixtures.decode(ZooTotals.self, from: "zoo/torchvision.json")

        static func parameters(_ model: String, _ label: String) throws -> Case {
            try #require(document.cases.first { $0.model == model && $0.options.case == label })
        }
    }

    /// The number on the footer line that starts with `label`, e.g. `Total parameters:`.
    private func total(_ label: String, in stdout: String) -> Int? {
        let line = stdout.split(separator: "\n").first { $0.hasPrefix(label) }
        return line.flatMap { Int($0.dropFirst(label.count).filter(\.isNumber)) }
    }

    @Test func zooListsEveryModelWithItsCount() throws {
        let result = try run(["zoo"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("name "))
        #expect(lines[0].hasSuffix("parameters    MACs"))
        for model in Zoo.models {
            let row = try #require(lines.first { $0.hasPrefix(model.name + " ") }, "\(model.name) is not listed")
            let report = try Analyzer(options: AnalysisOptions(convention: model.convention)).analyze(try Zoo.model(model.name))
            #expect(row.contains("  \(NumberFormatting.grouped(report.totals.parameters))  "), "\(row)")
            #expect(row.contains(model.paper.short) && row.contains(model.framework))
        }
        #expect(result.stdout.contains("\(Zoo.models.count) models."))
    }

    @Test func zooListsTorchinfoMultAdds() throws {
        let result = try run(["zoo", "--macs", "torchinfo"])
        let expected = try ZooTotals.parameters("resnet50", "default")
        let row = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("resnet50 ") })
        #expect(row.hasSuffix(NumberFormatting.humanized(expected.multAdds)))
    }

    /// The totals Keras reported for a `keras/` zoo case (`Tests/Fixtures/zoo/keras.json`).
    struct KerasZooTotals: Decodable {
        struct Case: Decodable {
            struct Options: Decodable {
                var `case`: String
            }

            var model: String
            var options: Options
            var parameters: Int
            var trainable: Int
            var nonTrainable: Int
        }

        var cases: [Case]

        static let document = Fixtures.decode(KerasZooTotals.self, from: "zoo/keras.json")
    }

    /// A Keras model takes its input channels last and is counted as Keras counts.
    @Test func kerasZooModelWithAnotherInputAndClasses() throws {
        let result = try run(["--zoo", "keras/resnet50", "--input", "160x200x3", "--classes", "10"])
        #expect(result.status == 0)
        let expected = try #require(KerasZooTotals.document.cases.first {
            $0.model == "keras/resnet50" && $0.options.case == "input and classes"
        })
        #expect(total("Total parameters:", in: result.stdout) == expected.parameters)
        #expect(total("Trainable parameters:", in: result.stdout) == expected.trainable)
        #expect(total("Non-trainable parameters:", in: result.stdout) == expected.nonTrainable)
        #expect(result.stdout.contains("(hwc, channels last)"))
        #expect(result.stdout.contains("Counted as Keras counts"))
    }

    @Test func zooModelWithAnotherInputAndClasses() throws {
        let result = try run(["--zoo", "resnet50", "--input", "3x512x512", "--classes", "10"])
        #expect(result.status == 0)
        #expect(total("Total parameters:", in: result.stdout) == (try ZooTotals.parameters("resnet50", "input and classes")).parameters)
        #expect(result.stdout.contains("  fc                      dense                10  "))
        #expect(result.stdout.contains("Counted as PyTorch counts"))
        #expect(result.stderr == """
            note: resnet50: ResNet-50 (He et al., 2016, "Deep Residual Learning for Image Recognition", CVPR 2016, arXiv:1512.03385), as in torchvision 0.28
            note: torchvision's bottleneck strides its 3x3 convolution, not the first 1x1 (ResNet v1.5)

            """)
    }

    @Test func zooModelWithoutItsTop() throws {
        let result = try run(["--zoo", "vgg16", "--no-top", "--format", "json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let totals = try #require(object?["totals"] as? [String: Any])
        #expect(totals["parameters"] as? Int == (try ZooTotals.parameters("vgg16", "no top")).parameters)
    }

    @Test func zooModelAtAnotherWidth() throws {
        let result = try run(["--zoo", "mobilenet_v2", "--width", "0.5", "--macs", "torchinfo"])
        let expected = try ZooTotals.parameters("mobilenet_v2", "width")
        #expect(total("Total parameters:", in: result.stdout) == expected.parameters)
        #expect(total("Total mult-adds (torchinfo):", in: result.stdout) == expected.multAdds)
    }

    /// ViT-B/16 at image_size=384: 577 tokens, and torchinfo's total, which leaves out the attention.
    @Test func zooVisionTransformerAtAnotherImageSize() throws {
        let result = try run(["--zoo", "vit_b_16", "--input", "3x384x384", "--classes", "10", "--macs", "torchinfo"])
        #expect(result.status == 0)
        let expected = try ZooTotals.parameters("vit_b_16", "input and classes")
        #expect(total("Total parameters:", in: result.stdout) == expected.parameters)
        #expect(total("Total mult-adds (torchinfo):", in: result.stdout) == expected.multAdds)
        #expect(result.stdout.contains("  encoder.pos_embedding  "))
        #expect(result.stderr.contains("note: vit_b_16: ViT-B/16 (Dosovitskiy et al., 2021"))
    }

    @Test func kerasEfficientNetWithoutItsTop() throws {
        let result = try run(["--zoo", "keras/efficientnetb0", "--no-top"])
        #expect(result.status == 0)
        let expected = try #require(KerasZooTotals.document.cases.first {
            $0.model == "keras/efficientnetb0" && $0.options.case == "no top"
        })
        #expect(total("Total parameters:", in: result.stdout) == expected.parameters)
        #expect(total("Trainable parameters:", in: result.stdout) == expected.trainable)
        #expect(total("Non-trainable parameters:", in: result.stdout) == expected.nonTrainable)
    }

    @Test func zooInputIsWrittenInTheModelsLayout() throws {
        // seed/matlab is listed channels last (50x50x2), as MATLAB writes it.
        let result = try run(["--zoo", "seed/matlab", "--input", "28x28x1", "--classes", "10"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("2  conv        conv 5x5  24×24×20     Weights 5×5×1×20, Bias 1×1×20      520"))
        #expect(result.stdout.contains("Counted as MATLAB counts"))
    }

    @Test func zooLeNet() throws {
        let result = try run(["--zoo", "lenet5"])
        #expect(result.status == 0)
        expectGolden(result.stdout, named: "zoo-lenet5.stdout.txt")
    }

    @Test func zooUnknownModel() throws {
        let result = try run(["--zoo", "resnet5"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: the zoo has no model named 'resnet5'; did you mean 'resnet50'? 'cnncalc zoo' lists every model (Zoo.names in the library)\n")
    }

    @Test func zooKnobTheFamilyLacks() throws {
        let result = try run(["--zoo", "resnet50", "--width", "0.5"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: resnet50 (ResNet) has no width multiplier (width, --width); leave it out; the models with one are mobilenet_v2, mobilenet_v3_small, mobilenet_v3_large, mnasnet1_0, keras/mobilenetv2, keras/mobilenet\n")
    }

    @Test func zooInputTooSmall() throws {
        let result = try run(["--zoo", "inception_v3", "--input", "3x64x64"])
        #expect(result.status == 1)
        // Every branch of Mixed_7a that no longer fits is reported, not only the first.
        #expect(result.stderr == """
            error: Mixed_7a.branch3x3_2.conv: kernel 3x3 does not fit the 2x2 input (padding 0); fix: use padding=same or a kernel of at most 2
            error: Mixed_7a.branch7x7x3_4.conv: kernel 3x3 does not fit the 2x2 input (padding 0); fix: use padding=same or a kernel of at most 2
            error: Mixed_7a.max_pool2d: pool 3x3 does not fit the 2x2 input (padding 0); fix: use padding=same or a pool of at most 2

            """)
    }

    @Test(arguments: [
        (["--classes", "10"], "Error: --classes sets a knob of a zoo model; add --zoo NAME ('cnncalc zoo' lists the models)"),
        (["--no-top"], "Error: --no-top sets a knob of a zoo model; add --zoo NAME ('cnncalc zoo' lists the models)"),
        (["--zoo", "vgg16", "--classes", "10", "--no-top"],
         "Error: --classes sets the outputs of the classifier, which --no-top leaves out; give one or the other"),
        (["net.cnn", "--zoo", "vgg16"], "Error: give either a file, -e or --zoo, not two"),
        (["--zoo", "vgg16", "--input", "3x0x9"], "Error: The value '3x0x9' is invalid for '--input <size>'"),
    ])
    func zooUsageErrors(arguments: [String], message: String) throws {
        let result = try run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(message + "\n"))
    }
}
