import CNNCalc
import Testing

/// Text that is not a model PyTorch printed, or that CNNCalc cannot read: one located error each.
@Suite struct PyTorchReaderErrorTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var text: String
        var kind: CNNCalcError.Kind
        var message: String
        var testDescription: String { message }
    }

    static let conv = "Conv2d(1, 32, kernel_size=(5, 5), stride=(1, 1))"

    static let cases: [ErrorCase] = [
        // Brackets.
        .init(text: "Net(\n  (conv1): Conv2d(1, 32, kernel_size=(5, 5)\n  (fc): ReLU()\n)", kind: .syntax,
              message: "m.txt:2:18: conv1 (Conv2d) opens 1 more '(' than this line closes; paste the line as print(model) writes it, with every '(' closed on the line, or a '(' alone at its end to open a block"),
        .init(text: "Net(\n  (conv1): Conv2d(1, 32, kernel_size=(5, 5)))\n)", kind: .syntax,
              message: "m.txt:2:18: conv1 (Conv2d) closes 1 more ')' than this line opens; paste the line as print(model) writes it, with every '(' closed on the line, or a '(' alone at its end to open a block"),
        .init(text: "Net(\n  (features): Sequential(\n    (0): \(conv)\n  (fc): ReLU()\n)", kind: .syntax,
              message: "m.txt:4:3: features (Sequential), opened at line 2, is not closed before this line (it is indented less than the lines inside); add the missing ')' on its own line after the last line of features"),
        .init(text: "Net(\n  (conv1): \(conv)\n", kind: .syntax,
              message: "m.txt:3:1: the text ends inside Net, opened at line 1, so a ')' is missing; paste the whole output of print(model), down to its last ')'"),
        .init(text: "Net(\n  (conv1): \(conv)\n)\n)", kind: .syntax,
              message: "m.txt:4:1: this ')' closes no module; remove it, or paste the whole output of print(model)"),
        .init(text: "Net(\n  (conv1): \(conv)\n)\nNet2(\n)", kind: .syntax,
              message: "m.txt:4:1: text after the end of the model (its last ')' is at an earlier line); paste one model, or remove the extra text"),
        .init(text: "Net(\n  (conv1) \(conv)\n)", kind: .syntax,
              message: "m.txt:2:3: expected '(name): Module(...)', found '(conv1) Conv2d(1, 32, kernel_size=(5, 5), stride=(1, 1))'; each child is written '(name): Module(...)', as print(model) writes it"),
        .init(text: "Net(\n  (conv1): Conv2d 1, 32\n)", kind: .syntax,
              message: "m.txt:2:12: expected a module such as 'Conv2d(...)', found 'Conv2d 1, 32'; paste the text exactly as print(model) writes it"),
        .init(text: "Net(\n  (a): ReLU()\n  (a): ReLU()\n)", kind: .syntax,
              message: "m.txt:3:8: Net has two children called 'a'; give each child its own name, as print(model) writes them"),
        .init(text: "Net(\n  (layers): ModuleList(\n    (0-2): 2 x ReLU()\n  )\n)", kind: .syntax,
              message: "m.txt:3:12: '(0-2): 2 x' does not name 2 children numbered first-last; write it as print(model) does, e.g. '(0-1): 2 x TransformerEncoderLayer('"),
        .init(text: "Net(\n  (d): Dropout(p='0.5)\n)", kind: .syntax,
              message: "m.txt:2:18: the quote ' is never closed; close it with '"),
        .init(text: "", kind: .syntax,
              message: "m.txt:1:1: the text holds no module; paste the output of print(model), e.g. 'Net(' ... ')'"),
        // Unknown modules.
        .init(text: "Net(\n  (conv1): Conv2D(1, 32, kernel_size=(5, 5))\n)", kind: .unknownLayer,
              message: "m.txt:2:12: conv1: unknown module 'Conv2D'; did you mean 'Conv2d'?"),
        .init(text: "Net(\n  (fc): Linaer(in_features=8, out_features=2, bias=True)\n)", kind: .unknownLayer,
              message: "m.txt:2:9: fc: unknown module 'Linaer'; did you mean 'Linear'?"),
        .init(text: "Net(\n  (attn): SelfAttention()\n)", kind: .unknownLayer,
              message: "m.txt:2:11: attn: unknown module 'SelfAttention'; a module of your own that prints no children cannot be read; CNNCalc reads torch.nn's layers (Conv2d, Linear, LSTM, ...), see the README"),
        .init(text: "Net(\n  (act): Hardtanh(min_val=-1.0, max_val=1.0)\n)", kind: .unknownLayer,
              message: "m.txt:2:10: act: Hardtanh is not supported: CNNCalc has no activation of that name; analyse the model without it, or describe it in the .cnn format"),
        // Missing, unknown and mistyped arguments.
        .init(text: "Net(\n  (conv1): Conv2d(1, 32)\n)", kind: .badArgument,
              message: "m.txt:2:12: conv1: Conv2d needs kernel_size, which the text does not give; print(model) always writes it: paste its line unchanged, e.g. with kernel_size=(3, 3)"),
        .init(text: "Net(\n  (fc): Linear(out_features=10, bias=True)\n)", kind: .badArgument,
              message: "m.txt:2:9: fc: Linear needs in_features, which the text does not give; print(model) always writes it: paste its line unchanged, e.g. with Linear(in_features=800, out_features=256)"),
        .init(text: "Net(\n  (conv1): Conv2d(1, 32, kernel_size=five)\n)", kind: .badArgument,
              message: "m.txt:2:26: conv1: kernel_size must be a whole number or a tuple of them, not 'five'; write e.g. kernel_size=(3, 3)"),
        .init(text: "Net(\n  (conv1): Conv2d(1, 32, kernel_size=3, strides=2)\n)", kind: .badArgument,
              message: "m.txt:2:41: conv1: Conv2d has no argument 'strides'; did you mean 'stride'?"),
        .init(text: "Net(\n  (conv1): Conv2d(1, 32, kernel_size=3, padding=sam)\n)", kind: .badArgument,
              message: "m.txt:2:41: conv1: padding=sam is not a number, a tuple, 'same' or 'valid'; did you mean 'same'?"),
        .init(text: "Net(\n  (fc): Linear(in_features=8.5, out_features=2)\n)", kind: .badArgument,
              message: "m.txt:2:16: fc: in_features must be a whole number, not '8.5'; write e.g. Linear(in_features=800, out_features=256)"),
        .init(text: "Net(\n  (bn): BatchNorm2d(32, affine=yes)\n)", kind: .badArgument,
              message: "m.txt:2:25: bn: affine must be True or False, not 'yes'; write affine=True or affine=False"),
        .init(text: "Net(\n  (d): Dropout(p=abc)\n)", kind: .badArgument,
              message: "m.txt:2:16: d: p must be a number, not 'abc'; write e.g. p=0.5"),
        .init(text: "Net(\n  (d): Dropout(p=1.5)\n)", kind: .badArgument,
              message: "m.txt:2:16: d: p=1.5 is outside [0.0, 1.0]; write e.g. p=0.5"),
        .init(text: "Net(\n  (conv1): Conv2d(1, 32, kernel_size=(0, 5))\n)", kind: .badArgument,
              message: "m.txt:2:26: conv1: kernel_size=(0, 5) must be at least 1; write e.g. kernel_size=(3, 3)"),
        .init(text: "Net(\n  (conv1): Conv2d(1, 32, 3, 1, 0, 1, 1, True, 'zeros', 7)\n)", kind: .badArgument,
              message: "m.txt:2:56: conv1: Conv2d takes at most 9 unnamed arguments (in_channels, out_channels, kernel_size), but '7' is one more; write it as name=value, as print(model) does"),
        .init(text: "Net(\n  (fc): Linear(in_features=8, out_features=2, bias=True, bias=False)\n)", kind: .syntax,
              message: "m.txt:2:58: the argument 'bias' is written twice; keep one 'bias='"),
        .init(text: "Net(\n  (fc): Linear(in_features=8, 2)\n)", kind: .syntax,
              message: "m.txt:2:31: the value '2' has no name but follows named arguments; write it as name=value, as PyTorch prints it"),
        .init(text: "Net(\n  (f): Flatten(start_dim=2, end_dim=-1)\n)", kind: .badArgument,
              message: "m.txt:2:16: f: Flatten with start_dim=2 is not supported: CNNCalc flattens every axis after the batch (start_dim=1, end_dim=-1); analyse the model without it, or describe it in the .cnn format"),
        .init(text: "Net(\n  (u): Upsample(scale_factor=1.5, mode='nearest')\n)", kind: .badArgument,
              message: "m.txt:2:17: u: scale_factor=1.5 is not a whole number, and CNNCalc upsamples by whole factors; use a whole factor such as 2.0, or size="),
        .init(text: "Net(\n  (rnn): LSTM(8, 4, proj_size=2)\n)", kind: .badArgument,
              message: "m.txt:2:21: rnn: LSTM with proj_size=2 is not supported: CNNCalc's LSTM has no projection of its hidden state; analyse the model without it, or describe it in the .cnn format"),
        .init(text: "Net(\n  (attn): MultiheadAttention(\n    (proj): Linear(in_features=8, out_features=8, bias=True)\n  )\n)", kind: .badArgument,
              message: "m.txt:2:11: attn: attn (MultiheadAttention) does not print as PyTorch's MultiheadAttention does, with one child (out_proj): Linear; paste the text print(model) writes"),
    ]

    @Test(arguments: cases)
    func malformedText(_ errorCase: ErrorCase) {
        let error = #expect(throws: CNNCalcError.self) {
            try PyTorchTextReader.model(from: errorCase.text, source: "m.txt", inputSizes: [1, 28, 28])
        }
        #expect(error?.kind == errorCase.kind)
        #expect(error?.description == errorCase.message)
    }

    @Test func nestedRepeatsCannotMakeBillionsOfModules() {
        var text = "Net(\n"
        for depth in 0..<5 { text += String(repeating: " ", count: 2 * depth + 2) + "(0-99999): 100000 x Sequential(\n" }
        text += String(repeating: " ", count: 12) + "(0): ReLU()\n"
        for depth in (0..<5).reversed() { text += String(repeating: " ", count: 2 * depth + 2) + ")\n" }
        text += ")\n"
        let error = #expect(throws: CNNCalcError.self) { try PyTorchTextReader.model(from: text, source: "m.txt", inputSizes: [8]) }
        #expect(error?.description == "m.txt:9:9: the text makes more than 1,000,000 modules once its repeated blocks are expanded; check the counts of the '(a-b): N x' lines")
    }

    @Test func deepNestingIsRefused() {
        let text = "Net(\n" + String(repeating: "(a): Sequential(\n", count: 600) + String(repeating: ")\n", count: 601)
        let error = #expect(throws: CNNCalcError.self) { try PyTorchTextReader.model(from: text, source: "m.txt", inputSizes: [8]) }
        #expect(error?.description == "m.txt:501:6: blocks are nested more than 500 deep; check that this is the output of print(model)")
    }
}
