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
    (DepthToSpace), permute, a Concat on the width, broadcasting of different ranks, Softmax on axis 1,
    a LayerNorm of the channels after a permute to channels last."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 16, 1)
        self.scale = nn.Parameter(torch.randn(4, 1, 1))
        self.norm = nn.LayerNorm(4)

    def forward(self, x):
        m = x.mean(dim=(2, 3), keepdim=True)
        s = x.sum(dim=1)
        peak = x.amax(-1)
        y = (x - m) * self.scale / (s.unsqueeze(1) + 1)
        shuffled = F.pixel_shuffle(self.conv(y), 2)
        wide = torch.cat([x, x.flip(3)], dim=3)
        tiled = peak.unsqueeze(-1).expand(-1, -1, -1, 3).repeat(1, 1, 2, 1)
        return (shuffled, torch.softmax(wide, dim=1), tiled.permute(0, 3, 1, 2), peak + m.squeeze(3),
                self.norm(x.permute(0, 2, 3, 1)))


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
        outputs = {"assortment": 5, "slice_gather": 6, "chunk_split": 2, "resizing": 2, "einsum": 2, "topk_pool": 2}.get(name, 1)
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


# --- Single operators, built with onnx.helper, at opsets 18 and 9 -----------------------------------


class GraphBuilder:
    """A graph of independent cases, each reading its own input(s), whose first axis is named "batch"."""

    def __init__(self, opset):
        self.opset = opset
        self.inputs, self.nodes, self.initializers, self.outputs = [], [], [], []

    def input(self, name, *dims, element=onnx.TensorProto.FLOAT):
        dims = dims if "batch" in dims else ("batch",) + dims
        self.inputs.append(onnx.helper.make_tensor_value_info(name, element, list(dims)))
        return name

    def const(self, name, values, dtype=np.int64):
        self.initializers.append(numpy_helper.from_array(np.array(values, dtype=dtype), name))
        return name

    def node(self, op, inputs, outputs, **attributes):
        outputs = [outputs] if isinstance(outputs, str) else outputs
        self.nodes.append(onnx.helper.make_node(op, inputs, outputs, name=outputs[0].replace("_out", ""), **attributes))
        return outputs[0]

    def output(self, *names):
        self.outputs += [onnx.helper.make_empty_tensor_value_info(name) for name in names]

    def model(self):
        graph = onnx.helper.make_graph(self.nodes, f"operators_opset{self.opset}", self.inputs, self.outputs, self.initializers)
        return onnx.helper.make_model(graph, opset_imports=[onnx.helper.make_opsetid("", self.opset)], ir_version=8)


