#!/bin/sh
# Every number of BENCHMARKS.md in one run on one machine: cnncalc and its Python anchors, whole
# processes (wall time and peak RSS, median of RUNS runs after a warm-up run) and the in-process
# benchmarks of Benchmarks/ (cnncalc-bench), so that each comparison is a ratio of two numbers
# measured minutes apart.
#
#   Scripts/bench_all.sh                       # everything it can run here
#   RUNS=21 Scripts/bench_all.sh               # more runs per median
#   SKIP_BUILD=1 Scripts/bench_all.sh          # use the release builds already there
#
# Builds the release binaries first. The Python anchors run when their packages import:
#   PYTHON_TORCH   (default /work/venv-tv/bin/python, else python3): torch, torchvision, torchinfo
#   PYTHON_KERAS   (default /work/venv/bin/python, else python3):    keras, onnx, onnx-tool
# (pip install onnx onnx-tool torch torchvision torchinfo keras). Wall times come from hyperfine when
# it is installed (apt-get install hyperfine), else from date around /usr/bin/time. The models are generated when
# missing: the 100 MB ResNet-50 ONNX file needs torch, the two very large ones only onnx.
# The machine's load average is printed first and last: numbers taken under load are slower.
set -eu
cd "$(dirname "$0")/.."
RUNS="${RUNS:-11}"
WORK="${WORK:-/tmp/cnncalc-bench}"
mkdir -p "$WORK"
pick() { if [ -x "$1" ]; then echo "$1"; else echo python3; fi; }
PYTHON_TORCH="${PYTHON_TORCH:-$(pick /work/venv-tv/bin/python)}"
PYTHON_KERAS="${PYTHON_KERAS:-$(pick /work/venv/bin/python)}"
CNNCALC=.build/release/cnncalc
BENCH=Benchmarks/.build/release/cnncalc-bench

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), RUNS=$RUNS"
echo "# $(uname -sr); $(swift --version 2>/dev/null | head -1)"
if [ -z "${SKIP_BUILD:-}" ]; then
    # The binary as README's "Set up" builds it for installing: runtime and Foundation linked in.
    swift build -c release --static-swift-stdlib --product cnncalc > /dev/null
    (cd Benchmarks && swift build -c release > /dev/null)
