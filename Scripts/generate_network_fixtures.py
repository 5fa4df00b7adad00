"""Generates Tests/Fixtures/networks.json.

Each network below is written once, as a list of layer descriptions. From that
one description the script renders
  * the network's `.cnn` text (one `name: kind args key=value` line per layer),
  * a PyTorch nn.Module with one module per `.cnn` layer, and
  * a Keras functional model with one layer per `.cnn` layer,
runs a real batch-1 zero tensor through both, and records for every layer the
output shape (without the batch axis) and the parameter counts each framework
reports.

Recorded per layer:
  pytorch: outputShape (channels first: (C,), (C, L), (C, H, W) or
           (C, D, H, W)), taken from forward hooks; parameters = numel of the
           module's parameters; buffers = numel of its floating-point buffers
           (BatchNorm running_mean and running_var; the integer
           num_batches_tracked counter is left out).
  keras:   outputShape (channels last) from layer.output.shape[1:];
           parameters = layer.count_params(); trainable / nonTrainable = sizes
           of layer.trainable_weights / layer.non_trainable_weights.
Merge layers (add, concat) are computed inside the PyTorch module's forward()
and have no parameters. Networks that Keras cannot express (ceil_mode pooling,
explicit integer or "full" padding) record "keras": null.

How .cnn options map to PyTorch where it has no direct equivalent:
  * padding=same with stride > 1: PyTorch refuses padding='same' for strided
    convolutions, so the row's module pads its input with
    torch.nn.functional.pad using TensorFlow's split (total padding
    max((ceil(in/stride) - 1) * stride + dilation * (k - 1) + 1 - in, 0),
    the odd pixel after) and then runs an unpadded convolution.
  * padding=same with stride 1 uses PyTorch's own padding='same'.
  * padding=full is dilation * (k - 1) on both sides of every axis.
  * per-axis padding (1:2x0:1) pads with torch.nn.functional.pad first.
  * activation=... on conv/dense: the row's module applies the activation
    after the layer (no parameters of its own).
  * globalavgpool / globalmaxpool reduce every spatial axis and return (C,),
    like Keras' GlobalAveragePooling / GlobalMaxPooling layers.

Requirements (see Scripts/requirements-fixtures.txt for the pinned versions):
    pip install torch keras tensorflow-cpu

Run from the repository root:
    python Scripts/generate_network_fixtures.py
"""

import time

START = time.time()

import math
import sys

sys.dont_write_bytecode = True  # keep Scripts/ free of __pycache__
import fixture_common as common  # sets the Keras backend before import

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import keras

OUTPUT = "Tests/Fixtures/networks.json"
SCRIPT = "Scripts/generate_network_fixtures.py"


def L(name, kind, *args, **options):
    """One `.cnn` line: `name: kind args... key=value...` (options keep their order)."""
    return {"name": name, "kind": kind, "args": list(args), "options": options}


