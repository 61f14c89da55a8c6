"""Scale run: blotter alone on N synthetic articles (default 1,000,000) under a memory budget.

Called by bench/scale. The corpus is the engine benchmark's generator (the first 100,000 articles
are the engine benchmark's articles), written as one JSON Lines file only. Steps, each in its own
process:
  1. index the JSONL from scratch with `--memory` (default 128 MB) and `--threads` (default 2),
     recording wall time, docs/s, MB/s of text and the peak RSS of the whole process;
  2. `stats --json`: segments, documents, index bytes with and without stored text;
  3. `check`: every file's checksum and cross-references;
  4. the engine benchmark's query types through `search --batch` (p50 / p99);
  5. a whole `blotter search` process, warm;
  6. re-index with nothing changed.
Prints a table and writes bench/out/scale-N/results.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from engine_lib import corpus, queries  # noqa: E402
from engine_lib.run import Blotter, StepError, last_json, log, pct, run_proc  # noqa: E402

GEN_VERSION = 1


def _chunk(args: tuple[int, int, int, str]) -> tuple[int, int]:
  seed, lo, hi, part = args
  g = corpus._gen_cache(seed)
  text = 0
  with open(part, "w", encoding="utf-8") as f:
    for i in range(lo, hi):
      a = g.article(i)
      text += len(a["body"].encode()) + len(a["title"].encode())
      f.write(corpus.json_line(a) + "\n")
  return lo, text


def ensure_jsonl(work: str, n: int, seed: int) -> dict:
  man_path = os.path.join(work, "corpus.json")
  if os.path.exists(man_path):
    man = json.load(open(man_path))
    if man.get("docs") == n and man.get("seed") == seed and man.get("generator") == GEN_VERSION:
      log(f"corpus: cached ({n:,} articles, {man['text_bytes'] / 1e6:.0f} MB text)")
      return man
  t0 = time.time()
  jdir = os.path.join(work, "jsonl")
  os.makedirs(jdir, exist_ok=True)
  step = 10_000
  tasks = [(seed, lo, min(n, lo + step), os.path.join(work, f".part-{lo:09d}")) for lo in range(0, n, step)]
  text = 0
  final = os.path.join(jdir, "articles.jsonl")
  log(f"corpus: generating {n:,} articles")
  with mp.get_context("fork").Pool(2) as pool, open(final + ".tmp", "wb") as out:
    for k, (lo, t) in enumerate(pool.imap(_chunk, tasks)):
      text += t
      part = tasks[k][3]
      with open(part, "rb") as f:
        while b := f.read(1 << 20):
          out.write(b)
      os.remove(part)
      if (k + 1) % 10 == 0:
        log(f"  {tasks[k][2]:,}/{n:,} ({time.time() - t0:.0f}s)")
  os.replace(final + ".tmp", final)
  man = {"docs": n, "seed": seed, "text_bytes": text, "jsonl_bytes": os.path.getsize(final),
         "generator": GEN_VERSION, "generate_seconds": round(time.time() - t0, 1)}
  json.dump(man, open(man_path, "w"), indent=1)
  return man


def main() -> int:
  ap = argparse.ArgumentParser()
  ap.add_argument("--docs", type=int, default=1_000_000)
  ap.add_argument("--queries", type=int, default=200, help="queries per type")
  ap.add_argument("--seed", type=int, default=42)
  ap.add_argument("--memory", type=int, default=128, help="blotter index --memory (MB)")
  ap.add_argument("--threads", type=int, default=2)
  ap.add_argument("--budget", type=int, default=500, help="peak RSS goal (MB)")
  ap.add_argument("--work", default=None)
  ap.add_argument("--blotter", required=True)
  args = ap.parse_args()

  n = args.docs
  work = os.path.abspath(args.work or os.path.join(os.path.dirname(HERE), "out", f"scale-{n}"))
  os.makedirs(work, exist_ok=True)
  man = ensure_jsonl(work, n, args.seed)
  jdir = os.path.join(work, "jsonl")
  idx = os.path.join(work, "idx")
  text_mb = man["text_bytes"] / 1e6

  b = Blotter(args.blotter, work)
  b.check()
  b.memory_mb = args.memory
  b.expect_docs = n
  b.timeout = 4 * 3600.0
  out: dict = {"docs": n, "text_mb": round(text_mb, 1), "jsonl_mb": round(man["jsonl_bytes"] / 1e6, 1),
               "memory_mb": args.memory, "threads": args.threads, "budget_mb": args.budget}

  log(f"blotter: indexing {n:,} articles ({text_mb:.0f} MB of text), --memory {args.memory} "
      f"--threads {args.threads}")
  r = b.index(jdir, idx, threads=args.threads)
  out["index"] = {"seconds": r["seconds"], "docs_per_s": n / r["seconds"], "mb_per_s": text_mb / r["seconds"],
                  "peak_rss_mb": r["rss_mb"], "bytes": r["bytes"], "bytes_nostore": r["bytes_nostore"]}
  log(f"blotter: {r['seconds']:.1f}s, {n / r['seconds']:,.0f} docs/s, peak RSS {r['rss_mb']:.0f} MB")

  st = run_proc([b.bin, "stats", "--index", idx, "--json"], timeout=600)
  sj = last_json(st["stdout"]) if st["rc"] == 0 else None
  if isinstance(sj, dict):
    out["stats"] = {k: sj.get(k) for k in ("documents", "segments", "bytes", "bytes_without_store", "generation")}
    if isinstance(sj.get("segments"), list):
      out["stats"]["segments"] = len(sj["segments"])

  log("blotter: check")
  ck = run_proc([b.bin, "check", "--index", idx], timeout=3600)
  out["check"] = {"rc": ck["rc"], "seconds": ck["wall"], "peak_rss_mb": ck["rss_mb"],
                  "output": (ck["stdout"] + ck["stderr"]).strip().splitlines()[-1:] }

  log(f"blotter: {args.queries} queries per type")
  gen = corpus.Generator(args.seed)
  qs = queries.build(gen, n, args.queries, args.seed)
  sr = b.search_batch(idx, qs)
  lat: dict = {}
  for (t, label) in queries.TYPES:
    us = [x["micros"] for q, x in zip(qs, sr["results"]) if q["type"] == t and not x.get("error")]
    errs = sum(1 for q, x in zip(qs, sr["results"]) if q["type"] == t and x.get("error"))
    lat[t] = {"label": label, "p50_us": pct(us, 50), "p99_us": pct(us, 99), "n": len(us), "errors": errs}
  out["queries"] = lat
  out["search_rss_mb"] = sr["rss_mb"]

  pl = b.process_latency(idx, 'place:Essex "county lines"', runs=10)
  out["process_ms"] = pl["median_ms"]

  log("blotter: re-index, nothing changed")
  r2 = b.index(jdir, idx, fresh=False, threads=args.threads)
  out["reindex_unchanged_s"] = r2["seconds"]
  out["reindex_unchanged_rss_mb"] = r2["rss_mb"]

  json.dump(out, open(os.path.join(work, "results.json"), "w"), indent=1)

  ix = out["index"]
  rows = [
    ("articles", f"{n:,}"),
    ("text (MB)", f"{text_mb:,.0f}"),
    (f"index, --memory {args.memory}, --threads {args.threads} (s)", f"{ix['seconds']:.1f}"),
    ("docs/s · MB/s of text", f"{ix['docs_per_s']:,.0f} · {ix['mb_per_s']:.1f}"),
    (f"peak RSS while indexing (MB; goal ≤ {args.budget})", f"{ix['peak_rss_mb']:.0f}"
     + ("" if ix["peak_rss_mb"] <= args.budget else "  OVER")),
    ("segments after the build", str(out.get("stats", {}).get("segments", "?"))),
    ("index size with stored text (MB)", f"{ix['bytes'] / 1e6:,.0f}"),
    ("index size without stored text (MB)", f"{(ix['bytes_nostore'] or 0) / 1e6:,.0f}"),
    ("check", "ok" if out["check"]["rc"] == 0 else f"FAILED: {out['check']['output']}"),
  ]
  for t, v in lat.items():
    rows.append((f"{v['label']} p50 / p99 (µs)",
                 f"{v['p50_us']:,.0f} / {v['p99_us']:,.0f}" if v["p50_us"] is not None else "n/a"))
  rows.append(("whole `blotter search` process, warm (ms)", f"{out['process_ms']:.1f}"))
  rows.append(("re-index, nothing changed (s)", f"{out['reindex_unchanged_s']:.2f}"))
  w = max(len(a) for a, _ in rows)
  print(f"\n| metric{' ' * (w - 6)} | blotter |\n| {'-' * w} | --- |")
  for a, v in rows:
    print(f"| {a}{' ' * (w - len(a))} | {v} |")
  ok = ix["peak_rss_mb"] <= args.budget and out["check"]["rc"] == 0
  return 0 if ok else 1


if __name__ == "__main__":
  try:
    sys.exit(main())
  except StepError as e:
    print(f"bench/scale: {e}", file=sys.stderr)
    sys.exit(1)
