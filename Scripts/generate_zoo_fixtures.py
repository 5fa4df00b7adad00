"""Expected numbers for the model zoo's PyTorch families, from torchvision itself.

Writes Tests/Fixtures/zoo/torchvision.json.

Every model of the zoo written after torchvision (and LeNet-5, the MATLAB
question's network and the U-Net of Ronneberger et al., written here as PyTorch
modules) is built with
weights=None in eval mode, once as its builder makes it and once for each
override of the zoo's knobs the tests exercise:

  input      the input size, channels first (Inception v3 at 3x320x320 ...)
  classes    num_classes of the builder
  includesTop=false
             the network without its head: the modules FEATURES names, run in
             order (see Truncated), e.g. VGG's `features`, ResNet's conv1 to
             layer4, DenseNet's `features` and the ReLU its forward applies
  width      width_mult of MobileNet v2 and v3, alpha of MnasNet

(The Vision Transformer's input size is its builder's image_size, and without its
head it ends at the encoder's output, the class token and the patches, as
timm's forward_features does: see ViTFeatures.)

For each case it records
  parameters  = sum(p.numel() for p in model.parameters())
  trainable   = the same over the parameters with requires_grad
  buffers     = sum(b.numel() for b in model.buffers()) (BatchNorm's running
                statistics and num_batches_tracked)
  multAdds    = torchinfo.summary(model, input_size=(1, *input)).total_mult_adds
  layers      = [module path, output shape without the batch axis] for every
                call of a leaf module (one without children), in call order,
                from forward hooks; a module called three times (ResNet's
                `relu`) has three entries. An nn.MultiheadAttention, no leaf
                (it holds out_proj, whose weights its forward uses without
                calling it), is recorded too: the first output, the sequence.
  operationMACs (the Vision Transformer only) the multiply-accumulates of the
                operations PyTorch ran, counted by OperationMACs from the
                shapes of every aten convolution, addmm, mm and bmm: an
                independent check of CNNCalc's own MACs, where torchinfo leaves
                out the attention and the sequence length.
Modules that torchvision runs on a channels-last tensor (ConvNeXt's blocks:
the Permute([0, 2, 3, 1]), LayerNorm, Linear, GELU, Linear between the two
permutes) are recorded with the channel axis moved to the front, the meaning
CNNCalc gives those layers.

The default input of a torchvision model is the crop size its ImageNet weights
were trained at (weights.transforms().crop_size), read here from torchvision's
weight metadata.

Requirements: torch, torchvision, torchinfo (Scripts/requirements-fixtures.txt).
Run from the repository root:
    python Scripts/generate_zoo_fixtures.py
"""

import time

START = time.time()

import os
import re
import sys
from collections import OrderedDict

sys.dont_write_bytecode = True  # keep Scripts/ free of __pycache__
import fixture_common as common

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchinfo
import torchvision
from math import prod
from torch.nn.attention import SDPBackend, sdpa_kernel
from torch.utils._python_dispatch import TorchDispatchMode
from torchvision import models
from torchvision.models.mnasnet import MNASNet

OUTPUT = "Tests/Fixtures/zoo/torchvision.json"
SCRIPT = "Scripts/generate_zoo_fixtures.py"


# ------------------------------------------------------------ models written here


