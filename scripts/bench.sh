#!/usr/bin/env bash
# Whole-process benchmark of the release binary: throughput over a corpus of real health pages,
# latency on a single ~10 KB article, and peak memory.
#
#   scripts/bench.sh [CORPUS_DIR]        (default: ../shared/corpus)
#
# Needs hyperfine (Debian: apt-get install hyperfine) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-../shared/corpus}
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 2; }

cargo build --release --quiet
bin=target/release/healthlint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bytes=$(find "$corpus" -type f \( -name '*.md' -o -name '*.txt' \) -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$corpus" -type f \( -name '*.md' -o -name '*.txt' \) | wc -l)

# One article close to 10 KB, the size of a typical patient-information page.
article=$(find "$corpus" -type f -name '*.md' -size +9k -size -11k | sort | head -n 1)

# Exit code 1 (findings) is a normal outcome, so hyperfine must not treat it as a failure.
hyperfine --style basic --warmup 1 --runs 5 --ignore-failure \
  --export-json "$work/corpus.json" "$bin check $corpus --format json"
hyperfine --style basic --warmup 5 --runs 50 -N --ignore-failure \
  --export-json "$work/article.json" "$bin check $article --format json"
/usr/bin/time -f '%M' -o "$work/rss" "$bin" check "$corpus" --format json >/dev/null || true

python3 - "$work" "$bytes" "$files" "$article" <<'PY'
import json, sys
work, size, files, article = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
corpus = json.load(open(f"{work}/corpus.json"))["results"][0]
single = json.load(open(f"{work}/article.json"))["results"][0]
rss_kib = int(open(f"{work}/rss").read().split()[-1])
print()
print(f"corpus:  {files} files, {size / 1e6:.1f} MB in {corpus['mean']:.2f} s "
      f"(± {corpus['stddev']:.2f}) = {size / 1e6 / corpus['mean']:.1f} MB/s")
print(f"article: {article} in {single['mean'] * 1000:.1f} ms (± {single['stddev'] * 1000:.1f})")
print(f"peak memory over the corpus: {rss_kib / 1024:.0f} MiB")
PY
