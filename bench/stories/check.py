#!/usr/bin/env python3
"""Checks the story-pair set: python3 bench/stories/check.py [--extract PATH_TO_BLOTTER]

- every article of pairs.tsv and articles.tsv exists (a doc id is the path under articles/,
  plus `#guid` / `#id` for a feed item or JSON Lines line);
- labels are consistent: `same` is an equivalence (union-find over the `same` pairs), and no
  `different` pair joins two articles of one class; the classes agree with articles.tsv's
  `story` column;
- no pair twice, no article paired with itself, labels and parts are known words, the part
  is the one the hash rule gives;
- with --extract: `blotter extract --json articles/` yields exactly the ids of articles.tsv,
  each with a title, a non-empty text and the date articles.tsv gives.
Exit status 1 on any failure.
"""

import csv
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, "articles")


def read(name):
  with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
    return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def main():
  errors = []
  pairs, articles = read("pairs.tsv"), read("articles.tsv")
  story = {a["id"]: a["story"] for a in articles}
  dates = {a["id"]: a["date"].split(" ")[0] for a in articles}
  if len(story) != len(articles):
    errors.append("articles.tsv lists an id twice")
  for a in articles:
    if not os.path.isfile(os.path.join(ART, a["id"].split("#")[0])):
      errors.append(f"missing file for {a['id']}")
  parent = {}

  def find(x):
    parent.setdefault(x, x)
    while parent[x] != x:
      parent[x] = parent[parent[x]]
      x = parent[x]
    return x

  seen = set()
  for p in pairs:
    a, b = p["a"], p["b"]
    for x in (a, b):
      if x not in story:
        errors.append(f"{x} is not in articles.tsv")
    key = tuple(sorted([a, b]))
    if a == b or key in seen:
      errors.append(f"pair {a} {b} repeated or reflexive")
    seen.add(key)
    if p["label"] not in ("same", "different"):
      errors.append(f"bad label {p['label']}")
    held = int(hashlib.sha1("\t".join(key).encode()).hexdigest()[:8], 16) % 3 == 0
    if p["part"] != ("heldback" if held else "tuning"):
      errors.append(f"pair {a} {b}: part {p['part']} does not follow the hash rule")
    if p["label"] == "same":
      parent[find(a)] = find(b)
  for p in pairs:
    a, b = p["a"], p["b"]
    if p["label"] == "different" and find(a) == find(b):
      errors.append(f"not transitive: {a} and {b} are labelled different but joined by "
                    "same-story pairs")
    if a in story and b in story and (story[a] == story[b]) != (p["label"] == "same"):
      errors.append(f"pair {a} {b} disagrees with articles.tsv stories")
  if "--extract" in sys.argv:
    blotter = sys.argv[sys.argv.index("--extract") + 1]
    out = subprocess.run([blotter, "extract", "--json", ART], capture_output=True, text=True)
    docs = {}
    for line in out.stdout.splitlines():
      d = json.loads(line)
      docs[d["id"]] = d
    for i in story:
      d = docs.get(i)
      if d is None:
        errors.append(f"blotter extract gives no document {i}")
      elif not d.get("title") or not d.get("date") or not d.get("text"):
        errors.append(f"{i}: title {d.get('title')!r} date {d.get('date')!r} "
                      f"text {len(d.get('text') or '')} chars")
      elif d["date"] != dates[i]:
        errors.append(f"{i}: blotter reads the date {d['date']}, articles.tsv says {dates[i]}")
    for i in docs:
      if i not in story:
        errors.append(f"blotter extract gives an unlisted document {i}")
  same = sum(p["label"] == "same" for p in pairs)
  print(f"{len(articles)} articles, {len(pairs)} pairs ({same} same, {len(pairs) - same} "
        f"different), {sum(p['part'] == 'heldback' for p in pairs)} held back")
  for e in errors:
    print("error:", e)
  sys.exit(1 if errors else 0)


if __name__ == "__main__":
  main()
