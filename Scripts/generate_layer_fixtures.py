"""Generates Tests/Fixtures/layers.json.

Small networks that together use every layer kind of the convolution family
(transposed, depthwise, separable, grouped and 1x1 convolution), resampling
and reshaping, normalization, activation, sequence (embedding, recurrent,
attention, transformer) and merge statements, each in several
configurations. As in generate_network_fixtures.py every network is written
once, as a list of layer descriptions, and rendered as
  * `.cnn` text (one `name: kind args key=value` line per layer),
  * one PyTorch module per `.cnn` row, and
  * one Keras layer per `.cnn` row (functional model),
then a real batch-1 zero tensor is run through both.

A row is null for a framework when that framework cannot express the layer
(the reason is recorded under the row's "unsupported"), or when one of its
inputs is null for that framework.

Recorded per row:
  pytorch: class (the torch.nn class the row uses, or this script's helper
           class for functional code), outputShape (without batch; maps
           channels first (C, L) / (C, H, W) / (C, D, H, W), sequences
           (steps, features), vectors (features,)), parameters (numel of the
           module's parameters), buffers (numel of its floating-point
           buffers), bufferElementsAll (numel of every buffer, including the
           integer num_batches_tracked), tensors (named_parameters() then
           named_buffers() of the row's module: name relative to the module,
           shape, kind "parameter" or "buffer").
  keras:   class, outputShape (maps channels last), parameters
           (count_params()), trainable / nonTrainable (sizes of
           trainable_weights / non_trainable_weights), tensors (layer.weights:
           name = last component of the variable path, shape, trainable;
           "path" relative to the layer is added where it has more than one
           component, e.g. "query/kernel" in MultiHeadAttention).
           TensorFlow's CPU kernels cannot run a dilated transposed
           convolution; those rows keep Keras' symbolic output shape and say
           "ranOnTensor": false.

Shapes written in a `.cnn` line (reshape, permute, squeeze, unsqueeze) are in
the network's input layout (hwc or chw); 1 number is a vector, 2 a sequence
(steps x features), 3 a 2-D map, 4 a 3-D map. Each framework gets the same
meaning in its own layout, so a PyTorch row in an hwc network permutes its
channels-first tensor to the written order, applies the operation there and
permutes the result back to channels first.

How .cnn statements map to the frameworks where they have no single
equivalent:
  * padding=same with stride > 1 (conv, depthwiseconv, separableconv): the
    PyTorch module (TFSameConv1d/2d/3d, a subclass of nn.ConvNd, so tensor
    names stay "weight"/"bias") pads with TensorFlow's split first.
  * deconv: PyTorch ConvTranspose takes integer padding only (padding=same is
    null for PyTorch); Keras ConvNDTranspose takes only valid/same and has no
    groups (integer padding or groups != 1 are null for Keras).
  * depthwiseconv: PyTorch ConvNd(C, C*multiplier, groups=C).
  * separableconv: PyTorch SeparableConv, a module holding `depthwise`
    (ConvNd(C, C*m, k, groups=C)) and `pointwise` (ConvNd(C*m, F, 1)), each
    with its own bias; Keras SeparableConvND has one bias.
  * upsample size=: Keras Resizing (UpSampling takes integer factors only).
  * crop: PyTorch nn.ZeroPadNd with negative padding; Keras CroppingND.
  * reshape, permute, squeeze, unsqueeze: PyTorch helper modules around
    Tensor.reshape / permute / squeeze / unsqueeze; Keras Reshape and Permute
    (squeeze / unsqueeze: null for Keras).
  * spacetodepth / depthtospace: PyTorch PixelUnshuffle / PixelShuffle; Keras
    Lambda around tf.nn.space_to_depth / tf.nn.depth_to_space.
  * globalavgpool / globalmaxpool keepdims=true: PyTorch helper module
    (mean / amax over the spatial axes with keepdim); Keras
    GlobalAveragePoolingND / GlobalMaxPoolingND(keepdims=True).
  * layernorm on a feature map normalizes the channels: PyTorch
    ChannelLayerNorm (an nn.LayerNorm subclass that moves the channels last
    and back, as torchvision's LayerNorm2d); `axes=all` is
    nn.LayerNorm([C, H, W]) and Keras LayerNormalization(axis=[1, 2, 3]).
  * instancenorm: PyTorch InstanceNormNd (track_running_stats=False); Keras
    GroupNormalization(groups=-1) (one group per channel).
  * lrn: PyTorch LocalResponseNorm; Keras Lambda around
    tf.nn.local_response_normalization (no Keras layer exists).
  * prelu: without slopes= each framework uses its own default (PyTorch one
    shared slope, Keras one per element); slopes=channel is
    PReLU(num_parameters=C) / PReLU(shared_axes=spatial axes);
    slopes=shared is PReLU() / PReLU(shared_axes=all axes); slopes=element
    is null for PyTorch.
  * rnn / lstm / gru: PyTorch nn.RNN / LSTM / GRU (batch_first=True) in a
    subclass whose forward returns the output sequence
    (return_sequences=true) or the last layer's final hidden state(s),
    directions concatenated, as Keras does. layers=2 is num_layers=2 and null
    for Keras (Keras needs two stacked layers, i.e. two rows);
    gru reset_after=false is null for PyTorch (its GRU is the reset-after
    form). bidirectional is nn.X(bidirectional=True) / Keras Bidirectional.
  * mha: PyTorch nn.MultiheadAttention(E, H, kdim, vdim, batch_first=True)
    in a subclass returning only the attention output; null when key_dim *
    heads != E, value_dim != key_dim or output_dim != E. Keras
    MultiHeadAttention(heads, key_dim (default E/H), value_dim, use_bias,
    output_shape) called as layer(query, value, key=key).
  * transformer: nn.TransformerEncoderLayer(batch_first=True); null for Keras.
  * merges: PyTorch helper modules; a vector of C broadcasts against a map of
    C channels ("broadcasting by meaning": viewed as C x 1 x 1). Keras merge
    layers expand lower-rank inputs after the batch axis themselves.
  * matmul: torch.matmul (b transposed with transpose_b=true); Keras Dot with
    axes (2, 1), or (2, 2) for transpose_b=true.
  * conv / dense activation=: the PyTorch module is an nn.Conv / nn.Linear
    subclass that applies the activation after the layer.

Requirements (see Scripts/requirements-fixtures.txt for the pinned versions):
    pip install torch keras tensorflow-cpu

Run from the repository root:
    python Scripts/generate_layer_fixtures.py
"""

import time

START = time.time()

import math
import os
import sys

sys.dont_write_bytecode = True  # keep Scripts/ free of __pycache__
import fixture_common as common  # sets the Keras backend before import

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import keras
import tensorflow as tf

OUTPUT = "Tests/Fixtures/layers.json"
SCRIPT = "Scripts/generate_layer_fixtures.py"


def L(name, kind, /, *args, **options):
    """One `.cnn` line: `name: kind args... key=value...` (options keep their order)."""
    return {"name": name, "kind": kind, "args": list(args), "options": options}


