"""Engine benchmark driver: blotter vs tantivy vs SQLite FTS5 on one synthetic corpus.

Called by bench/engine (which sets up the venv and builds blotter). Every engine step runs in its
own process; peak RSS is that process's own (os.wait4), so each engine's memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from engine_lib import corpus, queries  # noqa: E402

PY = sys.executable
ENGINES = ["blotter", "tantivy", "fts5"]


def log(msg: str) -> None:
  print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- processes

TIME_BIN = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_proc(cmd: list[str], timeout: float | None = None, rss: bool = True) -> dict:
  """Runs cmd; returns rc, wall seconds, its peak RSS (MB), stdout and stderr.

  Peak RSS comes from GNU time (`%M`), which forks from a small process: wait4 on a child forked
  straight from this (large) Python process would report this process's RSS, since Linux keeps
  the high-water mark across exec."""
  with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
      tempfile.NamedTemporaryFile("r") as tf:
    use_time = TIME_BIN and rss  # rss=False: no wrapper, for whole-process latency
    full = ([TIME_BIN, "-f", "%M %x %U %S", "-o", tf.name] + cmd) if use_time else cmd
    t0 = time.perf_counter()
    try:
      p = subprocess.Popen(full, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    except OSError as e:
      return {"rc": 127, "wall": 0.0, "rss_mb": None, "stdout": "", "stderr": str(e)}
    # Popen.wait(timeout=...) polls with sleeps growing to 50 ms, which quantises short runs
    # (a 9 ms process reads as 15.5 ms): block in waitpid and let a timer do the killing.
    timed_out = threading.Event()

    def kill() -> None:
      timed_out.set()
      subprocess.run(["pkill", "-KILL", "-P", str(p.pid)], check=False)  # the child of `time`
      p.kill()

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
      timer.daemon = True
      timer.start()
    p.wait()
    wall = time.perf_counter() - t0
    if timer:
      timer.cancel()
    timed_out = timed_out.is_set()
    rss = None
    cpu = None  # user + system CPU seconds: steadier than wall time on a shared, loaded machine
    rc = p.returncode
    if use_time:
      lines = [x for x in tf.read().splitlines() if x.strip()]
      if lines and re.fullmatch(r"\d+ -?\d+ [\d.]+ [\d.]+", lines[-1].strip()):
        kb, rc2, us, sy = lines[-1].split()
        rss, rc, cpu = int(kb) / 1024, int(rc2), float(us) + float(sy)
      elif rc == 0:
        rc = 1
    out.seek(0)
    err.seek(0)
    if timed_out:
      rc = rc or 124
    return {"rc": rc, "wall": wall, "rss_mb": rss, "cpu": cpu, "timed_out": timed_out,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace")}


def dir_bytes(path: str) -> int:
  if os.path.isfile(path):
    return os.path.getsize(path)
  total = 0
  for root, _, files in os.walk(path):
    for f in files:
      try:
        total += os.path.getsize(os.path.join(root, f))
      except OSError:
        pass
  return total


def last_json(text: str):
  """The last line of text that parses as a JSON object (blotter may log before it)."""
  for line in reversed(text.strip().splitlines()):
    line = line.strip()
    if line.startswith("{"):
      try:
        return json.loads(line)
      except ValueError:
        continue
  try:
    return json.loads(text)
  except ValueError:
    return None


class StepError(Exception):
  pass


def err_of(r: dict, what: str) -> str:
  if r.get("timed_out"):
    return f"{what} timed out after {r['wall']:.0f}s"
  tail = (r["stderr"].strip() or r["stdout"].strip()).splitlines()[-1:] or [""]
  return f"{what} exit {r['rc']}: {tail[0][:160]}"


def pct(xs: list[float], p: float) -> float | None:
  if not xs:
    return None
  xs = sorted(xs)
  k = min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))
  return xs[k]


# ---------------------------------------------------------------- steps

def ensure_corpus(work: str, n: int, seed: int) -> dict:
  man_path = os.path.join(work, "corpus.json")
  if os.path.exists(man_path):
    man = json.load(open(man_path))
    if man.get("docs") == n and man.get("seed") == seed and man.get("generator") == GEN_VERSION:
      log(f"corpus: cached ({n:,} articles, {man['text_bytes'] / 1e6:.0f} MB text) in {work}")
      return man
  log(f"corpus: generating {n:,} articles in {work}")
  for sub in ("pages", "jsonl"):
    shutil.rmtree(os.path.join(work, sub), ignore_errors=True)
  man = corpus.generate(work, n, seed, workers=2, log=log)
  man["generator"] = GEN_VERSION
  man["pages_bytes"] = dir_bytes(os.path.join(work, "pages"))
  json.dump(man, open(man_path, "w"), indent=1)
  log(f"corpus: done in {man['generate_seconds']}s: text {man['text_bytes'] / 1e6:.1f} MB, "
      f"JSONL {man['jsonl_bytes'] / 1e6:.1f} MB, pages {man['pages_bytes'] / 1e6:.1f} MB")
  return man


GEN_VERSION = 2
MEMORY_MB = 128  # tantivy's writer heap; passed to blotter index --memory when it has that option


def tantivy_jsonl(work: str) -> str:
  """The corpus JSONL rewritten once (untimed, cached) into the JSON tantivy's add_json takes
  as-is: RFC 3339 dates and the body's figures as i64 fields (see peer_tantivy.py)."""
  src = os.path.join(work, "jsonl", "articles.jsonl")
  out = os.path.join(work, "tantivy-articles.jsonl")  # not under jsonl/: blotter indexes that
  if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(src):
    return out
  log("tantivy: preparing its JSONL (untimed)")
  r = run_proc([PY, os.path.join(HERE, "peer_tantivy.py"), "prepare", src, out], rss=False)
  if r["rc"] != 0:
    raise StepError(err_of(r, "tantivy prepare"))
  return out


