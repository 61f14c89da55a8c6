"""Drop-to-searchable latency of `blotter watch` on a large corpus (see bench/watch/run)."""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from engine_lib import corpus  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))


def log(msg):
  print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pages_for(n, seed):
  """The cached corpus pages of n articles (one HTML file each), generated when missing."""
  for name in (f"engine-{n}", f"watch-{n}"):
    pages = os.path.join(ROOT, "bench/out", name, "pages")
    done = [os.path.join(ROOT, "bench/out", name, m) for m in ("manifest.json", "corpus.json")]
    if os.path.isdir(pages) and any(os.path.exists(d) for d in done):
      return pages
  work = os.path.join(ROOT, "bench/out", f"watch-{n}")
  shutil.rmtree(work, ignore_errors=True)
  log(f"generating {n:,} articles into {work}/pages")
  man = corpus.generate(work, n, seed, workers=2, log=log)
  shutil.rmtree(os.path.join(work, "jsonl"), ignore_errors=True)
  with open(os.path.join(work, "manifest.json"), "w") as f:
    json.dump(man, f)
  return os.path.join(work, "pages")


def corpus_for(n, unique, seed):
  """A corpus of n files: `unique` generated articles, hard-linked n / unique times into
  r0/, r1/, ... (so a 100,000-file corpus costs the generation of 20,000)."""
  base = pages_for(unique, seed)
  if n == unique:
    return base
  copies = n // unique
  work = os.path.join(ROOT, "bench/out", f"watch-{n}-from-{unique}", "pages")
  if not os.path.isdir(work):
    os.makedirs(work + ".tmp", exist_ok=True)
    for k in range(copies):
      subprocess.run(["cp", "-al", base, os.path.join(work + ".tmp", f"r{k}")], check=True)
    os.rename(work + ".tmp", work)
  return work


def search_total(blotter, index, word):
  r = subprocess.run([blotter, "search", word, "--index", index, "--json", "--limit", "0"],
                     capture_output=True, text=True)
  if r.returncode != 0:
    return -1
  return json.loads(r.stdout)["total"]


class Watch:
  def __init__(self, blotter, pages, index, debounce, out):
    self.out_path = out
    self.out = open(out, "w")
    self.proc = subprocess.Popen(
      [blotter, "watch", pages, "--index", index, "--json", "--debounce", str(debounce)],
      stdout=self.out, stderr=subprocess.PIPE, text=True)

  def commits(self):
    with open(self.out_path) as f:
      return [json.loads(line) for line in f if line.strip()]

  def stop(self):
    self.proc.send_signal(signal.SIGTERM)
    _, err = self.proc.communicate(timeout=600)
    return self.proc.returncode, err


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--blotter", required=True)
  ap.add_argument("--docs", type=int, default=100_000)
  ap.add_argument("--unique", type=int, default=20_000,
                  help="articles generated; the corpus holds --docs / --unique copies of them")
  ap.add_argument("--drops", type=int, default=10)
  ap.add_argument("--debounce", type=float, action="append")
  ap.add_argument("--seed", type=int, default=42)
  a = ap.parse_args()
  debounces = a.debounce or [2.0, 0.5]
  if a.docs % a.unique:
    sys.exit("--docs must be a multiple of --unique")
  pages = corpus_for(a.docs, a.unique, a.seed)
  work = os.path.join(ROOT, "bench/out", f"watch-{a.docs}")
  os.makedirs(work, exist_ok=True)
  drop_dir = os.path.join(pages, "drops")
  shutil.rmtree(drop_dir, ignore_errors=True)
  index = os.path.join(work, "index")
  gen = corpus.Generator(a.seed)
  results = {"docs": a.docs, "unique_articles": a.unique, "pages": pages, "runs": []}
  for debounce in debounces:
    # Fresh drops for each run, so every drop is a new article.
    log(f"blotter watch --debounce {debounce}: indexing {a.docs:,} pages first")
    t0 = time.time()
    w = Watch(a.blotter, pages, index, debounce, os.path.join(work, f"watch-{debounce}.jsonl"))
    while not w.commits():
      if w.proc.poll() is not None:
        sys.exit(f"blotter watch exited: {w.proc.stderr.read()}")
      time.sleep(0.2)
    first = w.commits()[0]
    log(f"  first run: {first['documents']:,} documents, {first['seconds']} s "
        f"(wall {time.time() - t0:.1f} s)")
    lat = []
    for k in range(a.drops):
      i = a.docs + 1000 + len(results["runs"]) * a.drops + k
      art = gen.article(i)
      marker = f"dropmarker{int(debounce * 10)}x{k}q"
      art["body"] += f"\nThe reference for this report is {marker}."
      html = corpus.render_html(art)
      path = os.path.join(drop_dir, f"d{debounce}-{k}.html")
      os.makedirs(drop_dir, exist_ok=True)
      with open(path + ".tmp", "w") as f:  # `.tmp` is not a corpus file: the rename is the drop
        f.write(html)
      os.rename(path + ".tmp", path)
      settled = time.monotonic()
      while search_total(a.blotter, index, marker) != 1:
        if time.monotonic() - settled > 120:
          sys.exit(f"drop {k} not searchable after 120 s")
        time.sleep(0.02)
      seconds = time.monotonic() - settled
      lat.append(seconds)
      log(f"  drop {k}: searchable {seconds:.2f} s after the write "
          f"({seconds - debounce:.2f} s after the debounce)")
      time.sleep(0.5)
    commits = w.commits()
    status, err = w.stop()
    run_seconds = [c["seconds"] for c in commits[1:]]
    results["runs"].append({
      "debounce": debounce,
      "first_run_seconds": first["seconds"],
      "drops": len(lat),
      "after_write_s": {"median": round(statistics.median(lat), 3), "max": round(max(lat), 3),
                        "all": [round(x, 3) for x in lat]},
      "after_debounce_s": {"median": round(statistics.median(lat) - debounce, 3),
                           "max": round(max(lat) - debounce, 3)},
      "commit_run_seconds": {"median": round(statistics.median(run_seconds), 3) if run_seconds else None,
                             "max": max(run_seconds) if run_seconds else None},
      "commits": len(commits) - 1,
      "exit": status,
    })
    if status != 0:
      log(f"  watch exited {status}: {err}")
  shutil.rmtree(drop_dir, ignore_errors=True)
  shutil.rmtree(index, ignore_errors=True)
  out = os.path.join(work, "results.json")
  with open(out, "w") as f:
    json.dump(results, f, indent=2)
  print(f"{'debounce':>8}  {'after write: median':>20}  {'max':>6}  {'after debounce: median':>23}  {'max':>6}  {'run (s)':>8}")
  for r in results["runs"]:
    print(f"{r['debounce']:>8}  {r['after_write_s']['median']:>20.2f}  {r['after_write_s']['max']:>6.2f}  "
          f"{r['after_debounce_s']['median']:>23.2f}  {r['after_debounce_s']['max']:>6.2f}  "
          f"{r['commit_run_seconds']['median']!s:>8}")
  print(f"results: {out}")


if __name__ == "__main__":
  main()