# Each network: (name, layers). Rows without inputs= take the row before.
NETWORKS = [
    # ------------------------------------------------ transposed convolution
    ("deconv2d", [
        L("input", "input", (7, 7, 4)),
        L("valid", "deconv", 6, 3),
        L("stride2", "deconv", 6, 3, stride=2, inputs=["input"]),
        L("stride3_k2", "deconv", 6, 2, stride=3, inputs=["input"]),
        L("same_s2", "deconv", 6, 3, stride=2, padding="same", inputs=["input"]),
        L("same_s3_k4", "deconv", 5, 4, stride=3, padding="same", inputs=["input"]),
        L("same_op", "deconv", 6, 3, stride=2, padding="same", output_padding=1, inputs=["input"]),
        L("valid_op", "deconv", 6, 3, stride=2, output_padding=1, inputs=["input"]),
        L("pad1_op", "deconv", 6, 3, stride=2, padding=1, output_padding=1, inputs=["input"]),
        L("dilated", "deconv", 6, 3, dilation=2, inputs=["input"]),
        L("grouped", "deconv", 8, 3, groups=2, inputs=["input"]),
        L("no_bias", "deconv", 6, 3, stride=2, bias=False, inputs=["input"]),
        L("rect", "deconv", 6, (3, 2), stride=(2, 1), inputs=["input"]),
        L("mixed", "convtranspose2d", 4, 3, stride=3, padding=2, dilation=2, output_padding=2,
          groups=2, inputs=["input"]),
    ]),
    ("deconv1d", [
        L("input", "input", (10, 3)),
        L("valid", "deconv1d", 4, 3, stride=2),
        L("same", "deconv", 4, 3, stride=2, padding="same", inputs=["input"]),
        L("pad2", "deconv", 4, 5, padding=2, inputs=["input"]),
        L("op", "deconv", 4, 3, stride=3, output_padding=2, bias=False, inputs=["input"]),
        L("dilated", "deconv", 4, 3, dilation=3, inputs=["input"]),
        L("grouped", "deconv", 6, 2, stride=2, groups=3, inputs=["input"]),
    ]),
    ("deconv3d", [
        L("input", "input", (2, 4, 5, 6), layout="chw"),
        L("valid", "deconv3d", 3, 3, stride=2),
        L("same", "deconv", 3, 2, stride=(1, 2, 3), padding="same", inputs=["input"]),
        L("pad1", "deconv", 4, 3, stride=2, padding=1, output_padding=1, groups=2, inputs=["input"]),
        L("no_bias", "deconv", 3, (1, 2, 3), bias=False, inputs=["input"]),
    ]),
    # ------------------------------------------------ depthwise, separable, grouped, 1x1
    ("depthwise-separable", [
        L("input", "input", (12, 12, 4)),
        L("dw", "depthwiseconv", 3),
        L("dw_m2_same", "depthwiseconv", 3, multiplier=2, padding="same", inputs=["input"]),
        L("dw_s2_same", "depthwiseconv", 3, stride=2, padding="same", inputs=["input"]),
        L("dw_s2_nobias", "dwconv", 5, stride=2, bias=False, inputs=["input"]),
        L("dw_m2_dil", "depthwiseconv2d", 3, multiplier=2, dilation=2, inputs=["input"]),
        L("sep", "separableconv", 8, 3, inputs=["input"]),
        L("sep_m2_s2_same", "separableconv", 8, 3, multiplier=2, stride=2, padding="same",
          inputs=["input"]),
        L("sep_nobias", "sepconv", 8, 3, bias=False, inputs=["input"]),
        L("sep_dil", "separableconv2d", 6, 3, dilation=2, inputs=["input"]),
    ]),
    ("depthwise-separable-1d", [
        L("input", "input", (20, 3)),
        L("dw", "depthwiseconv", 3, multiplier=2),
        L("dw_s2_same", "depthwiseconv", 4, stride=2, padding="same", inputs=["input"]),
        L("sep", "separableconv", 5, 3, stride=2, inputs=["input"]),
    ]),
    ("grouped-pointwise", [
        L("input", "input", (8, 10, 10), layout="chw"),
        L("pw", "conv", 16, 1),
        L("grouped", "conv", 16, 3, groups=4, padding="same"),
        L("pw_grouped", "conv", 8, 1, groups=2, bias=False),
        L("pw_s2", "conv", 12, 1, stride=2, inputs=["input"]),
        L("grouped_s2", "conv", 8, 3, stride=2, padding="same", groups=8, inputs=["input"]),
    ]),
    # ------------------------------------------------ resampling and reshaping
    ("resample-2d", [
        L("input", "input", (6, 8, 4)),
        L("up2", "upsample", 2),
        L("up_nearest", "upsample", (2, 3), mode="nearest", inputs=["input"]),
        L("up_bilinear", "upsample", 2, mode="bilinear", inputs=["input"]),
        L("size_bilinear", "upsample", size=(15, 20), mode="bilinear", inputs=["input"]),
        L("size_nearest", "upsample2d", size=(12, 12), inputs=["input"]),
        L("zp1", "zeropad", 1, inputs=["input"]),
        L("zp_axes", "zeropad", [(1, 2), (0, 1)], inputs=["input"]),
        L("crop1", "crop", 1, inputs=["input"]),
        L("crop_axes", "crop", [(1, 2), (0, 1)], inputs=["input"]),
        L("s2d", "spacetodepth", 2, inputs=["input"]),
        L("d2s", "depthtospace", 2, inputs=["input"]),
        L("ada_avg", "adaptiveavgpool", (3, 4), inputs=["input"]),
        L("ada_max", "adaptivemaxpool", 4, inputs=["input"]),
        L("ada_avg1", "adaptiveavgpool2d", 1, inputs=["input"]),
        L("gap_keep", "globalavgpool", keepdims=True, inputs=["input"]),
        L("gmp_keep", "globalmaxpool", keepdims=True, inputs=["input"]),
    ]),
    ("reshape-permute-hwc", [
        L("input", "input", (6, 8, 4)),
        L("to_map", "reshape", (4, 6, 8)),
        L("to_seq", "reshape", (-1, 16), inputs=["input"]),
        L("to_vec", "reshape", 192, inputs=["input"]),
        L("to_3d", "reshape", (2, 4, 6, 4), inputs=["input"]),
        L("swap_hw", "permute", (2, 1, 3), inputs=["input"]),
        L("rotate", "permute", (3, 1, 2), inputs=["input"]),
        L("seq_t", "permute", (2, 1), inputs=["to_seq"]),
        L("flat", "flatten", inputs=["rotate"]),
    ]),
    ("reshape-permute-chw", [
        L("input", "input", (4, 6, 8), layout="chw"),
        L("to_map", "reshape", (8, -1, 4)),
        L("to_seq", "reshape", (24, 8), inputs=["input"]),
        L("swap_hw", "permute", (1, 3, 2), inputs=["input"]),
        L("channels_last", "transpose", (2, 3, 1), inputs=["input"]),
        L("gap_keep", "globalavgpool", keepdims=True, inputs=["input"]),
        L("squeeze_all", "squeeze"),
        L("unsq", "unsqueeze", axis=1),
        L("squeeze_1", "squeeze", axis=1),
        L("seq_unsq", "unsqueeze", axis=1, inputs=["to_seq"]),
        L("seq_squeeze", "squeeze", axis=1),
    ]),
    ("resample-1d", [
        L("input", "input", (4, 10), layout="chw"),
        L("up3", "upsample", 3),
        L("up_size", "upsample", size=25, inputs=["input"]),
        L("zp", "zeropad", [(2, 1)], inputs=["input"]),
        L("crop", "crop", [(1, 2)], inputs=["input"]),
        L("ada_avg", "adaptiveavgpool1d", 5, inputs=["input"]),
        L("ada_max", "adaptivemaxpool", 3, inputs=["input"]),
        L("gap_keep", "globalavgpool", keepdims=True, inputs=["input"]),
        L("gmp_keep", "globalmaxpool1d", keepdims=True, inputs=["input"]),
    ]),
    ("resample-3d", [
        L("input", "input", (4, 6, 6, 2)),
        L("up2", "upsample", 2),
        L("up_axes", "upsample", (1, 2, 3), inputs=["input"]),
        L("zp", "zeropad", 1, inputs=["input"]),
        L("zp_axes", "zeropad", [(0, 1), (1, 0), (2, 2)], inputs=["input"]),
        L("crop", "crop", 1, inputs=["input"]),
        L("ada_avg", "adaptiveavgpool3d", (2, 3, 3), inputs=["input"]),
        L("ada_max", "adaptivemaxpool", 1, inputs=["input"]),
        L("gmp_keep", "globalmaxpool", keepdims=True, inputs=["input"]),
    ]),
    # ------------------------------------------------ normalization
    ("normalization-2d", [
        L("input", "input", (6, 6, 8)),
        L("bn", "batchnorm"),
        L("bn2d", "batchnorm2d", inputs=["input"]),
        L("ln", "layernorm", inputs=["input"]),
        L("ln_all", "layernorm", axes="all", inputs=["input"]),
        L("ln_noaffine", "layernorm", affine=False, inputs=["input"]),
        L("ln_nobias", "layernorm", bias=False, inputs=["input"]),
        L("gn", "groupnorm", 4, inputs=["input"]),
        L("gn_noaffine", "groupnorm", 2, affine=False, inputs=["input"]),
        L("inorm", "instancenorm", inputs=["input"]),
        L("inorm_affine", "instancenorm", affine=True, inputs=["input"]),
        L("lrn", "lrn", 5, inputs=["input"]),
    ]),
    ("normalization-1d-3d", [
        L("input", "input", (4, 5, 6, 3)),
        L("bn3d", "batchnorm3d"),
        L("inorm3d", "instancenorm", affine=True, inputs=["input"]),
        L("gn3d", "groupnorm", 3, inputs=["input"]),
        L("ln3d_all", "layernorm", axes="all", inputs=["input"]),
    ]),
    ("normalization-1d", [
        L("input", "input", (6, 20), layout="chw"),
        L("bn1d", "batchnorm1d"),
        L("inorm1d", "instancenorm", inputs=["input"]),
        L("inorm1d_affine", "instancenorm", affine=True, inputs=["input"]),
        L("gn1d", "groupnorm", 3, inputs=["input"]),
        L("ln1d", "layernorm", inputs=["input"]),
        L("flat", "flatten", inputs=["input"]),
        L("bn_vec", "batchnorm"),
        L("ln_vec", "layernorm"),
    ]),
    ("normalization-sequence", [
        L("input", "input", (10, 12), kind="sequence"),
        L("ln", "layernorm"),
        L("ln_noaffine", "layernorm", affine=False, inputs=["input"]),
        L("ln_all", "layernorm", axes="all", inputs=["input"]),
    ]),
    # ------------------------------------------------ activations
    ("activations", [
        L("input", "input", (5, 5, 3)),
        L("relu", "relu"),
        L("relu6", "relu6"),
        L("sigmoid", "sigmoid"),
        L("hardsigmoid", "hardsigmoid"),
        L("tanh", "tanh"),
        L("softmax", "softmax"),
        L("logsoftmax", "logsoftmax"),
        L("leakyrelu", "leakyrelu"),
        L("leakyrelu02", "leakyrelu", 0.2),
        L("elu", "elu"),
        L("selu", "selu"),
        L("gelu", "gelu"),
        L("silu", "silu"),
        L("swish", "swish"),
        L("hardswish", "hardswish"),
        L("mish", "mish"),
        L("softplus", "softplus"),
        L("identity", "identity"),
    ]),
    ("prelu", [
        L("input", "input", (5, 6, 3)),
        L("default", "prelu"),
        L("channel", "prelu", slopes="channel", inputs=["input"]),
        L("shared", "prelu", slopes="shared", inputs=["input"]),
        L("element", "prelu", slopes="element", inputs=["input"]),
        L("flat", "flatten", inputs=["input"]),
        L("vec_default", "prelu"),
        L("vec_channel", "prelu", slopes="channel", inputs=["flat"]),
    ]),
    ("prelu-chw-1d", [
        L("input", "input", (4, 9), layout="chw"),
        L("default", "prelu"),
        L("channel", "prelu", slopes="channel", inputs=["input"]),
        L("shared", "prelu", slopes="shared", inputs=["input"]),
    ]),
    # ------------------------------------------------ sequence layers
    ("embedding-recurrent", [
        L("input", "input", 20),
        L("embed", "embedding", 1000, 16),
        L("lstm_seq", "lstm", 32, return_sequences=True),
        L("gru_last", "gru", 8),
        L("fc", "dense", 3),
    ]),
    ("simple-rnn", [
        L("input", "input", (10, 6), kind="sequence"),
        L("last", "rnn", 8),
        L("seq", "rnn", 8, return_sequences=True, inputs=["input"]),
        L("no_bias", "rnn", 8, bias=False, inputs=["input"]),
        L("bi", "rnn", 8, bidirectional=True, inputs=["input"]),
        L("stacked", "rnn", 8, layers=2, return_sequences=True, inputs=["input"]),
    ]),
    ("lstm", [
        L("input", "input", (10, 6), kind="sequence"),
        L("last", "lstm", 8),
        L("seq", "lstm", 8, return_sequences=True, inputs=["input"]),
        L("no_bias", "lstm", 8, bias=False, inputs=["input"]),
        L("bi_last", "lstm", 8, bidirectional=True, inputs=["input"]),
        L("bi_seq", "lstm", 8, bidirectional=True, return_sequences=True, inputs=["input"]),
        L("stacked", "lstm", 8, layers=2, inputs=["input"]),
        L("stacked_bi", "lstm", 8, layers=2, bidirectional=True, return_sequences=True,
          inputs=["input"]),
        L("on_bi", "lstm", 4, inputs=["bi_seq"]),
    ]),
    ("gru", [
        L("input", "input", (10, 6), kind="sequence"),
        L("last", "gru", 8),
        L("seq", "gru", 8, return_sequences=True, inputs=["input"]),
        L("reset_before", "gru", 8, reset_after=False, inputs=["input"]),
        L("reset_after", "gru", 8, reset_after=True, inputs=["input"]),
        L("no_bias", "gru", 8, bias=False, inputs=["input"]),
        L("no_bias_before", "gru", 8, bias=False, reset_after=False, inputs=["input"]),
        L("bi", "gru", 8, bidirectional=True, return_sequences=True, inputs=["input"]),
        L("stacked", "gru", 8, layers=2, inputs=["input"]),
    ]),
    ("attention", [
        L("input", "input", (12, 16), kind="sequence"),
        L("self", "mha", 4),
        L("self_kd", "mha", 4, key_dim=4, inputs=["input"]),
        L("self_kd8", "mha", 4, key_dim=8, inputs=["input"]),
        L("self_vd", "mha", 2, key_dim=8, value_dim=12, inputs=["input"]),
        L("self_nobias", "mha", 4, bias=False, inputs=["input"]),
        L("self_out", "mha", 4, output_dim=24, inputs=["input"]),
        L("kv", "reshape", (6, 32), inputs=["input"]),
        L("cross", "mha", 2, inputs=["input", "kv"]),
        L("v", "dense", 24, inputs=["kv"]),
        L("cross_qkv", "multiheadattention", 4, inputs=["input", "kv", "v"]),
        L("cross_qkv_nobias", "attention", 4, bias=False, inputs=["input", "kv", "v"]),
        L("cross_kd", "mha", 2, key_dim=5, value_dim=3, output_dim=10, inputs=["input", "kv", "v"]),
    ]),
    ("transformer", [
        L("input", "input", (12, 16), kind="sequence"),
        L("post_norm", "transformer", 4, ff=64),
        L("pre_norm", "transformerencoder", 2, ff=32, norm_first=True, activation="gelu"),
        L("gap", "globalavgpool"),
        L("fc", "dense", 2),
    ]),
    # ------------------------------------------------ merges
    ("merge-map", [
        L("input", "input", (6, 6, 8)),
        L("a", "conv", 8, 3, padding="same"),
        L("b", "conv", 8, 1, inputs=["input"]),
        L("sum", "add", inputs=["a", "b"]),
        L("diff", "subtract", inputs=["a", "b"]),
        L("prod3", "multiply", inputs=["a", "b", "input"]),
        L("mean3", "average", inputs=["a", "b", "input"]),
        L("max", "maximum", inputs=["a", "b"]),
        L("min", "minimum", inputs=["a", "b", "sum"]),
        L("cat_c", "concat", inputs=["a", "input"]),
        L("cat_h", "concat", axis="height", inputs=["a", "b"]),
        L("cat_w", "concat", axis="width", inputs=["a", "b", "input"]),
    ]),
    ("squeeze-excitation", [
        L("input", "input", (8, 8, 16)),
        L("feat", "conv", 16, 3, padding="same", activation="relu"),
        L("gap", "globalavgpool"),
        L("fc1", "dense", 4, activation="relu"),
        L("fc2", "dense", 16, activation="sigmoid"),
        L("scale_vec", "multiply", inputs=["feat", "fc2"]),
        L("gap_keep", "globalavgpool", keepdims=True, inputs=["feat"]),
        L("se1", "conv", 4, 1, activation="relu"),
        L("se2", "conv", 16, 1, activation="sigmoid"),
        L("scale_map", "multiply", inputs=["feat", "se2"]),
        L("shift", "add", inputs=["scale_map", "gap_keep"]),
        L("sub_vec", "subtract", inputs=["shift", "fc2"]),
        L("se_vec", "reshape", (1, 1, 16), inputs=["fc2"]),
        L("scale_reshaped", "multiply", inputs=["feat", "se_vec"]),
    ]),
    ("merge-sequence", [
        L("input", "input", (6, 8), kind="sequence"),
        L("q", "dense", 8),
        L("k", "dense", 8, inputs=["input"]),
        L("v", "dense", 5, inputs=["input"]),
        L("scores", "matmul", transpose_b=True, inputs=["q", "k"]),
        L("attend", "bmm", inputs=["scores", "v"]),
        L("kt", "permute", (2, 1), inputs=["k"]),
        L("scores2", "dot", inputs=["q", "kt"]),
        L("cat_steps", "concat", axis="steps", inputs=["q", "k"]),
        L("cat_features", "concat", axis="features", inputs=["q", "v"]),
        L("sum", "add", inputs=["q", "k"]),
        L("pooled", "globalmaxpool", inputs=["q"]),
        L("broadcast", "multiply", inputs=["k", "pooled"]),
    ]),
    ("merge-3d", [
        L("input", "input", (2, 4, 6, 6), layout="chw"),
        L("a", "conv", 2, 3, padding="same"),
        L("sum", "add", inputs=["a", "input"]),
        L("cat_d", "concat", axis="depth", inputs=["a", "input"]),
        L("gap", "globalavgpool", keepdims=True, inputs=["a"]),
        L("scaled", "multiply", inputs=["input", "gap"]),
    ]),
]


