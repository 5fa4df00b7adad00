"""Expected numbers for the model zoo's Keras Applications, from Keras itself.

Writes Tests/Fixtures/zoo/keras.json.

Every `keras/...` model of the zoo is built by keras.applications with
weights=None, once at its default input and once with one override of the
zoo's knobs (another input and number of classes, include_top=False, or
alpha=0.5 for MobileNet; EfficientNetB0 with both of the first two). The session is cleared before each build, so the
automatic layer names (input_layer, zero_padding2d, ...) are the ones a fresh
Python session gives. For each case it records

  parameters    = model.count_params()
  trainable     = the sum of count_params over model.trainable_weights
  nonTrainable  = the same over model.non_trainable_weights (BatchNorm's
                  moving mean and variance; the mean, variance and count of
                  EfficientNet's Normalization)
  layers        = [layer name, output shape without the batch axis (channels
                  last), layer.count_params()] for every layer of
                  model.layers, as model.summary() lists them.

Requirements: keras 3, tensorflow (Scripts/requirements-fixtures.txt).
Run from the repository root:
    python Scripts/generate_zoo_keras_fixtures.py
"""

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.dont_write_bytecode = True  # keep Scripts/ free of __pycache__

import keras
from keras import applications
import numpy as np

OUTPUT = os.path.join("Tests", "Fixtures", "zoo", "keras.json")

# zoo name -> (builder, [(case, input HWC or None, classes or None, include_top, alpha or None)])
CASES = [
    ("keras/resnet50", "ResNet50", [
        ("default", None, None, True, None),
        ("input and classes", [160, 200, 3], 10, True, None),
    ]),
    ("keras/mobilenetv2", "MobileNetV2", [
        ("default", None, None, True, None),
        ("width", None, None, True, 0.5),
    ]),
    ("keras/mobilenet", "MobileNet", [
        ("default", None, None, True, None),
        ("width", None, None, True, 0.5),
    ]),
    ("keras/vgg16", "VGG16", [
        ("default", None, None, True, None),
        ("no top", [224, 224, 3], None, False, None),
    ]),
    ("keras/densenet121", "DenseNet121", [
        ("default", None, None, True, None),
        ("input and classes", [256, 192, 3], 10, True, None),
    ]),
    ("keras/inceptionv3", "InceptionV3", [
        ("default", None, None, True, None),
        ("no top", [299, 299, 3], None, False, None),
    ]),
    ("keras/efficientnetb0", "EfficientNetB0", [
        ("default", None, None, True, None),
        ("input and classes", [260, 260, 3], 10, True, None),
        ("no top", [224, 224, 3], None, False, None),
    ]),
]

ONLY = set(sys.argv[1:])


def count(weights):
    return int(sum(int(np.prod(w.shape)) for w in weights))


def build(builder, input_shape, classes, include_top, alpha):
    keras.backend.clear_session()
    kwargs = {"weights": None, "include_top": include_top}
    if input_shape is not None:
        kwargs["input_shape"] = tuple(input_shape)
    if classes is not None:
        kwargs["classes"] = classes
    if alpha is not None:
        kwargs["alpha"] = alpha
    model = getattr(applications, builder)(**kwargs)
    text = f"keras.applications.{builder}(" + ", ".join(f"{k}={v!r}" for k, v in kwargs.items()) + ")"
    return model, text


def describe(name, builder, case, input_shape, classes, include_top, alpha):
    model, text = build(builder, input_shape, classes, include_top, alpha)
    layers = []
    for layer in model.layers:
        shape = layer.output.shape
        layers.append([layer.name, [int(d) for d in shape[1:]], int(layer.count_params())])
    total = int(model.count_params())
    trainable = count(model.trainable_weights)
    non_trainable = count(model.non_trainable_weights)
    assert trainable + non_trainable == total, name
    return {
        "model": name,
        "options": {
            "case": case,
            "input": [int(d) for d in model.input.shape[1:]],
            "classes": classes, "includesTop": include_top, "width": alpha,
        },
        "builder": text,
        "parameters": total, "trainable": trainable, "nonTrainable": non_trainable,
        "layers": layers,
    }


def main():
    cases = []
    for name, builder, variants in CASES:
        if ONLY and name not in ONLY:
            continue
        for variant in variants:
            cases.append(describe(name, builder, *variant))
            print(name, variant[0], cases[-1]["parameters"], file=sys.stderr)
    lines = ["{", ' "generatedBy": "Scripts/generate_zoo_keras_fixtures.py",',
             f' "versions": {{"keras": "{keras.__version__}"}},', ' "cases": [']
    for index, case in enumerate(cases):
        head = {k: v for k, v in case.items() if k != "layers"}
        body = ",\n".join("    " + json.dumps(layer) for layer in case["layers"])
        text = json.dumps(head, indent=1)[:-2] + ',\n "layers": [\n' + body + "\n ]\n}"
        text = "\n".join("  " + line for line in text.split("\n"))
        lines.append(text + ("," if index < len(cases) - 1 else ""))
    lines += [" ]", "}"]
    with open(OUTPUT, "w") as file:
        file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
