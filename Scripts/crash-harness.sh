#!/usr/bin/env bash
# Long form of the crash-safety harness (the short form runs in `swift test`):
# 50 rounds over a few thousand generated pages. Each round adds pages, starts `blotter index`,
# kills it with SIGKILL at a random moment, checks that `blotter check` passes and that every
# document of the last commit is still found, then lets a run finish.
# See Tests/BlotterCLITests/CrashHarnessTests.swift.
#
# Usage: Scripts/crash-harness.sh [rounds] [pages] [seed]
#   defaults: 50 rounds, 3000 pages, a seed from the clock (printed, so a failure can be replayed).
# Environment: SCRATCH (build folder, default .build-crash).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-50}
pages=${2:-3000}
seed=${3:-$(date +%s)}
scratch=${SCRATCH:-.build-crash}

echo "crash harness: $rounds rounds, $pages pages, seed $seed (replay: $0 $rounds $pages $seed)"
swift build --build-tests --scratch-path "$scratch" 2>&1 | grep -E "error|warning: unre|Compiling|Build" | grep -v "^\[" || true
BLOTTER_CRASH_ROUNDS=$rounds BLOTTER_CRASH_PAGES=$pages BLOTTER_CRASH_SEED=$seed \
  swift test --skip-build --scratch-path "$scratch" --filter CrashHarnessTests.killNineNeverLosesTheLastCommit 2>&1 |
  grep -vE '^\[[0-9]+/[0-9]+\] |^Test Case .* (started|passed)|^◇ '
