import CNNCalc
import Testing

/// Malformed MATLAB, each error checked by its full text: where it is, what is wrong and the fix.
@Suite struct MATLABReaderErrorTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var text: String
        var kind: CNNCalcError.Kind
        var expected: String
        var testDescription: String { text.debugDescription }

        init(_ text: String, _ kind: CNNCalcError.Kind, _ expected: String) {
            (self.text, self.kind, self.expected) = (text, kind, expected)
        }
    }

    static let brackets: [ErrorCase] = [
        .init("layers = [imageInputLayer([28 28 1]) convolution2dLayer(5,20) reluLayer", .syntax,
              "net.m:1:10: '[' is never closed; add ']' where it ends"),
        .init("layers = [imageInputLayer([28 28 1]) convolution2dLayer(5,20)) reluLayer]", .syntax,
              "net.m:1:62: ')' does not match the '[' opened at 1:10; close that one first with ']'"),
        .init("layers = [\n  imageInputLayer([28 28 1)\n  reluLayer];", .syntax,
              "net.m:2:27: ')' does not match the '[' opened at 2:19; close that one first with ']'"),
        .init("x = 3);", .syntax, "net.m:1:6: ')' closes nothing: no '(' is open; remove it, or open its '(' before"),
        .init("x = 'same;", .syntax, "net.m:1:5: the text starting here is never closed; end it with ' on the same line"),
        .init("%{\nlayers = [reluLayer];\n", .syntax,
              "net.m:1:1: the block comment opened with %{ here is never closed; end it with a line holding only %}"),
    ]

    static let functions: [ErrorCase] = [
        .init("[imageInputLayer([28 28 1]) convolution2DLayer(5,20)]", .unknownLayer,
              "net.m:1:29: unknown layer function 'convolution2DLayer'; did you mean 'convolution2dLayer'?"),
        .init("[imageInputLayer([28 28 1]) maxPool2dLayer(2)]", .unknownLayer,
              "net.m:1:29: unknown layer function 'maxPool2dLayer'; did you mean 'maxPooling2dLayer'?"),
        .init("[imageInputLayer([28 28 1]) fullyconnectedLayer(10)]", .unknownLayer,
              "net.m:1:29: unknown layer function 'fullyconnectedLayer'; did you mean 'fullyConnectedLayer'?"),
        .init("numFilters = 8;\n[imageInputLayer([28 28 1]) convolution2dLayer(3,numFilter)]", .unknownLayer,
              "net.m:2:50: unknown function or variable 'numFilter'; did you mean 'numFilters'?"),
        .init("lgraph = layerGrapf(layers);", .unknownLayer, "net.m:1:10: unknown function or variable 'layerGrapf'; did you mean 'layerGraph'?"),
        .init("options = trainingOptions('sgdm');", .unknownLayer,
              "net.m:1:11: trainingOptions trains or runs a network, which CNNCalc does not do; remove this statement: CNNCalc counts the layers defined before it"),
    ]

    static let arguments: [ErrorCase] = [
        .init("[imageInputLayer([28 28 1]) convolution2dLayer(5)]", .badArgument,
              "net.m:1:29: convolution2dLayer needs filterSize and numFilters, but only filterSize is given; give numFilters too, e.g. convolution2dLayer(5,20)"),
        .init("[imageInputLayer([28 28 1]) fullyConnectedLayer]", .badArgument,
              "net.m:1:29: fullyConnectedLayer needs outputSize, but none is given; give outputSize too, e.g. fullyConnectedLayer(10)"),
        .init("[imageInputLayer([28 28 1]) clippedReluLayer('Name','clip')]", .badArgument,
              "net.m:1:29: clippedReluLayer needs ceiling, but none is given; give ceiling too, e.g. clippedReluLayer(10)"),
        .init("[imageInputLayer([28 28 1]) convolution2dLayer(5,20,2)]", .badArgument,
              "net.m:1:53: expected a name-value name such as 'Name' here, found 2; convolution2dLayer takes 2 positional arguments (filterSize and numFilters); remove the extra argument, or write it as a name-value pair such as convolution2dLayer(..., 'Name','layer1')"),
        .init("[imageInputLayer([28 28 1]) convolution2dLayer(5,20,'Strides',2)]", .badArgument,
              "net.m:1:53: convolution2dLayer has no name-value argument 'Strides'; did you mean 'Stride'?"),
        .init("[imageInputLayer([28 28 1]) maxPooling2dLayer(2,Strides=2)]", .badArgument,
              "net.m:1:49: maxPooling2dLayer has no name-value argument 'Strides'; did you mean 'Stride'?"),
        .init("[imageInputLayer([28 28 1]) reluLayer('Threshold',0)]", .badArgument,
              "net.m:1:39: reluLayer has no name-value argument 'Threshold'; it takes 'Name'"),
        .init("[imageInputLayer([28 28 1]) convolution2dLayer(5,20,'Stride')]", .badArgument,
              "net.m:1:53: the name 'Stride' has no value after it; give its value, e.g. 'Stride',value"),
    ]

    static let types: [ErrorCase] = [
        .init("[imageInputLayer([28 28 1]) convolution2dLayer('five',20)]", .badArgument,
              "net.m:1:48: convolution2dLayer: filterSize must be a positive whole number or a vector of 2, found 'five'; write e.g. convolution2dLayer(5,20)"),
        .init("[imageInputLayer([28 28 1]) convolution2dLayer(5,2.5)]", .badArgument,
              "net.m:1:50: convolution2dLayer: numFilters must be a positive whole number, found 2.5; write e.g. convolution2dLayer(5,20)"),
        .init("[imageInputLayer([28 28 1]) convolution2dLayer(5,20,'Stride',[2 2 2])]", .badArgument,
              "net.m:1:62: convolution2dLayer: 'Stride' must be a positive whole number or a vector of 2, found [2 2 2]; write e.g. 'Stride',2"),
        .init("[imageInputLayer([28 28 1]) convolution2dLayer(5,20,'Padding','sam')]", .badArgument,
              "net.m:1:63: convolution2dLayer: 'Padding' must be 'same' or whole numbers of 0 or more: p, [a b] or [top bottom left right], found 'sam'; write e.g. 'Padding','same' or 'Padding',1"),
        .init("[imageInputLayer([28 28 1]) convolution2dLayer(5,20,'Padding',[1 2 3])]", .badArgument,
              "net.m:1:63: convolution2dLayer: 'Padding' must be 'same' or whole numbers of 0 or more: p, [a b] or [top bottom left right], found [1 2 3]; write e.g. 'Padding','same' or 'Padding',1"),
        .init("[imageInputLayer([28 28 1]) convolution2dLayer(5,20,'Name',7)]", .badArgument,
              "net.m:1:60: convolution2dLayer: 'Name' must be a text, found 7; write e.g. 'Name','conv1'"),
        .init("[imageInputLayer('big')]", .badArgument,
              "net.m:1:18: imageInputLayer: inputSize must be a vector of 3 positive whole numbers ([h w c]), found 'big'; write e.g. imageInputLayer([28 28 1])"),
        .init("[sequenceInputLayer(12) lstmLayer(100,'OutputMode','final')]", .badArgument,
              "net.m:1:52: lstmLayer: 'OutputMode' must be 'sequence' or 'last', found 'final'; write 'OutputMode','sequence'"),
        .init("[imageInputLayer([28 28 1]) dropoutLayer(1.5)]", .badArgument,
              "net.m:1:42: dropoutLayer: probability must be a number from 0 up to (not including) 1, found 1.5; write e.g. dropoutLayer(0.5)"),
        .init("[imageInputLayer([28 28 1]) additionLayer(1)]", .badArgument,
              "net.m:1:43: additionLayer: numInputs must be 2 or more, found 1; write e.g. additionLayer(2)"),
        .init("[imageInputLayer([28 28 1]) convolution2dLayer(5,1e13)]", .badArgument,
              "net.m:1:50: convolution2dLayer: numFilters 10000000000000 is larger than 1,000,000,000,000, the largest size CNNCalc reads; check it for a typo"),
        .init("[imageInputLayer([28 28 1]) 5]", .badArgument,
              "net.m:1:29: a layer array can hold only layers, but this is 5; put layer functions such as reluLayer in the brackets"),
        .init("x = [1 2] * [3 4];", .badArgument,
              "net.m:1:11: '*' between [1 2] and [3 4] is a matrix product, which CNNCalc does not compute; use '.*' for elementwise arithmetic, or a number on one side"),
        .init("x = 1/0;", .badArgument, "net.m:1:6: 1 / 0 is not a finite number; check for a division by zero or a number too large"),
        .init("a = 5x5;", .syntax, "net.m:1:5: '5x5' is not a number; MATLAB writes a size as a vector: [5 5]"),
    ]

    static let statements: [ErrorCase] = [
        .init("for i = 1:3\n  layers = [layers reluLayer];\nend", .syntax,
              "net.m:1:1: 'for' starts a MATLAB control statement, which CNNCalc does not run; write the layers out one by one, or paste the layer array the code builds"),
        .init("layers = net.Layers;", .syntax,
              "net.m:1:13: field access with '.' is not read; CNNCalc reads the layers themselves; write them out instead of reading a property"),
        .init("layers = [imageInputLayer([28 28 1]) reluLayer]';", .syntax,
              "net.m:1:48: the transpose operator (') is not read; write the value without it"),
        .init("x = 1 +", .syntax, "net.m:1:8: expected a value, found the end of the line; complete the statement, or join lines with '...'"),
        .init("x = 3 4", .syntax,
              "net.m:1:7: expected the end of the statement, found '4'; end each statement with ';', ',' or a line break, or join lines with '...'"),
        .init("x = " + String(repeating: "(", count: 101) + "1" + String(repeating: ")", count: 101), .syntax,
              "net.m:1:105: the expression is nested more than 100 levels deep; split it into statements that assign variables"),
        .init("x = 1;", .graph,
              "net.m:1:1: the text defines no layers; write a layer array such as layers = [imageInputLayer([28 28 1]) convolution2dLayer(5,20) reluLayer]"),
    ]

    static let graphs: [ErrorCase] = [
        .init("lgraph = layerGraph();\nplot(lgraph)", .graph,
              "net.m:1:10: the network has no layers; add layers with addLayers, or write a layer array"),
        .init("[convolution2dLayer(3,8) reluLayer]", .graph,
              "net.m:1:2: conv: the network has no input layer; start it with imageInputLayer([h w c]), sequenceInputLayer(c) or featureInputLayer(n)"),
        .init("[imageInputLayer([28 28 1]) additionLayer(2)]", .graph,
              "net.m:1:29: addition: nothing is connected to input 'in2' of this additionLayer; connect a layer to it: lgraph = connectLayers(lgraph,'source','addition/in2')"),
        .init("[imageInputLayer([8 8 1]) reluLayer('Name','r') reluLayer('Name','r')]", .graph,
              "net.m:1:49: r: the name 'r' is already used by the layer at 1:27; give each layer its own 'Name'"),
        .init("g = layerGraph([imageInputLayer([8 8 1]) reluLayer('Name','r') additionLayer(2,'Name','add')]);\ng = connectLayers(g,'rr','add/in2');", .graph,
              "net.m:2:21: connectLayers: no layer is named 'rr'; did you mean 'r'?"),
        .init("g = layerGraph([imageInputLayer([8 8 1]) reluLayer('Name','r') additionLayer(2,'Name','add')]);\ng = connectLayers(g,'r','add/in3');", .graph,
              "net.m:2:25: connectLayers: 'add' has no input 'in3'; its inputs are 'add/in1' and 'add/in2'"),
        .init("g = layerGraph([imageInputLayer([8 8 1]) reluLayer('Name','r') additionLayer(2,'Name','add')]);\ng = connectLayers(g,'imageinput','add/in1');", .graph,
              "net.m:2:34: connectLayers: the input 'add/in1' is already connected from 'r'; disconnect it first: lgraph = disconnectLayers(lgraph,'r','add/in1')"),
        .init("g = layerGraph([imageInputLayer([8 8 1]) reluLayer('Name','r')]);\ng = connectLayers(g,'r','imageinput');", .graph,
              "net.m:2:25: connectLayers: 'imageinput' is an input layer and takes no input; connect the input layer's output to another layer"),
        .init("g = layerGraph([imageInputLayer([8 8 1]) reluLayer('Name','r')]);\ng = addLayers(g, tanhLayer('Name','t'));", .graph,
              "net.m:2:18: t: nothing is connected to the input of this tanhLayer; connect a layer to it: lgraph = connectLayers(lgraph,'source','t')"),
        .init("net = dlnetwork([featureInputLayer(4) fullyConnectedLayer(2) softmaxLayer classificationLayer]);", .graph,
              "net.m:1:75: classoutput: dlnetwork takes no output layers, but classificationLayer 'classoutput' is one; remove classificationLayer from the layers of a dlnetwork (trainnet computes the loss), or use layerGraph"),
        .init("g = addLayers([imageInputLayer([8 8 1])], reluLayer);", .badArgument,
              "net.m:1:15: addLayers needs a layer graph or a dlnetwork, found a layer array of 1 layer; make a graph of the array first: lgraph = layerGraph(layers)"),
    ]

    // Text built to hurt: every one ends at once with an error at its place.
    static let hostile: [ErrorCase] = [
        .init("x = 1\u{200B};", .syntax, "net.m:1:6: unexpected invisible character U+200B; delete it: MATLAB code holds only printable text"),
        .init("x = 'a\u{0007}';", .syntax, "net.m:1:7: unexpected control character U+0007 in a text; delete it"),
        .init("x = 1e400;", .syntax, "net.m:1:5: the number '1e400' is too large; check it for a typo"),
        .init("x = 1:1e9;", .badArgument, "net.m:1:6: the range has 1000000000 values, more than 1000000; check its ends for a typo"),
        .init("x = 1:1e5; y = [x x x x x x x x x x x];", .badArgument,
              "net.m:1:16: the array has 1100000 values, more than 1000000; check it for a typo"),
        .init("x = 10^400;", .badArgument, "net.m:1:7: 10 ^ 400 is not a finite number; check for a division by zero or a number too large"),
    ]

    @Test(arguments: brackets + functions + arguments + types + statements + graphs + hostile)
    func readingFails(_ errorCase: ErrorCase) {
        let error = #expect(throws: CNNCalcError.self) { try MATLABTesting.network(errorCase.text) }
        #expect(error?.kind == errorCase.kind)
        #expect(error?.description == errorCase.expected)
    }

    // The analysis points back at the call that declared what does not arrive.
    @Test(arguments: [
        ("[imageInputLayer([28 28 1])\n convolution2dLayer(5,20,'NumChannels',3)]",
         "net.m:2:2: conv: receives 1 channel (the 28x28x1 output of imageinput), declared 'NumChannels',3; set 'NumChannels',1, or leave it out to take what arrives"),
        ("[imageInputLayer([7 7 24]) fullyConnectedLayer(3,'InputSize',1000)]",
         "net.m:1:28: fc: receives 7*7*24 = 1176 features (the 7x7x24 output of imageinput), declared 'InputSize',1000; set 'InputSize',1176, or leave it out to take what arrives"),
        ("[imageInputLayer([28 28 1]) convolution2dLayer(50,20)]",
         "net.m:1:29: conv: kernel 50x50 does not fit the 28x28 input (padding 0); use padding=same or a kernel of at most 28"),
        ("[imageInputLayer([28 28 1]) lstmLayer(10)]",
         "net.m:1:29: lstm: lstm needs a sequence (steps x features) or a 1-D feature map, but its input is a 2-D feature map 28x28x1; give it a sequence, e.g. 'input 50x300 kind=sequence', or flatten the map's spatial axes into steps first"),
    ])
    func analysisFailsAtTheLayer(text: String, expected: String) throws {
        let network = try MATLABTesting.network(text)
        let error = #expect(throws: CNNCalcError.self) { try Analyzer(options: AnalysisOptions(convention: .matlab)).analyze(network) }
        #expect(error?.description == expected)
    }
}
