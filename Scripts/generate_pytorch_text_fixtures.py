"""Prints PyTorch models and records what PyTorch itself says about them.

Writes Tests/Fixtures/pytorch-text/<model>.txt, the text of print(model), and
Tests/Fixtures/pytorch-text/expected.json, which records per model:
  input       = one example's shape, batch excluded, channels first (what
                `cnncalc <model>.txt --input ...` is given);
  parameters  = sum(p.numel() for p in model.parameters()),
  trainable   = the same over parameters with requires_grad,
  buffers     = sum(b.numel() for b in model.buffers()) (running statistics
                and num_batches_tracked);
  modules     = for every module but the model itself, in the order of
                named_modules(): its path, class, whether it is a leaf (has no
                children), and the output shape of each of its calls, without
                the batch axis, from forward hooks on a forward pass of one
                example (the first value when a module returns a tuple, as
                LSTM and MultiheadAttention do);
  error       = for a model that does not fit together, the message of the
                exception its forward raises (None otherwise);
  problems    = for such a model, every module whose declared input size is
                wrong: the argument, the declared value and the size that
                arrives, measured by a forward pre-hook on the same module in
                a copy of the model with the declarations corrected.

The models: two MNIST CNNs (named submodules with a functional forward, and
nested Sequentials), torchvision's resnet18, resnet50, vgg16, alexnet,
mobilenet_v3_small and efficientnet_b0 (inverted residuals, squeeze-excitation), a
1-D CNN, a 3-D CNN, an assortment of 2-D layers (grouped and dilated
convolutions, transposed convolution, padding, resampling, normalizations,
activations), an LSTM/GRU tagger, a transformer encoder with attention, and
four that do not fit: a Linear with the wrong in_features, a Conv2d with the
wrong in_channels, both, and a kernel larger than its input.

Requirements: torch and torchvision (Scripts/requirements-fixtures.txt, the
torchvision environment). Run from the repository root:
    python Scripts/generate_pytorch_text_fixtures.py
"""

import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO_ROOT, "Tests", "Fixtures", "pytorch-text")


class MnistNet(nn.Module):
    """The Lasagne MNIST network, written as PyTorch tutorials write it."""

    def __init__(self, conv2_in=32, fc1_in=800, conv2_kernel=3):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=5)
        self.bn1 = nn.BatchNorm2d(32)
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(conv2_in, 32, kernel_size=conv2_kernel)
        self.pool2 = nn.MaxPool2d(2)
        self.dropout = nn.Dropout(0.5)
        self.fc1 = nn.Linear(fc1_in, 256)
        self.fc2 = nn.Linear(256, 10)

    def forward(self, x):
        x = self.pool1(F.relu(self.bn1(self.conv1(x))))
        x = self.pool2(F.relu(self.conv2(x)))
        x = self.dropout(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


def mnist_sequential():
    return nn.Sequential(
        nn.Sequential(
            nn.Conv2d(1, 32, 5, bias=False),
            nn.BatchNorm2d(32),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 32, 3, padding="same", padding_mode="reflect"),
            nn.ReLU(),
            nn.MaxPool2d(3, stride=2, ceil_mode=True),
        ),
        nn.Sequential(
            nn.Flatten(),
            nn.Linear(1152, 256),
            nn.ReLU(),
            nn.Dropout(p=0.25),
            nn.Linear(256, 10),
            nn.LogSoftmax(dim=1),
        ),
    )


class Conv1dNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(8, 16, 3, padding=1),
            nn.BatchNorm1d(16),
            nn.ReLU(),
            nn.MaxPool1d(2),
            nn.Conv1d(16, 32, 5, stride=2, dilation=2, padding="valid"),
            nn.AvgPool1d(3),
            nn.AdaptiveAvgPool1d(1),
        )
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(32, 4), nn.Softmax(dim=1))

    def forward(self, x):
        return self.head(self.features(x))