# Each network: (name, layers, with_keras).
NETWORKS = [
    ("lasagne-mnist", [
        L("input", "input", (1, 28, 28), layout="chw"),
        L("conv1", "conv", 32, (5, 5), activation="relu"),
        L("pool1", "maxpool", 2),
        L("conv2", "conv", 32, (3, 3), activation="relu"),
        L("pool2", "maxpool", 2),
        L("flat", "flatten"),
        L("fc1", "dense", 256, activation="relu"),
        L("fc2", "dense", 10, activation="softmax"),
    ], True),
    ("matlab-50x50x2", [
        L("input", "input", (50, 50, 2)),
        L("conv1", "conv", 20, (5, 5)),
        L("conv2", "conv", 40, (5, 5)),
        L("pool1", "maxpool", 2),
        L("flat", "flatten"),
        L("fc1", "dense", 5),
        L("prob", "softmax"),
    ], True),
    ("strided-same-bn", [
        L("input", "input", (64, 64, 3)),
        L("conv1", "conv", 16, (3, 3), stride=2, padding="same", bias=False),
        L("bn1", "batchnorm"),
        L("relu1", "relu"),
        L("conv2", "conv", 32, (3, 3), dilation=2),
        L("conv3", "conv", 32, (3, 3), groups=4, padding="same"),
        L("avg", "avgpool", 3, stride=2),
        L("pool", "maxpool", 2, stride=2, padding="valid"),
        L("gap", "globalavgpool"),
        L("fc", "dense", 10, activation="softmax"),
    ], True),
    ("residual", [
        L("input", "input", (32, 32, 3)),
        L("stem", "conv", 16, 3, padding="same"),
        L("stem_bn", "batchnorm"),
        L("stem_relu", "relu"),
        L("a1", "conv", 16, 3, padding="same"),
        L("a1_bn", "batchnorm"),
        L("a1_relu", "relu"),
        L("a2", "conv", 16, 3, padding="same"),
        L("sum", "add", inputs=["stem_relu", "a2"]),
        L("cat", "concat", inputs=["sum", "stem_relu"]),
        L("gmp", "globalmaxpool"),
        L("drop", "dropout", 0.5),
        L("fc", "dense", 10),
    ], True),
    ("conv1d-seq", [
        L("input", "input", (100, 8)),
        L("conv1", "conv", 16, 5, stride=2),
        L("pool1", "maxpool", 2),
        L("conv2", "conv", 32, 3, padding="same"),
        L("gap", "globalavgpool"),
        L("fc", "dense", 4),
    ], True),
    ("conv3d-volume", [
        L("input", "input", (16, 32, 32, 1)),
        L("conv1", "conv", 8, (3, 3, 3)),
        L("pool1", "maxpool", 2),
        L("conv2", "conv", 16, (3, 3, 3), stride=2, padding="same"),
        L("gap", "globalavgpool"),
        L("fc", "dense", 2),
    ], True),
    ("pytorch-ceil-pool", [
        L("input", "input", (3, 33, 33), layout="chw"),
        L("conv1", "conv", 8, 3),
        L("pool1", "maxpool", 3, stride=2, ceil_mode=True),
        L("pool2", "avgpool", 2, ceil_mode=True, padding=1),
        L("flat", "flatten"),
        L("fc", "dense", 10),
    ], False),
    ("mlp-activations", [
        L("input", "input", (28, 28, 1)),
        L("flat", "flatten"),
        L("fc1", "dense", 128, bias=False),
        L("bn1", "batchnorm"),
        L("act1", "leakyrelu"),
        L("fc2", "dense", 64, activation="tanh"),
        L("act2", "gelu"),
        L("drop", "dropout", 0.25),
        L("fc3", "dense", 32, activation="sigmoid"),
        L("act3", "elu"),
        L("fc4", "dense", 10),
        L("act4", "sigmoid"),
    ], True),
    ("pytorch-explicit-padding", [
        L("input", "input", (1, 20, 30), layout="chw"),
        L("conv1", "conv", 4, (3, 5), padding=[(1, 2), (0, 1)]),
        L("conv2", "conv", 6, 3, padding="full", activation="tanh"),
        L("conv3", "conv", 8, 3, stride=3, padding=2, dilation=2),
        L("pool1", "maxpool", 2, padding=1),
        L("pool2", "avgpool", (2, 3), stride=1, padding=1),
        L("flat", "flatten"),
        L("fc", "dense", 3, bias=False),
    ], False),
]


# ------------------------------------------------------------ helpers


def input_geometry(layer):
    """(channels, spatial sizes) of an input line."""
    shape = list(layer["args"][0])
    if layer["options"].get("layout", "hwc") == "chw":
        return shape[0], shape[1:]
    return shape[-1], shape[:-1]


def per_axis(value, rank):
    return [value] * rank if isinstance(value, int) else list(value)


def tf_same_padding(size, kernel, stride, dilation):
    """TensorFlow's 'same' padding for one axis: (before, after)."""
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + dilation * (kernel - 1) + 1 - size, 0)
    return total // 2, total - total // 2


def numel(shape):
    return int(np.prod(shape)) if len(shape) else 1


# ------------------------------------------------------------ PyTorch


TORCH_ACTIVATIONS = {
    "relu": lambda: nn.ReLU(),
    "sigmoid": lambda: nn.Sigmoid(),
    "tanh": lambda: nn.Tanh(),
    "softmax": lambda: nn.Softmax(dim=1),
    "leakyrelu": lambda: nn.LeakyReLU(),
    "elu": lambda: nn.ELU(),
    "gelu": lambda: nn.GELU(),
}


