"""Generates tf.keras 2.x model JSON in Tests/Fixtures/keras/tf_keras/ and what Keras says about it.

tf.keras 2.x writes a layer's inputs as nested lists, [[["name", 0, 0, {}]]], where
Keras 3 writes {"args": [{"class_name": "__keras_tensor__", ...}]}; these files keep
the reader honest about the older layout. For every model the script writes
<name>.json (model.to_json()) and records in expected.json, as
generate_keras_fixtures.py does, each layer's output shape without the batch axis
(null where summary() shows None; "multiple" for a shared layer), count_params(), and
the model's total, trainable and non-trainable counts.

Needs tf_keras (the Keras 2 package) next to TensorFlow, in its own virtualenv:
    python -m venv /tmp/tf-keras-venv
    /tmp/tf-keras-venv/bin/pip install tf-keras==2.21.0 tensorflow-cpu==2.21.0
    /tmp/tf-keras-venv/bin/python Scripts/generate_tf_keras_fixtures.py
"""

import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import tf_keras as keras
from tf_keras import layers

OUT_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Fixtures", "keras", "tf_keras")


def sequential_cnn():
    return keras.Sequential(
        [
            layers.Conv2D(8, 3, activation="relu", input_shape=(28, 28, 1)),
            layers.MaxPooling2D(2),
            layers.BatchNormalization(),
            layers.Flatten(),
            layers.Dense(10, activation="softmax"),
        ],
        name="tfk_sequential_cnn",
    )


def functional_shared():
    left = keras.Input((12,), name="left")
    right = keras.Input((12,), name="right")
    shared = layers.Dense(6, name="shared")
    a = shared(left)
    b = shared(right)
    x = layers.Concatenate(name="concat")([a, b])
    x = layers.Dense(3, name="head")(x)
    return keras.Model([left, right], x, name="tfk_functional_shared")


def recurrent_attention():
    inputs = keras.Input((10, 16), name="tokens")
    x = layers.Bidirectional(layers.GRU(8, return_sequences=True), name="bigru")(inputs)
    attention = layers.MultiHeadAttention(num_heads=2, key_dim=4, name="attention")(x, x)
    x = layers.Add(name="residual")([x, attention])
    x = layers.LayerNormalization(name="norm")(x)
    x = layers.LSTM(5, name="lstm")(x)
    outputs = layers.Dense(1, name="out")(x)
    return keras.Model(inputs, outputs, name="tfk_recurrent_attention")


def source_lambda(text):
    """A lambda compiled under a fixed file name, so that its serialized bytecode does not
    carry the path of this script and the fixtures regenerate byte for byte anywhere."""
    return eval(compile(text, "<fixture>", "eval"))


def open_sequence():
    """Token ids of any length: tf.keras writes the open axis as null in batch_input_shape."""
    return keras.Sequential(
        [
            layers.Embedding(500, 16, input_shape=(None,), name="embedding"),
            layers.LSTM(8, return_sequences=True, name="lstm"),
            layers.TimeDistributed(layers.Dense(4, name="dense"), name="per_step"),
            layers.GRU(6, name="gru"),
            layers.Dense(1, name="out"),
        ],
        name="tfk_open_sequence",
    )


def open_causal():
    """tf.keras' spellings of the newer layers: Normalization, TimeDistributed, causal
    Conv1D and SeparableConv1D (which Keras 3 no longer allows causal), and a Lambda whose
    raw output_shape leaves the length open."""
    inputs = keras.Input((None, 4), name="signal")
    x = layers.Normalization(name="norm")(inputs)
    x = layers.TimeDistributed(layers.Dense(8, name="dense"), name="per_step")(x)
    x = layers.Conv1D(6, 3, padding="causal", dilation_rate=2, name="causal")(x)
    x = layers.SeparableConv1D(6, 3, padding="causal", name="separable_causal")(x)
    x = layers.Lambda(source_lambda("lambda t: t * 2.0"), output_shape=(None, 6), name="double")(x)
    x = layers.GlobalMaxPooling1D(name="pool")(x)
    outputs = layers.Dense(1, name="out")(x)
    return keras.Model(inputs, outputs, name="tfk_open_causal")


def time_distributed():
    inputs = keras.Input((4, 8, 8, 1), name="frames")
    x = layers.TimeDistributed(layers.Conv2D(4, 3, padding="same", name="conv"), name="frame_conv")(inputs)
    x = layers.TimeDistributed(layers.GlobalAveragePooling2D(name="gap"), name="frame_pool")(x)
    x = layers.GRU(5, name="gru")(x)
    outputs = layers.Dense(2, name="out")(x)
    return keras.Model(inputs, outputs, name="tfk_time_distributed")


MODELS = [sequential_cnn, functional_shared, recurrent_attention, open_sequence, open_causal, time_distributed]


def count(weights):
    return int(sum(int(w.numpy().size) for w in weights))


def output_shape(layer):
    """The output shape without the batch axis; null where summary() shows None (an open size)."""
    if len(layer._inbound_nodes) > 1:
        return "multiple"
    return [None if d is None else int(d) for d in layer.output.shape[1:]]


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    expected = {"generator": "Scripts/generate_tf_keras_fixtures.py", "keras": keras.__version__, "models": {}}
    for build in MODELS:
        model = build()
        with open(os.path.join(OUT_DIR, model.name + ".json"), "w") as f:
            f.write(json.dumps(json.loads(model.to_json()), indent=1, sort_keys=True) + "\n")
        expected["models"][model.name] = {
            "layers": [
                {
                    "name": layer.name,
                    "class": layer.__class__.__name__,
                    "outputShape": output_shape(layer),
                    "parameters": int(layer.count_params()),
                }
                for layer in model.layers
            ],
            "total": int(model.count_params()),
            "trainable": count(model.trainable_weights),
            "nonTrainable": count(model.non_trainable_weights),
        }
        print(model.name, expected["models"][model.name]["total"])
    with open(os.path.join(OUT_DIR, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