# ------------------------------------------------------------ meaning of shapes


class Unsupported(Exception):
    """The framework has no way to express this row."""


def per_axis(value, rank):
    return [value] * rank if isinstance(value, int) else list(value)


def tf_same_padding(size, kernel, stride, dilation):
    """TensorFlow's 'same' padding for one axis: (before, after)."""
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + dilation * (kernel - 1) + 1 - size, 0)
    return total // 2, total - total // 2


def numel(shape):
    return int(np.prod(shape)) if len(shape) else 1


def input_meaning(layer):
    """(kind, framework-independent dims in the written layout) of the input line."""
    shape = layer["args"][0]
    dims = [shape] if isinstance(shape, int) else list(shape)
    if len(dims) == 1:
        return "vector"
    if layer["options"].get("kind") == "sequence":
        return "sequence"
    return "map"


def kind_of_rank(rank, explicit=None):
    """The reshape rule: 1 written number is a vector, 2 a sequence, 3 or 4 a map."""
    if explicit is not None:
        return {"map": "map", "sequence": "sequence"}[explicit]
    return {1: "vector", 2: "sequence"}.get(rank, "map")


def written_axes(kind, rank, layout, framework):
    """For each written axis (batch excluded) the framework's axis (batch excluded).

    `rank` counts the non-batch axes. Maps are written (spatial..., C) in hwc
    and (C, spatial...) in chw; PyTorch holds them (C, spatial...), Keras
    (spatial..., C). Vectors and sequences read the same everywhere.
    """
    if kind != "map":
        return list(range(rank))
    spatial = rank - 1
    if layout == "hwc":
        written = ["s%d" % i for i in range(spatial)] + ["c"]
    else:
        written = ["c"] + ["s%d" % i for i in range(spatial)]
    if framework == "pytorch":
        held = ["c"] + ["s%d" % i for i in range(spatial)]
    else:
        held = ["s%d" % i for i in range(spatial)] + ["c"]
    return [held.index(axis) for axis in written]


