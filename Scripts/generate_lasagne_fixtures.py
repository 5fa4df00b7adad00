"""Runs the Lasagne and nolearn snippets in Tests/Fixtures/lasagne with the real
Lasagne 0.1 and nolearn 0.6.1, and writes what they report to
Tests/Fixtures/lasagne/expected.json: every layer's name (as nolearn names it),
class, output shape without the batch, parameters (all, and trainable), the
totals, and nolearn's layer-information table with a parameters column.

Lasagne 0.1 needs Theano 0.8 and an old numpy; they run on Python 3.11 with the
compatibility aliases set below. Set up once:

    python3.11 -m venv /tmp/venv-lasagne
    /tmp/venv-lasagne/bin/pip install Lasagne==0.1 Theano==0.8.2 numpy==1.23.5 \
        "scipy<1.12" scikit-learn==1.2.2 joblib threadpoolctl tabulate
    /tmp/venv-lasagne/bin/pip install --no-deps nolearn==0.6.1
    THEANO_FLAGS=cxx= /tmp/venv-lasagne/bin/python Scripts/generate_lasagne_fixtures.py
"""

import collections
import collections.abc
import glob
import json
import os
import sys
import types
import warnings

warnings.filterwarnings("ignore")
os.environ.setdefault("THEANO_FLAGS", "cxx=")

# Theano 0.8 and nolearn 0.6.1 predate Python 3.10 and scikit-learn 0.20.
for alias in ("MutableMapping", "Mapping", "Sequence", "Iterable", "Callable", "MutableSet", "Hashable"):
    setattr(collections, alias, getattr(collections.abc, alias))
import sklearn.model_selection as model_selection  # noqa: E402

cross_validation = types.ModuleType("sklearn.cross_validation")
cross_validation.KFold = model_selection.KFold
cross_validation.StratifiedKFold = model_selection.StratifiedKFold
sys.modules["sklearn.cross_validation"] = cross_validation

import lasagne  # noqa: E402
import nolearn  # noqa: E402
import theano  # noqa: E402
from lasagne.layers import Layer, get_all_layers  # noqa: E402
from nolearn.lasagne import NeuralNet, PrintLayerInfo  # noqa: E402
from tabulate import tabulate  # noqa: E402

# Lasagne 0.1 predates the flip_filters argument of later versions (which changes neither
# shapes nor counts); accept and drop it so that snippets written for later versions run.
_layer_init = lasagne.layers.Layer.__init__


def _init_without_flip_filters(self, incoming, name=None, flip_filters=None, **kwargs):
    _layer_init(self, incoming, name=name, **kwargs)


lasagne.layers.Layer.__init__ = _init_without_flip_filters

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "Tests", "Fixtures", "lasagne")


def network_of(namespace):
    """The NeuralNet the snippet builds, or one made of its output layers."""
    nets = [v for v in namespace.values() if isinstance(v, NeuralNet)]
    if nets:
        net = nets[-1]
    else:
        layers = [v for v in namespace.values() if isinstance(v, Layer)]
        consumed = set()
        for layer in get_all_layers(layers):
            consumed.update(getattr(layer, "input_layers", []) or [])
            if getattr(layer, "input_layer", None) is not None:
                consumed.add(layer.input_layer)
        outputs = [v for v in layers if v not in consumed]
        net = NeuralNet(layers=outputs, update_learning_rate=0.01)
    net.initialize_layers()
    return net


def describe(path):
    text = open(path).read()
    namespace = {}
    exec(compile(text, path, "exec"), namespace)
    net = network_of(namespace)
    rows = []
    for name, layer in net.layers_.items():
        params = layer.get_params()
        trainable = layer.get_params(trainable=True)
        rows.append({
            "name": name,
            "class": type(layer).__name__,
            "outputShape": [int(d) for d in layer.output_shape[1:]],
            "parameters": int(sum(p.get_value().size for p in params)),
            "trainable": int(sum(p.get_value().size for p in trainable)),
            "tensorShapes": sorted(list(p.get_value().shape) for p in params),
        })
    printer = PrintLayerInfo()
    table = collections.OrderedDict([
        ("#", list(range(len(rows)))),
        ("name", [r["name"] for r in rows]),
        ("size", ["x".join(map(str, r["outputShape"])) for r in rows]),
        ("parameters", [r["parameters"] for r in rows]),
    ])
    return {
        "layers": rows,
        "totalParameters": sum(r["parameters"] for r in rows),
        "trainableParameters": sum(r["trainable"] for r in rows),
        "nolearnGreeting": printer._get_greeting(net),
        "nolearnTable": tabulate(table, "keys"),
    }


def main():
    expected = {
        "versions": {"lasagne": lasagne.__version__, "theano": theano.__version__, "nolearn": "0.6.1"},
        "networks": {},
    }
    for path in sorted(glob.glob(os.path.join(FIXTURES, "*.py"))):
        expected["networks"][os.path.basename(path)] = describe(path)
    with open(os.path.join(FIXTURES, "expected.json"), "w") as out:
        json.dump(expected, out, indent=1, sort_keys=True)
        out.write("\n")
    for name, network in expected["networks"].items():
        print(name, network["totalParameters"], network["trainableParameters"])


if __name__ == "__main__":
    main()
