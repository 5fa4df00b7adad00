"""Exports small PyTorch models to ONNX for the ONNX reader's tests.

Run with a Python that has torch and onnx (tested: torch 2.13.0+cpu, onnx 1.23.2):

    python Scripts/generate_onnx_fixtures.py

Writes Tests/Fixtures/onnx/<name>.onnx and Tests/Fixtures/onnx/expected.json, and
plain_cnn_inline.onnx, the plain CNN with its weights inside the file (25 KB). Every
initializer is saved as external data (size_threshold=0) in <name>.onnx.data, which is NOT
committed (see .gitignore): the reader reads only dims, and the tests check that it works
without the data files. expected.json records, per model, what PyTorch reports:

- parameters: sum(p.numel() for p in model.parameters())
- buffers: sum(b.numel() for b in model.buffers())
- nodes: every node's name, op_type and first output's shape, from onnx.shape_inference.infer_shapes
- external: the names of the initializers stored in the external data file
- constants: the initializers that are not floating point (integer shape constants and such)

The models get small seeded noise on every parameter before export, so that no two
parameters hold equal values and the exporter keeps one initializer per parameter; the tied
model shares one Linear on purpose.
"""

import json
import os
import warnings

warnings.filterwarnings("ignore")

import onnx  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO_ROOT, "Tests", "Fixtures", "onnx")
OPSET = 17


