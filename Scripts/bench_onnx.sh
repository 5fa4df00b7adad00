#!/bin/sh
# Times reading a large ONNX model: cnncalc (release build) against onnx.load and onnx-tool's
# model_profile in Python.
# Whole processes, wall time and peak memory, median of RUNS runs after one warm-up run.
#
#   python Scripts/make_onnx_benchmark_model.py /tmp/resnet50like.onnx
#   swift build -c release
#   PYTHON=/path/to/venv/bin/python Scripts/bench_onnx.sh /tmp/resnet50like.onnx
set -eu
cd "$(dirname "$0")/.."
MODEL="${1:?give the path of an ONNX model}"
RUNS="${RUNS:-7}"
PYTHON="${PYTHON:-python3}"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure() {
    label="$1"; shift
    "$@" > /dev/null 2>&1 # warm-up: the file is in the page cache for every timed run
    : > /tmp/bench_onnx_times
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        start=$(date +%s%N)
        /usr/bin/time -f "%M" -o /tmp/bench_onnx_one "$@" > /dev/null 2>&1
        end=$(date +%s%N)
        echo "$(( (end - start) / 1000 )) $(cat /tmp/bench_onnx_one)" >> /tmp/bench_onnx_times
        i=$((i + 1))
    done
    microseconds=$(cut -d' ' -f1 /tmp/bench_onnx_times | median)
    kilobytes=$(cut -d' ' -f2 /tmp/bench_onnx_times | median)
    echo "$label: median wall $(awk "BEGIN { printf \"%.1f\", $microseconds / 1000 }") ms, median peak RSS $(awk "BEGIN { printf \"%.1f\", $kilobytes / 1024 }") MiB ($RUNS runs; all wall times in ms: $(cut -d' ' -f1 /tmp/bench_onnx_times | awk '{ printf "%s%.1f", (NR > 1 ? " " : ""), $1 / 1000 }'))"
}

ls -l "$MODEL"
measure "cnncalc $MODEL" .build/release/cnncalc "$MODEL"
measure "cnncalc $MODEL --format json" .build/release/cnncalc "$MODEL" --format json
measure "python -c \"import onnx; onnx.load(...)\"" "$PYTHON" -c "import onnx; onnx.load('$MODEL')"
measure "python -c \"import onnx\" (import alone)" "$PYTHON" -c "import onnx"
# onnx-tool needs the batch pinned; it is measured only when installed (pip install onnx-tool).
if "$PYTHON" -c "import onnx_tool" > /dev/null 2>&1; then
    measure "onnx_tool.model_profile(...)" "$PYTHON" -c "import onnx_tool; onnx_tool.model_profile('$MODEL', {'input': onnx_tool.create_ndarray_f32((1, 3, 224, 224))}, None)"
fi
