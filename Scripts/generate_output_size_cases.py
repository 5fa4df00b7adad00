"""Generates Tests/Fixtures/output-size-cases.json.

For many single convolution and pooling layers (1-D, 2-D and 3-D), this
records the spatial output size that PyTorch and Keras actually produce. Each
layer is built in its framework and a real zero tensor is run through it; no
output size is computed by formula here.

Covered:
  * PyTorch nn.Conv1d/2d/3d with explicit symmetric padding, asymmetric
    padding (torch.nn.functional.pad applied before an unpadded conv; the
    applied [before, after] amounts are recorded), padding='valid',
    padding='same' (PyTorch allows it only with stride 1) and "full"
    padding (run as padding = dilation * (kernel - 1) on both sides and
    recorded as the string "full").
  * PyTorch nn.MaxPool1d/2d/3d and nn.AvgPool1d/2d/3d with and without
    ceil_mode, including cases where ceil_mode drops a last window that
    would start inside the right padding.
  * Keras Conv1D/2D/3D, MaxPooling1D/2D/3D and AveragePooling1D/2D/3D
    (channels_last) with padding "valid" and "same".

Combinations a framework rejects are skipped and counted; the counts are
printed. The parameter combinations are drawn from fixed lists with a seeded
random generator, so every run produces the same file.

Requirements (see Scripts/requirements-fixtures.txt for the pinned versions):
    pip install torch keras tensorflow-cpu

Run from the repository root:
    python Scripts/generate_output_size_cases.py
"""

import time

START = time.time()

import random
import sys
from collections import Counter

sys.dont_write_bytecode = True  # keep Scripts/ free of __pycache__
import fixture_common as common  # sets the Keras backend before import

import numpy as np
import torch
import torch.nn.functional as F
import keras

OUTPUT = "Tests/Fixtures/output-size-cases.json"
SCRIPT = "Scripts/generate_output_size_cases.py"

# Candidate values per spatial rank. A plain int applies to every axis.
INPUTS = {
    1: [5, 6, 7, 10, 28, 33, 50, 100],
    2: [5, 6, 7, 28, 32, 33, 50, 224, (28, 33), (7, 50), (32, 5)],
    3: [5, 6, 7, 8, 9, 12, (8, 12, 9), (16, 7, 10)],
}
KERNELS = {
    1: [1, 2, 3, 4, 5, 7],
    2: [1, 2, 3, 4, 5, 7, (3, 5), (5, 3), (1, 7), (2, 4)],
    3: [1, 2, 3, 4, 5, (3, 5, 2), (1, 3, 3)],
}
STRIDES = {
    1: [1, 2, 3],
    2: [1, 2, 3, (1, 2), (2, 3), (3, 1)],
    3: [1, 2, 3, (1, 2, 2), (2, 3, 1)],
}
DILATIONS = {
    1: [1, 2, 3],
    2: [1, 2, 3, (1, 2), (3, 1)],
    3: [1, 2, 3, (1, 2, 1)],
}
POOL_KERNELS = {
    1: [2, 3, 4, 5],
    2: [2, 3, 4, 5, (2, 3), (3, 2)],
    3: [2, 3, (2, 3, 2), (1, 2, 2)],
}

# Hand-picked 1-axis pooling cases (input, kernel, stride, padding) in which
# ceil_mode's "drop a window that starts in the right padding" rule matters,
# plus a few where ceil_mode does add a window.
CEIL_EDGE_CASES = [
    (5, 2, 2, 1),
    (6, 3, 2, 1),
    (7, 3, 3, 1),
    (4, 3, 2, 1),
    (8, 3, 3, 1),
    (9, 4, 4, 2),
    (15, 2, 2, 1),
    (31, 3, 2, 0),
    (10, 3, 2, 0),
    (6, 4, 3, 1),
]


def per_axis(value, rank):
    if isinstance(value, int):
        return [value] * rank
    assert len(value) == rank, (value, rank)
    return list(value)


def dims(values):
    return "x".join(str(v) for v in values)


def case_id(case):
    rank = len(case["input"])
    layer = {"conv": "conv", "maxpool": "maxpool", "avgpool": "avgpool"}[case["operation"]]
    padding = case["padding"]
    if isinstance(padding, str):
        pad_text = padding
    else:
        pad_text = "x".join(f"{b}:{a}" for b, a in padding)
    text = (
        f"{case['framework']}-{layer}{rank}d-in{dims(case['input'])}"
        f"-k{dims(case['kernel'])}-s{dims(case['stride'])}"
        f"-d{dims(case['dilation'])}-p{pad_text}"
    )
    if case["ceilMode"]:
        text += "-ceil"
    return text


