"""bench/export/run: times `blotter index` and `blotter export --format opensearch` of the
engine benchmark's corpus (each a child process; peak RSS from wait4's rusage)."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time


def measure(cmd):
  t0 = time.monotonic()
  p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
  out = p.stdout.read()
  err = p.stderr.read()
  _, status, usage = os.wait4(p.pid, 0)
  seconds = time.monotonic() - t0
  if os.waitstatus_to_exitcode(status) != 0:
    sys.exit(f"{' '.join(cmd)} failed: {err.decode()[-2000:]}")
  return seconds, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime, out.decode()


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--docs", type=int, default=100000)
  ap.add_argument("--blotter", required=True)
  ap.add_argument("--root", required=True)
  ap.add_argument("--data", help="an engine benchmark corpus folder (holding jsonl/articles.jsonl)")
  a = ap.parse_args()
  sys.path.insert(0, os.path.join(a.root, "bench"))
  from engine_lib import corpus

  data = a.data or os.path.join(a.root, "bench", "out", f"engine-{a.docs}")
  work = os.path.join(a.root, "bench", "out", f"export-{a.docs}")
  jsonl = os.path.join(data, "jsonl")
  if not os.path.exists(os.path.join(jsonl, "articles.jsonl")):
    print(f"generating {a.docs:,} articles into {data}", file=sys.stderr)
    corpus.generate(data, a.docs, 42, log=lambda m: print(m, file=sys.stderr))
  shutil.rmtree(work, ignore_errors=True)
  os.makedirs(work)
  index = os.path.join(work, "index")
  out = os.path.join(work, "opensearch")
  idx_s, idx_rss, idx_cpu, _ = measure([a.blotter, "index", jsonl, "--index", index])
  exp_s, exp_rss, exp_cpu, _ = measure(
    [a.blotter, "export", "--format", "opensearch", "--index", index, "--out", out])
  manifest = json.load(open(os.path.join(out, "manifest.json")))
  bulk_bytes = sum(f["bytes"] for f in manifest["files"])
  r = {
    "docs": a.docs, "index_seconds": round(idx_s, 2), "index_cpu_seconds": round(idx_cpu, 2),
    "index_peak_rss_mb": round(idx_rss / 2**20, 1), "export_seconds": round(exp_s, 2),
    "export_cpu_seconds": round(exp_cpu, 2), "export_peak_rss_mb": round(exp_rss / 2**20, 1),
    "export_over_index": round(exp_s / idx_s, 4), "export_cpu_over_index_cpu": round(exp_cpu / idx_cpu, 4),
    "indexed": manifest["indexed"], "bulk_files": len(manifest["files"]),
    "bulk_mb": round(bulk_bytes / 2**20, 1),
  }
  json.dump(r, open(os.path.join(work, "results.json"), "w"), indent=2)
  print(f"{a.docs:,} articles")
  print(f"  index   {r['index_seconds']:8.2f} s wall  {r['index_cpu_seconds']:8.2f} s CPU  peak RSS {r['index_peak_rss_mb']} MB")
  print(f"  export  {r['export_seconds']:8.2f} s wall  {r['export_cpu_seconds']:8.2f} s CPU  peak RSS {r['export_peak_rss_mb']} MB"
        f"  ({r['bulk_files']} bulk files, {r['bulk_mb']} MB)")
  print(f"  export / index: {100 * r['export_over_index']:.1f}% wall, {100 * r['export_cpu_over_index_cpu']:.1f}% CPU (goal ≤ 10%)")
  shutil.rmtree(out, ignore_errors=True)
  shutil.rmtree(index, ignore_errors=True)


if __name__ == "__main__":
  main()