class LeNet5(nn.Module):
    """LeNet-5 (LeCun et al. 1998, Fig. 2) as textbooks simplify it: C3 sees all of S2,
    S2 and S4 are plain average pooling, the output is a dense layer. F6 takes every
    value C5 produces (120 of them for the paper's 32x32 input)."""

    def __init__(self, input_size=(1, 32, 32), num_classes=10):
        super().__init__()
        channels, height, width = input_size
        self.c1 = nn.Conv2d(channels, 6, 5)
        self.tanh1 = nn.Tanh()
        self.s2 = nn.AvgPool2d(2)
        self.c3 = nn.Conv2d(6, 16, 5)
        self.tanh3 = nn.Tanh()
        self.s4 = nn.AvgPool2d(2)
        self.c5 = nn.Conv2d(16, 120, 5)
        self.tanh5 = nn.Tanh()
        self.flatten = nn.Flatten()
        side = lambda n: ((n - 4) // 2 - 4) // 2 - 4
        self.f6 = nn.Linear(120 * side(height) * side(width), 84)
        self.tanh6 = nn.Tanh()
        self.output = nn.Linear(84, num_classes)

    def forward(self, x):
        for module in self.children():
            x = module(x)
        return x


class MATLABSeed(nn.Module):
    """The network of Data Science SE 65392 as a MATLAB layer array, rebuilt module by
    module: imageInputLayer([50 50 2]), convolution2dLayer(5, 20), reluLayer,
    fullyConnectedLayer(5), softmaxLayer. MATLAB's learnables for these layers are the
    same tensors (Weights 5x5x2x20 and Bias 1x1x20; Weights 5x42320 and Bias 5x1)."""

    def __init__(self, input_size=(2, 50, 50), num_classes=5):
        super().__init__()
        channels, height, width = input_size
        self.conv = nn.Conv2d(channels, 20, 5)
        self.relu = nn.ReLU()
        self.fc = nn.Linear(20 * (height - 4) * (width - 4), num_classes)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        x = self.relu(self.conv(x))
        return self.softmax(self.fc(torch.flatten(x, 1)))


class UNet(nn.Module):
    """The U-Net of Ronneberger et al. (2015), Fig. 1, as the paper draws it: on a
    1x572x572 tile, four levels of two unpadded 3x3 convolutions with ReLU
    (`enc1` ... `enc4`, 64 to 512 filters) each followed by 2x2 max pooling, a bottom
    level of 1,024 filters (`bottom`), then four levels of a 2x2 up-convolution halving
    the channels (`up4` ... `up1`, ConvTranspose2d with stride 2), the centre crop of the
    matching encoder output concatenated before it, and two unpadded 3x3 convolutions
    with ReLU (`dec4` ... `dec1`); a 1x1 convolution to the classes (`head`) gives the
    388x388 segmentation map. No BatchNorm and no padding, as in the paper."""

    def __init__(self, input_size=(1, 572, 572), num_classes=2):
        super().__init__()
        channels = input_size[0]

        def double(inputs, outputs):
            return nn.Sequential(nn.Conv2d(inputs, outputs, 3), nn.ReLU(inplace=True),
                                 nn.Conv2d(outputs, outputs, 3), nn.ReLU(inplace=True))

        self.enc1, self.enc2 = double(channels, 64), double(64, 128)
        self.enc3, self.enc4 = double(128, 256), double(256, 512)
        self.pool1, self.pool2, self.pool3, self.pool4 = (nn.MaxPool2d(2) for _ in range(4))
        self.bottom = double(512, 1024)
        self.up4, self.dec4 = nn.ConvTranspose2d(1024, 512, 2, stride=2), double(1024, 512)
        self.up3, self.dec3 = nn.ConvTranspose2d(512, 256, 2, stride=2), double(512, 256)
        self.up2, self.dec2 = nn.ConvTranspose2d(256, 128, 2, stride=2), double(256, 128)
        self.up1, self.dec1 = nn.ConvTranspose2d(128, 64, 2, stride=2), double(128, 64)
        self.head = nn.Conv2d(64, num_classes, 1)

    @staticmethod
    def center_crop(skip, like):
        height, width = like.shape[2:]
        top, left = (skip.shape[2] - height) // 2, (skip.shape[3] - width) // 2
        return skip[:, :, top:top + height, left:left + width]

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool1(e1))
        e3 = self.enc3(self.pool2(e2))
        e4 = self.enc4(self.pool3(e3))
        x = self.bottom(self.pool4(e4))
        for up, dec, skip in ((self.up4, self.dec4, e4), (self.up3, self.dec3, e3),
                              (self.up2, self.dec2, e2), (self.up1, self.dec1, e1)):
            x = up(x)
            x = dec(torch.cat([self.center_crop(skip, x), x], dim=1))
        return self.head(x)


# ------------------------------------------------------------ what each model is

# name -> (how to build it, default input, the children that make its features).
# `build(input_size, classes, width)`; width is None where the family has none.
def torchvision_builder(name, **fixed):
    def build(input_size, classes, width):
        kwargs = dict(fixed)
        if classes is not None:
            kwargs["num_classes"] = classes
        if width is not None:
            kwargs["width_mult"] = width
        return models.get_model(name, weights=None, **kwargs)
    return build


def mnasnet_builder(input_size, classes, width):
    return MNASNet(1.0 if width is None else width, **({} if classes is None else {"num_classes": classes}))


def vit_builder(input_size, classes, width):
    kwargs = {"image_size": input_size[1]}
    if classes is not None:
        kwargs["num_classes"] = classes
    return models.get_model("vit_b_16", weights=None, **kwargs)


