#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (one per reader) with the fuzzer and address sanitizers, seeds
# each corpus with the test fixtures and the inputs earlier runs found, and runs the targets one after
# another.
#
#   Scripts/fuzz.sh                         every target, 300 s each
#   Scripts/fuzz.sh -t 60 onnx keras-json   two targets, 60 s each
#   Scripts/fuzz.sh -r                      replay the seeds and found inputs once (no fuzzing), as a smoke test
#
# Options: -t SECONDS  time per target (default 300)    -m MB  -rss_limit_mb (default 2048)
#          -s SECONDS  -timeout per input (default 10)   -r     run each corpus once and stop
#          -n          do not build (use the targets built last)
# The targets run one at a time: each uses one core.
# Targets: cnn-text onnx keras-json keras-archive matlab pytorch-text lasagne
# Corpora grow in Fuzz/.corpus/<target> (kept between runs, not committed); crashes, hangs ("timeout-")
# and leaks go to Fuzz/.artifacts/<target>/. Add each found input to Tests/Fixtures/fuzz/<target>/ (a seed of
# every later run) with a test of its reader that expects its error. A summary line per target goes to
# standard output and to Fuzz/.artifacts/runs.log.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=300 rss=2048 per_input=10 replay=0 build=1
while getopts "t:m:s:rn" option; do
    case $option in
        t) seconds=$OPTARG ;;
        m) rss=$OPTARG ;;
        s) per_input=$OPTARG ;;
        r) replay=1 ;;
        n) build=0 ;;
        *) sed -n '2,20p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
all=(cnn-text onnx keras-json keras-archive matlab pytorch-text lasagne)
targets=("${@:-${all[@]}}")

# Swift's crash backtracer trips the address sanitizer; libFuzzer reports the crash itself.
export SWIFT_BACKTRACE=enable=no
if [ "$build" = 1 ]; then
    # swiftc keeps only the last -sanitize= it is given, and SwiftPM passes --sanitize values one flag each in no fixed
    # order: without the combined flag at the end, a build may lack the coverage instrumentation (or ASan).
    swift build --package-path "$root/Fuzz" --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address 2>&1 \
        | grep -v "Cannot export local symbol" | tail -5
fi
bin=$root/Fuzz/.build/debug

# The fixtures each target starts from.
seed() {
    local target=$1 corpus=$2 fixtures=$root/Tests/Fixtures
    case $target in
        cnn-text) find "$root/Tests" -name '*.cnn'
                  python3 - "$fixtures/networks.json" "$corpus" <<'PY'
import json, sys, hashlib, os
for network in json.load(open(sys.argv[1]))["networks"]:
    text = network["cnn"].encode()
    open(os.path.join(sys.argv[2], "networks-" + hashlib.sha1(text).hexdigest()), "wb").write(text)
PY
                  ;;
        onnx) find "$fixtures/onnx" -name '*.onnx' ;;
        keras-json) find "$fixtures/keras" -name '*.json' ! -name 'expected.json' ;;
        keras-archive) find "$fixtures/keras" -maxdepth 1 -name '*.keras' ;;  # applications/ take seconds each
        matlab) find "$fixtures/matlab" -name '*.m' ;;
        pytorch-text) find "$fixtures/pytorch-text" -name '*.txt' ;;
        lasagne) find "$fixtures/lasagne" -name '*.py' ;;
    esac
    if [ -d "$root/Tests/Fixtures/fuzz/$target" ]; then find "$root/Tests/Fixtures/fuzz/$target" -type f; fi
}

mkdir -p "$root/Fuzz/.artifacts"
for target in "${targets[@]}"; do
    corpus=$root/Fuzz/.corpus/$target artifacts=$root/Fuzz/.artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    # Seeds longer than -max_len would only slow every run down (the largest Keras application takes seconds).
    seed "$target" "$corpus" | while read -r file; do
        if [ "$(wc -c <"$file")" -le 65536 ]; then cp "$file" "$corpus/$(basename "$file")"; fi
    done
    log=$artifacts/last-run.log
    flags=(-rss_limit_mb="$rss" -timeout="$per_input" -artifact_prefix="$artifacts/" -print_final_stats=1 -max_len=65536)
    if [ "$replay" = 1 ]; then flags+=(-runs=0); else flags+=(-max_total_time="$seconds"); fi
    start=$(date +%s)
    status=0
    "$bin/fuzz-$target" "${flags[@]}" "$corpus" >"$log" 2>&1 || status=$?
    elapsed=$(( $(date +%s) - start ))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
    found=$(grep -cE '^(==[0-9]+==ERROR|ALARM|.*deadly signal|.*-rss_limit_mb)' "$log" || true)
    line="$(date -u +%FT%TZ) $target: status $status, $elapsed s, $execs executions, coverage $coverage, corpus $(ls "$corpus" | wc -l) files, findings $found"
    echo "$line" | tee -a "$root/Fuzz/.artifacts/runs.log"
    if [ "$status" != 0 ]; then
        grep -E 'ERROR|ALARM|Test unit written|SUMMARY|Fatal error' "$log" | head -10
    fi
done