def operators_opset18():
    """Reshape (0, -1), Slice (clamping, negative steps and axes), Split (num_outputs, sizes), Pad (axes,
    cropping), Resize (sizes, axes, not_larger, scales), reductions (axes input, keepdims, noop), Einsum
    (ellipsis, implicit), GatherElements, GatherND, OneHot, TopK, Conv (SAME_LOWER, dilations),
    ConvTranspose (output_shape, SAME_UPPER), pooling (ceil_mode, a last window in the padding),
    DepthToSpace, SpaceToDepth, Tile, Expand, the expand pattern's ConstantOfShape/Equal/Where, Range of a
    size, MatMul of vectors and broadcast batches, Flatten, Transpose, LSTM (batch first), GRU
    (bidirectional), RNN, Concat of sequences' steps and on the last axis, Where."""
    g = GraphBuilder(18)
    x = g.input("reshape_in", 4, 6)
    g.output(g.node("Reshape", [x, g.const("reshape_target", [0, -1, 3])], "reshape_out"),
             g.node("Reshape", [x, g.const("reshape_target2", [0, 2, -1, 3])], "reshape2_out", allowzero=0))
    x = g.input("slice_in", 10, 8)
    g.output(g.node("Slice", [x, g.const("slice_starts", [-100, 7]), g.const("slice_ends", [100, 1]), g.const("slice_axes", [1, 2]),
                               g.const("slice_steps", [3, -2])], "slice_out"),
             g.node("Slice", [x, g.const("slice2_starts", [-3]), g.const("slice2_ends", [2**63 - 1]), g.const("slice2_axes", [-1])],
                    "slice2_out"))
    x = g.input("split_in", 10, 4)
    g.output(*[f"split_out{i}" for i in range(3)])
    g.node("Split", [x], [f"split_out{i}" for i in range(3)], axis=1, num_outputs=3)
    g.output(*[f"split2_out{i}" for i in range(2)])
    g.node("Split", [x, g.const("split2_sizes", [3, 7])], [f"split2_out{i}" for i in range(2)], axis=1)
    x = g.input("pad_in", 3, 5, 5)
    g.output(g.node("Pad", [x, g.const("pad_pads", [1, 2, 0, 3]), "", g.const("pad_axes", [2, 3])], "pad_out"),
             g.node("Pad", [x, g.const("pad2_pads", [0, 0, 1, 1, 0, 0, 1, 1])], "pad2_out", mode="reflect"))
    x = g.input("resize_in", 3, 10, 20)
    g.output(g.node("Resize", [x, "", "", g.const("resize_sizes", [7, 9])], "resize_out", axes=[2, 3],
                    keep_aspect_ratio_policy="not_larger"),
             g.node("Resize", [x, "", g.const("resize2_scales", [1, 1, 1.5, 0.5], np.float32)], "resize2_out"))
    x = g.input("reduce_in", 4, 5, 6)
    g.output(g.node("ReduceMean", [x, g.const("reduce_axes", [1, -1])], "reduce_out", keepdims=0),
             g.node("ReduceSum", [x, g.const("reduce2_axes", np.zeros(0, np.int64))], "reduce2_out", noop_with_empty_axes=1),
             g.node("ReduceMax", [x], "reduce3_out", keepdims=1),
             g.node("ArgMax", [x], "argmax_out", axis=2, keepdims=0))
    x = g.input("einsum_in", 3, 4)
    g.output(g.node("Einsum", [x, g.const("einsum_w", np.ones((4, 5)), np.float32)], "einsum_out", equation="...ij,jk->...ik"),
             g.node("Einsum", [x], "einsum2_out", equation="bji"))
    x = g.input("gather_in", 5, 6)
    picks = g.input("gather_indices_in", 2, 6, element=onnx.TensorProto.INT64)
    g.output(g.node("GatherElements", [x, picks], "gatherelements_out", axis=1),
             g.node("GatherND", [x, g.const("gathernd_indices", [[0, 1], [0, 2]])], "gathernd_out"),
             g.node("Gather", [x, g.const("gather2_indices", [[1, -1], [0, 2]])], "gather_out", axis=2))
    x = g.input("onehot_in", 3, element=onnx.TensorProto.INT64)
    g.output(g.node("OneHot", [x, g.const("onehot_depth", 5), g.const("onehot_values", [0.0, 1.0], np.float32)], "onehot_out", axis=1))
    x = g.input("topk_in", 10)
    g.node("TopK", [x, g.const("topk_k", [4])], ["topk_out", "topk_indices_out"])
    g.output(g.node("Add", ["topk_out", g.node("Cast", ["topk_indices_out"], "topk_cast_out", to=1)], "topk_sum_out"))
    x = g.input("conv_in", 3, 9, 9)
    w = g.const("conv_w", np.ones((4, 3, 3, 3)), np.float32)
    g.output(g.node("Conv", [x, w], "conv_out", auto_pad="SAME_LOWER", strides=[2, 2]),
             g.node("Conv", [x, w], "conv2_out", dilations=[2, 2], pads=[1, 1, 1, 1]))
    w = g.const("deconv_w", np.ones((3, 2, 3, 3)), np.float32)
    g.output(g.node("ConvTranspose", [x, w], "deconv_out", strides=[2, 2], output_shape=[19, 19]),
             g.node("ConvTranspose", [x, w], "deconv2_out", strides=[2, 2], auto_pad="SAME_UPPER"),
             g.node("ConvTranspose", [x, w], "deconv3_out", strides=[2, 3], pads=[1, 0, 2, 1], output_padding=[1, 2]))
    g.output(g.node("MaxPool", [x], "maxpool_out", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1),
             g.node("AveragePool", [x], "avgpool_out", kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1),
             g.node("LpPool", [x], "lppool_out", kernel_shape=[3, 2], strides=[3, 1]),
             g.node("GlobalMaxPool", [x], "globalmaxpool_out"))
    x = g.input("pool_in", 2, 7, 7)
    g.output(g.node("MaxPool", [x], "maxpool2_out", kernel_shape=[2, 2], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1))
    x = g.input("depth_in", 8, 4, 6)
    g.output(g.node("DepthToSpace", [x], "depthtospace_out", blocksize=2),
             g.node("SpaceToDepth", [x], "spacetodepth_out", blocksize=2))
    x = g.input("tile_in", 1, 3)
    g.output(g.node("Tile", [x, g.const("tile_repeats", [1, 4, 2])], "tile_out"),
             g.node("Expand", [x, g.const("expand_shape", [2, 1, 5, 3])], "expand_out"))
    x = g.input("where_in", 1, 1)
    ones = g.node("ConstantOfShape", [g.const("pattern_length", [3])], "pattern_ones_out",
                  value=numpy_helper.from_array(np.array([1], np.int64)))
    target = g.const("pattern_target", [-1, -1, 4])
    equal = g.node("Equal", [target, g.node("Mul", [ones, g.const("pattern_minus", -1)], "pattern_minus_out")], "pattern_equal_out")
    g.output(g.node("Expand", [x, g.node("Where", [equal, ones, target], "pattern_where_out")], "pattern_expand_out"))
    size = g.node("Gather", [g.node("Shape", [x], "range_shape_out"), g.const("range_index", 0)], "range_size_out", axis=0)
    g.output(g.node("Range", [g.const("range_start", 0), size, g.const("range_delta", 1)], "range_out"))
    x = g.input("matmul_in", 3, 4)
    g.output(g.node("MatMul", [x, g.const("matmul_vector", np.ones(4), np.float32)], "matmul_out"),
             g.node("MatMul", [g.const("matmul_row", np.ones(3), np.float32), x], "matmul2_out"))
    x = g.input("matmul3_in", 1, 3, 4)
    g.output(g.node("MatMul", [x, g.const("matmul3_w", np.ones((2, 4, 5)), np.float32)], "matmul3_out"))
    x = g.input("flatten_in", 2, 3, 4)
    g.output(g.node("Flatten", [x], "flatten_out", axis=0), g.node("Flatten", [x], "flatten2_out", axis=2),
             g.node("Flatten", [x], "flatten3_out", axis=-1), g.node("Transpose", [x], "transpose_out"))
    x = g.input("lstm_in", 5, 3)
    g.node("LSTM", [x, g.const("lstm_w", np.ones((1, 16, 3)), np.float32), g.const("lstm_r", np.ones((1, 16, 4)), np.float32)],
           ["lstm_out", "lstm_h_out", "lstm_c_out"], hidden_size=4, layout=1)
    g.output("lstm_out", "lstm_h_out", "lstm_c_out")
    x = g.node("Transpose", [g.input("gru_in", 5, 3)], "gru_transpose_out", perm=[1, 0, 2])
    g.node("GRU", [x, g.const("gru_w", np.ones((2, 12, 3)), np.float32), g.const("gru_r", np.ones((2, 12, 4)), np.float32)],
           ["gru_out", "gru_h_out"], hidden_size=4, direction="bidirectional")
    g.node("RNN", [x, g.const("rnn_w", np.ones((1, 6, 3)), np.float32), g.const("rnn_r", np.ones((1, 6, 6)), np.float32)],
           ["rnn_out", ""])
    g.output("gru_out", "gru_h_out", "rnn_out")
    x = g.input("concat_in", 2, 3)
    y = g.input("concat2_in", 2, 5)
    g.output(g.node("Concat", [x, g.input("concat3_in", 4, 3)], "concat_steps_out", axis=1))
    g.output(g.node("Concat", [x, y], "concat_out", axis=-1),
             g.node("Where", [g.const("where_condition", [True, False, True], np.bool_), x, g.const("where_other", [0.0, 1.0, 2.0], np.float32)],
                    "where_out"))
    return g.model()