class ViTFeatures(nn.Module):
    """A VisionTransformer without its head: the patches (`conv_proj`), the class token in
    front of them and the encoder, ending at the encoder's LayerNorm on every token (no
    `x[:, 0]`, no `heads`), as timm's forward_features. The children and the class token
    keep their names."""

    def __init__(self, model):
        super().__init__()
        self.conv_proj, self.encoder, self.class_token = model.conv_proj, model.encoder, model.class_token
        self.process_input = model._process_input  # a bound method: the patches, flattened and transposed

    def forward(self, x):
        x = self.process_input(x)
        x = torch.cat([self.class_token.expand(x.shape[0], -1, -1), x], dim=1)
        return self.encoder(x)


def crop(name):
    """The input size torchvision's ImageNet weights were trained at."""
    weights = models.get_model_weights(name).DEFAULT
    size = weights.transforms().crop_size[0]
    return [3, size, size]


RESNET_FEATURES = ["conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4"]
GOOGLENET_FEATURES = ["conv1", "maxpool1", "conv2", "conv3", "maxpool2", "inception3a", "inception3b", "maxpool3",
                      "inception4a", "inception4b", "inception4c", "inception4d", "inception4e", "maxpool4",
                      "inception5a", "inception5b"]
INCEPTION_FEATURES = ["Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "maxpool1", "Conv2d_3b_1x1", "Conv2d_4a_3x3",
                      "maxpool2", "Mixed_5b", "Mixed_5c", "Mixed_5d", "Mixed_6a", "Mixed_6b", "Mixed_6c", "Mixed_6d",
                      "Mixed_6e", "Mixed_7a", "Mixed_7b", "Mixed_7c"]
NO_AUX = {"aux_logits": False, "init_weights": False}


def registry():
    entries = OrderedDict()

    def add(name, build, default_input, features, tail=None, width=None):
        entries[name] = {"build": build, "input": default_input, "features": features, "tail": tail,
                         "width": width}

    add("lenet5", lambda i, c, w: LeNet5(i, 10 if c is None else c), [1, 32, 32],
        ["c1", "tanh1", "s2", "c3", "tanh3", "s4", "c5", "tanh5"])
    add("alexnet", torchvision_builder("alexnet"), crop("alexnet"), ["features"])
    for depth in (11, 13, 16, 19):
        for suffix in ("", "_bn"):
            name = f"vgg{depth}{suffix}"
            add(name, torchvision_builder(name), crop(name), ["features"])
    for name in ("resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnext50_32x4d", "wide_resnet50_2"):
        add(name, torchvision_builder(name), crop(name), RESNET_FEATURES)
    for name in ("densenet121", "densenet169", "densenet201"):
        add(name, torchvision_builder(name), crop(name), ["features"], tail=F.relu)
    add("googlenet", torchvision_builder("googlenet", **NO_AUX), crop("googlenet"), GOOGLENET_FEATURES)
    add("inception_v3", torchvision_builder("inception_v3", **NO_AUX), crop("inception_v3"), INCEPTION_FEATURES)
    for name in ("squeezenet1_0", "squeezenet1_1"):
        add(name, torchvision_builder(name), crop(name), ["features"])
    add("mobilenet_v2", torchvision_builder("mobilenet_v2"), crop("mobilenet_v2"), ["features"], width=0.5)
    add("mobilenet_v3_small", torchvision_builder("mobilenet_v3_small"), crop("mobilenet_v3_small"), ["features"],
        width=0.75)
    add("mobilenet_v3_large", torchvision_builder("mobilenet_v3_large"), crop("mobilenet_v3_large"), ["features"],
        width=1.25)
    add("mnasnet1_0", mnasnet_builder, crop("mnasnet1_0"), ["layers"], width=0.5)
    add("shufflenet_v2_x1_0", torchvision_builder("shufflenet_v2_x1_0"), crop("shufflenet_v2_x1_0"),
        ["conv1", "maxpool", "stage2", "stage3", "stage4", "conv5"])
    for name in ("efficientnet_b0", "efficientnet_b1", "efficientnet_b2", "efficientnet_b3"):
        add(name, torchvision_builder(name), crop(name), ["features"])
    add("regnet_y_400mf", torchvision_builder("regnet_y_400mf"), crop("regnet_y_400mf"), ["stem", "trunk_output"])
    add("convnext_tiny", torchvision_builder("convnext_tiny"), crop("convnext_tiny"), ["features"])
    add("vit_b_16", vit_builder, crop("vit_b_16"), ViTFeatures)
    add("seed/matlab", lambda i, c, w: MATLABSeed(i, 5 if c is None else c), [2, 50, 50], None)
    add("unet", lambda i, c, w: UNet(i, 2 if c is None else c), [1, 572, 572], None)
    return entries