class PaddedLayer(nn.Module):
    """One `.cnn` row: optional explicit padding, the layer, optional activation.

    `padding` is either a list of (before, after) per spatial axis, or the
    string "tf-same", meaning TensorFlow's 'same' split computed from the
    actual input size at run time.
    """

    def __init__(self, layer, padding=None, activation=None):
        super().__init__()
        self.layer = layer
        self.padding = padding
        self.activation = activation

    def forward(self, x):
        if self.padding == "tf-same":
            pairs = [
                tf_same_padding(size, k, s, d)
                for size, k, s, d in zip(x.shape[2:], self.layer.kernel_size,
                                         self.layer.stride, self.layer.dilation)
            ]
        else:
            pairs = self.padding
        if pairs is not None:
            amounts = []
            for before, after in reversed(pairs):  # F.pad takes the last axis first
                amounts += [before, after]
            x = F.pad(x, amounts)
        x = self.layer(x)
        if self.activation is not None:
            x = self.activation(x)
        return x


class GlobalPool(nn.Module):
    """Reduces all spatial axes: (N, C, ...) -> (N, C)."""

    def __init__(self, mode):
        super().__init__()
        self.mode = mode

    def forward(self, x):
        x = x.flatten(2)
        return x.mean(dim=2) if self.mode == "avg" else x.amax(dim=2)


def torch_module(layer, x):
    """Builds the PyTorch module for one `.cnn` row, given its input tensor."""
    kind, args, opts = layer["kind"], layer["args"], layer["options"]
    rank = x.dim() - 2
    if kind == "conv":
        filters, kernel = args
        kernel = per_axis(kernel, rank)
        stride = per_axis(opts.get("stride", 1), rank)
        dilation = per_axis(opts.get("dilation", 1), rank)
        padding = opts.get("padding", "valid")
        pre_pad = None
        if padding == "same" and any(s != 1 for s in stride):
            pre_pad, conv_padding = "tf-same", 0
        elif padding in ("same", "valid"):
            conv_padding = padding
        elif padding == "full":
            conv_padding = [d * (k - 1) for d, k in zip(dilation, kernel)]
        elif isinstance(padding, int):
            conv_padding = padding
        else:
            pre_pad, conv_padding = [tuple(p) for p in padding], 0
        cls = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}[rank]
        conv = cls(x.shape[1], filters, kernel, stride=stride, padding=conv_padding,
                   dilation=dilation, groups=opts.get("groups", 1), bias=opts.get("bias", True))
        activation = opts.get("activation")
        if pre_pad is None and activation is None:
            return conv
        return PaddedLayer(conv, pre_pad, TORCH_ACTIVATIONS[activation]() if activation else None)
    if kind in ("maxpool", "avgpool"):
        size = args[0]
        stride = opts.get("stride", size)
        padding = opts.get("padding", "valid")
        padding = 0 if padding == "valid" else padding
        if not isinstance(padding, int):
            raise NotImplementedError(f"pooling padding {padding!r} in PyTorch")
        ceil_mode = opts.get("ceil_mode", False)
        if kind == "maxpool":
            cls = {1: nn.MaxPool1d, 2: nn.MaxPool2d, 3: nn.MaxPool3d}[rank]
        else:
            cls = {1: nn.AvgPool1d, 2: nn.AvgPool2d, 3: nn.AvgPool3d}[rank]
        return cls(size, stride=stride, padding=padding, ceil_mode=ceil_mode)
    if kind == "globalavgpool":
        return GlobalPool("avg")
    if kind == "globalmaxpool":
        return GlobalPool("max")
    if kind == "flatten":
        return nn.Flatten()
    if kind == "dense":
        if x.dim() != 2:
            raise ValueError(f"dense after a {tuple(x.shape)} output; flatten first")
        linear = nn.Linear(x.shape[1], args[0], bias=opts.get("bias", True))
        activation = opts.get("activation")
        if activation is None:
            return linear
        return PaddedLayer(linear, None, TORCH_ACTIVATIONS[activation]())
    if kind == "dropout":
        return nn.Dropout(args[0])
    if kind == "batchnorm":
        cls = {0: nn.BatchNorm1d, 1: nn.BatchNorm1d, 2: nn.BatchNorm2d, 3: nn.BatchNorm3d}[max(rank, 0)]
        return cls(x.shape[1])
    if kind in TORCH_ACTIVATIONS:
        return TORCH_ACTIVATIONS[kind]()
    raise NotImplementedError(kind)