def volume_net():
    return nn.Sequential(
        nn.Conv3d(1, 4, 3),
        nn.BatchNorm3d(4),
        nn.ReLU(),
        nn.MaxPool3d(2),
        nn.Conv3d(4, 8, (1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1)),
        nn.AdaptiveAvgPool3d(1),
        nn.Flatten(),
        nn.Linear(8, 2),
    )


def assorted():
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1, bias=False),
        nn.GroupNorm(4, 16),
        nn.PReLU(16),
        nn.Conv2d(16, 16, 3, padding=2, dilation=2, groups=4),
        nn.InstanceNorm2d(16, affine=True),
        nn.LeakyReLU(0.2),
        nn.ZeroPad2d((1, 2, 0, 1)),
        nn.AvgPool2d(2),
        nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1),
        nn.BatchNorm2d(8, affine=False),
        nn.ELU(),
        nn.Upsample(scale_factor=2, mode="bilinear"),
        nn.PixelUnshuffle(2),
        nn.Conv2d(32, 32, 1),
        nn.PixelShuffle(2),
        nn.BatchNorm2d(8, track_running_stats=False),
        nn.Conv2d(8, 8, 3, padding="same", padding_mode="replicate"),
        nn.GELU(),
        nn.ReflectionPad2d(1),
        nn.Conv2d(8, 8, 3, stride=2),
        nn.SiLU(),
        nn.Hardswish(),
        nn.LocalResponseNorm(3),
        nn.AdaptiveMaxPool2d((4, 4)),
        nn.Dropout2d(0.1),
        nn.Flatten(),
        nn.Linear(128, 10),
        nn.Sigmoid(),
    )