def to_framework_dims(written, kind, layout, framework):
    mapping = written_axes(kind, len(written), layout, framework)
    dims = [None] * len(written)
    for w, f in enumerate(mapping):
        dims[f] = written[w]
    return dims


def semantic_axis(name, kind, rank, framework):
    """Framework axis (with batch) of a named axis: channels, height, steps, ..."""
    if kind == "sequence":
        return {"steps": 1, "features": 2, "channels": 2}[name]
    if kind == "vector":
        return 1
    spatial = rank - 1
    names = {1: ["length"], 2: ["height", "width"], 3: ["depth", "height", "width"]}[spatial]
    if name == "channels":
        return 1 if framework == "pytorch" else rank
    index = names.index(name)
    return index + 2 if framework == "pytorch" else index + 1


def output_kind(layer, in_kinds, out_rank):
    kind, opts = layer["kind"], layer["options"]
    if kind in ("reshape", "permute", "transpose", "squeeze", "unsqueeze"):
        return kind_of_rank(out_rank, opts.get("kind"))
    if kind == "flatten":
        return "vector"
    if kind in ("globalavgpool", "globalmaxpool") and not opts.get("keepdims", False):
        return "vector"
    if kind in ("rnn", "lstm", "gru"):
        return "sequence" if opts.get("return_sequences", False) else "vector"
    if kind in ("embedding", "mha", "multiheadattention", "attention", "matmul", "dot", "bmm"):
        return "sequence"
    if kind in ("add", "subtract", "multiply", "average", "maximum", "minimum"):
        return "map" if "map" in in_kinds else ("sequence" if "sequence" in in_kinds else "vector")
    return in_kinds[0]


KIND_ALIASES = {
    "deconv1d": "deconv", "deconv2d": "deconv", "deconv3d": "deconv", "convtranspose2d": "deconv",
    "dwconv": "depthwiseconv", "depthwiseconv2d": "depthwiseconv",
    "sepconv": "separableconv", "separableconv2d": "separableconv",
    "upsample2d": "upsample", "transpose": "permute",
    "adaptiveavgpool1d": "adaptiveavgpool", "adaptiveavgpool2d": "adaptiveavgpool",
    "adaptiveavgpool3d": "adaptiveavgpool", "adaptivemaxpool1d": "adaptivemaxpool",
    "adaptivemaxpool2d": "adaptivemaxpool", "adaptivemaxpool3d": "adaptivemaxpool",
    "globalmaxpool1d": "globalmaxpool",
    "batchnorm1d": "batchnorm", "batchnorm2d": "batchnorm", "batchnorm3d": "batchnorm",
    "swish": "silu", "transformerencoder": "transformer",
    "multiheadattention": "mha", "attention": "mha", "dot": "matmul", "bmm": "matmul",
}


def canonical(kind):
    return KIND_ALIASES.get(kind, kind)


# ------------------------------------------------------------ PyTorch


def torch_activation(name, kind="map"):
    dim = -1 if kind == "sequence" else 1
    return {
        "relu": lambda: nn.ReLU(),
        "relu6": lambda: nn.ReLU6(),
        "sigmoid": lambda: nn.Sigmoid(),
        "hardsigmoid": lambda: nn.Hardsigmoid(),
        "tanh": lambda: nn.Tanh(),
        "softmax": lambda: nn.Softmax(dim=dim),
        "logsoftmax": lambda: nn.LogSoftmax(dim=dim),
        "elu": lambda: nn.ELU(),
        "selu": lambda: nn.SELU(),
        "gelu": lambda: nn.GELU(),
        "silu": lambda: nn.SiLU(),
        "hardswish": lambda: nn.Hardswish(),
        "mish": lambda: nn.Mish(),
        "softplus": lambda: nn.Softplus(),
        "identity": lambda: nn.Identity(),
    }[name]()


ACTIVATION_FUNCTIONS = {"relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}


class TFSamePadding:
    """Mixin for nn.ConvNd: TensorFlow's 'same' padding, then an unpadded convolution."""

    def forward(self, x):
        amounts = []
        for size, k, s, d in reversed(list(zip(x.shape[2:], self.kernel_size, self.stride, self.dilation))):
            amounts += list(tf_same_padding(size, k, s, d))  # F.pad takes the last axis first
        return super().forward(F.pad(x, amounts))


class TFSameConv1d(TFSamePadding, nn.Conv1d):
    pass


class TFSameConv2d(TFSamePadding, nn.Conv2d):
    pass


class TFSameConv3d(TFSamePadding, nn.Conv3d):
    pass


class Activated:
    """Mixin applying `self.activation_name` after the layer (no parameters of its own)."""

    def forward(self, x):
        return ACTIVATION_FUNCTIONS[self.activation_name](super().forward(x))


class ActivatedConv2d(Activated, nn.Conv2d):
    pass


class ActivatedLinear(Activated, nn.Linear):
    pass


def torch_conv(rank, cin, cout, kernel, stride=1, padding="valid", dilation=1, groups=1, bias=True,
               activation=None):
    kernel, stride, dilation = (per_axis(v, rank) for v in (kernel, stride, dilation))
    if padding == "same" and any(s != 1 for s in stride):
        cls, padding = {1: TFSameConv1d, 2: TFSameConv2d, 3: TFSameConv3d}[rank], 0
    else:
        cls = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}[rank]
    if activation is not None:
        if rank != 2 or cls is not nn.Conv2d:
            raise NotImplementedError("activation= only on stride-1 2-D convolutions here")
        module = ActivatedConv2d(cin, cout, kernel, stride=stride, padding=padding, dilation=dilation,
                                 groups=groups, bias=bias)
        module.activation_name = activation
        return module
    return cls(cin, cout, kernel, stride=stride, padding=padding, dilation=dilation, groups=groups, bias=bias)


class SeparableConv(nn.Module):
    """Depthwise ConvNd (groups=C, C*multiplier outputs) then a 1x1 pointwise ConvNd."""

    def __init__(self, rank, cin, filters, kernel, multiplier, stride, padding, dilation, bias):
        super().__init__()
        self.depthwise = torch_conv(rank, cin, cin * multiplier, kernel, stride, padding, dilation, cin, bias)
        self.pointwise = torch_conv(rank, cin * multiplier, filters, 1, bias=bias)

    def forward(self, x):
        return self.pointwise(self.depthwise(x))


