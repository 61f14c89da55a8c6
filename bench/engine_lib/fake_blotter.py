#!/usr/bin/env python3
"""A stand-in for the blotter CLI, for testing bench/engine's plumbing while the real engine is
being written. It speaks the CLI contract the benchmark relies on and nothing more:

  fake_blotter.py index CORPUS_DIR --index DIR --json [--threads N]
      -> {"added","updated","removed","unchanged","documents","seconds","skipped":[]}
  fake_blotter.py search --batch FILE|- --index DIR --json --limit 10
      -> one {"query","total","hits":[...],"micros"} line per query line
  fake_blotter.py search "QUERY" --index DIR

Back end: SQLite FTS5 plus a file table (path, mtime, size) for incremental sync. Its numbers
mean nothing: use `bench/engine --blotter bench/engine_lib/fake_blotter.py` only to test.
"""

import argparse
import html
import json
import os
import re
import sqlite3
import sys
import time


def extract_html(text: str) -> tuple[str, str]:
  m = re.search(r"<h1>(.*?)</h1>", text, re.S)
  title = html.unescape(m.group(1)) if m else ""
  body = "\n".join(html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", text, re.S))
  return title, body


def open_db(index_dir: str) -> sqlite3.Connection:
  os.makedirs(index_dir, exist_ok=True)
  c = sqlite3.connect(os.path.join(index_dir, "fake.db"))
  c.execute("PRAGMA synchronous=OFF")
  c.execute("CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(id UNINDEXED, title, body, tokenize='porter unicode61')")
  c.execute("CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, mtime REAL, size INTEGER)")
  return c


def cmd_index(a) -> None:
  t0 = time.perf_counter()
  c = open_db(a.index)
  known = {p: (m, s) for p, m, s in c.execute("SELECT path, mtime, size FROM files")}
  seen = set()
  added = updated = unchanged = 0
  c.execute("BEGIN")
  for root, _, files in os.walk(a.corpus):
    for f in sorted(files):
      full = os.path.join(root, f)
      rel = os.path.relpath(full, a.corpus)
      st = os.stat(full)
      seen.add(rel)
      if known.get(rel) == (st.st_mtime, st.st_size):
        unchanged += 1
        continue
      if rel in known:
        updated += 1
        c.execute("DELETE FROM docs WHERE id = ? OR id LIKE ?", (rel, rel + "#%"))
      else:
        added += 1
      c.execute("INSERT OR REPLACE INTO files VALUES (?,?,?)", (rel, st.st_mtime, st.st_size))
      if f.endswith(".jsonl"):
        with open(full, encoding="utf-8") as fh:
          rows = ((f"{rel}#{j['id']}", j["title"], j["body"]) for j in map(json.loads, fh))
          c.executemany("INSERT INTO docs VALUES (?,?,?)", rows)
      elif f.endswith(".html"):
        with open(full, encoding="utf-8") as fh:
          c.execute("INSERT INTO docs VALUES (?,?,?)", (rel, *extract_html(fh.read())))
  removed = len(set(known) - seen)
  c.execute("COMMIT")
  docs = c.execute("SELECT count(*) FROM docs").fetchone()[0]
  print(json.dumps({"added": added, "updated": updated, "removed": removed, "unchanged": unchanged,
                    "documents": docs, "seconds": time.perf_counter() - t0, "skipped": []}))


def to_fts(q: str) -> str | None:
  if q.startswith("figure:"):
    return None
  q = re.sub(r"\b(unit|place|officer):", "", q)
  q = re.sub(r"\btitle:(\w+)", r'title:"\1"', q)
  return q


def run_query(c, q: str, limit: int) -> dict:
  t = time.perf_counter_ns()
  fq = to_fts(q)
  hits, total = [], 0
  if fq:
    hits = [{"id": i, "title": ti} for i, ti in c.execute(
      "SELECT id, title FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?", (fq, limit))]
    total = c.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (fq,)).fetchone()[0]
  return {"query": q, "total": total, "hits": hits, "micros": (time.perf_counter_ns() - t) / 1000}


def cmd_search(a) -> None:
  c = open_db(a.index)
  if a.batch:
    # '-' is standard input, answered line by line as blotter does
    f = sys.stdin if a.batch == "-" else open(a.batch, encoding="utf-8")
    for line in f:
      print(json.dumps(run_query(c, line.rstrip("\n"), a.limit)), flush=True)
  else:
    r = run_query(c, a.query, a.limit)
    if a.json:
      print(json.dumps(r))
    else:
      for h in r["hits"]:
        print(h["id"], h["title"])


def main() -> None:
  ap = argparse.ArgumentParser(prog="fake_blotter")
  sub = ap.add_subparsers(dest="cmd", required=True)
  i = sub.add_parser("index")
  i.add_argument("corpus")
  i.add_argument("--index", required=True)
  i.add_argument("--json", action="store_true")
  i.add_argument("--threads", type=int, default=1)
  s = sub.add_parser("search")
  s.add_argument("query", nargs="?")
  s.add_argument("--batch")
  s.add_argument("--index", required=True)
  s.add_argument("--json", action="store_true")
  s.add_argument("--limit", type=int, default=10)
  a = ap.parse_args()
  cmd_index(a) if a.cmd == "index" else cmd_search(a)


if __name__ == "__main__":
  main()
