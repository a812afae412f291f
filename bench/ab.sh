#!/usr/bin/env bash
# A against B: the same command run with two binaries in turn, ROUNDS times each, alternating,
# so that both see the same machine. A 2-core development machine drifts by up to a third in
# speed within an hour; a change worth a few percent shows only in pairs like these. Prints each
# binary's median and spread of wall time and its largest peak RSS.
#
#   bench/ab.sh OLD NEW ARGS...              # OLD ARGS... and NEW ARGS..., in turn
#   PREP="rm -rf /dev/shm/s" bench/ab.sh /tmp/jobboard-old target/release/jobboard \
#       --root /dev/shm/jobboard-bench/board-10000 --today 2026-11-21 build --out /dev/shm/s
#   bench/ab.sh /tmp/rebuild-old /tmp/rebuild-new /dev/shm/jobboard-bench/board-10000 150
#
# For `serve`'s edit, give two builds of benches/rebuild.rs (copied from target/release/deps/
# after `cargo bench --no-run --bench rebuild` at each revision): its own median is compared.
# PREP runs before each run (a clean build removes its output); ROUNDS defaults to 5.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,14p' "$0"; exit 2; }
a=$1 b=$2
shift 2
rounds=${ROUNDS:-5}
declare -A times rss medians

run() {
  local bin=$1 start end out peak
  shift
  [ -n "${PREP:-}" ] && eval "$PREP"
  start=$(date +%s%N)
  out=$({ /usr/bin/time -f 'peak-kb %M' "$bin" "$@" 2>&1 || true; })
  end=$(date +%s%N)
  peak=$(printf '%s\n' "$out" | awk '/^peak-kb/ { print $2 }' | tail -1)
  times[$bin]+="$(( (end - start) / 1000000 )) "
  rss[$bin]=$(( ${peak:-0} > ${rss[$bin]:-0} ? ${peak:-0} : ${rss[$bin]:-0} ))
  # The rebuild bench says its own median: kept, it leaves out the first build.
  local median
  median=$(printf '%s\n' "$out" | grep -o 'rebuild median [0-9.]* ms' | grep -o '[0-9.]*' || true)
  [ -n "$median" ] && medians[$bin]+="$median "
  return 0
}

for _ in $(seq "$rounds"); do
  run "$a" "$@"
  run "$b" "$@"
done

for bin in "$a" "$b"; do
  # shellcheck disable=SC2086 # the times are words, split on purpose
  sorted=$(printf '%s\n' ${times[$bin]} | sort -n)
  median=$(printf '%s\n' "$sorted" | sed -n "$(( (rounds + 1) / 2 ))p")
  printf '%s: median %s ms (%s–%s), peak %d MiB' "$bin" "$median" \
    "$(printf '%s\n' "$sorted" | head -1)" "$(printf '%s\n' "$sorted" | tail -1)" \
    $(( ${rss[$bin]} / 1024 ))
  [ -n "${medians[$bin]:-}" ] && printf '; its one-edit medians: %s ms' "${medians[$bin]% }"
  echo
done