class ToWritten(nn.Module):
    """Base of the shape operations: framework order -> written order -> framework order."""

    def __init__(self, to_written, from_written):
        super().__init__()
        self.to_written = [0] + [a + 1 for a in to_written]
        self.from_written = [0] + [a + 1 for a in from_written]

    def forward(self, x):
        x = x.permute(*self.to_written)
        return self.operation(x).permute(*self.from_written)


class Reshape(ToWritten):
    def __init__(self, to_written, from_written, dims):
        super().__init__(to_written, from_written)
        self.dims = list(dims)

    def operation(self, x):
        return x.reshape(x.shape[0], *self.dims)


class Permute(ToWritten):
    def __init__(self, to_written, from_written, dims):
        super().__init__(to_written, from_written)
        self.dims = [0] + [d + 1 for d in dims]

    def operation(self, x):
        return x.permute(*self.dims)


class Squeeze(ToWritten):
    def __init__(self, to_written, from_written, axes):
        super().__init__(to_written, from_written)
        self.axes = [a + 1 for a in axes]

    def operation(self, x):
        return x.squeeze(self.axes)


class Unsqueeze(ToWritten):
    def __init__(self, to_written, from_written, axis):
        super().__init__(to_written, from_written)
        self.axis = axis + 1

    def operation(self, x):
        return x.unsqueeze(self.axis)


class GlobalPool(nn.Module):
    """Reduces all spatial axes: (N, C, ...) -> (N, C), or (N, C, 1, ...) with keepdims."""

    def __init__(self, mode, keepdims, sequence=False):
        super().__init__()
        self.mode, self.keepdims, self.sequence = mode, keepdims, sequence

    def forward(self, x):
        dims = [1] if self.sequence else list(range(2, x.dim()))
        if self.mode == "avg":
            return x.mean(dim=dims, keepdim=self.keepdims)
        return x.amax(dim=dims, keepdim=self.keepdims)


class ChannelLayerNorm(nn.LayerNorm):
    """nn.LayerNorm over the channels of an (N, C, ...) map (as torchvision's LayerNorm2d)."""

    def forward(self, x):
        return super().forward(x.movedim(1, -1)).movedim(-1, 1)


class SequenceOutput:
    """Mixin for nn.RNN / LSTM / GRU: the output sequence, or the final hidden state(s).

    The final state is the last layer's, with both directions concatenated
    when bidirectional, as Keras returns it.
    """

    def forward(self, x):
        output, hidden = super().forward(x)
        if self.return_sequences:
            return output
        h = hidden[0] if isinstance(hidden, tuple) else hidden
        directions = 2 if self.bidirectional else 1
        return torch.cat([h[h.shape[0] - directions + d] for d in range(directions)], dim=1)


class RNNRow(SequenceOutput, nn.RNN):
    pass


class LSTMRow(SequenceOutput, nn.LSTM):
    pass


class GRURow(SequenceOutput, nn.GRU):
    pass


class AttentionRow(nn.MultiheadAttention):
    """nn.MultiheadAttention called with one (self), two (q, kv) or three (q, k, v) inputs."""

    def forward(self, query, key=None, value=None):
        key = query if key is None else key
        value = key if value is None else value
        return super().forward(query, key, value, need_weights=False)[0]


class Merge(nn.Module):
    """add / subtract / multiply / average / maximum / minimum of two or more inputs."""

    def __init__(self, mode, sequence):
        super().__init__()
        self.mode, self.sequence = mode, sequence

    def forward(self, *xs):
        rank = max(x.dim() for x in xs)
        aligned = []
        for x in xs:
            if x.dim() < rank:  # a vector meets a map (channels at 1) or a sequence (features last)
                x = x.reshape(x.shape[0], 1, x.shape[1]) if self.sequence else x.reshape(*x.shape, *([1] * (rank - 2)))
            aligned.append(x)
        result = aligned[0]
        for x in aligned[1:]:
            if self.mode == "add" or self.mode == "average":
                result = result + x
            elif self.mode == "subtract":
                result = result - x
            elif self.mode == "multiply":
                result = result * x
            elif self.mode == "maximum":
                result = torch.maximum(result, x)
            else:
                result = torch.minimum(result, x)
        return result / len(xs) if self.mode == "average" else result


