#!/usr/bin/env python3
"""The user-question check on the real-article set.

Indexes the real articles with blotter into temporary indexes (one per batch: the first 82 and
the second batch, bench/entities/real/batch2.txt; one JSON Lines file each, one article a line,
id = the article's id), runs every question of every article through `blotter search --batch`,
and reports, per part (tuning / heldback / new, the second batch):
  found      — questions whose own article is among the hits;
  unrelated  — hits of articles none of whose labels fit the question (rules:
               bench/entities/real/README.md, "Questions").
A question blotter rejects (exit 2 with an error line, e.g. a query field it does not know yet)
is counted as not found and listed as "not supported".

usage: questions.py REAL.json BLOTTER [--errors]
"""
import json, pathlib, re, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
GAZ = ROOT / "Sources/Analysis/Entities/Generated/GazetteerData.swift"
Q = re.compile(r'^(place|officer|unit|force|figure):(?:"([^"]+)"|(\S+))$')
FIG = re.compile(r"^(.+?)(>=|<=|>|<|=)([\d.,]+)([km]?)$")
REGIONS = {"east of england": ["Essex", "Hertfordshire", "Bedfordshire", "Cambridgeshire",
                               "Norfolk", "Suffolk"],
           "east anglia": ["Norfolk", "Suffolk", "Cambridgeshire"]}
NOUN = {"kg": "kilogram", "g": "kilogram", "kilos": "kilogram", "£": "£", "%": "%",
        "people": "person", "knives": "knife"}


def gazetteer_parents():
  """name (lower) -> set of parents (lower), from the generated gazetteer, names and aliases;
  ("=", short form) -> the full names it stands for."""
  parents = {}
  text = GAZ.read_text()
  body = text.split('#"""', 1)[1].rsplit('"""#', 1)[0]
  rows = [line.split("\t") for line in body.splitlines()]
  # A region named after its police area or county (Thames Valley → Thames Valley Police)
  # holds what that area holds.
  region_of = {}
  for f in rows:
    if len(f) >= 5 and f[1] == "R" and f[2]:
      region_of.setdefault(f[2].split("|")[0].lower(), set()).add(f[0].lower())
  for f in rows:
    if len(f) < 5:
      continue
    ps = {p.lower() for p in f[2].split("|") if p}
    for p in list(ps):
      ps |= region_of.get(p, set())
    for name in [f[0]] + [a for a in f[4].split("|") if a]:
      parents.setdefault(name.lower(), set()).update(ps)
      # A short form also stands for the full name ("East Herts" is East Hertfordshire).
      if name != f[0]:
        parents.setdefault(("=", name.lower()), set()).add(f[0].lower())
  return parents


def lemma(noun):
  n = noun.lower()
  if n in NOUN:
    return NOUN[n]
  for suf, rep in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x"),
                   ("s", "")):
    if n.endswith(suf) and len(n) > len(suf) + 1 and n != "premises":
      return n[: -len(suf)] + rep
  return n


def passes(v, op, n):
  return {">": v > n, ">=": v >= n, "<": v < n, "<=": v <= n, "=": abs(v - n) < 1e-9}[op]


def related(doc, question, parents):
  kind, a, b = Q.match(question).groups()
  value = (a or b).lower()
  ents = [e for e in doc["entities"] if e["kind"] == kind]
  if kind == "place":
    inside = {value} | parents.get(("=", value), set())
    inside |= {c.lower() for v in set(inside) for c in REGIONS.get(v, [])}
    for e in ents:
      for name in (e["canonical"].lower(), e["surface"].lower()):
        if name in inside or inside & parents.get(name, set()):
          return True
    return False
  if kind == "officer":
    return any(value in e["canonical"].lower().split() or value == e["canonical"].lower()
               or value.split()[-1] == e["canonical"].lower().split()[-1] for e in ents)
  if kind in ("unit", "force"):
    value = re.sub(r"^op ", "operation ", value)
    for e in ents:
      names = [e["canonical"].lower(), re.sub(r"^op ", "operation ", e["surface"].lower())]
      names.append("".join(w[0] for w in names[0].split() if w not in ("of", "and", "the", "for")))
      if any(value in nm for nm in names):
        return True
    return False
  m = FIG.match(value)
  noun, op, num, mult = m.groups()
  n = float(num.replace(",", "")) * {"": 1, "k": 1e3, "m": 1e6}[mult]
  return any(e["canonical"].lower() == lemma(noun) and passes(e["value"], op, n) for e in ents)