# The override each model is analysed at besides its default: an input size and a
# number of classes, chosen to vary (non-square, smaller, larger) across families.
OVERRIDES = {
    "lenet5": ([3, 32, 32], 100),
    "alexnet": ([3, 256, 256], 10),
    "vgg11": ([3, 64, 64], 10), "vgg11_bn": ([3, 96, 128], 200), "vgg13": ([3, 160, 160], 10),
    "vgg13_bn": ([3, 32, 32], 10), "vgg16": ([3, 512, 512], 10), "vgg16_bn": ([3, 320, 240], 37),
    "vgg19": ([3, 128, 128], 100), "vgg19_bn": ([3, 64, 96], 10),
    "resnet18": ([3, 64, 64], 200), "resnet34": ([3, 300, 200], 10), "resnet50": ([3, 512, 512], 10),
    "resnet101": ([3, 97, 97], 10), "resnet152": ([3, 160, 128], 5), "resnext50_32x4d": ([3, 331, 331], 100),
    "wide_resnet50_2": ([3, 128, 160], 10),
    "densenet121": ([3, 512, 512], 14), "densenet169": ([3, 96, 96], 10), "densenet201": ([3, 320, 256], 100),
    "googlenet": ([3, 112, 112], 10), "inception_v3": ([3, 320, 320], 10),
    "squeezenet1_0": ([3, 227, 227], 10), "squeezenet1_1": ([3, 128, 96], 2),
    "mobilenet_v2": ([3, 160, 160], 10), "mobilenet_v3_small": ([3, 96, 128], 10),
    "mobilenet_v3_large": ([3, 256, 256], 101), "mnasnet1_0": ([3, 192, 192], 10),
    "shufflenet_v2_x1_0": ([3, 160, 192], 10),
    "efficientnet_b0": ([3, 256, 256], 10), "efficientnet_b1": ([3, 128, 128], 10),
    "efficientnet_b2": ([3, 224, 224], 10), "efficientnet_b3": ([3, 320, 320], 10),
    "regnet_y_400mf": ([3, 160, 192], 10), "convnext_tiny": ([3, 384, 384], 10),
    "vit_b_16": ([3, 384, 384], 10),
    "seed/matlab": ([1, 28, 28], 10),
    "unet": ([3, 252, 252], 5),
}

# Inputs for the cases without the head (the head is what fixes some sizes).
NO_TOP_INPUTS = {"lenet5": [1, 32, 32], "inception_v3": [3, 299, 299], "seed/matlab": None}


# ------------------------------------------------------------ measuring


class Truncated(nn.Module):
    """The named children of `model`, run in order, then `tail`: the network without its head.
    The children keep their names, so the recorded module paths equal the full model's."""

    def __init__(self, model, names, tail=None):
        super().__init__()
        for name in names:
            self.add_module(name, getattr(model, name))
        self.tail = tail

    def forward(self, x):
        for module in self.children():
            x = module(x)
        return self.tail(x) if self.tail is not None else x


CHANNELS_LAST = re.compile(r"^features\.\d+\.\d+\.block\.[1-5]$")  # ConvNeXt: between the two permutes


def leaf_calls(model, name, input_size):
    """[path, shape] for every call of a leaf module (and of an nn.MultiheadAttention), in order."""
    calls = []
    hooks = []
    for path, module in model.named_modules():
        attention = isinstance(module, nn.MultiheadAttention)
        if path and (attention or not any(True for _ in module.children())):
            def hook(module, args, output, path=path):
                if isinstance(output, tuple):
                    output = output[0]
                shape = list(output.shape[1:])
                if name.startswith("convnext") and CHANNELS_LAST.match(path):
                    shape = shape[-1:] + shape[:-1]
                calls.append([path, shape])
            hooks.append(module.register_forward_hook(hook))
    with torch.no_grad():
        model(torch.zeros(1, *input_size))
    for handle in hooks:
        handle.remove()
    return calls


