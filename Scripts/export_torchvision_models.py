"""Exports torchvision's classification models as `.cnn` files.

Writes Tests/Fixtures/torchvision/<model>.cnn and
Tests/Fixtures/torchvision/summary.json.

Each model (weights=None, eval mode) is traced with torch.fx.symbolic_trace,
and every call_module / call_function / call_method node that produces a
tensor becomes one `.cnn` statement, named after the fx node ("input" for the
placeholder) and wired with inputs= from the node's tensor arguments (left
out when the only input is the statement written just before). The network
reads `input 3x224x224 layout=chw`. Nodes that produce no tensor (x.size(),
getitem on a size, floordiv) get no statement.

How nodes map to statements:
  Conv2d -> conv (stride, padding, dilation, groups, bias=false as needed);
  BatchNorm2d -> batchnorm; ReLU, F.relu, ReLU6, SiLU, Sigmoid, Hardswish,
  Hardsigmoid, GELU -> the activation; MaxPool2d / AvgPool2d -> maxpool /
  avgpool; AdaptiveAvgPool2d, F.adaptive_avg_pool2d -> adaptiveavgpool;
  x.mean([2, 3]) -> globalavgpool; Dropout -> dropout p; torchvision's
  stochastic_depth(x, p) -> dropout p; Linear -> dense; flatten -> flatten;
  + -> add; tensor * tensor -> multiply; torch.cat -> concat (identity for
  DenseNet's torch.cat([x]) of one tensor: concat needs two inputs);
  view / reshape -> reshape (the node's actual output sizes);
  permute / transpose -> permute; contiguous -> identity.
ConvNeXt computes parts of each block channels last: permute(0, 2, 3, 1),
LayerNorm / Linear / GELU on the last axis, permute(0, 3, 1, 2). Those two
permutes become `identity`, the LayerNorm `layernorm` (which normalizes the
channels) and the Linear `dense N flatten=false` (which acts on the channels),
so the statements keep the channels-first meaning; their recorded shapes
have the channel axis moved back to the front. Its layer scale (a learnable
C x 1 x 1 tensor times the block's output) has no statement of its own and is
written `depthwiseconv 1 bias=false`: the same shape and the same C
parameters (see the model's "notes").
A node with no statement (e.g. ShuffleNet's x.chunk(2, dim=1)) makes the
model "skipped", with the reason.

summary.json records per model:
  totalParams = sum(p.numel() for p in model.parameters()),
  trainableParams (the same over parameters with requires_grad),
  totalMultAdds = torchinfo.summary(model, input_size=(1, 3, 224, 224),
  verbose=0).total_mult_adds (torchinfo's "Total mult-adds", an integer),
  outputShapes = every statement's output shape without the batch axis, from
  a torch.fx Interpreter run on a zero tensor,
  multAdds = torchinfo's mult-adds of the leaf module behind a statement,
  where not zero (they sum to totalMultAdds),
  parameters = the parameter count of every statement that has parameters
  (from the module, or from the get_attr tensors the node reads).
Every exported file is read back by a small independent shape and parameter
calculator below (check_cnn); its output shapes must equal the recorded ones
and its parameters must add up to totalParams.

Requirements: torch, torchvision, torchinfo (Scripts/requirements-fixtures.txt).

Run from the repository root:
    python Scripts/export_torchvision_models.py
"""

import time

START = time.time()

import math
import operator
import os
import sys

sys.dont_write_bytecode = True  # keep Scripts/ free of __pycache__
import fixture_common as common

import torch
import torch.fx
import torch.nn as nn
import torch.nn.functional as F
import torchinfo
import torchvision
from torchvision import models
from torchvision.ops.stochastic_depth import stochastic_depth

OUTPUT_DIR = "Tests/Fixtures/torchvision"
SCRIPT = "Scripts/export_torchvision_models.py"
INPUT = (3, 224, 224)

