#!/usr/bin/env bash
# Whole-process benchmark of the release binary, side by side with typos (a spell checker of
# the same shape: walk, read, scan every byte) over the same corpus in the same run: throughput
# of both and their ratio, healthlint on one and two threads, latency on a ~10 KB article and
# on an empty file, and peak memory.
#
#   scripts/bench.sh CORPUS_DIR          (a folder of Markdown and text health pages)
#
# Needs hyperfine (Debian: apt-get install hyperfine) and GNU time (/usr/bin/time); installs
# typos from PyPI (pip install typos) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -ge 1 ] || { echo "usage: scripts/bench.sh CORPUS_DIR" >&2; exit 2; }
corpus=$1
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 2; }
command -v typos >/dev/null || python3 -m pip install --quiet typos
command -v typos >/dev/null || { echo "typos could not be installed" >&2; exit 2; }

cargo build --release --quiet
bin=target/release/healthlint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bytes=$(find "$corpus" -type f \( -name '*.md' -o -name '*.txt' \) -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$corpus" -type f \( -name '*.md' -o -name '*.txt' \) | wc -l)

# One article close to 10 KB, the size of a typical patient-information page, and an empty one.
article=$(find "$corpus" -type f -name '*.md' -size +9k -size -11k | sort | head -n 1)
empty="$work/empty.md"
: >"$empty"

# Exit code 1 (findings, or typos' typos) is a normal outcome, so hyperfine must not treat it
# as a failure. typos walks the same folder.
hyperfine --style basic --warmup 1 --runs 5 --ignore-failure \
  --export-json "$work/corpus.json" \
  -n healthlint "$bin check $corpus --format json" \
  -n healthlint-1-thread "$bin check $corpus --format json --threads 1" \
  -n healthlint-2-threads "$bin check $corpus --format json --threads 2" \
  -n typos "typos $corpus --format brief"
hyperfine --style basic --warmup 5 --runs 50 -N --ignore-failure \
  --export-json "$work/article.json" \
  -n article "$bin check $article --format json" \
  -n empty "$bin check $empty --format json"
/usr/bin/time -f '%M' -o "$work/rss" "$bin" check "$corpus" --format json >/dev/null || true

python3 - "$work" "$bytes" "$files" "$article" <<'PY'
import json, sys
work, size, files, article = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
corpus = {r["command"]: r for r in json.load(open(f"{work}/corpus.json"))["results"]}
single = {r["command"]: r for r in json.load(open(f"{work}/article.json"))["results"]}
rss_kib = int(open(f"{work}/rss").read().split()[-1])
mb = size / 1e6
rate = {name: mb / r["mean"] for name, r in corpus.items()}
print()
print(f"corpus: {files} files, {mb:.1f} MB")
for name, r in corpus.items():
    print(f"  {name:22} {r['mean']:.2f} s (± {r['stddev']:.2f}) = {rate[name]:.1f} MB/s")
print(f"  healthlint / typos       {rate['healthlint'] / rate['typos']:.2f}x")
print(f"  2 threads / 1 thread     {rate['healthlint-2-threads'] / rate['healthlint-1-thread']:.2f}x")
print(f"article: {article} in {single['article']['mean'] * 1000:.1f} ms "
      f"(± {single['article']['stddev'] * 1000:.1f})")
print(f"empty file: {single['empty']['mean'] * 1000:.1f} ms (± {single['empty']['stddev'] * 1000:.1f})")
print(f"peak memory over the corpus: {rss_kib / 1024:.0f} MiB")
PY
