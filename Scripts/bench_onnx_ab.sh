#!/bin/sh
# Compares two cnncalc binaries on one ONNX model, run after run in turn, so that a change in the
# machine's load weighs on both alike. Prints each one's median and fastest wall time and median
# peak RSS over RUNS runs, after one warm-up run of each.
#
#   cp .build/release/cnncalc /tmp/cnncalc-before      # before the change
#   swift build -c release                             # after it
#   RUNS=31 Scripts/bench_onnx_ab.sh /tmp/cnncalc-before .build/release/cnncalc /tmp/resnet50like.onnx
set -eu
BEFORE="${1:?give the first binary}"
AFTER="${2:?give the second binary}"
MODEL="${3:?give the path of an ONNX model}"
RUNS="${RUNS:-31}"

: > /tmp/bench_ab_before
: > /tmp/bench_ab_after
"$BEFORE" "$MODEL" > /dev/null 2>&1 || true
"$AFTER" "$MODEL" > /dev/null 2>&1 || true
i=0
while [ "$i" -lt "$RUNS" ]; do
    for which in before after; do
        if [ "$which" = before ]; then binary="$BEFORE"; else binary="$AFTER"; fi
        start=$(date +%s%N)
        /usr/bin/time -f "%M" -o /tmp/bench_ab_one "$binary" "$MODEL" > /dev/null 2>&1
        end=$(date +%s%N)
        echo "$(( (end - start) / 1000 )) $(cat /tmp/bench_ab_one)" >> "/tmp/bench_ab_$which"
    done
    i=$((i + 1))
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for which in before after; do
    file="/tmp/bench_ab_$which"
    wall=$(cut -d' ' -f1 "$file" | median)
    fastest=$(cut -d' ' -f1 "$file" | sort -n | head -1)
    rss=$(cut -d' ' -f2 "$file" | median)
    if [ "$which" = before ]; then binary="$BEFORE"; else binary="$AFTER"; fi
    echo "$binary: median wall $(awk "BEGIN { printf \"%.1f\", $wall / 1000 }") ms, fastest $(awk "BEGIN { printf \"%.1f\", $fastest / 1000 }") ms, median peak RSS $(awk "BEGIN { printf \"%.1f\", $rss / 1024 }") MiB ($RUNS runs)"
done