def peer_index(engine: str, work: str, store: bool, threads: int = 1) -> dict:
  script = os.path.join(HERE, f"peer_{engine}.py")
  target = os.path.join(work, "idx", f"{engine}-{'store' if store else 'nostore'}-t{threads}")
  src = os.path.join(work, "jsonl", "articles.jsonl")
  extra: list[str] = []
  if engine == "fts5":
    os.makedirs(target, exist_ok=True)
    target = os.path.join(target, "fts.db")
  else:
    src = tantivy_jsonl(work)
    extra = ["--threads", str(threads)]
  r = run_proc([PY, script, "index", src, target, "--store" if store else "--no-store"] + extra)
  if r["rc"] != 0:
    raise StepError(err_of(r, f"{engine} index"))
  res = json.loads(r["stdout"])
  res.update(wall=r["wall"], cpu=r["cpu"], rss_mb=r["rss_mb"], bytes=dir_bytes(target), path=target)
  return res


def peer_search(engine: str, index_path: str, qs: list[dict], work: str) -> dict:
  script = os.path.join(HERE, f"peer_{engine}.py")
  qfile = os.path.join(work, f"queries-{engine}.json")
  if engine == "tantivy":  # it times each type as one batch: it needs the types
    json.dump([{**q["tantivy"], "type": q["type"]} for q in qs], open(qfile, "w"))
  else:
    json.dump([q[engine] for q in qs], open(qfile, "w"))
  r = run_proc([PY, script, "search", index_path, qfile])
  if r["rc"] != 0:
    raise StepError(err_of(r, f"{engine} search"))
  out = json.loads(r["stdout"])
  if engine == "tantivy":
    return {"modes": out, "results": out["bare"]["results"], "rss_mb": r["rss_mb"], "wall": r["wall"]}
  return {"results": out["results"], "rss_mb": r["rss_mb"], "wall": r["wall"]}


