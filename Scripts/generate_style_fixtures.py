"""Builds a few networks in Keras 3 and in PyTorch, prints Keras's `model.summary()` and
torchinfo's `summary()` for them, and writes the text to Tests/Fixtures/styles, beside the
same networks in the .cnn format. The tests render those .cnn networks with
`--style keras` and `--style torchinfo` and compare with the captured text.

    COLUMNS=200 /work/venv/bin/python Scripts/generate_style_fixtures.py keras
    /work/venv-tv/bin/python Scripts/generate_style_fixtures.py torchinfo

COLUMNS is set because Keras narrows its table to the terminal's width less 4
(`shutil.get_terminal_size`): NAME.keras.txt records the default widths (88, or 108 with
"Connected to"), NAME.keras-64.txt a terminal of 64 columns, where long cells wrap.
"""

import io
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO_ROOT, "Tests", "Fixtures", "styles")

# The networks in the .cnn format; the framework code below builds the same layers under the same names.
NETWORKS = {
    "mnist": """\
input 28x28x1
conv1: conv 32 5
relu1: relu
pool1: maxpool 2
conv2: conv 32 3
relu2: relu
pool2: maxpool 2
flatten: flatten
dense1: dense 256
relu3: relu
dense2: dense 10
softmax: softmax
""",
    "residual": """\
input 32x32x3
stem: conv 16 3 padding=same
bn: batchnorm
stem_relu: relu
a1: conv 16 3 padding=same
a1_relu: relu
up: conv 16 1 inputs=stem_relu stride=2
a2: conv 16 3 inputs=a1_relu stride=2 padding=same
sum: add inputs=up,a2
cat: concat inputs=sum,a2
pool: maxpool 3 stride=2
gap: globalavgpool keepdims=true
flatten: flatten
drop: dropout 0.5
fc: dense 10
softmax: softmax
""",
    "vgg_block": """\
input 64x64x3
conv1_1: conv 64 3 padding=same
bn1_1: batchnorm
relu1_1: relu
conv1_2: conv 64 3 padding=same
bn1_2: batchnorm
relu1_2: relu
pool1: maxpool 2
conv2_1: conv 128 3 padding=same
relu2_1: relu
pool2: avgpool 2
gap: globalavgpool keepdims=true
flatten: flatten
fc1: dense 1000
relu_fc: relu
drop: dropout 0.5
fc2: dense 100
""",
}


def keras_models():
    import keras
    from keras import layers

    def mnist():
        x = inputs = keras.Input((28, 28, 1), name="input")
        x = layers.Conv2D(32, 5, name="conv1")(x)
        x = layers.ReLU(name="relu1")(x)
        x = layers.MaxPooling2D(2, name="pool1")(x)
        x = layers.Conv2D(32, 3, name="conv2")(x)
        x = layers.ReLU(name="relu2")(x)
        x = layers.MaxPooling2D(2, name="pool2")(x)
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(256, name="dense1")(x)
        x = layers.ReLU(name="relu3")(x)
        x = layers.Dense(10, name="dense2")(x)
        x = layers.Softmax(name="softmax")(x)
        return keras.Model(inputs, x, name="functional")

    def residual():
        inputs = keras.Input((32, 32, 3), name="input")
        stem = layers.Conv2D(16, 3, padding="same", name="stem")(inputs)
        bn = layers.BatchNormalization(name="bn")(stem)
        stem_relu = layers.ReLU(name="stem_relu")(bn)
        a1 = layers.Conv2D(16, 3, padding="same", name="a1")(stem_relu)
        a1_relu = layers.ReLU(name="a1_relu")(a1)
        up = layers.Conv2D(16, 1, strides=2, name="up")(stem_relu)
        a2 = layers.Conv2D(16, 3, strides=2, padding="same", name="a2")(a1_relu)
        total = layers.Add(name="sum")([up, a2])
        cat = layers.Concatenate(name="cat")([total, a2])
        pool = layers.MaxPooling2D(3, strides=2, name="pool")(cat)
        gap = layers.GlobalAveragePooling2D(keepdims=True, name="gap")(pool)
        flat = layers.Flatten(name="flatten")(gap)
        drop = layers.Dropout(0.5, name="drop")(flat)
        fc = layers.Dense(10, name="fc")(drop)
        out = layers.Softmax(name="softmax")(fc)
        return keras.Model(inputs, out, name="functional")

    def vgg_block():
        x = inputs = keras.Input((64, 64, 3), name="input")
        for name in ("1_1", "1_2"):
            x = layers.Conv2D(64, 3, padding="same", name="conv" + name)(x)
            x = layers.BatchNormalization(name="bn" + name)(x)
            x = layers.ReLU(name="relu" + name)(x)
        x = layers.MaxPooling2D(2, name="pool1")(x)
        x = layers.Conv2D(128, 3, padding="same", name="conv2_1")(x)
        x = layers.ReLU(name="relu2_1")(x)
        x = layers.AveragePooling2D(2, name="pool2")(x)
        x = layers.GlobalAveragePooling2D(keepdims=True, name="gap")(x)
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(1000, name="fc1")(x)
        x = layers.ReLU(name="relu_fc")(x)
        x = layers.Dropout(0.5, name="drop")(x)
        x = layers.Dense(100, name="fc2")(x)
        return keras.Model(inputs, x, name="functional")

    return {"mnist": mnist, "residual": residual, "vgg_block": vgg_block}, {"keras": keras.__version__}


