#!/usr/bin/env bash
# Runs every libFuzzer target of Fuzz/ for SECONDS each (default 20: the short form CI runs;
# pass e.g. 600 for a long run), starting from Fuzz/Seeds/<target>/ plus the known crashers in
# Fuzz/Regressions/<target>/. A new crasher is copied into Fuzz/Regressions/<target>/ (commit it
# with the fix: `swift test` replays that folder) and the script exits 1.
#
# What lets a short run reach the inputs that crash in real use (long non-ASCII text, deep
# nesting): seeds in CJK, Arabic, Hebrew and emoji as well as ASCII; a dictionary per kind of
# input (Fuzz/Dictionaries: tags, metadata, dates, multi-byte characters, query operators);
# inputs up to 256 KB for the extraction targets, with libFuzzer's slow length ramp turned off
# (-len_control=0) so long inputs come at once; and the expanded input form of
# Fuzz/Sources/FuzzShared (`count, head, NUL, unit, NUL, tail[, NUL, closer]`), in which one
# mutated byte turns a seed into 20,000 nested brackets or a 4,000-character paragraph.
#
# Usage: Scripts/fuzz.sh [seconds] [target...]
# Environment: SCRATCH (build folder, default .build-fuzz), FUZZ_WORK (working corpus, default
# .build-fuzz/corpus; kept between runs so a long run builds on earlier ones).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${1:-20}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(FuzzExtractHTML FuzzExtractFeed FuzzExtractText FuzzExtractJSONL FuzzQueryParser)
fi
scratch=${SCRATCH:-$root/.build-fuzz}
work=${FUZZ_WORK:-$scratch/corpus}

# SwiftPM gives each executable its own entry point, so the targets call libFuzzer's
# LLVMFuzzerRunDriver from @main (see Fuzz/Sources/CFuzzDriver); -parse-as-library is then
# harmless and kept for targets that only define LLVMFuzzerTestOneInput.
echo "fuzz: building (fuzzer + address sanitizer)"
(cd Fuzz && swift build -c debug --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 |
  grep -vE '^\[[0-9]+/[0-9]+\] |Cannot export local symbol' || true)
bin=$scratch/debug

# The Swift runtime's own crash handler trips ASan while it walks the stack; libFuzzer prints the
# stack instead.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}

status=0
for t in "${targets[@]}"; do
  [ -x "$bin/$t" ] || { echo "fuzz: $t was not built"; status=1; continue; }
  mkdir -p "$work/$t" "Fuzz/Regressions/$t"
  artifacts=$(mktemp -d)
  log=$(mktemp)
  set +e
  # Per-input timeout: expanded inputs reach 1 MB and the sanitized debug build is ten times
  # slower than release, so a slow but linear input must not pass for a hang (a 1 MB text scrape
  # has taken 10-20 s on a loaded machine; 60 s still catches loops and quadratic blow-ups).
  case $t in
    FuzzQueryParser) dict=Fuzz/Dictionaries/query.dict; max_len=65536; timeout=10 ;;
    *) dict=Fuzz/Dictionaries/html.dict; max_len=262144; timeout=60 ;;
  esac
  "$bin/$t" "$work/$t" "Fuzz/Seeds/$t" "Fuzz/Regressions/$t" \
    -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 -max_len="$max_len" \
    -len_control=0 -dict="$dict" \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 || true)
  # libFuzzer also writes slow-unit-* files for inputs over -report_slow_units (10 s): on a busy
  # machine a long but linear input can take that long under ASan. Those are reported, not
  # failures; crash-, timeout- (over -timeout), oom- and leak- files are.
  slow=$(find "$artifacts" -type f -name 'slow-unit-*' | wc -l)
  [ "$slow" -gt 0 ] && echo "fuzz: $t: $slow input(s) over 10 s (slow, under the ${timeout}s timeout)"
  find "$artifacts" -type f -name 'slow-unit-*' -delete
  found=$(find "$artifacts" -type f | wc -l)
  if [ "$found" -gt 0 ]; then
    status=1
    echo "fuzz: $t FOUND $found crasher(s) after $runs runs:"
    { grep -E 'ERROR|runtime failure|SUMMARY|Fatal error|Swift runtime' "$log" || true; } |
      head -5 | sed 's/^/    /'
    { grep -E '^ +#[0-9]+ .* in \$s' "$log" || true; } | head -8 | sed 's/^/    /'
    for f in "$artifacts"/*; do
      name=$(basename "$f")
      cp "$f" "Fuzz/Regressions/$t/$name"
      echo "    saved Fuzz/Regressions/$t/$name"
    done
  elif [ "$rc" -ne 0 ]; then
    status=1
    echo "fuzz: $t exited $rc without an artifact:"
    tail -20 "$log" | sed 's/^/    /'
  else
    echo "fuzz: $t ok, $runs runs in ${seconds}s, $cov"
  fi
  rm -rf "$artifacts" "$log"
done
exit $status