class PlainCNN(nn.Module):
    """LeNet-like: convolutions, max and average pooling (ceil_mode), flatten, two dense layers."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 5)
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1, stride=2)
        self.pool2 = nn.AvgPool2d(2, ceil_mode=True)
        self.fc1 = nn.Linear(16 * 3 * 3, 32)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = self.pool1(torch.relu(self.conv1(x)))
        x = self.pool2(torch.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return torch.softmax(self.fc2(torch.relu(self.fc1(x))), dim=-1)


class Block(nn.Module):
    def __init__(self, channels_in, channels_out, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(channels_in, channels_out, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels_out)
        self.conv2 = nn.Conv2d(channels_out, channels_out, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels_out)
        self.shortcut = None
        if stride != 1 or channels_in != channels_out:
            self.shortcut = nn.Sequential(nn.Conv2d(channels_in, channels_out, 1, stride=stride, bias=False),
                                          nn.BatchNorm2d(channels_out))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + (x if self.shortcut is None else self.shortcut(x)))


class ResidualBN(nn.Module):
    """A small ResNet with BatchNorm kept in the export (training=PRESERVE)."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        self.block1 = Block(16, 16, 1)
        self.block2 = Block(16, 32, 2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = torch.relu(self.bn(self.stem(x)))
        x = self.block2(self.block1(x))
        return self.fc(torch.flatten(self.pool(x), 1))


class DepthwiseSeparable(nn.Module):
    """MobileNet-like: depthwise (groups = channels, multiplier 2) then pointwise, hardswish, global max pool."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.dw1 = nn.Conv2d(8, 16, 3, padding=1, groups=8)
        self.pw1 = nn.Conv2d(16, 24, 1)
        self.dw2 = nn.Conv2d(24, 24, 5, stride=2, padding=2, groups=24, bias=False)
        self.pw2 = nn.Conv2d(24, 32, 1)
        self.fc = nn.Linear(32, 5)

    def forward(self, x):
        x = nn.functional.hardswish(self.stem(x))
        x = torch.relu(self.pw1(self.dw1(x)))
        x = torch.relu(self.pw2(self.dw2(x)))
        x = torch.amax(x, dim=(2, 3))
        return self.fc(x)


class LSTMModel(nn.Module):
    """An LSTM over 12 steps of 20 features, then a dense layer on the last step."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(20, 32, batch_first=True)
        self.fc = nn.Linear(32, 4)

    def forward(self, x):
        y, _ = self.lstm(x)
        return self.fc(y[:, -1, :])


class GRUModel(nn.Module):
    """A bidirectional GRU over 10 steps of 8 features, then a dense layer on the last step."""

    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(8, 16, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(32, 3)

    def forward(self, x):
        y, _ = self.gru(x)
        return self.fc(y[:, -1, :])


class Transformer(nn.Module):
    """One transformer encoder layer over 10 steps of 16 features, then a dense layer per step."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.TransformerEncoderLayer(16, 2, dim_feedforward=32, dropout=0.0, batch_first=True)
        self.head = nn.Linear(16, 6)

    def forward(self, x):
        return self.head(self.encoder(x))


class Tied(nn.Module):
    """One Linear applied twice (a tied weight) between two others."""

    def __init__(self):
        super().__init__()
        self.inp = nn.Linear(12, 24)
        self.shared = nn.Linear(24, 24)
        self.out = nn.Linear(24, 4)

    def forward(self, x):
        x = torch.relu(self.inp(x))
        x = torch.relu(self.shared(x))
        x = torch.relu(self.shared(x))
        return self.out(x)


class Assorted(nn.Module):
    """Transposed convolution, resize, channel concat, subtract and multiply merges, instance norm, several activations.

    No nn.ZeroPad2d: PyTorch exports its pads as a subgraph of Constant nodes that onnx's shape
    inference cannot follow, so the Pad node has no declared shape (CNNCalc stops there too).
    """

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.down = nn.Conv2d(8, 8, 3, stride=2, padding=1, dilation=1)
        self.up = nn.ConvTranspose2d(8, 6, 3, stride=2, padding=1, output_padding=1)
        self.norm = nn.InstanceNorm2d(14, affine=True)
        self.pool = nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)
        self.fc = nn.Linear(14, 3)

    def forward(self, x):
        a = nn.functional.leaky_relu(self.conv(x), 0.2)
        b = nn.functional.elu(self.down(a))
        c = self.up(b)
        d = nn.functional.interpolate(b, scale_factor=2.0, mode="nearest")
        e = torch.cat([a - d, c * torch.sigmoid(c)], dim=1)
        e = nn.functional.gelu(self.norm(e))
        e = self.pool(e)
        e = torch.tanh(nn.functional.adaptive_avg_pool2d(e, 1).flatten(1))
        return torch.log_softmax(self.fc(e), dim=1)


MODELS = [
    # name, model, example input shape (the first axis is the batch), export training mode.
    # The transformer is exported by the dynamo exporter (needs onnxscript) with a fixed batch of 1: the
    # TorchScript exporter takes its attention reshapes' sizes from Shape nodes, and onnx's shape
    # inference then cannot give the attention tensors a shape. The assorted model has a fixed batch
    # too: with a dynamic one, onnx's shape inference loses the batch after Resize.
    ("plain_cnn", PlainCNN, (1, 1, 28, 28), torch.onnx.TrainingMode.EVAL),
    ("residual_bn", ResidualBN, (1, 3, 32, 32), torch.onnx.TrainingMode.PRESERVE),
    ("depthwise", DepthwiseSeparable, (1, 3, 32, 32), torch.onnx.TrainingMode.EVAL),
    ("lstm", LSTMModel, (1, 12, 20), torch.onnx.TrainingMode.EVAL),
    ("gru", GRUModel, (1, 10, 8), torch.onnx.TrainingMode.EVAL),
    ("transformer", Transformer, (1, 10, 16), torch.onnx.TrainingMode.EVAL),
    ("tied", Tied, (1, 12), torch.onnx.TrainingMode.EVAL),
    ("assorted", Assorted, (1, 3, 16, 16), torch.onnx.TrainingMode.EVAL),
]

FLOAT_TYPES = {onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16, onnx.TensorProto.DOUBLE, onnx.TensorProto.BFLOAT16}


def dims_of(value_info):
    dims = []
    for dim in value_info.type.tensor_type.shape.dim:
        if dim.HasField("dim_value"):
            dims.append(dim.dim_value)
        elif dim.HasField("dim_param"):
            dims.append(dim.dim_param)
        else:
            dims.append(None)
    return dims


# Exported with a fixed batch of 1 (see MODELS); the transformer also with the dynamo exporter.
FIXED_BATCH = {"transformer", "assorted"}


def export(name, factory, input_shape, training):
    dynamic_batch = name not in FIXED_BATCH
    torch.manual_seed(0)
    model = factory()
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.add_(torch.randn_like(parameter) * 1e-3)
    model.eval()
    path = os.path.join(OUT_DIR, f"{name}.onnx")
    if name == "transformer":
        program = torch.onnx.export(model, (torch.randn(*input_shape),), dynamo=True, optimize=True,
                                    input_names=["input"], output_names=["output"])
        program.save(path)
    else:
        torch.onnx.export(
        model, (torch.randn(*input_shape),), path, dynamo=False, opset_version=OPSET, training=training,
        input_names=["input"], output_names=["output"],
        dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}} if dynamic_batch else None,
        do_constant_folding=training == torch.onnx.TrainingMode.EVAL,
        )
    proto = onnx.load(path)
    inferred = onnx.shape_inference.infer_shapes(proto, data_prop=True)
    shapes = {info.name: dims_of(info) for info in list(inferred.graph.value_info) + list(inferred.graph.output)}
    nodes = [
        {"name": node.name, "opType": node.op_type, "outputShape": shapes.get(node.output[0])}
        for node in inferred.graph.node
    ]
    constants = sorted(t.name for t in inferred.graph.initializer if t.data_type not in FLOAT_TYPES)
    if name == "plain_cnn":
        # One model also keeps its weights inside (raw_data), to check that decoding skips them.
        onnx.save(inferred, os.path.join(OUT_DIR, f"{name}_inline.onnx"))
    # The shapes stay in the file (value_info); the weights move to <name>.onnx.data.
    data_name = f"{name}.onnx.data"
    if os.path.exists(os.path.join(OUT_DIR, data_name)):
        os.remove(os.path.join(OUT_DIR, data_name))
    onnx.save(inferred, path, save_as_external_data=True, all_tensors_to_one_file=True, location=data_name,
              size_threshold=0)
    saved = onnx.load(path, load_external_data=False)
    external = sorted(t.name for t in saved.graph.initializer if t.data_location == onnx.TensorProto.EXTERNAL)
    return {
        "file": f"{name}.onnx",
        "description": factory.__doc__.strip(),
        "trainingMode": training.name,
        "dynamicBatch": dynamic_batch,
        "exporter": "torch.onnx.export(dynamo=True)" if name == "transformer" else "torch.onnx.export(dynamo=False)",
        "parameters": sum(p.numel() for p in model.parameters()),
        "buffers": sum(b.numel() for b in model.buffers()),
        "input": list(input_shape),
        "nodes": nodes,
        "external": external,
        "constants": constants,
    }


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    results = [export(*entry) for entry in MODELS]
    expected = {
        "generator": "Scripts/generate_onnx_fixtures.py",
        "versions": {"torch": torch.__version__, "onnx": onnx.__version__, "opset": OPSET},
        "models": results,
    }
    with open(os.path.join(OUT_DIR, "expected.json"), "w") as handle:
        json.dump(expected, handle, indent=1, sort_keys=True)
        handle.write("\n")
    for result in results:
        print(f"{result['file']}: {len(result['nodes'])} nodes, {result['parameters']} parameters, {result['buffers']} buffers")


if __name__ == "__main__":
    main()
