#!/usr/bin/env bash
# Times kano's reading of generated surveys against two plain CSV reads of the same file: the csv
# crate (examples/read_csv.rs) and simd-csv's zero-copy reader (examples/read_simd_csv.rs).
#
# Usage: scripts/bench.sh [RESPONDENTS ...]      (default: 1000 10000 100000 1000000)
# Environment: FEATURES (20), RUNS (5), BENCH_DATA (target/bench-data), LAYOUT (wide),
#              LABELS (text).
#
# For every size it generates a survey once (examples/generate.rs, cached in BENCH_DATA), checks
# that kano's counts equal the generator's, then runs each command RUNS times after one warm-up
# run and prints the median wall time, the median CPU time (user + system), the ratio of wall
# times to simd-csv's read, MB/s and the peak resident set size (GNU time's -v). On a busy
# machine the CPU column is the steadier one. kano is timed single-threaded (--threads 1) and threaded (its
# default) when `kano analyze --help` has --threads; otherwise its default run is timed once as
# "single" and "threaded" is n/a. 1,000,000 respondents x 20 features is about 0.5 GB of disk.
set -euo pipefail

cd "$(dirname "$0")/.."

FEATURES=${FEATURES:-20}
RUNS=${RUNS:-5}
DATA=${BENCH_DATA:-target/bench-data}
LAYOUT=${LAYOUT:-wide}
LABELS=${LABELS:-text}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000 100000 1000000); fi

TIME=/usr/bin/time
if [ ! -x "$TIME" ] || ! "$TIME" -v true >/dev/null 2>&1; then
    echo "scripts/bench.sh: GNU time is missing: $TIME -v is needed for the peak memory" >&2
    echo "  install it with: apt-get install time   (Debian/Ubuntu)" >&2
    exit 2
fi

echo "building release binaries..." >&2
cargo build --release --quiet --bin kano --example generate --example read_csv --example read_simd_csv
BIN=target/release
EX=target/release/examples
mkdir -p "$DATA"

if "$BIN/kano" analyze --help | grep -q -- '--threads'; then
    THREADS=yes
else
    THREADS=no
fi

# median of numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure COMMAND...: runs it RUNS times after a warm-up; sets SECONDS_MEDIAN (wall),
# CPU_MEDIAN (user + system, 10 ms resolution) and RSS_MEDIAN_KB.
measure() {
    local log times cpu rss start end
    log=$(mktemp)
    "$@" >/dev/null 2>&1 || { echo "scripts/bench.sh: failed: $*" >&2; rm -f "$log"; exit 2; }
    times=()
    cpu=()
    rss=()
    for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        "$TIME" -v -o "$log" "$@" >/dev/null 2>&1
        end=$(date +%s%N)
        times+=("$(awk -v ns=$((end - start)) 'BEGIN { printf "%.4f", ns / 1e9 }')")
        cpu+=("$(awk -F': ' '/User time|System time/ { t += $2 } END { print t }' "$log")")
        rss+=("$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")")
    done
    rm -f "$log"
    SECONDS_MEDIAN=$(printf '%s\n' "${times[@]}" | median)
    CPU_MEDIAN=$(printf '%s\n' "${cpu[@]}" | median)
    RSS_MEDIAN_KB=$(printf '%s\n' "${rss[@]}" | median)
}

# check_counts SURVEY EXPECTED: kano's JSON counts must equal the generator's.
check_counts() {
    local report
    report=$(mktemp)
    "$BIN/kano" analyze "$1" --format json --quiet >"$report"
    if command -v python3 >/dev/null; then
        python3 - "$report" "$2" <<'EOF'
import json, sys
report, expected = (json.load(open(p)) for p in sys.argv[1:3])
got = {f["name"]: ([f["counts"][k] for k in "AOMIRQ"], f["missing"]) for f in report["features"]}
want = {f["name"]: ([f[k] for k in "AOMIRQ"], f["missing"]) for f in expected["features"]}
if got != want:
    sys.exit(f"scripts/bench.sh: kano's counts differ from the generator's for {sys.argv[1]}")
EOF
        CHECK="counts match the generator's"
    else
        CHECK="counts not checked (python3 is missing)"
    fi
    rm -f "$report"
}

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
echo "kano $(git describe --always --dirty 2>/dev/null || echo '?'), $(date -u +%Y-%m-%d)"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "data: $LAYOUT layout, $LABELS labels, $FEATURES features; median of $RUNS runs after a warm-up"
if [ "$THREADS" = no ]; then
    echo "kano has no --threads yet: 'kano 1 thread' is its default run, threaded is n/a"
fi
echo
printf '%-12s %8s  %-15s %8s %7s %8s %7s %11s\n' respondents "file MB" command "wall s" "cpu s" "x simd" "MB/s" "peak RSS"
for n in "${SIZES[@]}"; do
    file="$DATA/n$n-f$FEATURES-$LAYOUT-$LABELS.csv"
    counts="${file%.csv}.counts.json"
    if [ ! -s "$file" ] || [ ! -s "$counts" ]; then
        "$EX/generate" --respondents "$n" --features "$FEATURES" --layout "$LAYOUT" \
            --labels "$LABELS" --seed 1 --output "$file" --counts "$counts"
    fi
    check_counts "$file" "$counts"
    mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }')

    measure "$EX/read_simd_csv" "$file"
    simd=$SECONDS_MEDIAN
    rows=()
    rows+=("simd-csv read|$SECONDS_MEDIAN|$CPU_MEDIAN|$RSS_MEDIAN_KB")
    measure "$EX/read_csv" "$file"
    rows+=("csv crate read|$SECONDS_MEDIAN|$CPU_MEDIAN|$RSS_MEDIAN_KB")
    if [ "$THREADS" = yes ]; then
        measure "$BIN/kano" analyze --threads 1 "$file" --format json --quiet
        rows+=("kano 1 thread|$SECONDS_MEDIAN|$CPU_MEDIAN|$RSS_MEDIAN_KB")
        measure "$BIN/kano" analyze "$file" --format json --quiet
        rows+=("kano threaded|$SECONDS_MEDIAN|$CPU_MEDIAN|$RSS_MEDIAN_KB")
    else
        measure "$BIN/kano" analyze "$file" --format json --quiet
        rows+=("kano 1 thread|$SECONDS_MEDIAN|$CPU_MEDIAN|$RSS_MEDIAN_KB")
        rows+=("kano threaded|n/a|n/a|n/a")
    fi
    for row in "${rows[@]}"; do
        IFS='|' read -r name secs cpus kb <<<"$row"
        if [ "$secs" = n/a ]; then
            printf '%-12s %8s  %-15s %8s %7s %8s %7s %11s\n' "$n" "$mb" "$name" n/a n/a n/a n/a n/a
        else
            awk -v n="$n" -v mb="$mb" -v name="$name" -v s="$secs" -v c="$cpus" -v simd="$simd" -v kb="$kb" 'BEGIN {
                printf "%-12s %8s  %-15s %8.3f %7.2f %7.2fx %7.0f %7.1f MiB\n", n, mb, name, s, c, s / simd, mb / s, kb / 1024 }'
        fi
    done
    echo "  ($CHECK)"
done
echo
echo "targets (issue 9): kano 1 thread <= 1.5x simd-csv; threaded < 1.0x on 2 cores;"
echo "peak RSS <= 16 MiB; 1,000 x 20 end to end under 10 ms."