def operators_opset9():
    """The attributes that later opsets made inputs: Slice's starts, ends and axes, Pad's pads, Squeeze's
    and Unsqueeze's axes, Split's sizes, TopK's k, Upsample's scales as an input, ReduceMean's axes."""
    g = GraphBuilder(9)
    x = g.input("slice_in", 6, 8)
    g.output(g.node("Slice", [x], "slice_out", starts=[1, -3], ends=[5, 1000], axes=[1, 2]))
    x = g.input("pad_in", 3, 4, 4)
    g.output(g.node("Pad", [x], "pad_out", pads=[0, 0, 1, 2, 0, 0, 1, 2]))
    x = g.input("squeeze_in", 1, 4)
    g.output(g.node("Squeeze", [x], "squeeze_out", axes=[1]), g.node("Unsqueeze", [x], "unsqueeze_out", axes=[0, 4]))
    x = g.input("split_in", 6, 2)
    g.output("split_out0", "split_out1")
    g.node("Split", [x], ["split_out0", "split_out1"], axis=1, split=[2, 4])
    x = g.input("topk_in", 7)
    g.node("TopK", [x], ["topk_out", "topk_indices_out"], k=2)
    g.output("topk_out", "topk_indices_out")
    x = g.input("upsample_in", 2, 3, 4)
    g.output(g.node("Upsample", [x, g.const("upsample_scales", [1, 1, 2, 3], np.float32)], "upsample_out"))
    g.output(g.node("ReduceMean", [x], "reduce_out", axes=[2]), g.node("Flatten", [x], "flatten_out"))
    return g.model()


