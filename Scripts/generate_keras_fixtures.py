"""Generates the Keras model files in Tests/Fixtures/keras/ and what Keras says about them.

For every model below the script writes
  * <name>.json   the text of model.to_json(),
  * <name>.keras  a .keras archive holding only config.json and metadata.json
                  (the weights are left out: CNNCalc reads no weights, and the
                  fixtures stay a few kilobytes),
and records in expected.json what model.summary() shows for it (six Keras
Applications go to applications/, as .keras only): per top-level
layer its name, class, output shape without the batch axis (layer.output.shape[1:], with
null where summary() shows None; "multiple" for a shared layer or model called more
than once) and count_params(), plus
the model's total, trainable and non-trainable parameter counts
(model.count_params(), sizes of model.trainable_weights and
model.non_trainable_weights).

Run with the fixture virtualenv (Keras 3 on the TensorFlow backend, see
requirements-fixtures.txt):
    python Scripts/generate_keras_fixtures.py
"""

import json
import os
import zipfile

from fixture_common import FIXTURES_DIR

import keras
from keras import layers

KERAS_DIR = os.path.join(FIXTURES_DIR, "keras")


def plain_cnn():
    return keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Conv2D(32, 5, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(32, 3, padding="same", strides=2, use_bias=False),
            layers.AveragePooling2D(2),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(256, activation="relu"),
            layers.Dense(10),
            layers.Softmax(),
        ],
        name="plain_cnn",
    )


def preprocessing():
    """The first layers of Keras' image-classification tutorials: resize, rescale, augment."""
    return keras.Sequential(
        [
            keras.Input((48, 40, 3)),
            layers.Resizing(32, 32),
            layers.Rescaling(1.0 / 255),
            layers.RandomFlip("horizontal"),
            layers.RandomRotation(0.1),
            layers.RandomZoom(0.1),
            layers.Conv2D(8, 3, activation="relu"),
            layers.GlobalAveragePooling2D(),
            layers.Dense(2),
        ],
        name="preprocessing",
    )


def residual_net():
    inputs = keras.Input((32, 32, 3), name="image")
    x = layers.Conv2D(16, 3, padding="same", name="stem")(inputs)
    x = layers.BatchNormalization(name="stem_bn")(x)
    x = layers.ReLU(name="stem_relu")(x)
    y = layers.Conv2D(16, 3, padding="same", dilation_rate=2, name="branch_conv")(x)
    y = layers.BatchNormalization(name="branch_bn")(y)
    x = layers.Add(name="residual")([x, y])
    x = layers.Activation("relu", name="block_relu")(x)
    x = layers.ZeroPadding2D(((1, 0), (2, 1)), name="pad")(x)
    x = layers.Cropping2D(1, name="crop")(x)
    x = layers.Conv2DTranspose(8, 3, strides=2, padding="same", name="up_conv")(x)
    x = layers.UpSampling2D(2, name="upsample")(x)
    x = layers.GroupNormalization(groups=4, name="group_norm")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = layers.Dense(10, activation="softmax", name="classifier")(x)
    return keras.Model(inputs, outputs, name="residual_net")


