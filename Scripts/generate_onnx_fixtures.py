"""Exports small PyTorch models to ONNX for the ONNX reader's tests.

Run with a Python that has torch, onnx and onnxscript (tested: torch 2.13.0+cpu, onnx 1.23.2,
onnxscript 0.7.2):

    python Scripts/generate_onnx_fixtures.py            # both sets below
    python Scripts/generate_onnx_fixtures.py declared   # only the models that keep value_info
    python Scripts/generate_onnx_fixtures.py inferred   # only the models without it

Two sets of models:

1. Tests/Fixtures/onnx/*.onnx keep the shapes onnx.shape_inference.infer_shapes writes into
   value_info (described right below).
2. Tests/Fixtures/onnx/inferred/*.onnx have NO shapes but the input's: value_info is removed and
   the graph outputs' shapes are cleared, so the reader must infer every shape. Each model is
   exported twice, by torch.onnx.export(dynamo=False) and (dynamo=True), with a dynamic batch
   named "batch". Their expected.json is described at INFERRED_MODELS.

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
import sys
import warnings

warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from onnx import numpy_helper  # noqa: E402
from onnx.external_data_helper import set_external_data  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

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


# --- Models without value_info: every shape must be inferred ------------------------------------

INFERRED_DIR = os.path.join(OUT_DIR, "inferred")


class ViewFlatten(nn.Module):
    """A conv, then view(x.size(0), -1) (a Shape, Gather, Unsqueeze, Concat subgraph feeding a Reshape)
    and a Linear; beside it a patch embedding: flatten(2).transpose(1, 2), a Linear per patch, a mean."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.fc = nn.Linear(8 * 8 * 8, 10)
        self.proj = nn.Linear(8, 10)

    def forward(self, x):
        y = torch.relu(self.conv(x))
        a = self.fc(y.view(y.size(0), -1))
        b = self.proj(y.flatten(2).transpose(1, 2)).mean(dim=1)
        return a + b