class Blotter:
  def __init__(self, binary: str | None, work: str):
    self.bin = binary
    self.work = work
    self.help = ""
    self.memory_mb = MEMORY_MB
    self.expect_docs: int | None = None
    self.timeout = 1800.0  # per blotter run: a hung engine must not hang the benchmark

  def check(self) -> None:
    if not self.bin or not os.path.exists(self.bin):
      raise StepError(f"no blotter binary ({self.bin})")
    r = run_proc([self.bin, "index", "--help"], timeout=60)
    if r["rc"] != 0:
      raise StepError(err_of(r, "blotter index --help"))
    self.help = r["stdout"] + r["stderr"]
    if "--index" not in self.help:
      raise StepError("blotter has no `index` command (its --help names no --index option)")
    r = run_proc([self.bin, "search", "--help"], timeout=60)
    if r["rc"] != 0:
      raise StepError(err_of(r, "blotter search --help"))
    if "--batch" not in r["stdout"] + r["stderr"]:
      raise StepError("blotter has no `search --batch` command")

  def has(self, opt: str) -> bool:
    return opt in self.help

  def index(self, corpus_dir: str, index_dir: str, fresh: bool = True, threads: int | None = None) -> dict:
    if fresh:
      shutil.rmtree(index_dir, ignore_errors=True)
    cmd = [self.bin, "index", corpus_dir, "--index", index_dir, "--json"]
    if threads is not None:
      cmd += ["--threads", str(threads)]
    if self.has("--max-file-size"):
      # the corpus is one JSONL file of ~3.7 KB per article: let it through whatever N is
      biggest = max((os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(corpus_dir) for f in fs), default=0)
      cmd += ["--max-file-size", str(max(biggest + 1, 64 << 20))]
    if self.has("--memory"):
      cmd += ["--memory", str(self.memory_mb)]  # default: the same budget as tantivy's writer heap
    r = run_proc(cmd, timeout=self.timeout)
    if r["rc"] != 0:
      raise StepError(err_of(r, "blotter index"))
    j = last_json(r["stdout"])
    if not isinstance(j, dict):
      raise StepError("blotter index printed no JSON object")
    if fresh and self.expect_docs is not None and j.get("documents") != self.expect_docs:
      sk = "; ".join(f"{x.get('path')}: {x.get('reason')}" for x in (j.get("skipped") or [])[:2])
      raise StepError(f"indexed {j.get('documents')} of {self.expect_docs} docs" + (f" (skipped {sk})" if sk else ""))
    # blotter keeps stored documents in their own files (*.store): `stats` reports the index
    # size without them, the figure the peers give with stored text turned off.
    nostore = None
    st = run_proc([self.bin, "stats", "--index", index_dir, "--json"], timeout=120)
    if st["rc"] == 0:
      sj = last_json(st["stdout"])
      if isinstance(sj, dict):
        nostore = sj.get("bytes_without_store")
    return {"json": j, "seconds": float(j.get("seconds") or r["wall"]), "wall": r["wall"],
            "rss_mb": r["rss_mb"], "cpu": r["cpu"], "bytes": dir_bytes(index_dir), "path": index_dir,
            "bytes_nostore": nostore,
            "docs": j.get("documents"), "skipped": len(j.get("skipped") or [])}

  def search_batch(self, index_dir: str, qs: list[dict]) -> dict:
    """One `blotter search --batch -` process, fed over a pipe one query type at a time, twice
    (warm-up pass, timed pass). Per query: blotter's own `micros` (parse, rank, build the full
    answer: top 10 with stored fields and snippets, exact total; not the JSON printing). Per
    type: the whole batch's wall time as this harness sees it, from writing the type's first
    query to reading its last JSON answer (so it includes printing and the pipe)."""
    cmd = [self.bin, "search", "--batch", "-", "--index", index_dir, "--json", "--limit", "10"]
    with tempfile.NamedTemporaryFile("r") as tf, tempfile.TemporaryFile() as err:
      full = ([TIME_BIN, "-f", "%M %x", "-o", tf.name] + cmd) if TIME_BIN else cmd
      t_start = time.perf_counter()
      p = subprocess.Popen(full, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err)
      types = list(dict.fromkeys(q["type"] for q in qs))
      res: list[dict | None] = [None] * len(qs)
      batch: dict[str, float] = {}
      failed = None
      try:
        for rnd in range(2):
          for t in types:
            idxs = [i for i, q in enumerate(qs) if q["type"] == t]
            data = "".join(qs[i]["blotter"] + "\n" for i in idxs).encode()
            t0 = time.perf_counter_ns()
            wt = threading.Thread(target=lambda d=data: (p.stdin.write(d), p.stdin.flush()))
            wt.start()
            lines = []
            while len(lines) < len(idxs):
              line = p.stdout.readline()
              if not line:
                break
              if line.lstrip().startswith(b"{"):
                lines.append(line)
            dt = (time.perf_counter_ns() - t0) / 1000
            wt.join()
            if len(lines) != len(idxs):
              failed = f"blotter search --batch answered {len(lines)} of {len(idxs)} {t} queries"
              break
            if rnd == 1:
              batch[t] = dt
              for i, line in zip(idxs, lines):
                o = json.loads(line)
                if "micros" not in o:
                  failed = "blotter search --batch JSON has no 'micros' field"
                  break
                res[i] = {"total": o.get("total"), "n": len(o.get("hits") or []),
                          "micros": float(o["micros"]), "error": o.get("error")}
          if failed:
            break
      finally:
        try:
          p.stdin.close()
        except OSError:
          pass
        p.stdout.read()
        p.wait()
      wall = time.perf_counter() - t_start
      rss = None
      lines_t = [x for x in tf.read().splitlines() if x.strip()]
      if lines_t and re.fullmatch(r"\d+ -?\d+", lines_t[-1].strip()):
        rss = int(lines_t[-1].split()[0]) / 1024
      if failed:
        err.seek(0)
        raise StepError(failed + ": " + err.read().decode("utf-8", "replace")[-160:])
    return {"results": res, "batch_micros": batch, "rss_mb": rss, "wall": wall}

  def process_latency(self, index_dir: str, query: str, runs: int = 20) -> dict:
    cmd = [self.bin, "search", query, "--index", index_dir]
    r = run_proc(cmd, timeout=120)  # warm-up
    if r["rc"] != 0:
      raise StepError(err_of(r, "blotter search"))
    ms = []
    for _ in range(runs):
      r = run_proc(cmd, timeout=120, rss=False)
      if r["rc"] != 0:
        raise StepError(err_of(r, "blotter search"))
      ms.append(r["wall"] * 1000)
    return {"median_ms": statistics.median(ms), "min_ms": min(ms), "max_ms": max(ms), "query": query,
            "runs_ms": ms}


def rewrite_pages(gen: corpus.Generator, pages: str, n: int, frac: float, seed: int) -> list[int]:
  """Replaces frac of the pages with a changed version (new file, so hard links to the cached
  originals are broken and the cache stays intact)."""
  rng = random.Random(seed * 13 + 5)
  ids = sorted(rng.sample(range(n), max(1, int(round(n * frac)))))
  for i in ids:
    p = os.path.join(pages, corpus.page_relpath(i))
    tmp = p + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
      f.write(corpus.render_html(gen.article(i, variant=1)))
    os.replace(tmp, p)
  return ids


