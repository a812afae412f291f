#!/usr/bin/env bash
# The benchmark: synthetic boards of 1k, 10k and 100k postings (examples/generate_board.rs:
# 150–600-word English bodies, varied fields, a quarter expired, the same for the same seed),
# timed for `check`, a clean `build`, a `build` with nothing changed, and the `serve` one-edit
# rebuild (benches/rebuild.rs), and the size of the search index. Figures are medians, and are also given as ratios to a baseline
# measured in the same run: copying the built site with `cp -r` (the floor for writing it).
#
#   bench/run.sh                 # 1k and 10k
#   SIZES="1000 10000 100000" bench/run.sh
#
# Boards and sites go to $BENCH_DIR (default /dev/shm, a tmpfs, else /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
DIR=${BENCH_DIR:-$( [ -d /dev/shm ] && echo /dev/shm/jobboard-bench || echo /tmp/jobboard-bench )}
TODAY=2026-11-21
mkdir -p "$DIR"
cargo build --release --locked --quiet --example generate_board
cargo build --release --locked --quiet
JB=target/release/jobboard

# median_ms RUNS COMMAND...: the median wall time of RUNS runs, in ms; PREP runs before each.
median_ms() {
  local runs=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    [ -n "${PREP:-}" ] && eval "$PREP"
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

peak_mib() {
  { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'
}

notes=()
printf '%-8s %10s %12s %12s %12s %14s %10s %10s\n' postings "cp -r" check "clean build" unchanged "build/cp -r" "check MiB" "build MiB"
for n in $SIZES; do
  board="$DIR/board-$n"
  site="$DIR/site-$n"
  [ -d "$board" ] || target/release/examples/generate_board --postings "$n" --seed 1 --out "$board" 2>/dev/null
  # The board must build: a failed build would time nothing worth knowing.
  "$JB" --root "$board" --today "$TODAY" check --format json >/dev/null || { echo "the $n board has errors"; exit 1; }
  runs=$RUNS
  [ "$n" -ge 100000 ] && runs=3
  check=$(PREP="" median_ms "$runs" "$JB" --root "$board" --today "$TODAY" check --format json)
  clean=$(PREP="rm -rf '$site'" median_ms "$runs" "$JB" --root "$board" --today "$TODAY" build --out "$site")
  unchanged=$(PREP="" median_ms "$runs" "$JB" --root "$board" --today "$TODAY" build --out "$site")
  copy=$(PREP="rm -rf '$site.copy'" median_ms "$runs" cp -r "$site" "$site.copy")
  # The search index: all of it, and its word list (what queries choose from).
  index_kb=$(du -sb --apparent-size "$site/search" | awk '{ printf "%.0f", $1 / 1024 }')
  words_kb=$(du -sb --apparent-size "$site/search/words" | awk '{ printf "%.0f", $1 / 1024 }')
  notes+=("$n postings: search index $(find "$site/search" -type f | wc -l) files, $index_kb KB (word list $words_kb KB in $(ls "$site/search/words" | wc -l) parts)")
  check_mib=$(peak_mib "$JB" --root "$board" --today "$TODAY" check --format json)
  rm -rf "$site"
  build_mib=$(peak_mib "$JB" --root "$board" --today "$TODAY" build --out "$site")
  ratio=$(awk -v a="$clean" -v b="$copy" 'BEGIN { printf "%.1f×", a / (b > 0 ? b : 1) }')
  printf '%-8s %8s ms %9s ms %9s ms %9s ms %14s %10s %10s\n' "$n" "$copy" "$check" "$clean" "$unchanged" "$ratio" "$check_mib" "$build_mib"
  rm -rf "$site.copy"
done

echo
printf '%s\n' "${notes[@]}"

echo
echo "serve: one-edit rebuild of the 10k board (benches/rebuild.rs)"
board="$DIR/board-10000"
[ -d "$board" ] || target/release/examples/generate_board --postings 10000 --seed 1 --out "$board" 2>/dev/null
cargo bench --quiet --locked --bench rebuild -- "$board" 30 2>/dev/null | tail -1
