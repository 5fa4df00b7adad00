"""Shared helpers for the fixture generators in this folder.

Not meant to be run directly; imported by generate_output_size_cases.py,
generate_network_fixtures.py, generate_layer_fixtures.py and
export_torchvision_models.py.
"""

import json
import os
import warnings

# Keras must see its backend before it is first imported.
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
warnings.filterwarnings("ignore")

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES_DIR = os.path.join(REPO_ROOT, "Tests", "Fixtures")


def framework_versions():
    """Versions of the frameworks that produced the numbers."""
    import keras
    import torch

    versions = {
        "torch": torch.__version__,
        "keras": keras.__version__,
        "kerasBackend": keras.backend.backend(),
    }
    if versions["kerasBackend"] == "tensorflow":
        import tensorflow as tf

        versions["tensorflow"] = tf.__version__
    return versions


def cnn_value(value):
    """One `.cnn` value: sizes 3x3, per-axis padding 1:2x0:1, inputs a,b, booleans."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "x".join(str(v) for v in value)
    if isinstance(value, list) and value and isinstance(value[0], tuple):
        return "x".join(f"{b}:{a}" for b, a in value)  # per-axis before:after
    if isinstance(value, list):
        return ",".join(value)  # inputs=
    return str(value)


def cnn_line(layer):
    """`name: kind args... key=value...` for {"name", "kind", "args", "options"}."""
    words = [f"{layer['name']}:", layer["kind"]]
    words += [cnn_value(a) for a in layer["args"]]
    words += [f"{k}={cnn_value(v)}" for k, v in layer["options"].items()]
    return " ".join(words)


def cnn_text(layers):
    return "\n".join(cnn_line(layer) for layer in layers) + "\n"


def _format(value, indent, level, width):
    """JSON text where any container that fits in `width` stays on one line."""
    compact = json.dumps(value, separators=(", ", ": "))
    if not isinstance(value, (dict, list)) or len(compact) + indent * level <= width:
        return compact
    pad = " " * (indent * (level + 1))
    end = " " * (indent * level)
    if isinstance(value, dict):
        items = [
            pad + json.dumps(k) + ": " + _format(v, indent, level + 1, width)
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    items = [pad + _format(v, indent, level + 1, width) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + end + "]"


def write_json(obj, relative_path, width=100):
    """Writes `obj` under the repository root; returns the absolute path."""
    path = os.path.join(REPO_ROOT, relative_path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = _format(obj, 1, 0, width) + "\n"
    json.loads(text)  # sanity check: the formatter must produce valid JSON
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path
