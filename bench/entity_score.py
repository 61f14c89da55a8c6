#!/usr/bin/env python3
"""Score entity predictions against the gold set; print per-kind precision and recall.

Matching (stated in bench/README.md):
  overlap — a predicted mention matches a gold mention of the same kind in the same field of the
            same article when their byte spans overlap; each gold and each predicted mention is
            used at most once (pairs taken greedily by largest overlap). Used for both systems.
  strict  — as overlap, but the spans must be equal and the canonical name must match (figures:
            the noun lemma and the normalised value). Only blotter produces canonical names.

usage: entity_score.py GOLD.json NAME=PRED.jsonl [NAME=PRED.jsonl ...]
"""
import json, sys
from collections import defaultdict

KINDS = ["unit", "place", "officer", "figure"]


def load_preds(path):
  preds = defaultdict(list)
  for line in open(path):
    if line.strip():
      p = json.loads(line)
      doc = p["file"].rsplit("/", 1)[-1].removesuffix(".txt")
      preds[(doc, p["field"])].append(p)
  return preds


def strict_ok(g, p):
  if (g["start"], g["end"]) != (p["start"], p["end"]) or g["canonical"] != p.get("canonical"):
    return False
  if "value" in g:
    v = (p.get("figure") or {}).get("value")
    return v is not None and abs(v - g["value"]) <= 1e-6 * max(1, abs(g["value"]))
  return True


def score(gold, preds, strict):
  tp_p = defaultdict(int); n_p = defaultdict(int); tp_g = defaultdict(int); n_g = defaultdict(int)
  errors = []
  for d in gold:
    for field in ("title", "body"):
      gs = [g for g in d["entities"] if g["field"] == field]
      ps = preds.get((d["id"], field), [])
      for g in gs: n_g[g["kind"]] += 1
      for p in ps: n_p[p["kind"]] += 1
      pairs = []
      for gi, g in enumerate(gs):
        for pi, p in enumerate(ps):
          if g["kind"] != p["kind"]:
            continue
          ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
          if ov > 0 and (not strict or strict_ok(g, p)):
            pairs.append((ov, gi, pi))
      pairs.sort(reverse=True)
      ug, up = set(), set()
      for ov, gi, pi in pairs:
        if gi in ug or pi in up:
          continue
        ug.add(gi); up.add(pi)
        tp_g[gs[gi]["kind"]] += 1; tp_p[ps[pi]["kind"]] += 1
      text = d["title"] if field == "title" else d["text"]
      for gi, g in enumerate(gs):
        if gi not in ug:
          errors.append(f"  miss {d['id']} {g['kind']:7} {g['surface']!r} ({g['canonical']})")
      for pi, p in enumerate(ps):
        if pi not in up:
          surf = text.encode()[p["start"]:p["end"]].decode(errors="replace")
          errors.append(f"  extra {d['id']} {p['kind']:7} {surf!r} ({p.get('canonical', p.get('label'))})")
  res = {}
  for k in KINDS:
    P = tp_p[k] / n_p[k] if n_p[k] else 0.0
    R = tp_g[k] / n_g[k] if n_g[k] else 0.0
    res[k] = (P, R, n_g[k], n_p[k])
  return res, errors


def main():
  gold = json.load(open(sys.argv[1]))
  systems = []
  verbose = "--errors" in sys.argv
  for arg in sys.argv[2:]:
    if arg.startswith("--"):
      continue
    name, path = arg.split("=", 1)
    preds = load_preds(path)
    systems.append((name + " overlap", score(gold, preds, False)))
    if name == "blotter":
      systems.append((name + " strict", score(gold, preds, True)))
  head = f"{'kind':8} {'gold':>5} | " + " | ".join(f"{n:^21}" for n, _ in systems)
  print(head)
  print(f"{'':8} {'':>5} | " + " | ".join(f"{'P':>6} {'R':>6} {'pred':>6} " for _ in systems))
  print("-" * len(head))
  for k in KINDS:
    row = f"{k:8} {systems[0][1][0][k][2]:>5} | "
    row += " | ".join(f"{r[k][0]:6.3f} {r[k][1]:6.3f} {r[k][3]:>6} " for _, (r, _) in systems)
    print(row)
  if verbose:
    for name, (_, errs) in systems:
      print(f"\n{name} errors:")
      print("\n".join(errs) or "  none")


if __name__ == "__main__":
  main()