class Tagger(nn.Module):
    """Token classification: every step of the sequence gets a label."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(1000, 64, padding_idx=0)
        self.lstm = nn.LSTM(64, 128, num_layers=2, batch_first=True, bidirectional=True, dropout=0.1)
        self.gru = nn.GRU(256, 64, batch_first=True)
        self.rnn = nn.RNN(64, 32, batch_first=True, bias=False)
        self.classifier = nn.Linear(32, 10)

    def forward(self, tokens):
        x = self.embedding(tokens)
        x, _ = self.lstm(x)
        x, _ = self.gru(x)
        x, _ = self.rnn(x)
        return self.classifier(x)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(1000, 64)
        layer = nn.TransformerEncoderLayer(64, 4, dim_feedforward=256, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False)
        self.attention = nn.MultiheadAttention(64, 4, batch_first=True)
        self.norm = nn.LayerNorm(64)
        self.head = nn.Linear(64, 5)

    def forward(self, tokens):
        x = self.encoder(self.embedding(tokens))
        x, _ = self.attention(x, x, x)
        return self.head(self.norm(x))


def torchvision_model(name):
    return getattr(torchvision.models, name)(weights=None)


# name -> (builder, input shape (batch excluded), token ids?, corrected twin or None,
#          wrong declarations {module path: (argument, declared)})
MODELS = {
    "mnist_cnn": (MnistNet, [1, 28, 28], False, None, {}),
    "mnist_sequential": (mnist_sequential, [1, 28, 28], False, None, {}),
    "resnet18": (lambda: torchvision_model("resnet18"), [3, 224, 224], False, None, {}),
    "resnet50": (lambda: torchvision_model("resnet50"), [3, 224, 224], False, None, {}),
    "vgg16": (lambda: torchvision_model("vgg16"), [3, 224, 224], False, None, {}),
    "alexnet": (lambda: torchvision_model("alexnet"), [3, 224, 224], False, None, {}),
    "mobilenet_v3_small": (lambda: torchvision_model("mobilenet_v3_small"), [3, 224, 224], False, None, {}),
    "efficientnet_b0": (lambda: torchvision_model("efficientnet_b0"), [3, 224, 224], False, None, {}),
    "conv1d": (Conv1dNet, [8, 100], False, None, {}),
    "volume": (volume_net, [1, 16, 32, 32], False, None, {}),
    "assorted": (assorted, [3, 32, 32], False, None, {}),
    "tagger": (Tagger, [50], True, None, {}),
    "encoder": (Encoder, [16], True, None, {}),
    "wrong_linear": (lambda: MnistNet(fc1_in=512), [1, 28, 28], False, MnistNet, {"fc1": ("in_features", 512)}),
    "wrong_conv": (lambda: MnistNet(conv2_in=16), [1, 28, 28], False, MnistNet, {"conv2": ("in_channels", 16)}),
    "two_wrong": (
        lambda: MnistNet(conv2_in=16, fc1_in=512), [1, 28, 28], False, MnistNet,
        {"conv2": ("in_channels", 16), "fc1": ("in_features", 512)},
    ),
    "kernel_too_big": (lambda: MnistNet(conv2_kernel=15), [1, 28, 28], False, None, {}),
}


def example(shape, tokens):
    torch.manual_seed(0)
    if tokens:
        return torch.randint(1, 1000, [1] + shape)
    return torch.randn([1] + shape)


def first_tensor(value):
    while isinstance(value, (tuple, list)):
        value = value[0]
    return value


def record_shapes(model, x):
    """Every module's output shape per call (batch axis removed), and the forward's error."""
    calls = {}
    handles = []
    for path, module in model.named_modules():
        if path == "":
            continue

        def hook(module, inputs, output, path=path):
            calls.setdefault(path, []).append(list(first_tensor(output).shape[1:]))

        handles.append(module.register_forward_hook(hook))
    error = None
    try:
        with torch.no_grad():
            model(x)
    except RuntimeError as exception:
        error = str(exception).splitlines()[0]
    for handle in handles:
        handle.remove()
    modules = []
    for path, module in model.named_modules():
        if path == "":
            continue
        modules.append({
            "path": path,
            "type": type(module).__name__,
            "leaf": len(list(module.children())) == 0,
            "outputs": calls.get(path, []),
        })
    return modules, error


def arriving_sizes(twin, x, wrong):
    """The input size arriving at each wrong module, measured in the corrected twin."""
    arriving = {}
    handles = []
    for path, module in twin.named_modules():
        if path in wrong:
            def pre_hook(module, inputs, path=path):
                tensor = inputs[0]
                # Linear reads the last axis; convolutions and norms the channel axis (1).
                arriving[path] = tensor.shape[-1] if isinstance(module, nn.Linear) else tensor.shape[1]

            handles.append(module.register_forward_pre_hook(pre_hook))
    with torch.no_grad():
        twin(x)
    for handle in handles:
        handle.remove()
    return arriving


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    expected = {
        "generator": "Scripts/generate_pytorch_text_fixtures.py",
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "models": {},
    }
    for name, (build, shape, tokens, twin_build, wrong) in MODELS.items():
        torch.manual_seed(0)
        model = build().eval()
        x = example(shape, tokens)
        modules, error = record_shapes(model, x)
        if twin_build is None:
            assert (error is None) == (name != "kernel_too_big"), f"{name}: {error}"
        else:
            assert error is not None, f"{name} was expected to fail"
        problems = []
        if twin_build is not None:
            twin = twin_build().eval()
            arriving = arriving_sizes(twin, x, wrong)
            for path, (argument, declared) in wrong.items():
                problems.append({"module": path, "argument": argument, "declared": declared, "arriving": int(arriving[path])})
        with open(os.path.join(OUT_DIR, f"{name}.txt"), "w") as handle:
            handle.write(str(model) + "\n")
        expected["models"][name] = {
            "input": shape,
            "parameters": sum(p.numel() for p in model.parameters()),
            "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad),
            "buffers": sum(b.numel() for b in model.buffers()),
            "modules": modules,
            "error": error,
            "problems": problems,
        }
        print(f"{name}: {expected['models'][name]['parameters']:,} parameters, "
              f"{expected['models'][name]['buffers']:,} buffer values" + (f"; error: {error}" if error else ""))
    with open(os.path.join(OUT_DIR, "expected.json"), "w") as handle:
        json.dump(expected, handle, indent=1, sort_keys=True)
        handle.write("\n")


if __name__ == "__main__":
    main()