def sort_key(case):
    padding = case["padding"]
    pad_key = (0, padding, ()) if isinstance(padding, str) else (1, "", tuple(map(tuple, padding)))
    return (
        case["framework"],
        case["operation"],
        len(case["input"]),
        tuple(case["input"]),
        tuple(case["kernel"]),
        tuple(case["stride"]),
        tuple(case["dilation"]),
        pad_key,
        case["ceilMode"],
    )


class Collector:
    """Runs layer specs through their framework and keeps the accepted cases."""

    def __init__(self):
        self.cases = {}
        self.rejected = Counter()
        self.rejection_examples = {}
        self.attempted = Counter()

    def run(self, category, spec, runner):
        """Returns True if the framework accepted the layer."""
        self.attempted[category] += 1
        try:
            output = runner(spec)
        except Exception as error:  # the framework refused this combination
            self._reject(category, spec, f"{type(error).__name__}: {str(error).splitlines()[0][:120]}")
            return False
        if any(v <= 0 for v in output):
            self._reject(category, spec, f"empty output {output}")
            return False
        case = dict(spec)
        case["output"] = [int(v) for v in output]
        case = {"id": case_id(case), **case}
        self.cases.setdefault(case["id"], case)
        return True

    def _reject(self, category, spec, reason):
        self.rejected[category] += 1
        self.rejection_examples.setdefault(category, (case_id(spec), reason))


def make_spec(framework, operation, inp, kernel, stride, dilation, padding, ceil_mode=False):
    rank = len(inp)
    return {
        "framework": framework,
        "operation": operation,
        "input": list(inp),
        "kernel": per_axis(kernel, rank),
        "stride": per_axis(stride, rank),
        "dilation": per_axis(dilation, rank),
        "padding": padding,
        "ceilMode": ceil_mode,
    }


# ---------------------------------------------------------------- PyTorch


TORCH_CONV = {1: torch.nn.Conv1d, 2: torch.nn.Conv2d, 3: torch.nn.Conv3d}
TORCH_MAXPOOL = {1: torch.nn.MaxPool1d, 2: torch.nn.MaxPool2d, 3: torch.nn.MaxPool3d}
TORCH_AVGPOOL = {1: torch.nn.AvgPool1d, 2: torch.nn.AvgPool2d, 3: torch.nn.AvgPool3d}


def torch_input(spec):
    return torch.zeros(1, 1, *spec["input"])


def run_torch_conv(spec):
    rank = len(spec["input"])
    x = torch_input(spec)
    padding = spec["padding"]
    if padding == "full":
        conv_padding = [d * (k - 1) for d, k in zip(spec["dilation"], spec["kernel"])]
    elif isinstance(padding, str):
        conv_padding = padding  # 'valid' or 'same', handled by PyTorch itself
    else:
        # Explicit [before, after] per axis: pad first, then an unpadded conv.
        # F.pad takes the amounts last axis first.
        amounts = []
        for before, after in reversed(padding):
            amounts += [before, after]
        if any(amounts):
            x = F.pad(x, amounts)
        conv_padding = 0
    conv = TORCH_CONV[rank](
        1, 1, spec["kernel"], stride=spec["stride"], padding=conv_padding,
        dilation=spec["dilation"], bias=False,
    )
    with torch.no_grad():
        y = conv(x)
    return list(y.shape[2:])


def run_torch_pool(spec):
    rank = len(spec["input"])
    padding = [before for before, _ in spec["padding"]]
    stride = None if spec["stride"] == spec["kernel"] else spec["stride"]  # exercise the default
    if spec["operation"] == "maxpool":
        pool = TORCH_MAXPOOL[rank](
            spec["kernel"], stride=stride, padding=padding,
            dilation=spec["dilation"], ceil_mode=spec["ceilMode"],
        )
    else:
        pool = TORCH_AVGPOOL[rank](
            spec["kernel"], stride=stride, padding=padding, ceil_mode=spec["ceilMode"],
        )
    with torch.no_grad():
        y = pool(torch_input(spec))
    return list(y.shape[2:])


def pick(rng, options, rank):
    return per_axis(rng.choice(options), rank)


def sample(collector, category, count, make, runner, rng, max_tries=2000):
    accepted = 0
    for _ in range(max_tries):
        if accepted >= count:
            return
        spec = make(rng)
        if spec is None:
            continue
        before = len(collector.cases)
        if collector.run(category, spec, runner) and len(collector.cases) > before:
            accepted += 1
    raise RuntimeError(f"could not draw {count} accepted cases for {category}")