class TorchNetwork(nn.Module):
    """The rows of a `.cnn` network as a graph of PyTorch modules."""

    def __init__(self, layers):
        super().__init__()
        self.rows = []  # (name, kind, input names)
        self.blocks = nn.ModuleDict()
        self.merge_shapes = {}
        channels, spatial = input_geometry(layers[0])
        self.input_shape = [channels, *spatial]
        values = {"input": torch.zeros(1, *self.input_shape)}
        previous = "input"
        with torch.no_grad():
            for layer in layers[1:]:
                name, kind = layer["name"], layer["kind"]
                inputs = layer["options"].get("inputs", [previous])
                self.rows.append((name, kind, inputs))
                if kind not in ("add", "concat"):
                    module = torch_module(layer, values[inputs[0]])
                    module.eval()
                    self.blocks[name] = module
                values[name] = self._apply(name, kind, [values[i] for i in inputs])
                previous = name

    def _apply(self, name, kind, xs):
        if kind == "add":
            result = xs[0]
            for x in xs[1:]:
                result = result + x
        elif kind == "concat":
            result = torch.cat(xs, dim=1)
        else:
            return self.blocks[name](xs[0])
        self.merge_shapes[name] = list(result.shape[1:])
        return result

    def forward(self, x):
        values = {"input": x}
        for name, kind, inputs in self.rows:
            values[name] = self._apply(name, kind, [values[i] for i in inputs])
        return values[self.rows[-1][0]]


def run_torch(layers):
    net = TorchNetwork(layers)
    net.eval()
    shapes = {}
    for name, module in net.blocks.items():
        module.register_forward_hook(
            lambda _m, _inputs, output, name=name: shapes.__setitem__(name, list(output.shape[1:]))
        )
    net.merge_shapes.clear()
    with torch.no_grad():
        net(torch.zeros(1, *net.input_shape))
    shapes.update(net.merge_shapes)

    rows = {"input": {"outputShape": net.input_shape, "parameters": 0, "buffers": 0}}
    for name, _kind, _inputs in net.rows:
        module = net.blocks[name] if name in net.blocks else None
        parameters = sum(p.numel() for p in module.parameters()) if module is not None else 0
        # Floating-point buffers only: BatchNorm's running_mean and
        # running_var count, its integer num_batches_tracked does not.
        buffers = sum(b.numel() for b in module.buffers() if b.is_floating_point()) if module is not None else 0
        rows[name] = {"outputShape": shapes[name], "parameters": parameters, "buffers": buffers}

    total_parameters = sum(p.numel() for p in net.parameters())
    total_buffers = sum(b.numel() for b in net.buffers() if b.is_floating_point())
    assert total_parameters == sum(r["parameters"] for r in rows.values())
    assert total_buffers == sum(r["buffers"] for r in rows.values())
    return rows, {"parameters": total_parameters, "buffers": total_buffers}


# ------------------------------------------------------------ Keras


KERAS_ACTIVATIONS = {"relu", "sigmoid", "tanh", "softmax", "elu", "gelu"}


def keras_layer(layer, rank):
    kind, args, opts, name = layer["kind"], layer["args"], layer["options"], layer["name"]
    if kind == "conv":
        filters, kernel = args
        padding = opts.get("padding", "valid")
        if padding not in ("valid", "same"):
            raise NotImplementedError(f"Keras convolution padding {padding!r}")
        cls = {1: keras.layers.Conv1D, 2: keras.layers.Conv2D, 3: keras.layers.Conv3D}[rank]
        return cls(filters, tuple(per_axis(kernel, rank)),
                   strides=tuple(per_axis(opts.get("stride", 1), rank)),
                   padding=padding,
                   dilation_rate=tuple(per_axis(opts.get("dilation", 1), rank)),
                   groups=opts.get("groups", 1), use_bias=opts.get("bias", True),
                   activation=opts.get("activation"), name=name)
    if kind in ("maxpool", "avgpool"):
        padding = opts.get("padding", "valid")
        if padding not in ("valid", "same") or opts.get("ceil_mode", False):
            raise NotImplementedError("Keras pooling supports only 'valid'/'same' without ceil_mode")
        size = tuple(per_axis(args[0], rank))
        stride = tuple(per_axis(opts.get("stride", args[0]), rank))
        if kind == "maxpool":
            cls = {1: keras.layers.MaxPooling1D, 2: keras.layers.MaxPooling2D, 3: keras.layers.MaxPooling3D}[rank]
        else:
            cls = {1: keras.layers.AveragePooling1D, 2: keras.layers.AveragePooling2D,
                   3: keras.layers.AveragePooling3D}[rank]
        return cls(size, strides=stride, padding=padding, name=name)
    if kind == "globalavgpool":
        return {1: keras.layers.GlobalAveragePooling1D, 2: keras.layers.GlobalAveragePooling2D,
                3: keras.layers.GlobalAveragePooling3D}[rank](name=name)
    if kind == "globalmaxpool":
        return {1: keras.layers.GlobalMaxPooling1D, 2: keras.layers.GlobalMaxPooling2D,
                3: keras.layers.GlobalMaxPooling3D}[rank](name=name)
    if kind == "flatten":
        return keras.layers.Flatten(name=name)
    if kind == "dense":
        return keras.layers.Dense(args[0], activation=opts.get("activation"),
                                  use_bias=opts.get("bias", True), name=name)
    if kind == "dropout":
        return keras.layers.Dropout(args[0], name=name)
    if kind == "batchnorm":
        return keras.layers.BatchNormalization(name=name)
    if kind == "add":
        return keras.layers.Add(name=name)
    if kind == "concat":
        return keras.layers.Concatenate(axis=-1, name=name)
    if kind == "leakyrelu":
        return keras.layers.LeakyReLU(negative_slope=0.01, name=name)  # PyTorch's default slope
    if kind in KERAS_ACTIVATIONS:
        return keras.layers.Activation(kind, name=name)
    raise NotImplementedError(kind)


