import CNNCalc
import CNNCalcTestSupport
import Testing

/// The registry and the library API: names, knobs, and the errors of a wrong request.
@Suite struct ZooRegistryTests {
    @Test func namesAreUniqueAndLowerCase() {
        #expect(Set(Zoo.names).count == Zoo.names.count)
        #expect(Zoo.names.allSatisfy { $0 == $0.lowercased() })
    }

    @Test func theRequiredModelsAreThere() {
        let required = [
            "seed/lasagne", "seed/matlab", "lenet5", "alexnet", "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16",
            "vgg16_bn", "vgg19", "vgg19_bn", "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
            "resnext50_32x4d", "wide_resnet50_2", "densenet121", "densenet169", "densenet201", "googlenet",
            "inception_v3", "squeezenet1_0", "squeezenet1_1", "mobilenet_v2", "mobilenet_v3_small",
            "mobilenet_v3_large", "mnasnet1_0", "efficientnet_b0", "efficientnet_b1", "efficientnet_b2",
            "efficientnet_b3", "regnet_y_400mf", "convnext_tiny", "shufflenet_v2_x1_0", "unet", "keras/resnet50",
            "keras/mobilenetv2", "keras/mobilenet", "keras/vgg16", "keras/densenet121", "keras/inceptionv3",
            "vit_b_16", "keras/efficientnetb0",
        ]
        #expect(required.filter { !Zoo.names.contains($0) } == [])
    }

    /// Every model is checked against a framework: torchvision's or Keras' fixture, or Lasagne's for `seed/lasagne`.
    @Test func everyModelHasFrameworkNumbers() {
        let checked = Set(ZooFixtures.torchvision.cases.map(\.model)).union(ZooFixtures.keras.cases.map(\.model))
            .union(["seed/lasagne"])
        #expect(Zoo.names.filter { !checked.contains($0) } == [])
    }

    @Test(arguments: Zoo.models.map(\.name))
    func everyModelAnalysesAtItsDefault(_ name: String) throws {
        let model = try Zoo.entry(named: name)
        let network = try Zoo.model(name)
        #expect(network.sourceConvention == model.convention)
        let report = try Analyzer().analyze(network)
        #expect(report.totals.parameters > 0)
        #expect(report.totals.uncostedLayers.isEmpty)
        #expect(report.layers[0].outputShape == model.defaultInput)
    }

    @Test func namesIgnoreCase() throws {
        #expect(try Zoo.entry(named: "ResNet50").name == "resnet50")
    }

    @Test func unknownNameSuggestsTheNearest() {
        let error = #expect(throws: CNNCalcError.self) { try Zoo.model("resnet5") }
        #expect(error?.kind == .badArgument)
        #expect(error?.description == "the zoo has no model named 'resnet5'; did you mean 'resnet50'? 'cnncalc zoo' lists every model (Zoo.names in the library)")
    }

    @Test func unknownNameFarFromEveryModel() {
        let error = #expect(throws: CNNCalcError.self) { try Zoo.model("transformer-xl") }
        #expect(error?.description == "the zoo has no model named 'transformer-xl'; 'cnncalc zoo' lists every model (Zoo.names in the library)")
    }

    @Test func aWidthForAFamilyWithoutOne() {
        let error = #expect(throws: CNNCalcError.self) { try Zoo.model("resnet50", width: 0.5) }
        #expect(error?.description == "resnet50 (ResNet) has no width multiplier (width, --width); leave it out; the models with one are mobilenet_v2, mobilenet_v3_small, mobilenet_v3_large, mnasnet1_0, keras/mobilenetv2, keras/mobilenet")
    }

    @Test func noTopForAModelWithoutAHead() {
        let error = #expect(throws: CNNCalcError.self) { try Zoo.model("seed/matlab", includesTop: false) }
        #expect(error?.description.hasPrefix("seed/matlab (question) has no head to leave out") == true)
    }

    @Test func classesWithoutTheTop() {
        let error = #expect(throws: CNNCalcError.self) { try Zoo.model("vgg16", classes: 10, includesTop: false) }
        #expect(error?.description == "vgg16: classes sets the outputs of the classifier, which includesTop: false leaves out; give either a number of classes or no top, not both")
    }

    @Test(arguments: [0, -3])
    func classesMustBePositive(_ classes: Int) {
        let error = #expect(throws: CNNCalcError.self) { try Zoo.model("alexnet", classes: classes) }
        #expect(error?.description == "alexnet: \(classes) classes is not a positive count of at most 2^40; give the number of classes, e.g. 10")
    }

    @Test(arguments: [0.0, -1.0, 65.0, .infinity, .nan])
    func widthMustBeAReasonableMultiplier(_ width: Double) {
        let error = #expect(throws: CNNCalcError.self) { try Zoo.model("mobilenet_v2", width: width) }
        #expect(error?.description == "mobilenet_v2: width \(width) is not a multiplier above 0 and at most 64; give a multiplier such as 0.5, 0.75 or 1.4")
    }

    @Test func inputOfTheWrongRank() {
        let error = #expect(throws: CNNCalcError.self) {
            try Zoo.model("resnet50", input: .featureMap(spatial: [224], channels: 3))
        }
        #expect(error?.description == "resnet50 takes a 2-D feature map, not the 1-D feature map 3x224; give channels, height and width, e.g. 3x224x224")
    }

    @Test func inputSizesMustBePositive() {
        let error = #expect(throws: CNNCalcError.self) {
            try Zoo.model("seed/matlab", input: .featureMap(spatial: [0, 50], channels: 2))
        }
        #expect(error?.description == "seed/matlab: input size 0 is not between 1 and 2^40; give an input such as 50x50x2")
    }

    /// An input too small for the network is the analysis' error, naming the layer where it stops.
    @Test func inputTooSmallForTheNetwork() throws {
        let network = try Zoo.model("inception_v3", input: .featureMap(spatial: [64, 64], channels: 3))
        let error = #expect(throws: CNNCalcError.self) { try Analyzer().analyze(network) }
        // 64 -> 31 -> 29 -> 29 -> 14 -> 14 -> 12 -> 5 (maxpool2), 2 after Mixed_6a: Mixed_7a's 3x3 of stride 2 no longer fits.
        #expect(error?.layerName == "Mixed_7a.branch3x3_2.conv")
    }

    @Test func knobsFollowTheFamily() throws {
        #expect(try Zoo.entry(named: "mobilenet_v2").knobs == [.input, .classes, .top, .width])
        #expect(try Zoo.entry(named: "resnet50").knobs == [.input, .classes, .top])
        #expect(try Zoo.entry(named: "seed/lasagne").knobs == [.input, .classes])
        #expect(ZooKnob.allCases.map(\.option) == ["--input", "--classes", "--no-top", "--width"])
    }

    @Test func aGrayscaleResNetHasAThirdOfTheStemWeights() throws {
        let gray = try Analyzer().analyze(try Zoo.model("resnet18", input: .featureMap(spatial: [224, 224], channels: 1)))
        let color = try Analyzer().analyze(try Zoo.model("resnet18"))
        #expect(color.layers[1].parameterCount == 7 * 7 * 3 * 64)
        #expect(gray.layers[1].parameterCount == 7 * 7 * 1 * 64)
    }

    @Test func citations() throws {
        let model = try Zoo.entry(named: "resnet50")
        #expect(model.paper.short == "He et al., 2016")
        #expect(model.paper.full == "He et al., 2016, \"Deep Residual Learning for Image Recognition\", CVPR 2016, arXiv:1512.03385")
    }
}