def torch_conv_cases(collector):
    plan = {  # category: cases per rank 1, 2, 3
        "symmetric": (12, 20, 10),
        "asymmetric": (6, 12, 6),
        "valid": (5, 8, 5),
        "same": (6, 10, 5),
        "full": (4, 8, 4),
    }
    for kind, counts in plan.items():
        for rank, count in zip((1, 2, 3), counts):
            rng = random.Random(f"pytorch-conv-{kind}-{rank}")

            def make(rng, kind=kind, rank=rank):
                inp = pick(rng, INPUTS[rank], rank)
                kernel = pick(rng, KERNELS[rank], rank)
                stride = pick(rng, STRIDES[rank], rank)
                dilation = pick(rng, DILATIONS[rank], rank)
                if kind == "symmetric":
                    p = rng.choice([0, 1, 2])
                    padding = [[p, p] for _ in range(rank)]
                elif kind == "asymmetric":
                    padding = [[rng.randint(0, 3), rng.randint(0, 3)] for _ in range(rank)]
                    if all(b == a for b, a in padding):
                        return None
                elif kind == "same":
                    stride = [1] * rank  # PyTorch accepts 'same' only with stride 1
                    padding = "same"
                else:
                    padding = kind
                return make_spec("pytorch", "conv", inp, kernel, stride, dilation, padding)

            sample(collector, f"pytorch conv {kind}", count, make, run_torch_conv, rng)

    # Hand-picked: 'same' with even kernels and dilation 2, strides that do
    # not divide the input evenly, and one case per rank PyTorch refuses
    # ('same' with stride 2).
    for rank in (1, 2, 3):
        inp = {1: [28], 2: [28, 33], 3: [8, 9, 7]}[rank]
        for kernel in (2, 4, 3):
            for dilation in (1, 2):
                collector.run("pytorch conv same (edge)",
                              make_spec("pytorch", "conv", inp, kernel, 1, dilation, "same"),
                              run_torch_conv)
        collector.run("pytorch conv same (edge)",
                      make_spec("pytorch", "conv", inp, 3, 2, 1, "same"), run_torch_conv)
        for stride in (2, 3):
            for size in (7, 8, 33):
                spatial = [size] * rank if rank < 3 else [min(size, 9)] * 3
                collector.run("pytorch conv stride (edge)",
                              make_spec("pytorch", "conv", spatial, 3, stride, 1, [[1, 1]] * rank),
                              run_torch_conv)


def torch_pool_cases(collector):
    counts = {"maxpool": (10, 16, 8), "avgpool": (10, 16, 8)}
    for operation, per_rank in counts.items():
        for rank, count in zip((1, 2, 3), per_rank):
            rng = random.Random(f"pytorch-{operation}-{rank}")

            def make(rng, operation=operation, rank=rank):
                inp = pick(rng, INPUTS[rank], rank)
                kernel = pick(rng, POOL_KERNELS[rank], rank)
                stride = kernel if rng.random() < 0.4 else pick(rng, STRIDES[rank], rank)
                dilation = pick(rng, DILATIONS[rank], rank) if operation == "maxpool" and rng.random() < 0.4 else [1] * rank
                p = rng.choice([0, 0, 1, 2])
                ceil_mode = rng.random() < 0.5
                return make_spec("pytorch", operation, inp, kernel, stride, dilation,
                                 [[p, p] for _ in range(rank)], ceil_mode)

            sample(collector, f"pytorch {operation}", count, make, run_torch_pool, rng)

    # ceil_mode edge cases for max and average pooling: 1-D with ceil_mode
    # off and on, 2-D (same size on both axes) with ceil_mode on, and 3-D
    # mixed with a plain axis.
    for operation in ("maxpool", "avgpool"):
        for size, kernel, stride, pad in CEIL_EDGE_CASES:
            for rank, ceil_modes in ((1, (False, True)), (2, (True,))):
                for ceil_mode in ceil_modes:
                    collector.run(f"pytorch {operation} ceil (edge)",
                                  make_spec("pytorch", operation, [size] * rank, kernel, stride, 1,
                                            [[pad, pad]] * rank, ceil_mode),
                                  run_torch_pool)
        for size, kernel, stride, pad in CEIL_EDGE_CASES[:3]:
            collector.run(f"pytorch {operation} ceil (edge)",
                          make_spec("pytorch", operation, [size, 8, size], [kernel, 2, kernel],
                                    [stride, 2, stride], 1, [[pad, pad], [0, 0], [pad, pad]], True),
                          run_torch_pool)
    # Padding larger than half the kernel, which PyTorch refuses.
    collector.run("pytorch maxpool (refused)",
                  make_spec("pytorch", "maxpool", [8], 2, 2, 1, [[2, 2]], False), run_torch_pool)


# ---------------------------------------------------------------- Keras