def ask(docs, blotter, tmp):
  """Indexes `docs` into a fresh index under `tmp` and runs their questions: [(doc, q, result)]."""
  (tmp / "corpus").mkdir(parents=True)
  with open(tmp / "corpus/real.jsonl", "w") as f:
    for d in docs:
      row = {"id": d["id"], "url": d["url"], "title": d["title"], "text": d["text"],
             "source": d["source"]}
      if re.match(r"^\d{4}-\d{2}(-\d{2})?$", d["date"]):
        row["date"] = d["date"] if len(d["date"]) == 10 else d["date"] + "-01"
      f.write(json.dumps(row, ensure_ascii=False) + "\n")
  subprocess.run([blotter, "index", str(tmp / "corpus"), "--index", str(tmp / "index"),
                  "--json"], check=True, capture_output=True)
  questions = [(d, q) for d in docs for q in d["questions"]]
  (tmp / "questions.txt").write_text("\n".join(q for _, q in questions) + "\n")
  out = subprocess.run([blotter, "search", "--batch", str(tmp / "questions.txt"), "--index",
                        str(tmp / "index"), "--limit", "1000"], capture_output=True, text=True)
  if out.returncode not in (0, 2):
    sys.exit(f"blotter search failed: {out.stderr}")
  results = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
  assert len(results) == len(questions), (len(results), len(questions))
  return [(d, q, r) for (d, q), r in zip(questions, results)]


def main():
  real = json.load(open(sys.argv[1]))
  blotter = sys.argv[2]
  verbose = "--errors" in sys.argv
  parents = gazetteer_parents()
  tmp = pathlib.Path(tempfile.mkdtemp(prefix="blotter-questions-"))
  # One index per batch: the first 82 articles (tuning and held-back parts) as before the second
  # batch existed, so their numbers stay comparable; the second batch (part "new") in its own.
  first = [d for d in real if d["part"] != "new"]
  second = [d for d in real if d["part"] == "new"]
  asked = ask(first, blotter, tmp / "first")
  if second:
    asked += ask(second, blotter, tmp / "second")
  by_id = {d["id"]: d for d in real}
  stats = {}
  lines = {"tuning": [], "heldback": [], "new": []}
  for d, q, r in asked:
    s = stats.setdefault(d["part"], {"n": 0, "found": 0, "unrelated": 0, "qunrel": 0,
                                     "unsupported": 0})
    s["n"] += 1
    if "error" in r:
      s["unsupported"] += 1
      lines[d["part"]].append(f"  not supported {d['id']} {q}: {r['error']}")
      continue
    hits = [h["doc"].rsplit("#", 1)[-1] for h in r["hits"]]
    if d["id"] in hits:
      s["found"] += 1
    else:
      lines[d["part"]].append(f"  not found {d['id']} {q} ({r['total']} hits)")
    bad = [h for h in hits if h != d["id"] and not related(by_id[h], q, parents)]
    s["unrelated"] += len(bad)
    s["qunrel"] += bool(bad)
    for h in bad:
      lines[d["part"]].append(f"  unrelated {h} for {q} (asked of {d['id']})")
  print(f"{'part':9} {'questions':>9} {'found':>7} {'share':>6} {'unrelated hits':>15} "
        f"{'questions with one':>19} {'not supported':>14}")
  tot = {"n": 0, "found": 0, "unrelated": 0, "qunrel": 0, "unsupported": 0}

  def row(name, s):
    print(f"{name:9} {s['n']:>9} {s['found']:>7} {s['found'] / max(1, s['n']):6.3f} "
          f"{s['unrelated']:>15} {s['qunrel']:>19} {s['unsupported']:>14}")
  for part in ("tuning", "heldback"):
    s = stats.get(part, dict(tot))
    for k in tot:
      tot[k] += s.get(k, 0)
    row(part, s)
  row("all", tot)
  # The second batch (part "new", bench/entities/real/batch2.txt): unseen, apart from "all".
  if "new" in stats:
    row("new", stats["new"])
  if verbose:
    print("\nquestion errors (tuning part; the held-back part is not listed):")
    print("\n".join(lines["tuning"]) or "  none")


if __name__ == "__main__":
  main()