def weight_count(weights):
    return int(sum(numel(tuple(w.shape)) for w in weights))


def run_keras(layers):
    channels, spatial = input_geometry(layers[0])
    inputs = keras.Input(shape=(*spatial, channels), batch_size=1, name="input")
    tensors = {"input": inputs}
    previous = "input"
    for layer in layers[1:]:
        sources = [tensors[n] for n in layer["options"].get("inputs", [previous])]
        rank = len(sources[0].shape) - 2
        keras_l = keras_layer(layer, rank)
        tensors[layer["name"]] = keras_l(sources if layer["kind"] in ("add", "concat") else sources[0])
        previous = layer["name"]
    model = keras.Model(inputs, tensors[previous])

    # Run a real tensor through the whole model, not only the symbolic graph.
    result = model(np.zeros((1, *spatial, channels), dtype="float32"), training=False)
    assert list(result.shape[1:]) == list(tensors[previous].shape[1:])

    rows = {}
    for layer in layers:
        keras_l = model.get_layer(layer["name"])
        rows[layer["name"]] = {
            "outputShape": [int(v) for v in keras_l.output.shape[1:]],
            "parameters": int(keras_l.count_params()),
            "trainable": weight_count(keras_l.trainable_weights),
            "nonTrainable": weight_count(keras_l.non_trainable_weights),
        }
    totals = {
        "parameters": int(model.count_params()),
        "trainable": weight_count(model.trainable_weights),
        "nonTrainable": weight_count(model.non_trainable_weights),
    }
    assert totals["parameters"] == sum(r["parameters"] for r in rows.values())
    return rows, totals


# ------------------------------------------------------------ main


def build_network(name, layers, with_keras):
    names = [layer["name"] for layer in layers]
    assert names[0] == "input" and len(set(names)) == len(names), name
    torch_rows, torch_totals = run_torch(layers)
    keras_rows, keras_totals = run_keras(layers) if with_keras else ({}, None)
    return {
        "name": name,
        "cnn": common.cnn_text(layers),
        "layers": [
            {"name": n, "pytorch": torch_rows[n], "keras": keras_rows.get(n)}
            for n in names
        ],
        "totals": {"pytorch": torch_totals, "keras": keras_totals},
    }


def main():
    torch.manual_seed(0)
    keras.utils.set_random_seed(0)
    networks = [build_network(*spec) for spec in NETWORKS]
    document = {
        "generatedBy": SCRIPT,
        "versions": common.framework_versions(),
        "networks": networks,
    }
    common.write_json(document, OUTPUT, width=120)

    disagreements = []
    for network in networks:
        for row in network["layers"]:
            if row["keras"] is not None and row["pytorch"]["parameters"] + row["pytorch"]["buffers"] != row["keras"]["parameters"]:
                disagreements.append(f"{network['name']}/{row['name']}")
    summary = ", ".join(f"{n['name']} {n['totals']['pytorch']['parameters']}" for n in networks)
    print(
        f"wrote {len(networks)} networks ({sum(len(n['layers']) for n in networks)} layers) to {OUTPUT} "
        f"in {time.time() - START:.1f}s including imports; PyTorch parameters: {summary}; "
        f"rows where PyTorch parameters+buffers != Keras parameters: {disagreements or 'none'}"
    )


if __name__ == "__main__":
    main()