MODELS = [
    "alexnet", "vgg11", "vgg16", "vgg16_bn", "resnet18", "resnet50", "squeezenet1_0", "squeezenet1_1",
    "densenet121", "mobilenet_v2", "googlenet", "mnasnet1_0", "efficientnet_b0", "mobilenet_v3_small",
    "mobilenet_v3_large", "regnet_y_400mf", "shufflenet_v2_x1_0", "resnext50_32x4d", "wide_resnet50_2",
    "convnext_tiny",
]
MODEL_OPTIONS = {"googlenet": {"aux_logits": False, "transform_input": False, "init_weights": False}}


class CannotExpress(Exception):
    """A graph node that no `.cnn` statement can stand for."""


def size(values):
    """One number when every axis agrees, else a per-axis size."""
    values = tuple(int(v) for v in (values if isinstance(values, (tuple, list)) else [values]))
    return values[0] if len(set(values)) == 1 else values


def statement(name, kind, *args, **options):
    return {"name": name, "kind": kind, "args": list(args), "options": options}


ACTIVATION_MODULES = {
    nn.ReLU: "relu", nn.ReLU6: "relu6", nn.SiLU: "silu", nn.Sigmoid: "sigmoid", nn.Hardswish: "hardswish",
    nn.Hardsigmoid: "hardsigmoid", nn.Tanh: "tanh", nn.Identity: "identity",
}
CHANNELS_LAST = (0, 2, 3, 1)
CHANNELS_FIRST = (0, 3, 1, 2)


class Recorder(torch.fx.Interpreter):
    """Runs the traced graph and keeps every node's output."""

    def __init__(self, module):
        super().__init__(module)
        self.outputs = {}

    def run_node(self, n):
        result = super().run_node(n)
        self.outputs[n.name] = result
        return result


def permute_dims(node):
    dims = node.args[1:] if node.op == "call_method" else node.args[1]
    if node.op == "call_method" and len(dims) == 1 and isinstance(dims[0], (tuple, list)):
        dims = dims[0]
    return tuple(dims)


def module_statement(module, x, layout):
    """(kind, args, options) for a call_module node."""
    if type(module) in ACTIVATION_MODULES:
        return ACTIVATION_MODULES[type(module)], [], {}
    if isinstance(module, nn.GELU):
        return "gelu", [], {}
    if layout == "cl" and not isinstance(module, (nn.LayerNorm, nn.Linear, nn.Dropout)):
        raise CannotExpress(f"{type(module).__name__} on a channels-last tensor")
    if isinstance(module, nn.Conv2d):
        if module.padding_mode != "zeros" or isinstance(module.padding, str):
            raise CannotExpress(f"Conv2d padding {module.padding!r} / {module.padding_mode}")
        options = {}
        if size(module.stride) != 1:
            options["stride"] = size(module.stride)
        if size(module.padding) != 0:
            options["padding"] = size(module.padding)
        if size(module.dilation) != 1:
            options["dilation"] = size(module.dilation)
        if module.groups != 1:
            options["groups"] = module.groups
        if module.bias is None:
            options["bias"] = False
        return "conv", [module.out_channels, size(module.kernel_size)], options
    if isinstance(module, nn.BatchNorm2d):
        if not module.affine or not module.track_running_stats:
            raise CannotExpress("BatchNorm2d without affine or running statistics")
        return "batchnorm", [], {}
    if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        if isinstance(module, nn.MaxPool2d) and size(module.dilation) != 1:
            raise CannotExpress("dilated max pooling")
        options = {}
        if size(module.stride) != size(module.kernel_size):
            options["stride"] = size(module.stride)
        if size(module.padding) != 0:
            options["padding"] = size(module.padding)
        if module.ceil_mode:
            options["ceil_mode"] = True
        kind = "maxpool" if isinstance(module, nn.MaxPool2d) else "avgpool"
        return kind, [size(module.kernel_size)], options
    if isinstance(module, nn.AdaptiveAvgPool2d):
        return adaptive_statement(module.output_size)
    if isinstance(module, nn.Dropout):
        return "dropout", [module.p], {}
    if isinstance(module, nn.Flatten):
        if module.start_dim != 1 or module.end_dim != -1:
            raise CannotExpress("Flatten that keeps more than the batch axis")
        return "flatten", [], {}
    if isinstance(module, nn.Linear):
        options = {} if module.bias is not None else {"bias": False}
        if layout == "cl":
            return "dense", [module.out_features], dict(options, flatten=False)
        if x.dim() != 2:
            raise CannotExpress("Linear on a channels-first map acts on its last (width) axis")
        return "dense", [module.out_features], options
    if isinstance(module, nn.LayerNorm):
        return layernorm_statement(module.normalized_shape, module.weight, module.bias, x, layout)
    raise CannotExpress(f"module {type(module).__name__}")