# ---------------------------------------------------------------- table

def fmt(v) -> str:
  if v is None:
    return "-"
  if isinstance(v, str):
    return v
  a = abs(v)
  if a >= 1000:
    return f"{v:,.0f}"
  if a >= 100:
    return f"{v:.0f}"
  if a >= 10:
    return f"{v:.1f}"
  return f"{v:.2f}"


def ratio(b, p):
  if isinstance(b, (int, float)) and isinstance(p, (int, float)) and p:
    return b / p
  return None


def fmt_ratio(r) -> str:
  return "-" if r is None else (f"{r:.2f}x" if r < 100 else f"{r:.0f}x")


def render_table(rows: list[dict], title: str) -> str:
  head = ["metric", "unit", "better", "blotter", "tantivy", "FTS5", "b/tantivy", "b/FTS5"]
  body = []
  for r in rows:
    if r.get("section"):
      body.append([f"-- {r['section']}", "", "", "", "", "", "", ""])
      continue
    b, t, f = r["blotter"], r["tantivy"], r["fts5"]
    body.append([r["metric"], r["unit"], r["better"], fmt(b), fmt(t), fmt(f),
                 fmt_ratio(ratio(b, t)), fmt_ratio(ratio(b, f))])
  # n/a errors can be long: cap the blotter column, the full text is printed below the table
  widths = [max(len(x[i]) for x in [head] + body if not x[0].startswith("-- ")) for i in range(len(head))]
  widths[3] = min(widths[3], 28)
  lines = [title, ""]

  def line(cells):
    out = []
    for i, c in enumerate(cells):
      c = c if len(c) <= widths[i] else c[: widths[i] - 1] + "…"
      out.append(c.ljust(widths[i]) if i < 3 else c.rjust(widths[i]))
    return "  ".join(out).rstrip()

  lines.append(line(head))
  lines.append("  ".join("-" * w for w in widths))
  for cells in body:
    lines.append(line(cells) if not cells[0].startswith("-- ") else cells[0])
  return "\n".join(lines)


def render_query_table(qrows: list[dict], tot: dict, per_type: int) -> str:
  """Per query type: whole-batch ms, then p50 and p99 µs: blotter's full answer against tantivy
  bare (top 10 + stored fields) and tantivy with snippets; ratios are blotter / tantivy."""
  head = ["query type", "batch ms: blotter", "t bare", "t+snip", "b/bare", "b/snip",
          "p50 µs: blotter", "t bare", "t+snip", "b/bare", "b/snip",
          "p99 µs: blotter", "t bare", "t+snip", "b/bare", "b/snip", "FTS5 p50"]
  body = []
  for q in qrows:
    b, tb, ts = q["blotter"], q["tantivy_bare"], q["tantivy_snippets"]
    cells = [q["label"] + (" (blotter 0 hits!)" if q["blotter_zero_hits"] else "")]
    for k in ("batch_ms", "p50", "p99"):
      cells += [fmt(b[k]), fmt(tb[k]), fmt(ts[k]), fmt_ratio(ratio(b[k], tb[k])),
                fmt_ratio(ratio(b[k], ts[k]))]
    cells.append(fmt(q["fts5"]["p50"]))
    body.append(cells)
  b, tb, ts = tot.get("blotter"), tot.get("tantivy_bare"), tot.get("tantivy_snippets")
  body.append([f"all {len(qrows)} types", fmt(b), fmt(tb), fmt(ts), fmt_ratio(ratio(b, tb)),
               fmt_ratio(ratio(b, ts))] + [""] * 11)
  widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
  lines = [f"queries: {per_type} per type, top 10, warm (second pass), one process per engine. "
           "blotter: its full answer (top 10, exact total, snippets) in every column; "
           "it has no answer without snippets.", ""]
  for cells in [head, ["-" * w for w in widths]] + body:
    lines.append("  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i])
                           for i, c in enumerate(cells)).rstrip())
  return "\n".join(lines)


# ---------------------------------------------------------------- main