fi

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure LABEL COMMAND...: median wall time (ms), median CPU time (user + system, ms: what the
# process costs when other processes share the cores, since the time it waits for one is not
# counted) and median peak RSS (MiB) of RUNS runs; sets $LAST_MS (wall) and $LAST_CPU_MS.
measure() {
    label="$1"; shift
    if ! "$@" > /dev/null 2>&1; then echo "$label: fails, skipped"; LAST_MS=""; LAST_CPU_MS=""; return; fi
    : > "$WORK/times"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        start=$(date +%s%N)
        /usr/bin/time -f "%M %U %S" -o "$WORK/one" "$@" > /dev/null 2>&1
        end=$(date +%s%N)
        echo "$(( (end - start) / 1000 )) $(tail -1 "$WORK/one")" >> "$WORK/times"
        i=$((i + 1))
    done
    microseconds=$(cut -d' ' -f1 "$WORK/times" | median)
    cut -d' ' -f1 "$WORK/times" > "$WORK/walls"
    wall_method="date and /usr/bin/time"
    # The loop above times `date` and `/usr/bin/time` too (about 4 ms here, see /bin/true below);
    # hyperfine, when installed, starts the process itself and times only it.
    if command -v hyperfine > /dev/null 2>&1; then
        quoted=""
        for word in "$@"; do quoted="$quoted '$(printf '%s' "$word" | sed "s/'/'\\\\''/g")'"; done
        if hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/hyperfine.json" -- "$quoted" > /dev/null 2>&1; then
            microseconds=$(python3 -c "import json; print(json.load(open('$WORK/hyperfine.json'))['results'][0]['median'] * 1e6)")
            python3 -c "import json; print('\\n'.join(str(t * 1e6) for t in json.load(open('$WORK/hyperfine.json'))['results'][0]['times']))" > "$WORK/walls"
            wall_method="hyperfine -N"
        fi
    fi
    kilobytes=$(cut -d' ' -f2 "$WORK/times" | median)
    LAST_MS=$(awk "BEGIN { printf \"%.1f\", $microseconds / 1000 }")
    # CPU time: time's user + system, to 10 ms; for a process shorter than 100 ms, perf's
    # task-clock (to the microsecond) in RUNS more runs, when perf is there.
    LAST_CPU_MS=$(awk '{ print ($3 + $4) * 1000 }' "$WORK/times" | median)
    if [ "$(awk "BEGIN { print ($LAST_CPU_MS < 100) }")" = 1 ] && command -v perf > /dev/null 2>&1 \
        && perf stat -x, -e task-clock -o "$WORK/pstat" true 2> /dev/null; then
        : > "$WORK/cpu"
        i=0
        while [ "$i" -lt "$RUNS" ]; do
            perf stat -x, -e task-clock -o "$WORK/pstat" "$@" > /dev/null 2>&1
            grep task-clock "$WORK/pstat" | cut -d, -f1 >> "$WORK/cpu"
            i=$((i + 1))
        done
        LAST_CPU_MS=$(median < "$WORK/cpu" | awk '{ printf "%.1f", $1 }')
    fi
    echo "$label: median wall $LAST_MS ms, median CPU $LAST_CPU_MS ms, median peak RSS $(awk "BEGIN { printf \"%.1f\", $kilobytes / 1024 }") MiB (wall by $wall_method, each run in ms: $(awk '{ printf "%s%.1f", (NR > 1 ? " " : ""), $1 / 1000 }' "$WORK/walls"))"
}

# ratio CNNCALC_WALL CNNCALC_CPU OTHER_WALL OTHER_CPU
ratio() {
    [ -n "$1" ] && [ -n "$3" ] && echo "  cnncalc is $(awk "BEGIN { printf \"%.0f\", $3 / $1 }") times faster by wall time, $(awk "BEGIN { printf \"%.0f\", $4 / ($2 > 0 ? $2 : 1) }") times by CPU time"
}

echo
echo "## Whole process: the floor (a process that does nothing; a static Swift binary that prints one line)"
measure "/bin/true" /bin/true
mkdir -p "$WORK/hello"
echo 'print("hello")' > "$WORK/hello/main.swift"
if swiftc -O -static-stdlib "$WORK/hello/main.swift" -o "$WORK/hello/hello" > /dev/null 2>&1; then
    measure "hello (swiftc -O -static-stdlib)" "$WORK/hello/hello"
fi

echo
echo "## Whole process: the built-in example (cnncalc with no arguments)"
measure "cnncalc" "$CNNCALC"; example_ms=$LAST_MS; example_cpu=$LAST_CPU_MS
if "$PYTHON_TORCH" -c "import torchinfo" > /dev/null 2>&1; then
    measure "torchinfo.summary (Scripts/bench_example_anchor.py torchinfo)" "$PYTHON_TORCH" Scripts/bench_example_anchor.py torchinfo
    ratio "$example_ms" "$example_cpu" "$LAST_MS" "$LAST_CPU_MS"
fi
if "$PYTHON_KERAS" -c "import keras" > /dev/null 2>&1; then
    measure "keras model.summary() (Scripts/bench_example_anchor.py keras)" "$PYTHON_KERAS" Scripts/bench_example_anchor.py keras
    ratio "$example_ms" "$example_cpu" "$LAST_MS" "$LAST_CPU_MS"
fi
# instructions COMMAND...: what the whole process executes, counted by callgrind (the same count
# however loaded the machine is; perf's hardware counters are not there on every machine).
instructions() {
    if command -v valgrind > /dev/null 2>&1; then
        echo "instructions, whole process (valgrind --tool=callgrind): $(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null | grep -o 'refs: *[0-9,]*' | tr -s ' ' | cut -d' ' -f2)"
    fi
}
instructions "$CNNCALC"
echo "shared libraries loaded: $(LD_DEBUG=libs "$CNNCALC" 2>&1 > /dev/null | grep -c 'calling init:')"

echo
echo "## Whole process: a 100 MB ResNet-50 ONNX file"
MODEL="$WORK/resnet50like.onnx"
if [ ! -f "$MODEL" ] && "$PYTHON_TORCH" -c "import torch, onnx" > /dev/null 2>&1; then
    "$PYTHON_TORCH" Scripts/make_onnx_benchmark_model.py "$MODEL" > /dev/null
fi
if [ -f "$MODEL" ]; then
    ls -lL "$MODEL"
    measure "cnncalc" "$CNNCALC" "$MODEL"; onnx_ms=$LAST_MS; onnx_cpu=$LAST_CPU_MS
    instructions "$CNNCALC" "$MODEL"
    if "$PYTHON_KERAS" -c "import onnx" > /dev/null 2>&1; then
        measure "onnx.load" "$PYTHON_KERAS" -c "import onnx; onnx.load('$MODEL')"
        ratio "$onnx_ms" "$onnx_cpu" "$LAST_MS" "$LAST_CPU_MS"
    fi
    if "$PYTHON_KERAS" -c "import onnx_tool" > /dev/null 2>&1; then
        measure "onnx_tool.model_profile" "$PYTHON_KERAS" -c "import onnx_tool; onnx_tool.model_profile('$MODEL', {'input': onnx_tool.create_ndarray_f32((1, 3, 224, 224))}, None)"
        ratio "$onnx_ms" "$onnx_cpu" "$LAST_MS" "$LAST_CPU_MS"
    fi
else
    echo "skipped: no $MODEL (Scripts/make_onnx_benchmark_model.py needs torch)"
fi

echo
echo "## Whole process: very large ONNX models (weights skipped, never copied)"
if [ ! -f "$WORK/large/external_10GB.onnx" ] && "$PYTHON_KERAS" -c "import onnx" > /dev/null 2>&1; then
    "$PYTHON_KERAS" Scripts/make_onnx_large_models.py "$WORK/large" > /dev/null
fi
for model in "$WORK/large/single_1.9GB.onnx" "$WORK/large/external_10GB.onnx"; do
    if [ -f "$model" ]; then measure "cnncalc $(basename "$model")" "$CNNCALC" "$model"; fi
done

echo
echo "## In process: analyses of an already-read ResNet-50 (torchvision's, 176 layers), one core"
for i in 1 2 3; do "$BENCH" analyze Tests/Fixtures/torchvision/resnet50.cnn; done
for i in 1 2 3; do "$BENCH" sweep Tests/Fixtures/torchvision/resnet50.cnn; done

echo
echo "## Scaling: generated networks read from text and analysed (seconds; median of 3)"
for shape in sequential distinct dag; do
    for size in 10000 100000 1000000; do
        for i in 1 2 3; do "$BENCH" "$shape" "$size"; done > "$WORK/scaling"
        field() { grep -o "\"$1\":[0-9.e-]*" "$WORK/scaling" | cut -d: -f2 | median; }
        echo "$shape $size: wall read $(field readSeconds) s, total $(field totalSeconds) s; CPU read $(field readCPUSeconds) s, total $(field totalCPUSeconds) s; peak $(field peakMiB) MiB"
    done
done

echo
echo "## Many files: cnncalc Tests/Fixtures/torchvision/*.cnn (CPU time over wall time; 2 cores give up to 200%)"
for i in 1 2 3; do
    /usr/bin/time -f "wall %e s, user %U s, system %S s, CPU %P" "$CNNCALC" Tests/Fixtures/torchvision/*.cnn 2>&1 > /dev/null | tail -1
done
echo
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