def keras_layer(spec):
    rank = len(spec["input"])
    if spec["operation"] == "conv":
        cls = {1: keras.layers.Conv1D, 2: keras.layers.Conv2D, 3: keras.layers.Conv3D}[rank]
        return cls(1, tuple(spec["kernel"]), strides=tuple(spec["stride"]),
                   padding=spec["padding"], dilation_rate=tuple(spec["dilation"]),
                   use_bias=False)
    if spec["operation"] == "maxpool":
        cls = {1: keras.layers.MaxPooling1D, 2: keras.layers.MaxPooling2D, 3: keras.layers.MaxPooling3D}[rank]
    else:
        cls = {1: keras.layers.AveragePooling1D, 2: keras.layers.AveragePooling2D,
               3: keras.layers.AveragePooling3D}[rank]
    strides = None if spec["stride"] == spec["kernel"] else tuple(spec["stride"])  # exercise the default
    return cls(tuple(spec["kernel"]), strides=strides, padding=spec["padding"])


def run_keras(spec):
    layer = keras_layer(spec)
    x = np.zeros((1, *spec["input"], 1), dtype="float32")
    y = layer(x)
    return list(y.shape[1:-1])


def keras_cases(collector):
    conv_counts = (12, 20, 10)
    pool_counts = {"maxpool": (7, 10, 6), "avgpool": (7, 10, 6)}
    for rank, count in zip((1, 2, 3), conv_counts):
        rng = random.Random(f"keras-conv-{rank}")

        def make(rng, rank=rank):
            inp = pick(rng, INPUTS[rank], rank)
            kernel = pick(rng, KERNELS[rank], rank)
            # Keras refuses strides > 1 together with dilation > 1; draw
            # mostly allowed combinations but let Keras judge.
            if rng.random() < 0.5:
                stride, dilation = pick(rng, STRIDES[rank], rank), [1] * rank
            else:
                stride, dilation = [1] * rank, pick(rng, DILATIONS[rank], rank)
            if rng.random() < 0.08:
                stride = pick(rng, STRIDES[rank][1:], rank)
            padding = rng.choice(["valid", "same"])
            return make_spec("keras", "conv", inp, kernel, stride, dilation, padding)

        sample(collector, "keras conv", count, make, run_keras, rng)

    for operation, per_rank in pool_counts.items():
        for rank, count in zip((1, 2, 3), per_rank):
            rng = random.Random(f"keras-{operation}-{rank}")

            def make(rng, operation=operation, rank=rank):
                inp = pick(rng, INPUTS[rank], rank)
                kernel = pick(rng, POOL_KERNELS[rank], rank)
                stride = kernel if rng.random() < 0.35 else pick(rng, STRIDES[rank], rank)
                padding = rng.choice(["valid", "same"])
                return make_spec("keras", operation, inp, kernel, stride, [1] * rank, padding)

            sample(collector, f"keras {operation}", count, make, run_keras, rng)

    # Hand-picked: 'same' with strides that do not divide the input, even
    # kernels, and the strides/dilation combination Keras refuses.
    for rank, kernels in ((1, (2, 3)), (2, (3,))):
        for size in (7, 8, 33):
            for stride in (2, 3):
                for kernel in kernels:
                    collector.run("keras conv same (edge)",
                                  make_spec("keras", "conv", [size] * rank, kernel, stride, 1, "same"),
                                  run_keras)
    collector.run("keras conv (refused)",
                  make_spec("keras", "conv", [28, 28], 3, 2, 2, "same"), run_keras)


def main():
    torch.manual_seed(0)
    collector = Collector()
    torch_conv_cases(collector)
    torch_pool_cases(collector)
    keras_cases(collector)

    cases = sorted(collector.cases.values(), key=sort_key)
    document = {
        "generatedBy": SCRIPT,
        "versions": common.framework_versions(),
        "cases": cases,
    }
    path = common.write_json(document, OUTPUT, width=400)

    for category in sorted(collector.rejected):
        example_id, reason = collector.rejection_examples[category]
        print(f"  rejected {collector.rejected[category]:3d} in '{category}', e.g. {example_id}: {reason}",
              file=sys.stderr)
    by_framework = Counter(c["framework"] for c in cases)
    by_rank = Counter(len(c["input"]) for c in cases)
    print(
        f"wrote {len(cases)} cases to {OUTPUT} "
        f"(pytorch {by_framework['pytorch']}, keras {by_framework['keras']}; "
        f"1-D {by_rank[1]}, 2-D {by_rank[2]}, 3-D {by_rank[3]}; "
        f"{sum(collector.rejected.values())} combinations rejected by the frameworks; "
        f"{time.time() - START:.1f}s including imports)"
    )
    return path


if __name__ == "__main__":
    main()