def torch_models():
    import torch
    from torch import nn

    class MNIST(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 32, 5)
            self.relu1 = nn.ReLU()
            self.pool1 = nn.MaxPool2d(2)
            self.conv2 = nn.Conv2d(32, 32, 3)
            self.relu2 = nn.ReLU()
            self.pool2 = nn.MaxPool2d(2)
            self.flatten = nn.Flatten()
            self.dense1 = nn.Linear(32 * 5 * 5, 256)
            self.relu3 = nn.ReLU()
            self.dense2 = nn.Linear(256, 10)
            self.softmax = nn.Softmax(dim=1)

        def forward(self, x):
            for module in self.children():
                x = module(x)
            return x

    class Residual(nn.Module):
        def __init__(self):
            super().__init__()
            self.stem = nn.Conv2d(3, 16, 3, padding=1)
            self.bn = nn.BatchNorm2d(16)
            self.stem_relu = nn.ReLU()
            self.a1 = nn.Conv2d(16, 16, 3, padding=1)
            self.a1_relu = nn.ReLU()
            self.up = nn.Conv2d(16, 16, 1, stride=2)
            self.a2 = nn.Conv2d(16, 16, 3, stride=2, padding=1)
            self.pool = nn.MaxPool2d(3, stride=2)
            self.gap = nn.AdaptiveAvgPool2d(1)
            self.flatten = nn.Flatten()
            self.drop = nn.Dropout(0.5)
            self.fc = nn.Linear(32, 10)
            self.softmax = nn.Softmax(dim=1)

        def forward(self, x):
            stem = self.stem_relu(self.bn(self.stem(x)))
            a1 = self.a1_relu(self.a1(stem))
            up = self.up(stem)
            a2 = self.a2(a1)
            cat = torch.cat([up + a2, a2], dim=1)
            x = self.flatten(self.gap(self.pool(cat)))
            return self.softmax(self.fc(self.drop(x)))

    class VGGBlock(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1_1 = nn.Conv2d(3, 64, 3, padding=1)
            self.bn1_1 = nn.BatchNorm2d(64)
            self.relu1_1 = nn.ReLU()
            self.conv1_2 = nn.Conv2d(64, 64, 3, padding=1)
            self.bn1_2 = nn.BatchNorm2d(64)
            self.relu1_2 = nn.ReLU()
            self.pool1 = nn.MaxPool2d(2)
            self.conv2_1 = nn.Conv2d(64, 128, 3, padding=1)
            self.relu2_1 = nn.ReLU()
            self.pool2 = nn.AvgPool2d(2)
            self.gap = nn.AdaptiveAvgPool2d(1)
            self.flatten = nn.Flatten()
            self.fc1 = nn.Linear(128, 1000)
            self.relu_fc = nn.ReLU()
            self.drop = nn.Dropout(0.5)
            self.fc2 = nn.Linear(1000, 100)

        def forward(self, x):
            for module in self.children():
                x = module(x)
            return x

    # torchinfo names the root row by the module's class: every network here is a `Network`.
    for cls in (MNIST, Residual, VGGBlock):
        cls.__name__ = "Network"
    return {
        "mnist": (MNIST, (1, 1, 28, 28)),
        "residual": (Residual, (1, 3, 32, 32)),
        "vgg_block": (VGGBlock, (1, 3, 64, 64)),
    }


def write(name, text):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as file:
        file.write(text)


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else "keras"
    os.makedirs(OUT, exist_ok=True)
    for name, text in NETWORKS.items():
        write(f"{name}.cnn", text)
    versions_path = os.path.join(OUT, "versions.json")
    versions = json.load(open(versions_path)) if os.path.exists(versions_path) else {}
    if which == "keras":
        builders, version = keras_models()
        versions.update(version)
        for name, build in builders.items():
            # At the default width, and on a terminal of 64 columns (Keras then narrows the table to 60).
            for columns, suffix in ((None, ""), ("64", "-64")):
                if columns:
                    os.environ["COLUMNS"] = columns
                lines = []
                build().summary(print_fn=lambda line, **_: lines.append(line))
                write(f"{name}.keras{suffix}.txt", "".join(line if line.endswith("\n") else line + "\n" for line in lines))
            os.environ["COLUMNS"] = "200"
        # A model file of the Keras fixtures, read by CNNCalc as it is: a shared layer called twice.
        import keras

        for name in ("shared_layers",):
            path = os.path.join(REPO_ROOT, "Tests", "Fixtures", "keras", f"{name}.json")
            with open(path) as file:
                model = keras.models.model_from_json(file.read())
            lines = []
            model.summary(print_fn=lambda line, **_: lines.append(line))
            write(f"keras-file-{name}.keras.txt", "".join(line if line.endswith("\n") else line + "\n" for line in lines))
    elif which == "torchinfo":
        import torch
        import torchinfo

        versions.update({"torch": torch.__version__, "torchinfo": torchinfo.__version__})
        for name, (cls, size) in torch_models().items():
            torch.manual_seed(0)
            statistics = torchinfo.summary(cls(), input_size=size, verbose=0)
            write(f"{name}.torchinfo.txt", str(statistics) + "\n")
        # Models of CNNCalc's zoo as torchvision builds them: torchinfo nests their modules, which
        # CNNCalc lists flat, so the tests compare the totals and sizes under the table.
        import torchvision

        for name in ("resnet18", "mobilenet_v2"):
            statistics = torchinfo.summary(getattr(torchvision.models, name)(), input_size=(1, 3, 224, 224), verbose=0)
            write(f"torchvision-{name}.torchinfo.txt", str(statistics) + "\n")
    else:
        sys.exit(f"usage: {sys.argv[0]} keras|torchinfo")
    with open(versions_path, "w") as file:
        json.dump(versions, file, indent=2, sort_keys=True)
        file.write("\n")


if __name__ == "__main__":
    main()