class SelfAttention(nn.Module):
    """Multi-head self-attention written out: q, k, v reshaped to batch x heads x steps x 8, batched
    MatMul, Softmax on the last axis, transposed and reshaped back; a LayerNorm and a feed-forward."""

    def __init__(self, features=16, heads=2):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(features, 3 * features)
        self.out = nn.Linear(features, features)
        self.norm = nn.LayerNorm(features)
        self.ff = nn.Sequential(nn.Linear(features, 32), nn.GELU(), nn.Linear(32, features))
        self.head = nn.Linear(features, 5)

    def forward(self, x):
        b, steps, features = x.shape
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q, k, v = (t.reshape(b, steps, self.heads, -1).transpose(1, 2) for t in (q, k, v))
        scores = torch.softmax(q @ k.transpose(-2, -1) / (features // self.heads) ** 0.5, dim=-1)
        y = (scores @ v).transpose(1, 2).reshape(b, steps, features)
        x = self.norm(x + self.out(y))
        x = x + self.ff(x)
        return torch.softmax(self.head(x[:, 0]), dim=1)


class Encoder(nn.Module):
    """PyTorch's TransformerEncoderLayer (its attention merges batch and heads, 2*batch), a Linear per step."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.TransformerEncoderLayer(16, 2, dim_feedforward=32, dropout=0.0, batch_first=True)
        self.head = nn.Linear(16, 6)

    def forward(self, x):
        return self.head(self.encoder(x))


class LSTMState(nn.Module):
    """A two-layer bidirectional LSTM whose final states h_n and c_n (its outputs Y_h and Y_c) feed a Linear."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(20, 32, num_layers=2, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(64, 4)

    def forward(self, x):
        _, (h, c) = self.lstm(x)
        return self.fc(torch.cat([h[-2], h[-1]], dim=1) + torch.cat([c[-2], c[-1]], dim=1))


class ChunkSplit(nn.Module):
    """torch.chunk into 2 and 3 parts (uneven: 3, 3, 2), torch.split into [3, 5], convs, a Concat on axis 1."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(4, 4, 3, padding=1)
        self.b = nn.Conv2d(4, 6, 1)

    def forward(self, x):
        p, q = torch.chunk(x, 2, dim=1)
        u, v = torch.split(x, [3, 5], dim=1)
        r, s, t = torch.chunk(x, 3, dim=2)
        return torch.cat([self.a(p), self.b(q), u, v], dim=1), torch.cat([t, s, r], dim=2)


class Padding(nn.Module):
    """nn.ZeroPad2d((1, 2, 0, 1)), F.pad reflect on every side, F.pad of the last axis only, then a conv."""

    def __init__(self):
        super().__init__()
        self.zero = nn.ZeroPad2d((1, 2, 0, 1))
        self.conv = nn.Conv2d(3, 4, 3)

    def forward(self, x):
        x = F.pad(self.zero(x), (2, 2, 2, 2), mode="reflect")
        return self.conv(F.pad(x, (1, 3)))


class Resizing(nn.Module):
    """interpolate by a scale of 2 (nearest) and 1.5 (bilinear, rounded down), to a size (5, 7) and back to
    16 x 16, and nn.Upsample(scale_factor=2)."""

    def __init__(self):
        super().__init__()
        self.up = nn.Upsample(scale_factor=2)

    def forward(self, x):
        a = F.interpolate(x, scale_factor=2.0, mode="nearest")
        b = F.interpolate(F.interpolate(x, size=(5, 7), mode="bilinear"), size=(16, 16), mode="bilinear")
        c = F.interpolate(x, scale_factor=1.5, mode="bilinear")
        return a + b, self.up(c)


class Upsampling(nn.Module):
    """nn.Upsample(scale_factor=2) and interpolate(scale_factor=2), exported at opset 9 as Upsample nodes."""

    def __init__(self):
        super().__init__()
        self.up = nn.Upsample(scale_factor=2)
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.side = nn.Conv2d(3, 4, 1)

    def forward(self, x):
        return self.conv(self.up(x)) + F.interpolate(self.side(x), scale_factor=2.0, mode="nearest")


class SliceGather(nn.Module):
    """Slices with steps, negative starts and flips; Gather of one index and of several (index_select)."""

    def forward(self, x):
        return (x[:, 1:5, ::2] * 2, x[..., -3:], x[:, 0], torch.flip(x, [2]),
                x.index_select(1, torch.tensor([0, 2])), x[:, :, 2:-1:3, 1])


class Einsum(nn.Module):
    """Einsum: a batched projection by a parameter (bld,dk->blk), attention scores (bik,bjk->bij), their
    use (bij,bjk->bik), and an implicit output (bij, a transpose)."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(16, 8))

    def forward(self, x):
        y = torch.einsum("bld,dk->blk", x, self.w)
        a = torch.einsum("bik,bjk->bij", y, y)
        return torch.einsum("bij,bjk->bik", a.softmax(-1), y), torch.einsum("bji", a)


class TopKPool(nn.Module):
    """TopK whose values and indices are both used; MaxPool2d(return_indices=True), values and indices used."""

    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(2, return_indices=True)

    def forward(self, x):
        values, indices = torch.topk(x.flatten(1), 3, dim=1)
        y, where = self.pool(x)
        return values * indices.float(), y * where.float()


class Assortment(nn.Module):
    """Reductions with and without keepdim, squeeze and unsqueeze, expand, repeat (Tile), pixel_shuffle
    (DepthToSpace), permute, a Concat on the width, broadcasting of different ranks, Softmax on axis 1."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 16, 1)
        self.scale = nn.Parameter(torch.randn(4, 1, 1))

    def forward(self, x):
        m = x.mean(dim=(2, 3), keepdim=True)
        s = x.sum(dim=1)
        peak = x.amax(-1)
        y = (x - m) * self.scale / (s.unsqueeze(1) + 1)
        shuffled = F.pixel_shuffle(self.conv(y), 2)
        wide = torch.cat([x, x.flip(3)], dim=3)
        tiled = peak.unsqueeze(-1).expand(-1, -1, -1, 3).repeat(1, 1, 2, 1)
        return shuffled, torch.softmax(wide, dim=1), tiled.permute(0, 3, 1, 2), peak + m.squeeze(3)


INFERRED_MODELS = [
    # name, model, example input (the first axis is the batch, exported as dynamic), exporters[, opset of
    # the dynamo=False export, OPSET unless given].
    ("view_flatten", ViewFlatten, (2, 3, 16, 16), ("legacy", "dynamo")),
    ("attention", SelfAttention, (2, 10, 16), ("legacy", "dynamo")),
    ("encoder", Encoder, (2, 10, 16), ("legacy", "dynamo")),
    ("lstm_state", LSTMState, (2, 12, 20), ("legacy", "dynamo")),
    ("chunk_split", ChunkSplit, (2, 8, 9, 9), ("legacy", "dynamo")),
    ("padding", Padding, (2, 3, 8, 8), ("legacy", "dynamo")),
    ("resizing", Resizing, (2, 3, 8, 8), ("legacy", "dynamo")),
    ("upsample", Upsampling, (2, 3, 8, 8), ("legacy",), 9),
    ("slice_gather", SliceGather, (2, 6, 8, 8), ("legacy", "dynamo")),
    ("einsum", Einsum, (2, 10, 16), ("legacy", "dynamo")),
    ("topk_pool", TopKPool, (2, 3, 8, 8), ("legacy", "dynamo")),
    ("assortment", Assortment, (2, 4, 6, 6), ("legacy", "dynamo")),
    ("residual", ResidualBN, (2, 3, 32, 32), ("legacy",)),
]


def save_floats_apart(model, path):
    """Saves `model` with its floating-point initializers of more than 16 values in <path>.data, and the
    integer and the tiny ones inside, as onnx.save's default size threshold would: the reader needs the
    integer values (shapes, indices, axes) and a Resize's scales, never the weights."""
    data_name = os.path.basename(path) + ".data"
    offset = 0
    with open(path + ".data", "wb") as handle:
        for tensor in model.graph.initializer:
            if tensor.data_type not in FLOAT_TYPES or np.prod(tensor.dims) <= 16:
                continue
            values = numpy_helper.to_array(tensor)
            raw = values.astype(values.dtype.newbyteorder("<")).tobytes()
            handle.write(raw)
            for field in ("float_data", "double_data", "int32_data"):
                tensor.ClearField(field)
            tensor.raw_data = raw
            set_external_data(tensor, data_name, offset, len(raw))
            tensor.ClearField("raw_data")
            tensor.data_location = onnx.TensorProto.EXTERNAL
            offset += len(raw)
    onnx.save(model, path)


def runtime_shapes(model, input_shape, batch):
    """Every tensor's shape when onnx's reference evaluator runs the model on a batch of `batch`."""
    feeds = {model.graph.input[0].name: np.random.RandomState(0).randn(batch, *input_shape[1:]).astype(np.float32)}
    results = ReferenceEvaluator(model).run(None, feeds, intermediate=True)
    return {name: list(np.shape(value)) for name, value in results.items()}


def export_inferred_one(name, factory, input_shape, exporter, opset):
    torch.manual_seed(0)
    model = factory()
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.add_(torch.randn_like(parameter) * 1e-3)
    model.eval()
    example = torch.randn(*input_shape)
    file = f"{name}_{exporter}.onnx"
    path = os.path.join(INFERRED_DIR, file)
    if exporter == "dynamo":
        program = torch.onnx.export(model, (example,), dynamo=True, input_names=["input"],
                                    dynamic_shapes=({0: torch.export.Dim("batch")},))
        program.save(path)
    else:
        training = torch.onnx.TrainingMode.PRESERVE if name == "residual" else torch.onnx.TrainingMode.EVAL
        outputs = 4 if name in ("assortment", "slice_gather") else 2 if name in ("chunk_split", "resizing", "einsum", "topk_pool") else 1
        output_names = [f"output_{index}" for index in range(outputs)]
        torch.onnx.export(model, (example,), path, dynamo=False, opset_version=opset, training=training,
                          input_names=["input"], output_names=output_names,
                          dynamic_axes={n: {0: "batch"} for n in ["input"] + output_names},
                          do_constant_folding=training == torch.onnx.TrainingMode.EVAL)
    loaded = onnx.load(path)
    # Every shape but the input's goes: value_info, and the graph outputs' dims. So do the dynamo
    # exporter's per-node notes (the module path and FX node), to keep the files small.
    del loaded.graph.value_info[:]
    for node in loaded.graph.node:
        del node.metadata_props[:]
    for output in loaded.graph.output:
        output.type.tensor_type.ClearField("shape")
    inferred = onnx.shape_inference.infer_shapes(loaded, data_prop=True)
    onnx_dims = {info.name: dims_of(info) for info in list(inferred.graph.value_info) + list(inferred.graph.output)
                 if info.type.tensor_type.HasField("shape")}
    for data in (path + ".data",):
        if os.path.exists(data):
            os.remove(data)
    save_floats_apart(loaded, path)
    runnable = onnx.load(path)
    at_one = runtime_shapes(runnable, input_shape, 1)
    at_two = runtime_shapes(runnable, input_shape, 2)
    tensors = []
    for node in loaded.graph.node:
        for position, output in enumerate(node.output):
            # A Constant's dims are written in the node; the tensors computed from it are checked.
            if not output or node.op_type == "Constant":
                continue
            tensors.append({"tensor": output, "node": node.name, "opType": node.op_type, "output": position,
                            "onnx": onnx_dims.get(output), "batch1": at_one.get(output), "batch2": at_two.get(output)})
    with torch.no_grad():
        results = model(torch.randn(1, *input_shape[1:])), model(torch.randn(2, *input_shape[1:]))
    as_list = lambda value: list(value) if isinstance(value, tuple) else [value]  # noqa: E731
    return {
        "file": file,
        "model": name,
        "description": " ".join(factory.__doc__.split()),
        "exporter": f"torch.onnx.export(dynamo={exporter == 'dynamo'})" + ("" if exporter == "dynamo" else f", opset {opset}"),
        "parameters": sum(p.numel() for p in model.parameters()),
        "buffers": sum(b.numel() for b in model.buffers()),
        "input": list(input_shape),
        "graphOutputs": [output.name for output in loaded.graph.output],
        "pytorchOutputs": [[list(a.shape), list(b.shape)] for a, b in zip(as_list(results[0]), as_list(results[1]))],
        "tensors": tensors,
    }


def export_inferred():
    """Writes Tests/Fixtures/onnx/inferred/<model>_<exporter>.onnx and expected.json, which records per file:

    - parameters, buffers: sum(p.numel() for p in model.parameters()) and the same over model.buffers()
    - pytorchOutputs: the shapes PyTorch's forward gives, for a batch of 1 and of 2, per output
    - tensors: every node output (but Constants') with its node, operator and output position, and its shape three ways:
      "onnx" from onnx.shape_inference.infer_shapes(data_prop=True) (names for unknown sizes, null when
      it gives none), "batch1" and "batch2" from onnx's reference evaluator running the file on a batch
      of 1 and of 2.
    """
    os.makedirs(INFERRED_DIR, exist_ok=True)
    results = []
    for name, factory, input_shape, exporters, *opset in INFERRED_MODELS:
        for exporter in exporters:
            result = export_inferred_one(name, factory, input_shape, exporter, opset[0] if opset else OPSET)
            results.append(result)
            print(f"inferred/{result['file']}: {len(result['tensors'])} tensors, {result['parameters']} parameters")
    expected = {
        "generator": "Scripts/generate_onnx_fixtures.py inferred",
        "versions": {"torch": torch.__version__, "onnx": onnx.__version__, "opset": OPSET},
        "models": results,
    }
    from fixture_common import write_json
    write_json(expected, os.path.join("Tests", "Fixtures", "onnx", "inferred", "expected.json"), width=240)


def export_declared():
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


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    if which in ("all", "declared"):
        export_declared()
    if which in ("all", "inferred"):
        export_inferred()


if __name__ == "__main__":
    main()