def adaptive_statement(output_size):
    if output_size is None or (isinstance(output_size, (tuple, list)) and None in output_size):
        raise CannotExpress("adaptive pooling that keeps an axis (None)")
    return "adaptiveavgpool", [size(output_size)], {}


def layernorm_statement(normalized_shape, weight, bias, x, layout):
    if layout != "cl" or tuple(normalized_shape) != (x.shape[-1],):
        raise CannotExpress("layer norm over other axes than the channels")
    if weight is None:
        return "layernorm", [], {"affine": False}
    return "layernorm", [], {} if bias is not None else {"bias": False}


def function_statement(node, x, layout, values):
    """(kind, args, options) for a call_function / call_method node."""
    target = node.target
    name = target if isinstance(target, str) else getattr(target, "__name__", str(target))
    if name in ("relu",):
        return "relu", [], {}
    if target in (operator.add, torch.add, operator.mul, torch.mul) or name in ("add", "mul"):
        if len(tensor_inputs(node, values)) != 2 or parameter_inputs(node):
            raise CannotExpress(f"{node.name}: arithmetic with a constant or a parameter")
        return ("add" if name == "add" else "multiply"), [], {}
    if target is torch.cat:
        dim = node.kwargs.get("dim", node.args[1] if len(node.args) > 1 else 0)
        if layout != "cf" or dim not in (1, -3):
            raise CannotExpress(f"torch.cat along axis {dim}")
        if len(tensor_inputs(node, values)) == 1:
            return "identity", [], {}  # torch.cat([x]) (DenseNet's first layer); concat needs two inputs
        return "concat", [], {}
    if name == "flatten":
        start = node.kwargs.get("start_dim", node.args[1] if len(node.args) > 1 else 0)
        end = node.kwargs.get("end_dim", node.args[2] if len(node.args) > 2 else -1)
        if start != 1 or end != -1:
            raise CannotExpress(f"flatten({start}, {end})")
        return "flatten", [], {}
    if target is F.adaptive_avg_pool2d:
        return adaptive_statement(node.args[1] if len(node.args) > 1 else node.kwargs["output_size"])
    if target is stochastic_depth:
        p = node.args[1] if len(node.args) > 1 else node.kwargs["p"]
        return "dropout", [p], {}
    if target is F.layer_norm:
        weight = node.kwargs.get("weight", node.args[2] if len(node.args) > 2 else None)
        bias = node.kwargs.get("bias", node.args[3] if len(node.args) > 3 else None)
        return layernorm_statement(node.args[1], weight, bias, x, layout)
    if name == "mean":
        dims = node.args[1] if len(node.args) > 1 else node.kwargs["dim"]
        keepdim = node.kwargs.get("keepdim", node.args[2] if len(node.args) > 2 else False)
        if layout != "cf" or sorted(d % x.dim() for d in dims) != list(range(2, x.dim())):
            raise CannotExpress(f"mean over axes {dims}")
        return "globalavgpool", [], {"keepdims": True} if keepdim else {}
    if name in ("view", "reshape"):
        if layout != "cf":
            raise CannotExpress("reshape of a channels-last tensor")
        return "reshape", [size_all(values[node.name].shape[1:])], {}
    if name == "contiguous":
        return "identity", [], {}
    if name == "permute":
        dims = permute_dims(node)
        if dims[0] != 0:
            raise CannotExpress("permute that moves the batch axis")
        if layout == "cf" and x.dim() == 4 and dims == CHANNELS_LAST:
            return "identity", [], {"_layout": "cl"}
        if layout == "cl" and dims == CHANNELS_FIRST:
            return "identity", [], {"_layout": "cf"}
        if layout != "cf":
            raise CannotExpress("permute of a channels-last tensor")
        return "permute", [tuple(d for d in dims[1:])], {}
    if name == "transpose":
        a, b = (d % x.dim() for d in node.args[1:3])
        if layout != "cf" or 0 in (a, b):
            raise CannotExpress("transpose of the batch axis or of a channels-last tensor")
        dims = list(range(x.dim()))
        dims[a], dims[b] = dims[b], dims[a]
        return "permute", [tuple(dims[1:])], {}
    if name in ("chunk", "split", "getitem"):
        raise CannotExpress(f"{name}: no .cnn statement splits a tensor into parts")
    raise CannotExpress(f"{node.op} {name}")