OPERATOR_MODELS = [("operators_opset18.onnx", operators_opset18), ("operators_opset9.onnx", operators_opset9)]


def export_operators():
    """Writes Tests/Fixtures/onnx/inferred/operators_opset*.onnx and operators.json, in the form of
    expected.json (no PyTorch model: parameters, buffers and pytorchOutputs are empty)."""
    results = []
    for file, build in OPERATOR_MODELS:
        model = build()
        # The outputs carry no type or shape on purpose, so check a copy that has the inferred ones.
        onnx.checker.check_model(onnx.shape_inference.infer_shapes(model), full_check=False)
        path = os.path.join(INFERRED_DIR, file)
        onnx.save(model, path)
        inferred = onnx.shape_inference.infer_shapes(model, data_prop=True)
        onnx_dims = {info.name: dims_of(info) for info in list(inferred.graph.value_info) + list(inferred.graph.output)
                     if info.type.tensor_type.HasField("shape")}
        at = {}
        for batch in (1, 2):
            random = np.random.RandomState(batch)
            feeds = {}
            for info in model.graph.input:
                shape = [batch if d.dim_param == "batch" else d.dim_value for d in info.type.tensor_type.shape.dim]
                if info.type.tensor_type.elem_type == onnx.TensorProto.INT64:
                    feeds[info.name] = random.randint(0, 4, shape).astype(np.int64)
                else:
                    feeds[info.name] = random.randn(*shape).astype(np.float32)
            results_at = ReferenceEvaluator(model).run(None, feeds, intermediate=True)
            at[batch] = {name: list(np.shape(value)) for name, value in results_at.items()}
        tensors = [{"tensor": output, "node": node.name, "opType": node.op_type, "output": position,
                    "onnx": onnx_dims.get(output), "batch1": at[1].get(output), "batch2": at[2].get(output)}
                   for node in model.graph.node for position, output in enumerate(node.output) if output]
        results.append({"file": file, "model": file[:-5], "description": " ".join(build.__doc__.split()),
                        "exporter": f"onnx.helper, opset {model.opset_import[0].version}", "parameters": 0, "buffers": 0,
                        "input": [], "graphOutputs": [], "pytorchOutputs": [], "tensors": tensors})
        print(f"inferred/{file}: {len(tensors)} tensors")
    from fixture_common import write_json
    write_json({"generator": "Scripts/generate_onnx_fixtures.py inferred", "versions": {"onnx": onnx.__version__}, "models": results},
               os.path.join("Tests", "Fixtures", "onnx", "inferred", "operators.json"), width=240)
    # A model whose shape cannot be known before it runs: NonZero gives as many indices as there are non-zero values.
    g = GraphBuilder(18)
    g.output(g.node("Transpose", [g.node("NonZero", [g.node("Relu", [g.input("input", 4)], "relu_out")], "nonzero_out")], "transpose_out"))
    onnx.save(g.model(), os.path.join(INFERRED_DIR, "nonzero.onnx"))


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
        export_operators()


if __name__ == "__main__":
    main()
