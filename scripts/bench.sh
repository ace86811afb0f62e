#!/usr/bin/env bash
# Times kano's reading of generated surveys against two plain CSV reads of the same file: the csv
# crate (examples/read_csv.rs) and simd-csv's zero-copy reader (examples/read_simd_csv.rs).
#
# Usage: scripts/bench.sh [RESPONDENTS ...]      (default: 1000 10000 100000 1000000)
#        scripts/bench.sh inputs                  (the table of realistic inputs, see below)
# Environment: FEATURES (20), RUNS (5), BENCH_DATA (target/bench-data), LAYOUT (wide),
#              LABELS (text); for `inputs`, SCALE (1) multiplies every size (0.01 for a dry run)
#              and ONLY (a regex) keeps the rows whose name matches (ONLY='quoted|numeric').
#
# `inputs` times every kind of realistic export at issue 18's sizes, each against simd-csv reading
# the same file: plain text labels, numeric codes, every field quoted, a quoted comment column,
# --by on 2 and 200 segments, importance columns, the long layout, 2,000 features, and .xlsx
# (against kano on the same data as CSV). Every file comes from the project's generator
# (examples/generate.rs) and kano's counts are checked against the generator's.
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

# inputs: the table of realistic inputs (issue 18), then exit.
if [ "${1:-}" = inputs ]; then
    SCALE=${SCALE:-1}
    cargo build --release --quiet --example csv_to_xlsx 2>/dev/null && XLSX=yes || XLSX=no
    size() { awk -v n="$1" -v s="$SCALE" 'BEGIN { v = int(n * s); if (v < 10) v = 10; print v }'; }
    cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
    echo "kano $(git describe --always --dirty 2>/dev/null || echo '?'), $(date -u +%Y-%m-%d), load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "machine: $(nproc) cores, ${cpu:-unknown CPU}; median of $RUNS runs after a warm-up; x simd = time / simd-csv's one-thread read of the same file"
    echo "cpu x = kano's one-thread CPU time (user + system) / simd-csv's: the steadier ratio on a busy machine"
    echo
    printf '%-34s %8s %8s %9s %7s %9s %7s %9s %9s %8s\n' input "file MB" "simd s" "kano 1t" "x simd" "kano 2t" "x simd" "RSS 1t" "RSS 2t" "cpu x"
    # row NAME GENERATOR-ARGS -- KANO-ARGS
    row() {
        local name=$1; shift
        if [ -n "${ONLY:-}" ] && ! [[ $name =~ $ONLY ]]; then return 0; fi
        local gen=() kano=()
        while [ $# -gt 0 ] && [ "$1" != -- ]; do gen+=("$1"); shift; done
        [ $# -gt 0 ] && shift
        kano=("$@")
        local tag
        tag=$(printf '%s' "${gen[*]}" | tr -c 'A-Za-z0-9' '_')
        local file="$DATA/in-$tag.csv"
        local counts="${file%.csv}.counts.json"
        if [ ! -s "$file" ] || [ ! -s "$counts" ]; then
            "$EX/generate" "${gen[@]}" --seed 1 --output "$file" --counts "$counts"
        fi
        check_counts "$file" "$counts"
        local mb
        mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }')
        measure "$EX/read_simd_csv" "$file"
        local simd=$SECONDS_MEDIAN simd_cpu=$CPU_MEDIAN
        measure "$BIN/kano" analyze --threads 1 "$file" "${kano[@]}" --format json --quiet
        local one=$SECONDS_MEDIAN one_kb=$RSS_MEDIAN_KB one_cpu=$CPU_MEDIAN
        measure "$BIN/kano" analyze --threads 2 "$file" "${kano[@]}" --format json --quiet
        local two=$SECONDS_MEDIAN two_kb=$RSS_MEDIAN_KB
        awk -v name="$name" -v mb="$mb" -v simd="$simd" -v one="$one" -v two="$two" \
            -v a="$one_kb" -v b="$two_kb" -v sc="$simd_cpu" -v oc="$one_cpu" 'BEGIN {
            cx = sc > 0 ? sprintf("%6.2fx", oc / sc) : "n/a"
            printf "%-34s %8s %8.3f %9.3f %6.2fx %9.3f %6.2fx %5.1f MiB %5.1f MiB %8s\n",
                name, mb, simd, one, one / simd, two, two / simd, a / 1024, b / 1024, cx }'
        if [ "$XLSX" = yes ] && [ "${XLSX_OF:-}" = "$name" ]; then
            local book="${file%.csv}.xlsx"
            [ -s "$book" ] || "$EX/csv_to_xlsx" "$file" "$book"
            measure "$BIN/kano" analyze --threads 1 "$book" --format json --quiet
            # x = wall time / kano's on the CSV; cpu x = CPU time / kano's on the CSV.
            awk -v name=".xlsx of the same ($name)" -v s="$SECONDS_MEDIAN" -v one="$one" \
                -v kb="$RSS_MEDIAN_KB" -v c="$CPU_MEDIAN" -v oc="$one_cpu" 'BEGIN {
                cx = oc > 0 ? sprintf("%6.2fx", c / oc) : "n/a"
                printf "%-34s %8s %8s %9.3f %6.2fx %9s %7s %5.1f MiB %9s %8s\n",
                    name, "", "", s, s / one, "", "(x kano on the CSV)", kb / 1024, "", cx }'
        fi
    }
    M=$(size 1000000); K100=$(size 100000); K10=$(size 10000)
    row "plain wide, text labels" --respondents "$M"
    row "numeric codes 1-5" --respondents "$M" --labels numeric
    row "every field quoted" --respondents "$M" --quote-all
    row "quoted comment, 1 row in 50" --respondents "$M" --comment-every 50
    row "--by segment, 2 values" --respondents "$M" --segments 2 -- --by segment
    row "--by segment, 200 values" --respondents "$M" --segments 200 -- --by segment
    row "20 importance columns ($K100 rows)" --respondents "$K100" --importance
    row "long layout ($((M * 20)) rows)" --respondents "$M" --layout long
    row "2,000 features x $K10 rows" --respondents "$K10" --features 2000
    XLSX_OF="plain wide, $K100 rows" row "plain wide, $K100 rows" --respondents "$K100"
    [ "$XLSX" = yes ] || echo "(.xlsx row skipped: examples/csv_to_xlsx.rs is missing)"
    echo
    echo "targets (issue 18): one thread <= 1.5x simd-csv on every row (plain wide <= 1.1x); two"
    echo "threads < 1.0x of simd-csv's one-thread read; peak RSS <= 16 MiB on every CSV row; .xlsx"
    echo "(100k x 20) <= 64 MiB and within 5x of the CSV time."
    exit 0
fi

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