def note(notes, text):
    if text not in notes:
        notes.append(text)


def size_all(dims):
    """Every size written out (reshape needs each axis)."""
    return tuple(int(d) for d in dims) if len(dims) > 1 else int(dims[0])


def tensor_inputs(node, values):
    """The node's tensor arguments in order (get_attr parameters excluded)."""
    found = []

    def visit(a):
        if isinstance(a, torch.fx.Node):
            if a.op != "get_attr" and isinstance(values.get(a.name), torch.Tensor):
                found.append(a)
        elif isinstance(a, (tuple, list)):
            for item in a:
                visit(item)
        elif isinstance(a, dict):
            for item in a.values():
                visit(item)

    visit(node.args)
    visit(node.kwargs)
    return found


def parameter_inputs(node):
    return [a for a in list(node.args) + list(node.kwargs.values())
            if isinstance(a, torch.fx.Node) and a.op == "get_attr"]


def export_model(name):
    model = models.get_model(name, weights=None, **MODEL_OPTIONS.get(name, {})).eval()
    total_params = sum(p.numel() for p in model.parameters())
    trainable_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    graph_module = torch.fx.symbolic_trace(model)
    recorder = Recorder(graph_module)
    with torch.no_grad():
        recorder.run(torch.zeros(1, *INPUT))
    values = recorder.outputs

    statements, shapes, parameters, notes = [], {}, {}, []
    names = {}  # fx node name -> statement name
    layouts = {}  # statement name -> "cf" (channels first) or "cl" (channels last)
    previous = None
    for node in graph_module.graph.nodes:
        if node.op in ("output", "get_attr"):
            continue
        if node.op == "placeholder":
            names[node.name], layouts["input"], previous = "input", "cf", "input"
            statements.append(statement("input", "input", INPUT, layout="chw"))
            shapes["input"] = list(INPUT)
            continue
        if node.op == "call_method" and node.target in ("chunk", "split", "unbind") or \
                node.target is operator.getitem and not isinstance(values[node.args[0].name], torch.Size):
            what = f"Tensor.{node.target}" if node.op == "call_method" else "getitem"
            arguments = ", ".join([repr(a) for a in node.args[1:]] + [f"{k}={v!r}" for k, v in node.kwargs.items()])
            raise CannotExpress(f"node {node.name} = {what}({arguments}) splits a tensor into parts "
                                "(ShuffleNet's channel split); no .cnn statement does that")
        if not isinstance(values[node.name], torch.Tensor):
            continue  # sizes and arithmetic on them
        inputs = tensor_inputs(node, values)
        if not inputs:
            raise CannotExpress(f"{node.name} has no tensor input")
        x = values[inputs[0].name]
        layout = layouts[names[inputs[0].name]]
        if any(layouts[names[i.name]] != layout for i in inputs):
            raise CannotExpress(f"{node.name} mixes channels-first and channels-last inputs")
        own = parameter_inputs(node)
        count = 0
        if node.op == "call_module":
            module = graph_module.get_submodule(node.target)
            kind, args, options = module_statement(module, x, layout)
            count = sum(p.numel() for p in module.parameters())
        elif node.target is operator.mul and own:
            # ConvNeXt's layer scale: a learnable C x 1 x 1 tensor times the map.
            scale = graph_module.get_parameter(own[0].target)
            if len(inputs) != 1 or layout != "cf" or tuple(scale.shape) != (x.shape[1], 1, 1):
                raise CannotExpress(f"{node.name}: product with a parameter of shape {tuple(scale.shape)}")
            kind, args, options = "depthwiseconv", [1], {"bias": False}
            count = scale.numel()
            note(notes, "layer scale (a learnable C x 1 x 1 parameter times the block's output, e.g. "
                 "features.1.0.layer_scale) is written `depthwiseconv 1 bias=false`: the same output shape "
                 "and C parameters; torchinfo counts no mult-adds for it")
        else:
            kind, args, options = function_statement(node, x, layout, values)
            count = sum(graph_module.get_parameter(p.target).numel() for p in own)
        if own and node.op != "call_module" and kind not in ("layernorm", "depthwiseconv"):
            raise CannotExpress(f"{node.name} reads parameters {[p.target for p in own]}")
        if "_layout" in options:
            note(notes, "permute(0, 2, 3, 1) and permute(0, 3, 1, 2) around the channels-last LayerNorm and "
                 "Linear layers are written `identity`, those layers `layernorm` and `dense N flatten=false` "
                 "(acting on the channels); outputShapes give such nodes channels first")
        if kind == "dense" and layout == "cl":
            note(notes, "torchinfo counts a Linear applied to a channels-last map once, not once per position: "
                 "its mult-adds for that layer equal its parameter count")
        if kind == "identity" and node.target is torch.cat:
            note(notes, "torch.cat of a single tensor is written `identity` (concat takes two or more inputs)")
        layout = options.pop("_layout", layout)

        stmt_name = node.name
        assert stmt_name not in layouts, stmt_name
        names[node.name], layouts[stmt_name] = stmt_name, layout
        sources = [names[i.name] for i in inputs]
        if sources != [previous]:
            options["inputs"] = sources
        statements.append(statement(stmt_name, kind, *args, **options))
        previous = stmt_name
        shape = list(values[node.name].shape[1:])
        if layout == "cl":
            shape = shape[-1:] + shape[:-1]  # the channels-first meaning of the statement
        shapes[stmt_name] = shape
        if count:
            parameters[stmt_name] = count

    summary = torchinfo.summary(model, input_size=(1, *INPUT), verbose=0)
    mult_adds = statement_mult_adds(model, graph_module, summary, names)
    assert sum(mult_adds.values()) == summary.total_mult_adds, name
    assert sum(parameters.values()) == total_params, (name, sum(parameters.values()), total_params)

    header = [
        f"# torchvision {torchvision.__version__.split('+')[0]} {name} (weights=None, eval mode), traced with",
        f"# torch.fx.symbolic_trace by {SCRIPT}: one statement per graph node.",
    ] + [f"# Note: {n}" for n in notes]
    text = "\n".join(header) + "\n" + common.cnn_text(statements)
    return text, {
        "file": f"{name}.cnn",
        "statements": len(statements),
        "totalParams": total_params,
        "trainableParams": trainable_params,
        "torchinfoTotalParams": summary.total_params,
        "totalMultAdds": summary.total_mult_adds,
        "notes": notes,
        "outputShapes": shapes,
        "parameters": parameters,
        "multAdds": mult_adds,
    }


