"""Exports PyTorch models whose inputs leave sizes other than the batch open, for the ONNX reader's
open-size tests.

Run with a Python that has torch, onnx and onnxscript (tested: torch 2.13.0+cpu, onnx 1.23.2):

    python Scripts/generate_onnx_open_size_fixtures.py

Each model is exported by torch.onnx.export, with dynamic_axes (dynamo=False) or dynamic_shapes (dynamo=True)
naming the batch and the open sizes (`seq`, `height`, `width`); value_info is removed so that every shape
must be inferred. The transformer takes the dynamo exporter: the legacy tracer writes its sequence length
into the attention's reshapes as a constant.
Weights are kept inside the file (the models are small). Writes Tests/Fixtures/onnx/open/<name>.onnx
and expected.json, which records per model:

- parameters / buffers: sum(p.numel() for p in model.parameters()) / model.buffers()
- openSizes: the dim_params of the input after the batch, in axis order
- runs: for several sizes of the open axes (`sizes`), every node output's shape as onnx's reference
  runtime computes it on a batch of 1 and of 2, and PyTorch's output shape for a batch of 1
"""

import json
import os
import warnings

warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO_ROOT, "Tests", "Fixtures", "onnx", "open")
OPSET = 17


class SequenceEncoder(nn.Module):
    """A projection, one transformer encoder layer over a sequence of open length, a mean over the steps, a classifier."""

    def __init__(self):
        super().__init__()
        self.project = nn.Linear(16, 32)
        self.encoder = nn.TransformerEncoderLayer(d_model=32, nhead=4, dim_feedforward=64, batch_first=True, dropout=0.0)
        self.head = nn.Linear(32, 5)

    def forward(self, x):
        return self.head(self.encoder(self.project(x)).mean(dim=1))


class SequenceConv(nn.Module):
    """Conv1d layers over a sequence of open length: a same-size one, a valid one, a dilated one, then a per-step projection."""

    def __init__(self):
        super().__init__()
        self.same = nn.Conv1d(8, 16, 3, padding=1)
        self.valid = nn.Conv1d(16, 16, 5)
        self.dilated = nn.Conv1d(16, 12, 3, dilation=2)
        self.project = nn.Linear(12, 4)

    def forward(self, x):
        y = self.dilated(torch.relu(self.valid(torch.relu(self.same(x)))))
        return self.project(y.transpose(1, 2))


class ImageAnySize(nn.Module):
    """A fully convolutional net on images of open height and width: padded and valid convolutions, a
    strided one, batch norm, global average pooling and a classifier."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
            nn.Conv2d(8, 16, 3), nn.ReLU(),
            nn.Conv2d(16, 16, 3, stride=2, padding=1), nn.ReLU(),
        )
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Linear(16, 10)

    def forward(self, x):
        return self.head(torch.flatten(self.pool(self.features(x)), 1))


# name, model, (open size, axis) pairs, the example's shape, the runs' open sizes, the exporter
MODELS = [
    ("sequence_encoder", SequenceEncoder, [("seq", 1)], (2, 10, 16), [{"seq": 7}, {"seq": 12}, {"seq": 31}], "dynamo"),
    ("sequence_conv", SequenceConv, [("seq", 2)], (2, 8, 20), [{"seq": 11}, {"seq": 20}, {"seq": 64}], "legacy"),
    ("image_any_size", ImageAnySize, [("height", 2), ("width", 3)], (2, 3, 32, 32),
     [{"height": 9, "width": 9}, {"height": 16, "width": 23}, {"height": 33, "width": 40}], "legacy"),
]


def export(name, factory, axes, example_shape, runs, exporter):
    torch.manual_seed(0)
    model = factory()
    # Seeded noise on every parameter: no two hold equal values, so the exporter keeps one initializer each
    # (the dynamo exporter merges equal ones, such as two LayerNorms' fresh weights).
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.add_(torch.randn_like(parameter) * 1e-3)
    model.eval()
    path = os.path.join(OUT_DIR, f"{name}.onnx")
    example = torch.randn(*example_shape)
    if exporter == "dynamo":
        dims = {0: torch.export.Dim("batch"), **{axis: torch.export.Dim(symbol) for symbol, axis in axes}}
        program = torch.onnx.export(model, (example,), dynamo=True, input_names=["input"], output_names=["output"],
                                    dynamic_shapes=(dims,))
        program.save(path)
    else:
        dynamic = {0: "batch", **{axis: symbol for symbol, axis in axes}}
        # PRESERVE without constant folding keeps BatchNormalization apart from the convolution before it.
        torch.onnx.export(model, (example,), path, dynamo=False, opset_version=OPSET,
                          training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False,
                          input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": dynamic, "output": {0: "batch"}})
    loaded = onnx.load(path)
    for node in loaded.graph.node:
        del node.metadata_props[:]
    del loaded.graph.value_info[:]
    for output in loaded.graph.output:
        output.type.tensor_type.ClearField("shape")
    onnx.save(loaded, path)
    evaluator = ReferenceEvaluator(loaded)
    records = []
    for sizes in runs:
        shape = list(example_shape)
        for symbol, axis in axes:
            shape[axis] = sizes[symbol]
        by_batch = {}
        for batch in (1, 2):
            feeds = {"input": np.random.RandomState(0).randn(batch, *shape[1:]).astype(np.float32)}
            by_batch[batch] = evaluator.run(None, feeds, intermediate=True)
        tensors = []
        for node in loaded.graph.node:
            for position, output in enumerate(node.output):
                if output and node.op_type != "Constant" and output in by_batch[1]:
                    tensors.append({"tensor": output, "node": node.name, "opType": node.op_type, "output": position,
                                    "batch1": list(np.shape(by_batch[1][output])),
                                    "batch2": list(np.shape(by_batch[2][output]))})
        with torch.no_grad():
            framework = list(model(torch.randn(1, *shape[1:])).shape)
        records.append({"sizes": sizes, "input": shape[1:], "pytorchOutput": framework, "tensors": tensors})
    return {
        "file": f"{name}.onnx",
        "description": " ".join(factory.__doc__.split()),
        "exporter": f"torch.onnx.export(dynamo={exporter == 'dynamo'})" + ("" if exporter == "dynamo" else f", opset {OPSET}"),
        "parameters": sum(p.numel() for p in model.parameters()),
        "buffers": sum(b.numel() for b in model.buffers()),
        "openSizes": [symbol for symbol, _ in axes],
        "runs": records,
    }


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    expected = {
        "generator": "Scripts/generate_onnx_open_size_fixtures.py",
        "versions": {"torch": torch.__version__, "onnx": onnx.__version__},
        "models": [export(*entry) for entry in MODELS],
    }
    with open(os.path.join(OUT_DIR, "expected.json"), "w") as handle:
        json.dump(expected, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