class Concat(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim

    def forward(self, *xs):
        return torch.cat(xs, dim=self.dim)


class MatMul(nn.Module):
    def __init__(self, transpose_b):
        super().__init__()
        self.transpose_b = transpose_b

    def forward(self, a, b):
        return torch.matmul(a, b.transpose(1, 2) if self.transpose_b else b)


def shape_operation_axes(in_kind, in_rank, out_kind, out_rank, layout, framework):
    """(framework -> written permutation, written -> framework permutation)."""
    to_written = written_axes(in_kind, in_rank, layout, framework)
    back = written_axes(out_kind, out_rank, layout, framework)
    from_written = [back.index(f) for f in range(out_rank)]
    return to_written, from_written


def written_dims(x, kind, layout, framework):
    dims = list(x.shape[1:])
    return [dims[f] for f in written_axes(kind, len(dims), layout, framework)]


def torch_module(layer, xs, kinds, layout):
    """The PyTorch module for one `.cnn` row, given its input tensors."""
    kind, args, opts = canonical(layer["kind"]), layer["args"], layer["options"]
    x = xs[0]
    rank = x.dim() - 2  # spatial axes of a map
    channels = x.shape[1]
    if kind == "conv":
        filters, kernel = args
        return torch_conv(rank, channels, filters, kernel, opts.get("stride", 1), opts.get("padding", "valid"),
                          opts.get("dilation", 1), opts.get("groups", 1), opts.get("bias", True),
                          opts.get("activation"))
    if kind == "deconv":
        filters, kernel = args
        padding = opts.get("padding", "valid")
        if padding == "same":
            raise Unsupported("PyTorch ConvTranspose takes integer padding only")
        cls = {1: nn.ConvTranspose1d, 2: nn.ConvTranspose2d, 3: nn.ConvTranspose3d}[rank]
        return cls(channels, filters, kernel, stride=opts.get("stride", 1),
                   padding=0 if padding == "valid" else padding,
                   output_padding=opts.get("output_padding", 0), groups=opts.get("groups", 1),
                   bias=opts.get("bias", True), dilation=opts.get("dilation", 1))
    if kind == "depthwiseconv":
        m = opts.get("multiplier", 1)
        return torch_conv(rank, channels, channels * m, args[0], opts.get("stride", 1),
                          opts.get("padding", "valid"), opts.get("dilation", 1), channels, opts.get("bias", True))
    if kind == "separableconv":
        filters, kernel = args
        return SeparableConv(rank, channels, filters, kernel, opts.get("multiplier", 1), opts.get("stride", 1),
                             opts.get("padding", "valid"), opts.get("dilation", 1), opts.get("bias", True))
    if kind == "dense":
        linear = (ActivatedLinear if "activation" in opts else nn.Linear)(x.shape[-1], args[0],
                                                                         bias=opts.get("bias", True))
        if "activation" in opts:
            linear.activation_name = opts["activation"]
        return linear
    if kind == "upsample":
        mode = {"nearest": "nearest", "bilinear": {1: "linear", 2: "bilinear", 3: "trilinear"}[rank]}[
            opts.get("mode", "nearest")]
        if "size" in opts:
            return nn.Upsample(size=tuple(per_axis(opts["size"], rank)), mode=mode)
        return nn.Upsample(scale_factor=tuple(float(f) for f in per_axis(args[0], rank)), mode=mode)
    if kind in ("zeropad", "crop"):
        pairs = args[0] if isinstance(args[0], list) else [(args[0], args[0])] * rank
        sign = 1 if kind == "zeropad" else -1
        amounts = []
        for before, after in reversed(pairs):  # ZeroPadNd takes the last axis first
            amounts += [sign * before, sign * after]
        return {1: nn.ZeroPad1d, 2: nn.ZeroPad2d, 3: nn.ZeroPad3d}[rank](tuple(amounts))
    if kind == "spacetodepth":
        return nn.PixelUnshuffle(args[0])
    if kind == "depthtospace":
        return nn.PixelShuffle(args[0])
    if kind in ("adaptiveavgpool", "adaptivemaxpool"):
        size = tuple(per_axis(args[0], rank))
        if kind == "adaptiveavgpool":
            return {1: nn.AdaptiveAvgPool1d, 2: nn.AdaptiveAvgPool2d, 3: nn.AdaptiveAvgPool3d}[rank](size)
        return {1: nn.AdaptiveMaxPool1d, 2: nn.AdaptiveMaxPool2d, 3: nn.AdaptiveMaxPool3d}[rank](size)
    if kind in ("globalavgpool", "globalmaxpool"):
        return GlobalPool("avg" if kind == "globalavgpool" else "max", opts.get("keepdims", False),
                          kinds[0] == "sequence")
    if kind == "flatten":
        return nn.Flatten()
    if kind in ("reshape", "permute", "squeeze", "unsqueeze"):
        return torch_shape_operation(kind, layer, x, kinds[0], layout, "pytorch")
    if kind == "batchnorm":
        if kinds[0] == "sequence":
            raise NotImplementedError("batchnorm on a sequence")
        return {0: nn.BatchNorm1d, 1: nn.BatchNorm1d, 2: nn.BatchNorm2d, 3: nn.BatchNorm3d}[max(rank, 0)](channels)
    if kind == "layernorm":
        affine = opts.get("affine", True)
        bias = opts.get("bias", True)
        if opts.get("axes") == "all":
            return nn.LayerNorm(list(x.shape[1:]), elementwise_affine=affine, bias=bias)
        if kinds[0] == "map":
            return ChannelLayerNorm(channels, elementwise_affine=affine, bias=bias)
        return nn.LayerNorm(x.shape[-1], elementwise_affine=affine, bias=bias)
    if kind == "groupnorm":
        return nn.GroupNorm(args[0], channels, affine=opts.get("affine", True))
    if kind == "instancenorm":
        cls = {1: nn.InstanceNorm1d, 2: nn.InstanceNorm2d, 3: nn.InstanceNorm3d}[rank]
        return cls(channels, affine=opts.get("affine", False))
    if kind == "lrn":
        return nn.LocalResponseNorm(args[0])
    if kind == "leakyrelu":
        return nn.LeakyReLU(args[0] if args else 0.01)
    if kind == "prelu":
        slopes = opts.get("slopes", "shared")  # PyTorch's default: one shared slope
        if slopes == "element":
            raise Unsupported("PyTorch PReLU has one slope or one per channel")
        return nn.PReLU(num_parameters=channels if slopes == "channel" else 1)
    if kind == "embedding":
        return nn.Embedding(args[0], args[1])
    if kind in ("rnn", "lstm", "gru"):
        if kind == "gru" and not opts.get("reset_after", True):
            raise Unsupported("PyTorch's GRU has only the reset-after form")
        cls = {"rnn": RNNRow, "lstm": LSTMRow, "gru": GRURow}[kind]
        module = cls(x.shape[-1], args[0], num_layers=opts.get("layers", 1), bias=opts.get("bias", True),
                     batch_first=True, bidirectional=opts.get("bidirectional", False))
        module.return_sequences = opts.get("return_sequences", False)
        return module
    if kind == "mha":
        heads = args[0]
        embed = x.shape[-1]
        key_dim = opts.get("key_dim", embed // heads)
        if key_dim * heads != embed or opts.get("value_dim", key_dim) != key_dim \
                or opts.get("output_dim", embed) != embed:
            raise Unsupported("nn.MultiheadAttention needs key_dim = value_dim = E/heads and output E")
        kdim = xs[1].shape[-1] if len(xs) > 1 else None
        vdim = xs[-1].shape[-1] if len(xs) > 1 else None
        return AttentionRow(embed, heads, bias=opts.get("bias", True), kdim=kdim, vdim=vdim, batch_first=True)
    if kind == "transformer":
        return nn.TransformerEncoderLayer(x.shape[-1], args[0], dim_feedforward=opts.get("ff", 2048),
                                          activation=opts.get("activation", "relu"), batch_first=True,
                                          norm_first=opts.get("norm_first", False))
    if kind in ("add", "subtract", "multiply", "average", "maximum", "minimum"):
        return Merge(kind, "sequence" in kinds)
    if kind == "concat":
        return Concat(semantic_axis(opts.get("axis", "channels"), kinds[0], x.dim() - 1, "pytorch"))
    if kind == "matmul":
        return MatMul(opts.get("transpose_b", False))
    if kind == "dropout":
        return nn.Dropout(args[0])
    return torch_activation(kind, kinds[0])


def shape_operation(kind, layer, dims_written, in_kind):
    """(output written dims, output kind) of reshape / permute / squeeze / unsqueeze."""
    args, opts = layer["args"], layer["options"]
    if kind == "reshape":
        target = [args[0]] if isinstance(args[0], int) else list(args[0])
        if -1 in target:
            known = numel([d for d in target if d != -1])
            target[target.index(-1)] = numel(dims_written) // known
        out = target
    elif kind == "permute":
        out = [dims_written[p - 1] for p in args[0]]
    elif kind == "squeeze":
        if "axis" in opts:
            out = [d for i, d in enumerate(dims_written) if i != opts["axis"] - 1]
        else:
            out = [d for d in dims_written if d != 1]
    else:
        out = list(dims_written)
        out.insert(opts["axis"] - 1, 1)
    return out, kind_of_rank(len(out), opts.get("kind"))


def torch_shape_operation(kind, layer, x, in_kind, layout, framework):
    written = written_dims(x, in_kind, layout, framework)
    out, out_kind = shape_operation(kind, layer, written, in_kind)
    to_written, from_written = shape_operation_axes(in_kind, len(written), out_kind, len(out), layout, framework)
    args, opts = layer["args"], layer["options"]
    if kind == "reshape":
        return Reshape(to_written, from_written, out)
    if kind == "permute":
        return Permute(to_written, from_written, [p - 1 for p in args[0]])
    if kind == "squeeze":
        axes = [opts["axis"] - 1] if "axis" in opts else [i for i, d in enumerate(written) if d == 1]
        return Squeeze(to_written, from_written, axes)
    return Unsqueeze(to_written, from_written, opts["axis"] - 1)


def framework_class(obj, framework):
    """The framework class a row uses (the nearest one for this script's subclasses)."""
    prefix = "torch." if framework == "pytorch" else "keras"
    for cls in type(obj).__mro__:
        if cls.__module__.startswith(prefix) and cls.__name__ not in ("Module", "Layer", "Operation"):
            return cls.__name__
    return type(obj).__name__


def torch_rows(layers, layout, kinds):
    """Runs the network's rows in PyTorch; returns ({name: row or None}, {name: reason})."""
    first = layers[0]
    dims = [first["args"][0]] if isinstance(first["args"][0], int) else list(first["args"][0])
    token_ids = any(canonical(l["kind"]) == "embedding" for l in layers)
    shape = to_framework_dims(dims, kinds["input"], layout, "pytorch")
    x = torch.zeros(1, *shape, dtype=torch.long if token_ids else torch.float32)
    values = {"input": x}
    rows = {"input": {"outputShape": shape, "parameters": 0, "buffers": 0, "bufferElementsAll": 0, "tensors": []}}
    modules = {}
    reasons = {}
    previous = "input"
    for layer in layers[1:]:
        name = layer["name"]
        inputs = layer["options"].get("inputs", [previous])
        previous = name
        if any(values.get(i) is None for i in inputs):
            values[name], rows[name] = None, None
            continue
        try:
            module = torch_module(layer, [values[i] for i in inputs], [kinds[i] for i in inputs], layout)
        except Unsupported as e:
            values[name], rows[name], reasons[name] = None, None, str(e)
            continue
        module.eval()
        with torch.no_grad():
            y = module(*[values[i] for i in inputs])
        values[name] = y
        modules[name] = module
        tensors = [{"name": n, "shape": list(p.shape), "kind": "parameter"} for n, p in module.named_parameters()]
        tensors += [{"name": n, "shape": list(b.shape), "kind": "buffer"} for n, b in module.named_buffers()]
        rows[name] = {
            "class": framework_class(module, "pytorch"),
            "outputShape": list(y.shape[1:]),
            "parameters": sum(p.numel() for p in module.parameters()),
            # Floating-point buffers (BatchNorm's running_mean and running_var)
            # and every buffer (also the integer num_batches_tracked).
            "buffers": sum(b.numel() for b in module.buffers() if b.is_floating_point()),
            "bufferElementsAll": sum(b.numel() for b in module.buffers()),
            "tensors": tensors,
        }

    # Run the whole graph again in one pass, as one nn.Module would.
    graph = nn.ModuleDict(modules).eval()
    again = {"input": x}
    previous = "input"
    with torch.no_grad():
        for layer in layers[1:]:
            inputs = layer["options"].get("inputs", [previous])
            previous = layer["name"]
            if layer["name"] in graph:
                again[layer["name"]] = graph[layer["name"]](*[again[i] for i in inputs])
                assert list(again[layer["name"]].shape[1:]) == rows[layer["name"]]["outputShape"]
    return rows, reasons, values


# ------------------------------------------------------------ Keras


def keras_activation(kind, name, args):
    if kind == "leakyrelu":
        return keras.layers.LeakyReLU(negative_slope=args[0] if args else 0.01, name=name)
    if kind == "identity":
        return keras.layers.Identity(name=name)
    keras_name = {"hardsigmoid": "hard_sigmoid", "logsoftmax": "log_softmax", "hardswish": "hard_swish"}.get(kind, kind)
    return keras.layers.Activation(keras_name, name=name)


def keras_layer(layer, sources, kinds, layout):
    """(Keras layer, how to call it) for one `.cnn` row."""
    kind, args, opts, name = canonical(layer["kind"]), layer["args"], layer["options"], layer["name"]
    x = sources[0]
    rank = len(x.shape) - 2
    single = lambda l: (l, lambda: l(x))
    padding = opts.get("padding", "valid")
    if kind in ("conv", "deconv", "depthwiseconv", "separableconv") and padding not in ("valid", "same"):
        raise Unsupported("Keras convolutions take padding valid or same")
    common_conv = dict(strides=tuple(per_axis(opts.get("stride", 1), rank)), padding=padding,
                       dilation_rate=tuple(per_axis(opts.get("dilation", 1), rank)),
                       use_bias=opts.get("bias", True), name=name)
    if kind == "conv":
        cls = {1: keras.layers.Conv1D, 2: keras.layers.Conv2D, 3: keras.layers.Conv3D}[rank]
        return single(cls(args[0], tuple(per_axis(args[1], rank)), groups=opts.get("groups", 1),
                          activation=opts.get("activation"), **common_conv))
    if kind == "deconv":
        if opts.get("groups", 1) != 1:
            raise Unsupported("Keras ConvNDTranspose has no groups")
        cls = {1: keras.layers.Conv1DTranspose, 2: keras.layers.Conv2DTranspose, 3: keras.layers.Conv3DTranspose}[rank]
        op = opts.get("output_padding")
        return single(cls(args[0], tuple(per_axis(args[1], rank)),
                          output_padding=None if op is None else tuple(per_axis(op, rank)), **common_conv))
    if kind == "depthwiseconv":
        if rank == 3:
            raise Unsupported("Keras has no DepthwiseConv3D")
        cls = {1: keras.layers.DepthwiseConv1D, 2: keras.layers.DepthwiseConv2D}[rank]
        return single(cls(tuple(per_axis(args[0], rank)), depth_multiplier=opts.get("multiplier", 1), **common_conv))
    if kind == "separableconv":
        if rank == 3:
            raise Unsupported("Keras has no SeparableConv3D")
        cls = {1: keras.layers.SeparableConv1D, 2: keras.layers.SeparableConv2D}[rank]
        return single(cls(args[0], tuple(per_axis(args[1], rank)), depth_multiplier=opts.get("multiplier", 1),
                          **common_conv))
    if kind == "dense":
        return single(keras.layers.Dense(args[0], activation=opts.get("activation"), use_bias=opts.get("bias", True),
                                         name=name))
    if kind == "upsample":
        mode = opts.get("mode", "nearest")
        if "size" in opts:
            if rank != 2:
                raise Unsupported("Keras resizes 2-D maps only (Resizing)")
            h, w = per_axis(opts["size"], rank)
            return single(keras.layers.Resizing(h, w, interpolation=mode, name=name))
        factors = tuple(per_axis(args[0], rank))
        if rank == 1:
            return single(keras.layers.UpSampling1D(factors[0], name=name))
        if rank == 2:
            return single(keras.layers.UpSampling2D(factors, interpolation=mode, name=name))
        return single(keras.layers.UpSampling3D(factors, name=name))
    if kind in ("zeropad", "crop"):
        pairs = args[0] if isinstance(args[0], list) else [(args[0], args[0])] * rank
        pairs = tuple(tuple(p) for p in pairs)
        if kind == "zeropad":
            cls = {1: keras.layers.ZeroPadding1D, 2: keras.layers.ZeroPadding2D, 3: keras.layers.ZeroPadding3D}[rank]
        else:
            cls = {1: keras.layers.Cropping1D, 2: keras.layers.Cropping2D, 3: keras.layers.Cropping3D}[rank]
        return single(cls(pairs[0] if rank == 1 else pairs, name=name))
    if kind == "spacetodepth":
        return single(keras.layers.Lambda(lambda t, b=args[0]: tf.nn.space_to_depth(t, b), name=name))
    if kind == "depthtospace":
        return single(keras.layers.Lambda(lambda t, b=args[0]: tf.nn.depth_to_space(t, b), name=name))
    if kind in ("adaptiveavgpool", "adaptivemaxpool"):
        size = tuple(per_axis(args[0], rank))
        if kind == "adaptiveavgpool":
            cls = {1: keras.layers.AdaptiveAveragePooling1D, 2: keras.layers.AdaptiveAveragePooling2D,
                   3: keras.layers.AdaptiveAveragePooling3D}[rank]
        else:
            cls = {1: keras.layers.AdaptiveMaxPooling1D, 2: keras.layers.AdaptiveMaxPooling2D,
                   3: keras.layers.AdaptiveMaxPooling3D}[rank]
        return single(cls(size[0] if rank == 1 else size, name=name))
    if kind in ("globalavgpool", "globalmaxpool"):
        r = 1 if kinds[0] == "sequence" else rank
        if kind == "globalavgpool":
            cls = {1: keras.layers.GlobalAveragePooling1D, 2: keras.layers.GlobalAveragePooling2D,
                   3: keras.layers.GlobalAveragePooling3D}[r]
        else:
            cls = {1: keras.layers.GlobalMaxPooling1D, 2: keras.layers.GlobalMaxPooling2D,
                   3: keras.layers.GlobalMaxPooling3D}[r]
        return single(cls(keepdims=opts.get("keepdims", False), name=name))
    if kind == "flatten":
        return single(keras.layers.Flatten(name=name))
    if kind in ("reshape", "permute"):
        written = written_dims(x, kinds[0], layout, "keras")
        out, out_kind = shape_operation(kind, layer, written, kinds[0])
        if kind == "reshape":
            target = list(args[0]) if isinstance(args[0], tuple) else [args[0]]
            return single(keras.layers.Reshape(tuple(to_framework_dims(target, out_kind, layout, "keras")), name=name))
        to_written, from_written = shape_operation_axes(kinds[0], len(written), out_kind, len(out), layout, "keras")
        # keras axis k of the result holds written axis w_out = from_written[k], which is
        # written input axis args[0][w_out] - 1, held at keras input axis to_written[...]
        dims = [to_written[args[0][w] - 1] + 1 for w in from_written]
        return single(keras.layers.Permute(tuple(dims), name=name))
    if kind in ("squeeze", "unsqueeze"):
        raise Unsupported("Keras has no squeeze/unsqueeze layer")
    if kind == "batchnorm":
        return single(keras.layers.BatchNormalization(name=name))
    if kind == "layernorm":
        affine = opts.get("affine", True)
        axis = list(range(1, len(x.shape))) if opts.get("axes") == "all" else -1
        return single(keras.layers.LayerNormalization(axis=axis, center=affine and opts.get("bias", True),
                                                      scale=affine, name=name))
    if kind == "groupnorm":
        affine = opts.get("affine", True)
        return single(keras.layers.GroupNormalization(args[0], center=affine, scale=affine, name=name))
    if kind == "instancenorm":
        affine = opts.get("affine", False)
        return single(keras.layers.GroupNormalization(-1, center=affine, scale=affine, name=name))
    if kind == "lrn":
        return single(keras.layers.Lambda(
            lambda t, r=args[0] // 2: tf.nn.local_response_normalization(t, depth_radius=r), name=name))
    if kind == "prelu":
        slopes = opts.get("slopes", "element")  # Keras' default: one slope per element
        axes = list(range(1, len(x.shape)))
        shared = {"element": None, "channel": axes[:-1] or None, "shared": axes}[slopes]
        return single(keras.layers.PReLU(shared_axes=shared, name=name))
    if kind == "embedding":
        return single(keras.layers.Embedding(args[0], args[1], name=name))
    if kind in ("rnn", "lstm", "gru"):
        if opts.get("layers", 1) != 1:
            raise Unsupported("Keras stacks recurrent layers as separate layers (one row each)")
        cls = {"rnn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM, "gru": keras.layers.GRU}[kind]
        extra = {"reset_after": opts.get("reset_after", True)} if kind == "gru" else {}
        seq = opts.get("return_sequences", False)
        if opts.get("bidirectional", False):
            inner = cls(args[0], return_sequences=seq, use_bias=opts.get("bias", True), **extra)
            return single(keras.layers.Bidirectional(inner, name=name))
        return single(cls(args[0], return_sequences=seq, use_bias=opts.get("bias", True), name=name, **extra))
    if kind == "mha":
        heads = args[0]
        key_dim = opts.get("key_dim", x.shape[-1] // heads)
        l = keras.layers.MultiHeadAttention(heads, key_dim, value_dim=opts.get("value_dim"),
                                            use_bias=opts.get("bias", True), output_shape=opts.get("output_dim"),
                                            name=name)
        if len(sources) == 1:
            return l, lambda: l(x, x)
        if len(sources) == 2:
            return l, lambda: l(x, sources[1])
        return l, lambda: l(x, sources[2], key=sources[1])
    if kind == "transformer":
        raise Unsupported("Keras has no transformer encoder layer")
    merges = {"add": keras.layers.Add, "subtract": keras.layers.Subtract, "multiply": keras.layers.Multiply,
              "average": keras.layers.Average, "maximum": keras.layers.Maximum, "minimum": keras.layers.Minimum}
    if kind in merges:
        l = merges[kind](name=name)
        return l, lambda: l(list(sources))
    if kind == "concat":
        axis = semantic_axis(opts.get("axis", "channels"), kinds[0], len(x.shape) - 1, "keras")
        l = keras.layers.Concatenate(axis=axis, name=name)
        return l, lambda: l(list(sources))
    if kind == "matmul":
        l = keras.layers.Dot(axes=(2, 2) if opts.get("transpose_b", False) else (2, 1), name=name)
        return l, lambda: l(list(sources))
    if kind == "dropout":
        return single(keras.layers.Dropout(args[0], name=name))
    return single(keras_activation(kind, name, args))


def weight_count(weights):
    return int(sum(numel(tuple(w.shape)) for w in weights))


def keras_tensors(keras_l):
    tensors = []
    for w in keras_l.weights:
        path = w.path
        if path.startswith(keras_l.name + "/"):
            path = path[len(keras_l.name) + 1:]
        entry = {"name": path.split("/")[-1], "shape": [int(v) for v in w.shape], "trainable": bool(w.trainable)}
        if "/" in path:
            entry["path"] = path
        tensors.append(entry)
    return tensors


def keras_rows(layers, layout, kinds):
    first = layers[0]
    dims = [first["args"][0]] if isinstance(first["args"][0], int) else list(first["args"][0])
    token_ids = any(canonical(l["kind"]) == "embedding" for l in layers)
    shape = to_framework_dims(dims, kinds["input"], layout, "keras")
    inputs = keras.Input(shape=tuple(shape), batch_size=1, name="input", dtype="int32" if token_ids else "float32")
    tensors = {"input": inputs}
    reasons = {}
    previous = "input"
    for layer in layers[1:]:
        name = layer["name"]
        sources = layer["options"].get("inputs", [previous])
        previous = name
        if any(tensors.get(s) is None for s in sources):
            tensors[name] = None
            continue
        try:
            _, call = keras_layer(layer, [tensors[s] for s in sources], [kinds[s] for s in sources], layout)
        except Unsupported as e:
            tensors[name], reasons[name] = None, str(e)
            continue
        tensors[name] = call()
    names = [l["name"] for l in layers if tensors[l["name"]] is not None]
    model = keras.Model(inputs, [tensors[n] for n in names])

    # Run a real tensor through the whole model, not only the symbolic graph;
    # TensorFlow's CPU kernels cannot run dilated transposed convolutions, so
    # those rows (leaves in every network here) keep their symbolic shape.
    symbolic = {l["name"] for l in layers if canonical(l["kind"]) == "deconv"
                and any(d != 1 for d in per_axis(l["options"].get("dilation", 1), 3))}
    ran = [n for n in names if n not in symbolic]
    runner = keras.Model(inputs, [tensors[n] for n in ran])
    results = runner(np.zeros((1, *shape), dtype="int32" if token_ids else "float32"), training=False)
    results = results if isinstance(results, (list, tuple)) else [results]
    for n, result in zip(ran, results):
        assert list(result.shape[1:]) == list(tensors[n].shape[1:]), n

    rows = {n: None for n in tensors}
    for n in names:
        if n == "input":
            rows[n] = {"outputShape": [int(v) for v in shape], "parameters": 0, "trainable": 0, "nonTrainable": 0,
                       "tensors": []}
            continue
        keras_l = model.get_layer(n)
        rows[n] = {
            "class": framework_class(keras_l, "keras"),
            "outputShape": [int(v) for v in tensors[n].shape[1:]],
            "parameters": int(keras_l.count_params()),
            "trainable": weight_count(keras_l.trainable_weights),
            "nonTrainable": weight_count(keras_l.non_trainable_weights),
            "tensors": keras_tensors(keras_l),
        }
        if n in symbolic:
            rows[n]["ranOnTensor"] = False
    return rows, reasons


# ------------------------------------------------------------ main


def build_network(name, layers):
    names = [layer["name"] for layer in layers]
    assert names[0] == "input" and len(set(names)) == len(names), name
    layout = layers[0]["options"].get("layout", "hwc")
    # The meaning (vector, sequence, map) of each row's output follows from
    # the statements; only squeeze / unsqueeze need the sizes (from PyTorch).
    kinds = {"input": input_meaning(layers[0])}
    previous = "input"
    for layer in layers[1:]:
        inputs = layer["options"].get("inputs", [previous])
        previous = layer["name"]
        out_rank = None
        kind = canonical(layer["kind"])
        if kind == "reshape":
            out_rank = 1 if isinstance(layer["args"][0], int) else len(layer["args"][0])
        elif kind == "permute":
            out_rank = len(layer["args"][0])
        kinds[layer["name"]] = output_kind(dict(layer, kind=kind), [kinds[i] for i in inputs], out_rank)
    # squeeze / unsqueeze change the rank by the sizes; take them from PyTorch.
    torch_result, torch_reasons, values = torch_rows(layers, layout, kinds)
    for layer in layers[1:]:
        if canonical(layer["kind"]) in ("squeeze", "unsqueeze") and values.get(layer["name"]) is not None:
            kinds[layer["name"]] = kind_of_rank(values[layer["name"]].dim() - 1, layer["options"].get("kind"))
    keras_result, keras_reasons = keras_rows(layers, layout, kinds)
    rows = []
    for n in names:
        row = {"name": n, "pytorch": torch_result[n], "keras": keras_result[n]}
        reasons = {}
        if n in torch_reasons:
            reasons["pytorch"] = torch_reasons[n]
        if n in keras_reasons:
            reasons["keras"] = keras_reasons[n]
        if reasons:
            row["unsupported"] = reasons
        rows.append(row)
    totals = {}
    for framework, keys in (("pytorch", ("parameters", "buffers", "bufferElementsAll")),
                            ("keras", ("parameters", "trainable", "nonTrainable"))):
        present = [r[framework] for r in rows if r[framework] is not None]
        totals[framework] = {k: sum(r[k] for r in present) for k in keys} if len(present) == len(rows) else None
    return {"name": name, "cnn": common.cnn_text(layers), "layers": rows, "totals": totals}


def main():
    torch.manual_seed(0)
    keras.utils.set_random_seed(0)
    networks = [build_network(*spec) for spec in NETWORKS]
    document = {
        "generatedBy": SCRIPT,
        "versions": common.framework_versions(),
        "networks": networks,
    }
    path = common.write_json(document, OUTPUT, width=120)

    count_differs, shape_differs, only = [], [], {"pytorch": 0, "keras": 0}
    for network in networks:
        for row in network["layers"]:
            t, k = row["pytorch"], row["keras"]
            if t is None and k is not None:
                only["keras"] += 1
            if k is None and t is not None:
                only["pytorch"] += 1
            if t is None or k is None:
                continue
            if t["parameters"] + t["buffers"] != k["parameters"]:
                count_differs.append(f"{network['name']}/{row['name']}")
            # PyTorch holds maps channels first, Keras channels last: compare the sizes.
            if sorted(t["outputShape"]) != sorted(k["outputShape"]):
                shape_differs.append(f"{network['name']}/{row['name']}")
    rows = sum(len(n["layers"]) for n in networks)
    print(
        f"wrote {len(networks)} networks ({rows} rows; {only['pytorch']} PyTorch only, {only['keras']} Keras only) "
        f"to {OUTPUT} ({os.path.getsize(path)} bytes) in {time.time() - START:.1f}s including imports\n"
        f"rows where PyTorch parameters+buffers != Keras parameters: {', '.join(count_differs) or 'none'}\n"
        f"rows whose output sizes differ: {', '.join(shape_differs) or 'none'}"
    )


if __name__ == "__main__":
    main()
