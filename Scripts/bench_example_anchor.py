"""The built-in example of `cnncalc` (the MNIST network of the Lasagne/nolearn question) summarised
by a Python tool, timed from process start by Scripts/bench_all.sh:

    python Scripts/bench_example_anchor.py torchinfo   # torchinfo.summary of the PyTorch module
    python Scripts/bench_example_anchor.py keras       # model.summary() of the Keras model

Each builds the network (input 1x28x28, conv 32 5x5, max pool 2, conv 32 3x3, max pool 2,
dense 256, dense 10), prints its summary and checks the total against cnncalc's 217,706
parameters, so that the tools are timed on the same network.
"""

import sys

EXPECTED_PARAMETERS = 217_706


def torchinfo_summary():
    import torch.nn as nn
    import torchinfo

    model = nn.Sequential(
        nn.Conv2d(1, 32, 5), nn.MaxPool2d(2), nn.Conv2d(32, 32, 3), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 5 * 5, 256), nn.Linear(256, 10))
    summary = torchinfo.summary(model, input_size=(1, 1, 28, 28))
    return summary.total_params


def keras_summary():
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras

    model = keras.Sequential([
        keras.Input((28, 28, 1)), keras.layers.Conv2D(32, 5), keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(32, 3), keras.layers.MaxPooling2D(2), keras.layers.Flatten(),
        keras.layers.Dense(256), keras.layers.Dense(10)])
    model.summary()
    return model.count_params()


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else "torchinfo"
    total = {"torchinfo": torchinfo_summary, "keras": keras_summary}[tool]()
    if total != EXPECTED_PARAMETERS:
        sys.exit(f"{tool} counts {total} parameters, cnncalc's example has {EXPECTED_PARAMETERS}")


if __name__ == "__main__":
    main()