class OperationMACs(TorchDispatchMode):
    """The multiply-accumulates of every aten convolution, addmm, mm and bmm PyTorch runs,
    from their shapes: a convolution's output elements times its input channels per group
    times its kernel, a matrix product's rows times inner size times columns. Attention
    runs on PyTorch's math kernel, whose two bmm are Q Kᵀ and A V."""

    def __init__(self):
        super().__init__()
        self.macs = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        output = func(*args, **(kwargs or {}))
        name = func.overloadpacket.__name__
        if name == "convolution":
            weight = args[1]
            self.macs += output.numel() * weight.shape[1] * prod(weight.shape[2:])
        elif name in ("addmm", "mm"):
            left, right = (args[1], args[2]) if name == "addmm" else (args[0], args[1])
            self.macs += left.shape[0] * left.shape[1] * right.shape[1]
        elif name == "bmm":
            left, right = args[0], args[1]
            self.macs += left.shape[0] * left.shape[1] * left.shape[2] * right.shape[2]
        elif name in ("matmul", "baddbmm", "addbmm", "einsum", "linear", "conv2d"):
            raise NotImplementedError(f"OperationMACs does not count {name}")
        return output


def operation_macs(model, input_size):
    counter = OperationMACs()
    with sdpa_kernel(SDPBackend.MATH), counter:
        model(torch.zeros(1, *input_size))
    return counter.macs


COUNTED_MACS = {"vit_b_16"}


def measure(name, model, input_size, options, builder):
    model.eval()
    calls = leaf_calls(model, name, input_size)
    summary = torchinfo.summary(model, input_size=(1, *input_size), verbose=0, mode="eval")
    extra = {"operationMACs": operation_macs(model, input_size)} if name in COUNTED_MACS else {}
    return {
        "model": name,
        "options": options,
        "builder": builder,
        "parameters": sum(p.numel() for p in model.parameters()),
        "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "buffers": sum(b.numel() for b in model.buffers()),
        "multAdds": summary.total_mult_adds,
        **extra,
        "layers": calls,
    }


def describe(name, classes=None, width=None, features=False, input_size=None):
    """The call that built the case, e.g. `resnet50(weights=None, num_classes=10) on 1x3x512x512`."""
    classes_argument = [f"num_classes={classes}"] if classes is not None else []
    if name == "vit_b_16":
        text = f"vit_b_16({', '.join(['weights=None', f'image_size={input_size[1]}'] + classes_argument)})"
    elif name == "mnasnet1_0":
        text = f"MNASNet({', '.join([str(1.0 if width is None else width)] + classes_argument)})"
    elif name in ("lenet5", "seed/matlab", "unet"):
        text = f"{dict(lenet5='LeNet5', unet='UNet').get(name, 'MATLABSeed')}({', '.join(classes_argument)})"
    else:
        arguments = ["weights=None"] + classes_argument + ([f"width_mult={width}"] if width is not None else [])
        text = f"{name}({', '.join(arguments)})"
    if features:
        text += " without its head"
    return text + f" on 1x{'x'.join(map(str, input_size))}"


def cases_for(name, entry):
    build, default_input = entry["build"], entry["input"]
    cases = []

    def case(label, input_size, classes=None, include_top=True, width=None):
        model = build(input_size, classes, width).eval()
        if not include_top:
            features = entry["features"]
            model = features(model) if callable(features) else Truncated(model, features, entry["tail"])
        options = {"case": label, "input": input_size, "classes": classes, "includesTop": include_top,
                   "width": width}
        cases.append(measure(name, model, input_size, options,
                             describe(name, classes, width, not include_top, input_size)))

    case("default", default_input)
    override_input, override_classes = OVERRIDES[name]
    case("input and classes", override_input, override_classes)
    if entry["features"] is not None:
        case("no top", NO_TOP_INPUTS.get(name, default_input), include_top=False)
    if entry["width"] is not None:
        case("width", default_input, width=entry["width"])
    return cases


def main():
    torch.manual_seed(0)
    cases, timings = [], []
    for name, entry in registry().items():
        started = time.time()
        cases += cases_for(name, entry)
        timings.append(f"{name} {time.time() - started:.1f}s")
    document = {
        "generatedBy": SCRIPT,
        "versions": {"torch": torch.__version__, "torchvision": torchvision.__version__,
                     "torchinfo": getattr(torchinfo, "__version__", "unknown")},
        "cases": cases,
    }
    path = common.write_json(document, OUTPUT, width=160)
    print(f"{len(cases)} cases written to {OUTPUT} ({os.path.getsize(path)} bytes) "
          f"in {time.time() - START:.1f}s including imports\n" + ", ".join(timings))


if __name__ == "__main__":
    main()
