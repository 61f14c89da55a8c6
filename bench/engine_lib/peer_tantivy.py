"""tantivy peer (Python bindings), run as its own process so its RSS is its own.

  peer_tantivy.py prepare JSONL TANTIVY_JSONL                  -> JSON on stdout (not timed)
  peer_tantivy.py index TANTIVY_JSONL INDEX_DIR (--store|--no-store) [--threads N]
                                                                -> JSON on stdout
  peer_tantivy.py search INDEX_DIR QUERIES_JSON                 -> JSON on stdout

tantivy runs its fastest documented path from Python, with no per-document Python work in the
timed region:

- `prepare` (untimed, cached by the harness) rewrites the corpus JSONL once into the JSON tantivy
  takes as-is: the date as RFC 3339, and the figures ("447 arrests") a regex finds in the body as
  multi-valued i64 fields `fig_<noun>`, so `figure:arrests>400` can be emulated with a range
  query. (blotter finds its figures itself, inside its timed indexing.)
- `index` times: creating the index, reading the prepared file line by line and one
  `IndexWriter.add_json(line)` per article (JSON parsing and tokenizing happen in Rust), commit,
  and waiting for merges. Writer heap 128 MB, `num_threads` 1 or 2. Body and title use the
  `en_stem` tokenizer (lowercase + Snowball English stemmer, like blotter's analyser).
- `search` times each query type as one batch, twice (a warm-up pass, then the timed pass), in two
  modes: `bare` (parse, `searcher.search(query, 10, count=True)`, then `searcher.doc` for each
  of the top 10 and its id, title and date) and `snippets` (the same, plus one
  `SnippetGenerator` per query and `snippet_from_doc(doc).to_html()` per hit, 160 chars).
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import tantivy  # noqa: E402

from engine_lib.corpus import FIGURE_NOUNS, FIGURE_RE  # noqa: E402

HEAP = 128_000_000
SNIPPET_CHARS = 160
MODES = ("bare", "snippets")


def schema(store: bool):
  b = tantivy.SchemaBuilder()
  b.add_text_field("id", stored=True, tokenizer_name="raw")
  b.add_text_field("url", stored=store, tokenizer_name="raw")
  b.add_text_field("title", stored=store, tokenizer_name="en_stem")
  b.add_text_field("body", stored=store, tokenizer_name="en_stem")
  b.add_date_field("date", stored=store, indexed=True, fast=True)
  for n in FIGURE_NOUNS:
    b.add_integer_field("fig_" + n, indexed=True, fast=True)
  return b.build()


def prepare(jsonl: str, out: str) -> dict:
  """The corpus JSONL as tantivy's add_json takes it (outside any timed region)."""
  n = 0
  tmp = out + ".tmp"
  with open(jsonl, encoding="utf-8") as f, open(tmp, "w", encoding="utf-8") as o:
    for line in f:
      a = json.loads(line)
      d = {"id": a["id"], "url": a["url"], "title": a["title"], "body": a["body"],
           "date": a["date"] + "T00:00:00Z"}
      figs: dict[str, list[int]] = {}
      for m in FIGURE_RE.finditer(a["body"]):
        figs.setdefault("fig_" + m.group(2), []).append(int(m.group(1).replace(",", "")))
      d.update(figs)
      o.write(json.dumps(d, ensure_ascii=False) + "\n")
      n += 1
  os.replace(tmp, out)
  return {"docs": n}


def index(tjsonl: str, out: str, store: bool, threads: int) -> dict:
  shutil.rmtree(out, ignore_errors=True)
  os.makedirs(out)
  gc.disable()
  t0 = time.perf_counter()
  idx = tantivy.Index(schema(store), path=out)
  w = idx.writer(heap_size=HEAP, num_threads=threads)
  add = w.add_json
  # streamed, as blotter reads its file inside its time: holding 75 MB of lines in memory first
  # would only add to tantivy's peak RSS
  with open(tjsonl, encoding="utf-8") as f:
    for line in f:
      add(line)
  w.commit()
  w.wait_merging_threads()
  secs = time.perf_counter() - t0
  idx.reload()
  return {"docs": idx.searcher().num_docs, "seconds": secs, "threads": threads}


def _query(idx, sch, q: dict):
  if q.get("range"):
    field, lo = q["range"]
    return tantivy.Query.range_query(sch, field, tantivy.FieldType.Integer, lower_bound=lo,
                                     include_lower=False)
  return idx.parse_query(q["q"], ["title", "body"], conjunction_by_default=True)


def _run(idx, sch, searcher, qs: list[dict], snippets: bool) -> tuple[list[dict], dict]:
  """One pass over the queries, type by type: per-query micros and per-type batch micros."""
  res: list[dict | None] = [None] * len(qs)
  batch: dict[str, float] = {}
  types = list(dict.fromkeys(q["type"] for q in qs))
  for t in types:
    idxs = [i for i, q in enumerate(qs) if q["type"] == t]
    tb = time.perf_counter_ns()
    for i in idxs:
      q = qs[i]
      t0 = time.perf_counter_ns()
      query = _query(idx, sch, q)
      r = searcher.search(query, 10, count=True)
      hits = []
      if snippets:
        sg = tantivy.SnippetGenerator.create(searcher, query, sch, "body")
        sg.set_max_num_chars(SNIPPET_CHARS)
        for score, addr in r.hits:
          d = searcher.doc(addr)
          hits.append((d["id"][0], d["title"][0], d["date"][0], score,
                       sg.snippet_from_doc(d).to_html()))
      else:
        for score, addr in r.hits:
          d = searcher.doc(addr)
          hits.append((d["id"][0], d["title"][0], d["date"][0], score))
      ns = time.perf_counter_ns() - t0
      res[i] = {"total": r.count, "n": len(hits), "micros": ns / 1000}
    batch[t] = (time.perf_counter_ns() - tb) / 1000
  return res, batch


def search(index_dir: str, queries_path: str) -> dict:
  idx = tantivy.Index.open(index_dir)
  idx.reload()
  sch = idx.schema
  searcher = idx.searcher()
  with open(queries_path, encoding="utf-8") as f:
    qs = json.load(f)
  # each query carries its type, so batches can be timed per type
  out = {}
  gc.disable()  # the harness's garbage collector is not the engine's latency
  for mode in MODES:
    for rnd in range(2):  # round 0 warms up, round 1 is timed
      res, batch = _run(idx, sch, searcher, qs, mode == "snippets")
    out[mode] = {"results": res, "batch_micros": batch}
  return out


def main() -> None:
  cmd = sys.argv[1]
  if cmd == "prepare":
    r = prepare(sys.argv[2], sys.argv[3])
  elif cmd == "index":
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 1
    r = index(sys.argv[2], sys.argv[3], sys.argv[4] == "--store", threads)
  elif cmd == "search":
    r = search(sys.argv[2], sys.argv[3])
  else:
    raise SystemExit(f"unknown command {cmd}")
  json.dump(r, sys.stdout)


if __name__ == "__main__":
  main()