def main() -> int:
  ap = argparse.ArgumentParser()
  ap.add_argument("--docs", type=int, default=100_000)
  ap.add_argument("--queries", type=int, default=1000, help="queries per type")
  ap.add_argument("--seed", type=int, default=42)
  ap.add_argument("--work", default=None)
  ap.add_argument("--blotter", default=None)
  ap.add_argument("--blotter-error", default=None, help="why there is no blotter binary")
  ap.add_argument("--engines", default=",".join(ENGINES))
  ap.add_argument("--latency-runs", type=int, default=20)
  ap.add_argument("--blotter-memory", type=int, default=MEMORY_MB,
                  help="MB passed to blotter index --memory (default: tantivy's writer heap)")
  args = ap.parse_args()

  n = args.docs
  bench_dir = os.path.dirname(HERE)
  work = os.path.abspath(args.work or os.path.join(bench_dir, "out", f"engine-{n}"))
  os.makedirs(work, exist_ok=True)
  engines = [e for e in args.engines.split(",") if e]
  t_start = time.time()
  load_start = os.getloadavg()

  man = ensure_corpus(work, n, args.seed)
  jsonl = os.path.join(work, "jsonl", "articles.jsonl")
  text_mb = man["text_bytes"] / 1e6
  gen = corpus.Generator(args.seed)

  log(f"queries: {args.queries} per type, {len(queries.TYPES)} types")
  qs = queries.build(gen, n, args.queries, args.seed)
  json.dump(qs, open(os.path.join(work, "queries.json"), "w"), indent=0)

  R: dict = {e: {} for e in ENGINES}  # raw results per engine
  errors: dict[str, str] = {}

  # ---------------- blotter
  b = Blotter(args.blotter, work)
  b.memory_mb = args.blotter_memory
  b.expect_docs = n
  BR = R["blotter"]
  berr: dict[str, str] = {}  # per-step errors

  def bstep(name: str, fn):
    if "blotter" in errors:
      berr[name] = errors["blotter"]
      return None
    try:
      return fn()
    except StepError as ex:
      berr[name] = str(ex)
      log(f"blotter {name}: FAILED: {ex}")
      return None

  if "blotter" not in engines:
    errors["blotter"] = "not run"
  elif args.blotter_error:
    errors["blotter"] = args.blotter_error
  else:
    try:
      b.check()
    except StepError as ex:
      errors["blotter"] = str(ex)
      log(f"blotter: unusable: {ex}")

  # ---------------- peers (tantivy first; blotter's JSONL runs interleave with its runs)
  def run_peer(e: str, after=None) -> None:
    """after(threads): called after each of e's stored-text runs, so blotter's run at the
    same thread count follows at once, under much the same load from other work."""
    if e not in engines:
      errors[e] = "not run"
      return
    try:
      runs = [("index_store", True, 1), ("index_nostore", False, 1)]
      if e == "tantivy":
        runs.insert(1, ("index_store_t2", True, 2))
      for key, store, t in runs:
        log(f"{e}: indexing ({'stored text' if store else 'no stored text'}"
            f"{', %d threads' % t if e == 'tantivy' else ''})")
        r = peer_index(e, work, store, t)
        R[e][key] = r
        log(f"{e}: {r['docs']:,} docs in {r['seconds']:.1f}s (wall {r['wall']:.1f}s, CPU "
            f"{r['cpu'] or 0:.1f}s), {r['bytes'] / 1e6:.1f} MB, RSS {r['rss_mb']:.0f} MB")
        if after and store:
          after(t)
      log(f"{e}: searching")
      R[e]["search"] = peer_search(e, R[e]["index_store"]["path"], qs, work)
    except StepError as ex:
      errors[e] = str(ex)
      log(f"{e}: FAILED: {ex}")

  threads_opt = "blotter" not in errors and b.has("--threads")
  idx_jsonl = os.path.join(work, "idx", "blotter-jsonl")

  def blotter_jsonl(t: int) -> None:
    if "blotter" in errors or not threads_opt or f"index_jsonl_t{t}" in BR:
      return
    log(f"blotter: indexing JSONL ({t} thread{'s' if t > 1 else ''})")
    r = bstep(f"index_jsonl_t{t}", lambda: b.index(os.path.join(work, "jsonl"), f"{idx_jsonl}-t{t}", threads=t))
    if r:
      BR[f"index_jsonl_t{t}"] = r
      log(f"blotter: {r['docs']} docs in {r['seconds']:.1f}s (wall {r['wall']:.1f}s, CPU "
          f"{r['cpu'] or 0:.1f}s), {r['bytes'] / 1e6:.1f} MB, RSS {r['rss_mb']:.0f} MB")

  run_peer("tantivy", blotter_jsonl)
  if threads_opt:
    for t in (1, 2):
      blotter_jsonl(t)  # when tantivy did not run
    if "index_jsonl_t1" in BR:
      BR["index_jsonl"] = BR["index_jsonl_t1"]
  elif "blotter" not in errors:
    log("blotter: indexing JSONL")
    r = bstep("index_jsonl", lambda: b.index(os.path.join(work, "jsonl"), idx_jsonl))
    if r:
      BR["index_jsonl"] = r
  for k in ("index_jsonl", "index_jsonl_t1", "index_jsonl_t2"):
    if k in BR and BR[k]["docs"] != n:
      log(f"blotter: WARNING: {k} reports {BR[k]['docs']} documents, expected {n}")

  if "index_jsonl" in BR:
    log("blotter: searching")
    r = bstep("search", lambda: b.search_batch(BR["index_jsonl"]["path"], qs))
    if r:
      BR["search"] = r

  run_peer("fts5")

  # HTML pages: index a hard-linked copy, so the 1% rewrite never touches the cache
  pages_work = os.path.join(work, "pages-work")
  idx_html = os.path.join(work, "idx", "blotter-html")
  if "blotter" not in errors:
    shutil.rmtree(pages_work, ignore_errors=True)
    subprocess.run(["cp", "-al", os.path.join(work, "pages"), pages_work], check=True)
    log("blotter: indexing HTML pages")
    r = bstep("index_html", lambda: b.index(pages_work, idx_html, threads=2 if threads_opt else None))
    if r:
      BR["index_html"] = r
      log(f"blotter: HTML: {r['docs']} docs in {r['seconds']:.1f}s (wall {r['wall']:.1f}s), "
          f"{r['skipped']} skipped, {r['bytes'] / 1e6:.1f} MB")
      log("blotter: re-indexing unchanged pages")
      r2 = bstep("reindex_unchanged", lambda: b.index(pages_work, idx_html, fresh=False, threads=2 if threads_opt else None))
      if r2:
        BR["reindex_unchanged"] = r2
        log(f"blotter: unchanged: {r2['wall']:.2f}s wall, json {r2['json']}")
      ids = rewrite_pages(gen, pages_work, n, 0.01, args.seed)
      log(f"blotter: re-indexing after rewriting {len(ids)} pages (1%)")
      r3 = bstep("reindex_1pct", lambda: b.index(pages_work, idx_html, fresh=False, threads=2 if threads_opt else None))
      if r3:
        r3["changed_files"] = len(ids)
        BR["reindex_1pct"] = r3
        log(f"blotter: 1%: {r3['wall']:.2f}s wall, json {r3['json']}")
    latency_idx = BR.get("index_jsonl", {}).get("path")
    if latency_idx:
      q = next(x["blotter"] for x in qs if x["type"] == "and2")
      log(f"blotter: whole-process latency x{args.latency_runs}: {q!r}")
      r = bstep("process_latency", lambda: b.process_latency(latency_idx, q, args.latency_runs))
      if r:
        BR["process_latency"] = r

  # ---------------- rows
  def g(e, *path):
    v = R[e]
    for p in path:
      if not isinstance(v, dict) or p not in v:
        return None
      v = v[p]
    return v

  def na(e, step):
    if e in errors:
      return "n/a: " + errors[e]
    if e == "blotter" and step in berr:
      return "n/a: " + berr[step]
    return None

  rows: list[dict] = []

  def row(metric, unit, better, vals: dict, note: str = ""):
    rows.append({"metric": metric, "unit": unit, "better": better,
                 "blotter": vals.get("blotter"), "tantivy": vals.get("tantivy"),
                 "fts5": vals.get("fts5"), "note": note})

  def per_engine(fn, steps: dict):
    out = {}
    for e in ENGINES:
      step = steps.get(e)
      if step is None:
        out[e] = None
        continue
      v = fn(e)
      out[e] = v if v is not None else na(e, step)
    return out

  ix = {"blotter": "index_jsonl", "tantivy": "index_store", "fts5": "index_store"}
  all3 = {"blotter": "index_jsonl", "tantivy": "x", "fts5": "x"}

  def secs(e, key=None):
    return g(e, key or ix[e], "seconds")

  rows.append({"section": f"indexing {n:,} articles from JSONL ({text_mb:.0f} MB of title+body text)"})
  t1 = "index_jsonl_t1" if threads_opt else "index_jsonl"
  lab = " (1 thread)" if threads_opt else ""
  s1 = {**all3, "blotter": t1}
  row(f"index JSONL{lab}: in-process time", "s", "lower",
      per_engine(lambda e: secs(e, t1 if e == "blotter" else None), s1),
      "blotter: its `seconds`; tantivy: Index() to wait_merging_threads()")
  row(f"index JSONL{lab}: whole process wall", "s", "lower",
      per_engine(lambda e: g(e, t1 if e == "blotter" else ix[e], "wall"), s1),
      "tantivy: Python start, import, reading its JSONL")
  row(f"index JSONL{lab}: whole process CPU", "s", "lower",
      per_engine(lambda e: g(e, t1 if e == "blotter" else ix[e], "cpu"), s1),
      "user + system (GNU time): less moved by other work than wall time")
  row(f"index JSONL{lab}: docs/s", "docs/s", "higher",
      per_engine(lambda e: n / secs(e, t1 if e == "blotter" else None) if secs(e, t1 if e == "blotter" else None) else None, s1))
  if threads_opt:
    s2 = {"blotter": "index_jsonl_t2", "tantivy": "x"}

    def t2(e, f):
      return g(e, "index_jsonl_t2" if e == "blotter" else "index_store_t2", f)
    row("index JSONL (2 threads): in-process time", "s", "lower", per_engine(lambda e: t2(e, "seconds"), s2),
        "tantivy: writer num_threads=2; FTS5 has no threads")
    row("index JSONL (2 threads): whole process wall", "s", "lower", per_engine(lambda e: t2(e, "wall"), s2))
    row("index JSONL (2 threads): whole process CPU", "s", "lower", per_engine(lambda e: t2(e, "cpu"), s2))
    row("index JSONL (2 threads): docs/s", "docs/s", "higher",
        per_engine(lambda e: n / t2(e, "seconds") if t2(e, "seconds") else None, s2))
    row("index JSONL (2 threads): peak RSS", "MB", "lower", per_engine(lambda e: t2(e, "rss_mb"), s2))
  row(f"index JSONL{lab}: peak RSS", "MB", "lower", per_engine(lambda e: g(e, t1 if e == "blotter" else ix[e], "rss_mb"), {**all3, "blotter": t1}))
  row("index bytes, text stored", "MB", "lower",
      per_engine(lambda e: (g(e, t1 if e == "blotter" else ix[e], "bytes") or 0) / 1e6 or None, {**all3, "blotter": t1}),
      "blotter: its one index format")
  row("index bytes, no stored text", "MB", "lower",
      {"blotter": (g("blotter", t1, "bytes_nostore") or 0) / 1e6 or na("blotter", t1), "tantivy": (g("tantivy", "index_nostore", "bytes") or 0) / 1e6 or na("tantivy", "x"),
       "fts5": (g("fts5", "index_nostore", "bytes") or 0) / 1e6 or na("fts5", "x")},
      "blotter: index minus its *.store files; tantivy: body/title/url not stored; FTS5: content=''")
  row("index bytes / text bytes (stored)", "%", "lower",
      per_engine(lambda e: (g(e, t1 if e == "blotter" else ix[e], "bytes") or 0) / man["text_bytes"] * 100 or None, {**all3, "blotter": t1}))
  rows.append({"section": f"indexing {n:,} HTML pages ({man['pages_bytes'] / 1e6:.0f} MB): blotter only"
                          + (", 2 threads" if threads_opt else "")})
  h = g("blotter", "index_html", "seconds")
  row("index HTML pages: time", "s", "lower", {"blotter": h if h else na("blotter", "index_html")})
  row("index HTML pages: docs/s", "docs/s", "higher", {"blotter": n / h if h else na("blotter", "index_html")})
  row("index HTML pages: peak RSS", "MB", "lower", {"blotter": g("blotter", "index_html", "rss_mb") or na("blotter", "index_html")})
  ru = g("blotter", "reindex_unchanged", "wall")
  row("re-index, nothing changed: wall", "s", "lower", {"blotter": ru if ru is not None else na("blotter", "reindex_unchanged")})
  r1 = g("blotter", "reindex_1pct", "wall")
  row("re-index, 1% pages changed: wall", "s", "lower", {"blotter": r1 if r1 is not None else na("blotter", "reindex_1pct")})
  hw = g("blotter", "index_html", "wall")
  row("re-index 1% as % of full build", "%", "lower", {"blotter": (r1 / hw * 100) if (r1 and hw) else na("blotter", "reindex_1pct")},
      "wall clock / wall clock of the full HTML build")

  # queries: a table of their own (rendered by render_query_table)
  sr = {e: g(e, "search", "results") for e in ENGINES}
  tmodes = g("tantivy", "search", "modes") or {}
  bbatch = g("blotter", "search", "batch_micros") or {}
  qrows: list[dict] = []
  agree = {}
  for t, label in queries.TYPES:
    idxs = [i for i, q in enumerate(qs) if q["type"] == t]

    def lat(res):
      return [res[i]["micros"] for i in idxs if res and res[i] is not None] if res else []
    bl = lat(sr["blotter"])
    # an engine that finds nothing where tantivy finds something did not do the work
    zero = bool(sr["blotter"] and sr["tantivy"] and all(not sr["blotter"][i]["n"] for i in idxs)
                and any(sr["tantivy"][i]["n"] for i in idxs))
    qr = {"type": t, "label": label, "queries": len(idxs), "blotter_zero_hits": zero,
          "blotter": {"batch_ms": bbatch[t] / 1000 if t in bbatch else None,
                      "p50": pct(bl, 50), "p99": pct(bl, 99)}}
    for m in ("bare", "snippets"):
      tm = tmodes.get(m) or {}
      tl = lat(tm.get("results"))
      qr["tantivy_" + m] = {"batch_ms": tm["batch_micros"][t] / 1000 if t in tm.get("batch_micros", {}) else None,
                            "p50": pct(tl, 50), "p99": pct(tl, 99)}
    fl = [x for x in lat(sr["fts5"]) if x is not None] if sr["fts5"] and qs[idxs[0]]["fts5"] else []
    qr["fts5"] = {"p50": pct(fl, 50), "p99": pct(fl, 99)}
    qrows.append(qr)
    if sr["blotter"] and sr["tantivy"]:
      same = sum(1 for i in idxs if sr["blotter"][i]["total"] == sr["tantivy"][i]["total"])
      agree[t] = {"same_total": same, "of": len(idxs),
                  "blotter_mean_total": statistics.mean(sr["blotter"][i]["total"] or 0 for i in idxs),
                  "tantivy_mean_total": statistics.mean(sr["tantivy"][i]["total"] or 0 for i in idxs)}
  tot = {}
  for k in ("blotter", "tantivy_bare", "tantivy_snippets"):
    xs = [q[k]["batch_ms"] for q in qrows]
    tot[k] = sum(xs) if xs and all(x is not None for x in xs) else None
  rows.append({"section": "query processes (the query table follows)"})
  row("search process: peak RSS", "MB", "lower",
      per_engine(lambda e: g(e, "search", "rss_mb"), {"blotter": "search", "tantivy": "x", "fts5": "x"}),
      "peers include the Python interpreter")
  pl = g("blotter", "process_latency", "median_ms")
  row(f"whole-process `blotter search` (median of {args.latency_runs})", "ms", "lower",
      {"blotter": pl if pl is not None else na("blotter", "process_latency")})

  load = os.getloadavg()
  title = (f"blotter engine benchmark: N={n:,} articles, {args.queries} queries/type, seed {args.seed}, "
           f"{time.strftime('%Y-%m-%d %H:%M')} ({os.cpu_count()} cores; load avg at start "
           f"{load_start[0]:.1f}, at end {load[0]:.1f}: other work on the machine shows in p99s)")
  table = render_table(rows, title) + "\n\n" + render_query_table(qrows, tot, args.queries)
  notes = []
  for e in ENGINES:
    if e in errors:
      notes.append(f"{e}: n/a: {errors[e]}")
  for k, v in berr.items():
    if "blotter" not in errors:
      notes.append(f"blotter {k}: {v}")
  if "blotter" not in errors:
    notes.append(f"blotter index options: --threads {'yes' if b.has('--threads') else 'no'}, "
                 f"--memory {'yes (' + str(b.memory_mb) + ' MB; tantivy heap ' + str(MEMORY_MB) + ' MB)' if b.has('--memory') else 'no'}")
  if "reindex_unchanged" in BR and "reindex_1pct" in BR:
    ju, j1 = BR["reindex_unchanged"]["json"], BR["reindex_1pct"]["json"]
    notes.append(f"blotter re-index: unchanged run reported unchanged={ju.get('unchanged')} updated={ju.get('updated')}; "
                 f"1% run reported updated={j1.get('updated')} of {BR['reindex_1pct']['changed_files']} rewritten pages")
  notes.append("ratios are blotter/peer; 'better' says which direction is good for blotter.")
  notes.append("tantivy per document: one IndexWriter.add_json(line) call on a JSONL prepared "
               "before the timed region (RFC 3339 date, figures as i64 fields); en_stem on title "
               "and body; FTS5 still parses JSON and inserts rows from Python.")
  notes.append("blotter per document: reads the corpus JSONL itself, analyses (tokenize, stem), "
               "recognises entities and figures, stores the text, all inside its timed `seconds`.")
  notes.append("queries: tantivy bare = parse + search(top 10, count=True) + searcher.doc per hit "
               "(id, title, date); +snip adds a SnippetGenerator per query and a 160-char HTML "
               "snippet per hit. blotter = parse + rank + exact total + top 10 with stored fields "
               "and markdown snippets (its `micros`); its batch ms is seen by the harness over a "
               "pipe, so it also holds JSON printing. FTS5: bm25 top 10 with snippets, no count.")
  notes.append("entity queries: blotter unit:/place:/officer: fields; peers a plain term. "
               "figure ranges: tantivy i64 range on figures a regex pulled out before indexing; FTS5 n/a.")
  if agree:
    notes.append("hit totals blotter vs tantivy (same total / queries; mean totals): " + "; ".join(
      f"{t} {a['same_total']}/{a['of']} ({a['blotter_mean_total']:.0f} vs {a['tantivy_mean_total']:.0f})"
      for t, a in agree.items()))
  print(table)
  print()
  for x in notes:
    print("* " + x)

  results = {
    "config": {"docs": n, "queries_per_type": args.queries, "seed": args.seed, "work": work,
               "blotter": args.blotter, "cores": os.cpu_count(),
               "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "seconds": round(time.time() - t_start, 1),
               "loadavg_start": load_start, "loadavg_end": load},
    "corpus": man,
    "errors": errors,
    "blotter_step_errors": berr,
    "hit_total_agreement": agree,
    "rows": rows,
    "query_rows": qrows,
    "query_batch_totals_ms": tot,
    "raw": {e: {k: ({kk: vv for kk, vv in v.items() if kk != "results"} if isinstance(v, dict) else v)
                for k, v in R[e].items()} for e in ENGINES},
    "table": table,
    "notes": notes,
  }
  with open(os.path.join(work, "results.json"), "w") as f:
    json.dump(results, f, indent=1, default=str)
  log(f"results: {os.path.join(work, 'results.json')} ({time.time() - t_start:.0f}s)")
  return 0


if __name__ == "__main__":
  sys.exit(main())