def statement_mult_adds(model, graph_module, summary, names):
    """torchinfo's mult-adds per statement: each leaf module's, on the statement it became."""
    paths = {}
    for path, module in model.named_modules():
        paths.setdefault(id(module), path)
    # Statements by the innermost module they were traced in (fx records the stack).
    by_module = {}
    for node in graph_module.graph.nodes:
        if node.name not in names or node.op == "placeholder":
            continue
        if node.op == "call_module":
            path = node.target
        else:
            stack = node.meta.get("nn_module_stack") or {}
            path = list(stack.values())[-1][0] if stack else ""
        by_module.setdefault(path, []).append(names[node.name])
    result = {}
    for info in summary.summary_list:
        if not info.is_leaf_layer or info.macs == 0:
            continue
        path = paths[id(info.module)]
        candidates = by_module.get(path)
        if not candidates:
            raise AssertionError(f"torchinfo layer {path} has no statement")
        # Of a module's statements the one with its kind's arithmetic: the only one,
        # or (LayerNorm2d: permute, layer_norm, permute) the one in the middle.
        target = candidates[0] if len(candidates) == 1 else candidates[len(candidates) // 2]
        result[target] = result.get(target, 0) + info.macs
    return result


# ------------------------------------------------------------ independent check


def parse_cnn(text):
    """[(name, kind, values, options)] of a `.cnn` text as this script writes it."""
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        head, rest = line.split(":", 1)
        words = rest.split()
        kind, values, options = words[0], [], {}
        for word in words[1:]:
            if "=" in word:
                key, value = word.split("=", 1)
                options[key] = value
            else:
                values.append(word)
        out.append((head.strip(), kind, values, options))
    return out


def dims_of(text):
    return [int(v) for v in text.split("x")]


def axis_values(text, rank):
    values = dims_of(text)
    return values * rank if len(values) == 1 else values


def window(size_in, k, s, p, d=1, ceil_mode=False):
    span = size_in + 2 * p - d * (k - 1) - 1
    if ceil_mode:
        out = math.ceil(span / s) + 1
        if (out - 1) * s >= size_in + p:
            out -= 1
        return out
    return span // s + 1


def check_cnn(text, shapes, parameters, total_params):
    """Recomputes every statement's shape (channels first) and parameters from the text alone."""
    computed, counts = {}, {}
    previous = None
    for name, kind, values, options in parse_cnn(text):
        sources = options["inputs"].split(",") if "inputs" in options else [previous]
        ins = [computed[s] for s in sources] if kind != "input" else []
        x = ins[0] if ins else None
        count = 0
        if kind == "input":
            out = dims_of(values[0])
        elif kind in ("conv", "depthwiseconv"):
            c, spatial = x[0], x[1:]
            r = len(spatial)
            if kind == "conv":
                filters, kernel = int(values[0]), axis_values(values[1], r)
                groups = int(options.get("groups", 1))
            else:
                kernel = axis_values(values[0], r)
                filters, groups = c * int(options.get("multiplier", 1)), c
            stride = axis_values(options.get("stride", "1"), r)
            padding = axis_values(options.get("padding", "0"), r)
            dilation = axis_values(options.get("dilation", "1"), r)
            out = [filters] + [window(n, k, s, p, d) for n, k, s, p, d in zip(spatial, kernel, stride, padding, dilation)]
            count = math.prod(kernel) * (c // groups) * filters + (filters if options.get("bias") != "false" else 0)
        elif kind in ("maxpool", "avgpool"):
            r = len(x) - 1
            k = axis_values(values[0], r)
            s = axis_values(options.get("stride", values[0]), r)
            p = axis_values(options.get("padding", "0"), r)
            ceil_mode = options.get("ceil_mode") == "true"
            out = [x[0]] + [window(n, kk, ss, pp, 1, ceil_mode) for n, kk, ss, pp in zip(x[1:], k, s, p)]
        elif kind == "adaptiveavgpool":
            out = [x[0]] + axis_values(values[0], len(x) - 1)
        elif kind == "globalavgpool":
            out = [x[0]] + [1] * (len(x) - 1) if options.get("keepdims") == "true" else [x[0]]
        elif kind == "batchnorm":
            out, count = x, 2 * x[0]
        elif kind == "layernorm":
            out = x
            count = 0 if options.get("affine") == "false" else (1 if options.get("bias") == "false" else 2) * x[0]
        elif kind == "dense":
            units = int(values[0])
            bias = 0 if options.get("bias") == "false" else units
            if options.get("flatten") == "false":
                out, count = [units] + x[1:], x[0] * units + bias
            else:
                out, count = [units], math.prod(x) * units + bias
        elif kind == "flatten":
            out = [math.prod(x)]
        elif kind in ("add", "multiply"):
            rank = max(len(i) for i in ins)
            padded = [i + [1] * (rank - len(i)) for i in ins]  # a vector of C meets C x 1 x 1
            out = []
            for axis in range(rank):
                sizes = {i[axis] for i in padded} - {1}
                assert len(sizes) <= 1, (name, ins)
                out.append(sizes.pop() if sizes else 1)
        elif kind == "concat":
            assert all(i[1:] == x[1:] for i in ins), (name, ins)
            out = [sum(i[0] for i in ins)] + x[1:]
        elif kind == "reshape":
            out = dims_of(values[0])
            assert math.prod(out) == math.prod(x), name
        elif kind == "permute":
            out = [x[p - 1] for p in dims_of(values[0])]
        elif kind in ("relu", "relu6", "silu", "sigmoid", "hardswish", "hardsigmoid", "tanh", "gelu", "identity",
                      "dropout"):
            out = x
        else:
            raise AssertionError(f"check_cnn does not know {kind}")
        computed[name] = out
        if count:
            counts[name] = count
        previous = name
    assert computed == shapes, [n for n in shapes if computed.get(n) != shapes[n]][:5]
    assert counts == parameters, [n for n in parameters if counts.get(n) != parameters[n]][:5]
    assert sum(counts.values()) == total_params


# ------------------------------------------------------------ main


def main():
    torch.manual_seed(0)
    os.makedirs(os.path.join(common.REPO_ROOT, OUTPUT_DIR), exist_ok=True)
    exported, skipped, timings = {}, {}, []
    for name in MODELS:
        started = time.time()
        try:
            text, record = export_model(name)
        except CannotExpress as e:
            skipped[name] = str(e)
            continue
        check_cnn(text, record["outputShapes"], record["parameters"], record["totalParams"])
        with open(os.path.join(common.REPO_ROOT, OUTPUT_DIR, record["file"]), "w", encoding="utf-8") as f:
            f.write(text)
        exported[name] = record
        timings.append(f"{name} {time.time() - started:.1f}s")
    document = {
        "generatedBy": SCRIPT,
        "versions": {"torch": torch.__version__, "torchvision": torchvision.__version__,
                     "torchinfo": getattr(torchinfo, "__version__", "unknown")},
        "input": {"shape": list(INPUT), "layout": "chw", "batch": 1},
        "models": exported,
        "skipped": skipped,
    }
    path = common.write_json(document, os.path.join(OUTPUT_DIR, "summary.json"), width=120)
    print(
        f"exported {len(exported)} models to {OUTPUT_DIR} ({os.path.getsize(path)} bytes of summary.json) "
        f"in {time.time() - START:.1f}s including imports; skipped: "
        f"{'; '.join(f'{k}: {v}' for k, v in skipped.items()) or 'none'}\n"
        + ", ".join(f"{n} {r['statements']} statements {r['totalParams']} params {r['totalMultAdds']} mult-adds"
                    for n, r in exported.items())
        + "\n" + ", ".join(timings)
    )


if __name__ == "__main__":
    main()