def separable_net():
    return keras.Sequential(
        [
            keras.Input((64, 64, 3)),
            layers.Conv2D(16, 3, strides=2, padding="same"),
            layers.DepthwiseConv2D(3, padding="same", depth_multiplier=2),
            layers.SeparableConv2D(32, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(3, strides=2, padding="same"),
            layers.LeakyReLU(negative_slope=0.1),
            layers.PReLU(),
            layers.ELU(),
            layers.GlobalMaxPooling2D(keepdims=True),
            layers.Reshape((32,)),
            layers.Dense(5),
        ],
        name="separable_net",
    )


def lstm_model():
    return keras.Sequential(
        [
            keras.Input((20,), dtype="int32"),
            layers.Embedding(1000, 32),
            layers.LSTM(64, return_sequences=True),
            layers.Bidirectional(layers.LSTM(16)),
            layers.Dense(1, activation="sigmoid"),
        ],
        name="lstm_model",
    )


def gru_model():
    return keras.Sequential(
        [
            keras.Input((50, 8)),
            layers.Conv1D(16, 5),
            layers.MaxPooling1D(2),
            layers.GRU(32, return_sequences=True),
            layers.GRU(16, reset_after=False),
            layers.Dense(8),
            layers.Dense(3, activation="softmax"),
        ],
        name="gru_model",
    )


def rnn_model():
    return keras.Sequential(
        [
            keras.Input((12, 6)),
            layers.SimpleRNN(10, return_sequences=True),
            layers.Permute((2, 1)),
            layers.Conv1D(4, 3),
            layers.UpSampling1D(2),
            layers.ZeroPadding1D(1),
            layers.Cropping1D((1, 2)),
            layers.AveragePooling1D(2),
            layers.GlobalAveragePooling1D(),
            layers.Dense(2),
        ],
        name="rnn_model",
    )


def transformer_encoder():
    inputs = keras.Input((16, 32), name="tokens")
    attention = layers.MultiHeadAttention(num_heads=4, key_dim=8, name="attention")(inputs, inputs)
    x = layers.Add(name="attention_residual")([inputs, attention])
    x = layers.LayerNormalization(epsilon=1e-6, name="attention_norm")(x)
    y = layers.Dense(64, activation="gelu", name="ffn_up")(x)
    y = layers.Dense(32, name="ffn_down")(y)
    y = layers.Dropout(0.1, name="ffn_dropout")(y)
    x = layers.Add(name="ffn_residual")([x, y])
    x = layers.LayerNormalization(epsilon=1e-6, name="ffn_norm")(x)
    similarity = layers.Dot(axes=(2, 2), name="similarity")([x, x])
    x = layers.GlobalAveragePooling1D(name="pool")(x)
    outputs = layers.Dense(4, name="head")(x)
    return keras.Model(inputs, [outputs, similarity], name="transformer_encoder")


def cross_attention():
    """Attention with query, value and key of different widths, so their order matters."""
    query = keras.Input((8, 12), name="query")
    value = keras.Input((10, 6), name="value")
    key = keras.Input((10, 20), name="key")
    attended = layers.MultiHeadAttention(num_heads=2, key_dim=4, value_dim=3, name="cross")(query, value, key=key)
    outputs = layers.Dense(2, name="out")(attended)
    return keras.Model([query, value, key], outputs, name="cross_attention")


def shared_layers():
    left = keras.Input((16,), name="left")
    right = keras.Input((16,), name="right")
    shared = layers.Dense(8, activation="relu", name="shared_dense")
    a = shared(left)
    b = shared(right)
    merged = layers.Concatenate(name="concat")([a, b])
    diff = layers.Subtract(name="difference")([a, b])
    product = layers.Multiply(name="product")([a, b])
    mean = layers.Average(name="mean")([a, b])
    high = layers.Maximum(name="high")([a, b])
    low = layers.Minimum(name="low")([a, b])
    x = layers.Concatenate(name="features")([merged, diff, product, mean, high, low])
    outputs = layers.Dense(1, name="score")(x)
    return keras.Model([left, right], outputs, name="shared_layers")


def nested_model():
    inner = keras.Sequential(
        [keras.Input((8, 8, 4)), layers.Conv2D(8, 3, padding="same"), layers.BatchNormalization(), layers.ReLU()],
        name="block",
    )
    inputs = keras.Input((8, 8, 4), name="features")
    x = inner(inputs)
    x = layers.Flatten(name="flatten")(x)
    outputs = layers.Dense(2, name="out")(x)
    return keras.Model(inputs, outputs, name="nested_model")


def siamese():
    """A functional encoder, itself a model, called on two inputs: a nested and shared model."""
    image = keras.Input((16, 16, 1), name="image")
    x = layers.Conv2D(4, 3, activation="relu", name="conv")(image)
    x = layers.GlobalAveragePooling2D(name="pool")(x)
    encoder = keras.Model(image, layers.Dense(8, name="embed")(x), name="encoder")
    encoder.get_layer("conv").trainable = False
    left = keras.Input((16, 16, 1), name="left")
    right = keras.Input((16, 16, 1), name="right")
    distance = layers.Subtract(name="distance")([encoder(left), encoder(right)])
    outputs = layers.Dense(1, activation="sigmoid", name="same")(distance)
    return keras.Model([left, right], outputs, name="siamese")


def frozen_layer():
    base = layers.Dense(32, activation="relu", name="frozen_dense")
    base.trainable = False
    model = keras.Sequential(
        [
            keras.Input((3, 10, 10)),
            layers.Conv2D(4, 3, data_format="channels_first", name="conv_cf"),
            layers.MaxPooling2D(2, data_format="channels_first", name="pool_cf"),
            layers.Flatten(name="flat"),
            base,
            layers.BatchNormalization(name="bn"),
            layers.Dense(2, name="head"),
        ],
        name="frozen_layer",
    )
    return model


def conv3d_model():
    return keras.Sequential(
        [
            keras.Input((8, 16, 16, 2)),
            layers.Conv3D(4, 3, padding="same"),
            layers.MaxPooling3D(2),
            layers.Conv3DTranspose(2, 2, strides=2),
            layers.AveragePooling3D(2),
            layers.ZeroPadding3D(1),
            layers.Cropping3D(1),
            layers.UpSampling3D(2),
            layers.GlobalMaxPooling3D(),
        ],
        name="conv3d_model",
    )


def open_sequence():
    """Token ids of any length: summary() shows (None, None, 128) after the Embedding."""
    return keras.Sequential(
        [
            keras.Input((None,), dtype="int32", name="tokens"),
            layers.Embedding(1000, 128, name="embedding"),
            layers.LSTM(64, return_sequences=True, name="lstm"),
            layers.LSTM(32, name="last_step"),
            layers.Dense(1, activation="sigmoid", name="score"),
        ],
        name="open_sequence",
    )


def open_image():
    """A fully convolutional network on images of any size, pooled globally before its head."""
    inputs = keras.Input((None, None, 3), name="image")
    x = layers.Conv2D(16, 3, padding="same", activation="relu", name="stem")(inputs)
    x = layers.BatchNormalization(name="stem_bn")(x)
    x = layers.Conv2D(32, 3, strides=2, padding="same", name="down")(x)
    x = layers.MaxPooling2D(2, name="pool")(x)
    x = layers.DepthwiseConv2D(3, padding="same", name="depthwise")(x)
    x = layers.Conv2D(64, 1, activation="relu", name="pointwise")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    outputs = layers.Dense(10, name="classifier")(x)
    return keras.Model(inputs, outputs, name="open_image")


def causal_stack():
    """A WaveNet-like stack of dilated causal convolutions on a series of any length."""
    inputs = keras.Input((None, 8), name="signal")
    x = layers.Conv1D(16, 2, padding="causal", activation="relu", name="causal_1")(inputs)
    x = layers.Conv1D(16, 2, padding="causal", dilation_rate=2, activation="relu", name="causal_2")(x)
    x = layers.Conv1D(16, 2, padding="causal", dilation_rate=4, name="causal_4")(x)
    skip = layers.Conv1D(16, 1, name="skip")(inputs)
    x = layers.Add(name="residual")([x, skip])
    x = layers.Conv1D(8, 3, padding="causal", strides=2, name="causal_strided")(x)
    x = layers.GlobalMaxPooling1D(name="pool")(x)
    outputs = layers.Dense(1, name="out")(x)
    return keras.Model(inputs, outputs, name="causal_stack")


def causal_fixed():
    """Causal convolutions on a fixed length, with a stride that does not divide it."""
    return keras.Sequential(
        [
            keras.Input((25, 3), name="series"),
            layers.Conv1D(4, 3, padding="causal", dilation_rate=2, name="dilated"),
            layers.Conv1D(4, 4, padding="causal", strides=3, name="strided"),
            layers.Flatten(name="flatten"),
            layers.Dense(2, name="out"),
        ],
        name="causal_fixed",
    )


def normalization_model():
    """The Normalization preprocessing layer: per channel, over everything, and with given statistics."""
    inputs = keras.Input((12, 12, 3), name="pixels")
    x = layers.Normalization(name="per_channel")(inputs)
    x = layers.Normalization(axis=None, name="overall")(x)
    x = layers.Normalization(mean=0.5, variance=0.25, name="given")(x)
    x = layers.Conv2D(4, 3, name="conv")(x)
    x = layers.GlobalAveragePooling2D(name="gap")(x)
    x = layers.Normalization(invert=True, name="inverted")(x)
    outputs = layers.Dense(2, name="out")(x)
    return keras.Model(inputs, outputs, name="normalization_model")


def time_distributed():
    """Video frames: 2-D layers applied to every frame, then a recurrent layer over the frames."""
    inputs = keras.Input((6, 16, 16, 3), name="frames")
    x = layers.TimeDistributed(layers.Conv2D(8, 3, activation="relu", name="conv"), name="frame_conv")(inputs)
    x = layers.TimeDistributed(layers.MaxPooling2D(2, name="pool"), name="frame_pool")(x)
    x = layers.TimeDistributed(layers.BatchNormalization(name="bn"), name="frame_bn")(x)
    x = layers.TimeDistributed(layers.Flatten(name="flatten"), name="frame_flatten")(x)
    x = layers.TimeDistributed(layers.Dense(32, name="dense"), name="frame_dense")(x)
    x = layers.LSTM(16, return_sequences=True, name="lstm")(x)
    # A frozen layer inside TimeDistributed: Keras counts its weights as non-trainable.
    head = layers.Dense(4, activation="softmax", name="head")
    head.trainable = False
    outputs = layers.TimeDistributed(head, name="per_step")(x)
    return keras.Model(inputs, outputs, name="time_distributed")


def source_lambda(text):
    """A lambda compiled under a fixed file name, so that its serialized bytecode does not
    carry the path of this script and the fixtures regenerate byte for byte anywhere."""
    return eval(compile(text, "<fixture>", "eval"))


def lambda_layers():
    """Lambda layers that declare their output_shape, which CNNCalc keeps as opaque layers."""
    inputs = keras.Input((10, 6), name="series")
    x = layers.Lambda(source_lambda("lambda t: t * 2.0"), output_shape=(10, 6), name="double")(inputs)
    x = layers.Lambda(source_lambda("lambda t: t[:, ::2, :]"), output_shape=(5, 6), name="every_other")(x)
    x = layers.Flatten(name="flatten")(x)
    outputs = layers.Dense(3, name="out")(x)
    return keras.Model(inputs, outputs, name="lambda_layers")


MODELS = [
    plain_cnn,
    residual_net,
    separable_net,
    lstm_model,
    gru_model,
    rnn_model,
    transformer_encoder,
    cross_attention,
    shared_layers,
    nested_model,
    siamese,
    frozen_layer,
    conv3d_model,
    preprocessing,
    open_sequence,
    open_image,
    causal_stack,
    causal_fixed,
    normalization_model,
    time_distributed,
    lambda_layers,
]


# Keras Applications, built without weights; written only as .keras (config only), since
# their JSON runs to hundreds of kilobytes. They check the reader on real architectures:
# residual blocks, depthwise and separable convolutions, concatenation along axis 3,
# asymmetric kernels and paddings, and hundreds of batch normalizations.
APPLICATIONS = {
    "resnet50": lambda: keras.applications.ResNet50(weights=None),
    "mobilenet_v2": lambda: keras.applications.MobileNetV2(weights=None),
    "densenet121": lambda: keras.applications.DenseNet121(weights=None),
    "inception_v3": lambda: keras.applications.InceptionV3(weights=None),
    "xception": lambda: keras.applications.Xception(weights=None),
    "nasnet_mobile": lambda: keras.applications.NASNetMobile(weights=None),
}


def count(weights):
    return int(sum(int(w.numpy().size) for w in weights))


def output_shape(layer):
    """The output shape without the batch axis; null where Keras shows None (an open size)."""
    nodes = [node for node in layer._inbound_nodes]
    if len(nodes) > 1:
        return "multiple"
    return [None if d is None else int(d) for d in layer.output.shape[1:]]


def summary_of(model):
    rows = []
    for layer in model.layers:
        rows.append(
            {
                "name": layer.name,
                "class": layer.__class__.__name__,
                "outputShape": output_shape(layer),
                "parameters": int(layer.count_params()),
            }
        )
    return {
        "layers": rows,
        "total": int(model.count_params()),
        "trainable": count(model.trainable_weights),
        "nonTrainable": count(model.non_trainable_weights),
    }


def renumber_shared_ids(value, ids):
    """`value` with every shared_object_id replaced by 1, 2, ... in order of first appearance."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key == "shared_object_id":
                result[key] = ids.setdefault(item, len(ids) + 1)
            else:
                result[key] = renumber_shared_ids(item, ids)
        return result
    if isinstance(value, list):
        return [renumber_shared_ids(item, ids) for item in value]
    return value


def write_archive(model, path):
    """A .keras archive without weights: config.json and metadata.json, as model.save() writes them."""
    full = path + ".full"
    model.save(full + ".keras")
    with zipfile.ZipFile(full + ".keras") as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ("metadata.json", "config.json"):
            contents = json.loads(source.read(name))
            # Keep regenerated fixtures byte-identical: no save date, and object ids (memory
            # addresses) renumbered in order of appearance.
            contents.pop("date_saved", None)
            contents = renumber_shared_ids(contents, {})
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, json.dumps(contents))
    os.remove(full + ".keras")


def write_one_row_per_line(expected, f):
    """expected.json with one layer row per line: hundreds of rows stay small and diff well."""
    f.write("{\n")
    f.write(f' "generator": {json.dumps(expected["generator"])},\n "keras": {json.dumps(expected["keras"])},\n "models": {{\n')
    names = sorted(expected["models"])
    for index, name in enumerate(names):
        model = expected["models"][name]
        f.write(f"  {json.dumps(name)}: {{\n")
        for key in ("total", "trainable", "nonTrainable"):
            f.write(f"   {json.dumps(key)}: {model[key]},\n")
        rows = [json.dumps(row, sort_keys=True, separators=(",", ":")) for row in model["layers"]]
        f.write('   "layers": [\n    ' + ",\n    ".join(rows) + "\n   ]\n")
        f.write("  }" + ("," if index < len(names) - 1 else "") + "\n")
    f.write(" }\n}\n")


def main():
    os.makedirs(KERAS_DIR, exist_ok=True)
    expected = {"generator": "Scripts/generate_keras_fixtures.py", "keras": keras.__version__, "models": {}}
    for build in MODELS:
        model = build()
        name = model.name
        with open(os.path.join(KERAS_DIR, name + ".json"), "w") as f:
            f.write(json.dumps(json.loads(model.to_json()), indent=1, sort_keys=True) + "\n")
        write_archive(model, os.path.join(KERAS_DIR, name + ".keras"))
        expected["models"][name] = summary_of(model)
        print(name, expected["models"][name]["total"])
    with open(os.path.join(KERAS_DIR, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")

    applications_dir = os.path.join(KERAS_DIR, "applications")
    os.makedirs(applications_dir, exist_ok=True)
    applications = {"generator": "Scripts/generate_keras_fixtures.py", "keras": keras.__version__, "models": {}}
    for name, build in APPLICATIONS.items():
        model = build()
        write_archive(model, os.path.join(applications_dir, name + ".keras"))
        applications["models"][name] = summary_of(model)
        print(name, applications["models"][name]["total"])
    with open(os.path.join(applications_dir, "expected.json"), "w") as f:
        write_one_row_per_line(applications, f)


if __name__ == "__main__":
    main()
