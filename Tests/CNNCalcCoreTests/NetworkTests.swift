import CNNCalcCore
import Testing

@Suite struct NetworkTests {
    @Test func builderNamesLayersAfterTheirKind() throws {
        let network = try Network {
            Input(height: 28, width: 28, channels: 1)
            Convolution(filters: 32, kernelSize: [5])
            Pooling(.max, poolSize: [2])
            Convolution(filters: 32, kernelSize: [3]).named("conv1")
            Dense(units: 10)
        }
        #expect(network.layers.map(\.name) == ["input", "conv2", "maxpool1", "conv1", "dense1"])
        #expect(network.predecessors == [[], [0], [1], [2], [3]])
    }

    @Test func residualWiring() throws {
        let network = try Network {
            Input(height: 32, width: 32, channels: 3)
            Convolution(filters: 16, kernelSize: [3], padding: .same).named("stem")
            Convolution(filters: 16, kernelSize: [3], padding: .same).named("branch")
            Add().named("sum").inputs("stem", "branch")
        }
        #expect(network.predecessors[3] == [1, 2])
    }

    @Test func layersWrittenBeforeTheirInputsAreOrdered() throws {
        let network = try Network(layers: [
            Layer(name: "in", kind: .input(Input(height: 8, width: 8, channels: 1))),
            Layer(name: "late", kind: .flatten(Flatten()), inputs: ["early"]),
            Layer(name: "early", kind: .flatten(Flatten()), inputs: ["in"]),
        ])
        #expect(network.topologicalOrder == [0, 2, 1])
    }

    private func location(_ line: Int) -> CNNCalcCore.SourceLocation { CNNCalcCore.SourceLocation(source: "net.cnn", line: line, column: 1) }

    @Test func duplicateNames() {
        let error = #expect(throws: CNNCalcError.self) {
            try Network(layers: [
                Layer(name: "in", kind: .input(Input(height: 8, width: 8, channels: 1)), location: location(1)),
                Layer(name: "in", kind: .flatten(Flatten()), location: location(2)),
            ])
        }
        #expect(error?.description == "net.cnn:2:1: in: the name 'in' is already used by layer 1 at net.cnn:1:1; give each layer its own name")
    }

    @Test func danglingNameSuggestsTheClosest() {
        let error = #expect(throws: CNNCalcError.self) {
            try Network(layers: [
                Layer(name: "input", kind: .input(Input(height: 8, width: 8, channels: 1)), location: location(1)),
                Layer(name: "stem", kind: .flatten(Flatten()), location: location(2)),
                Layer(name: "sum", kind: .add(Add()), inputs: ["stem", "stme2"], location: location(3)),
            ])
        }
        #expect(error?.kind == .graph)
        #expect(error?.description == "net.cnn:3:1: sum: inputs names 'stme2', but no layer has that name; did you mean 'stem'?")
    }

    @Test func cyclesAreNamed() {
        let error = #expect(throws: CNNCalcError.self) {
            try Network(layers: [
                Layer(name: "input", kind: .input(Input(height: 8, width: 8, channels: 1)), location: location(1)),
                Layer(name: "a", kind: .add(Add()), inputs: ["input", "b"], location: location(2)),
                Layer(name: "b", kind: .flatten(Flatten()), inputs: ["a"], location: location(3)),
            ])
        }
        #expect(error?.description == "net.cnn:2:1: a: the layers a -> b -> a form a cycle; data must flow one way; change the inputs= of one of these layers")
    }

    @Test func missingInputLayer() {
        let error = #expect(throws: CNNCalcError.self) {
            try Network(layers: [Layer(name: "conv1", kind: .convolution(Convolution(filters: 3, kernelSize: [3])), location: location(1))])
        }
        #expect(error?.description == "net.cnn:1:1: conv1: the network has no input layer; start with a line such as 'input 28x28x1' (height x width x channels)")
    }

    @Test func mergeNeedsTwoInputs() {
        let error = #expect(throws: CNNCalcError.self) {
            try Network(layers: [
                Layer(name: "input", kind: .input(Input(height: 8, width: 8, channels: 1)), location: location(1)),
                Layer(name: "sum", kind: .add(Add()), inputs: ["input"], location: location(2)),
            ])
        }
        #expect(error?.description == "net.cnn:2:1: sum: add merges two or more layers, but only 'input' is named; list every layer it merges, e.g. 'inputs=a,b'")
    }

    @Test func emptyNetwork() {
        let error = #expect(throws: CNNCalcError.self) { try Network(layers: []) }
        #expect(error?.description == "the network has no layers; start with an input line such as 'input 28x28x1'")
    }

    @Test func sharedLearnablesMustNameAnotherLayer() {
        let error = #expect(throws: CNNCalcError.self) {
            try Network(layers: [
                Layer(name: "input", kind: .input(Input(.vector(features: 8))), location: location(1)),
                Layer(name: "fc", kind: .dense(Dense(units: 4)), location: location(2), sharesLearnablesWith: "fc0"),
            ])
        }
        #expect(error?.description == "net.cnn:2:1: fc: the layer reuses the learnables of 'fc0', but no other layer has that name; name the layer that holds the shared weights")
    }
}
