#!/usr/bin/env python3
"""Score entity predictions against the gold set; print per-kind precision and recall.

Matching (stated in bench/README.md):
  overlap — a predicted mention matches a gold mention of the same kind in the same field of the
            same article when their byte spans overlap; each gold and each predicted mention is
            used at most once (pairs taken greedily by largest overlap). Used for both systems.
  strict  — as overlap, but the spans must be equal and the canonical name must match (figures:
            the noun lemma and the normalised value). Only blotter produces canonical names.

Forces: a gold set with no force labels (the invented sets before forces became a kind) labels
them as units; there (or with `--forces-as-units`) a predicted force is scored as a unit. The real set (bench/entities/real) labels them as `force`. A
system that predicts no force at all is shown as "not supported" for forces, and its unit
predictions that overlap a labelled force are left out (they are forces it cannot name as such,
not wrong units).

usage: entity_score.py GOLD.json NAME=PRED.jsonl [NAME=PRED.jsonl ...]
         [--part tuning|heldback] [--forces-as-units] [--errors]
"""
import json, sys
from collections import defaultdict

KINDS = ["unit", "force", "place", "officer", "figure"]


def load_preds(path, forces_as_units=False):
  preds = defaultdict(list)
  for line in open(path):
    if line.strip():
      p = json.loads(line)
      if forces_as_units and p["kind"] == "force":
        p["kind"] = "unit"
      doc = p["file"].rsplit("/", 1)[-1].removesuffix(".txt")
      preds[(doc, p["field"])].append(p)
  return preds


def drop_unsupported_forces(gold, preds):
  """For a system without forces: its units overlapping a labelled force are not scored."""
  out = defaultdict(list)
  for d in gold:
    for field in ("title", "body"):
      forces = [g for g in d["entities"] if g["field"] == field and g["kind"] == "force"]
      for p in preds.get((d["id"], field), []):
        if p["kind"] == "unit" and any(
            min(g["end"], p["end"]) > max(g["start"], p["start"]) for g in forces):
          continue
        out[(d["id"], field)].append(p)
  return out


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
  args = sys.argv[1:]
  gold = json.load(open(args[0]))
  part = args[args.index("--part") + 1] if "--part" in args else None
  if part:
    gold = [d for d in gold if d.get("part") == part]
  systems = []
  unsupported = set()
  verbose = "--errors" in args
  # A gold set without forces labels them as units (the invented sets before forces were a
  # kind): score predicted forces as units there.
  fau = "--forces-as-units" in args or not any(
    e["kind"] == "force" for d in gold for e in d["entities"])
  for arg in args[1:]:
    if arg.startswith("--") or arg == part or "=" not in arg:
      continue
    name, path = arg.split("=", 1)
    preds = load_preds(path, fau)
    if not fau and not any(p["kind"] == "force" for ps in preds.values() for p in ps):
      preds = drop_unsupported_forces(gold, preds)
      unsupported.add(name)
    systems.append((name + " overlap", score(gold, preds, False)))
    if name == "blotter":
      systems.append((name + " strict", score(gold, preds, True)))
  head = f"{'kind':8} {'gold':>5} | " + " | ".join(f"{n:^21}" for n, _ in systems)
  print(head)
  print(f"{'':8} {'':>5} | " + " | ".join(f"{'P':>6} {'R':>6} {'pred':>6} " for _ in systems))
  print("-" * len(head))
  for k in KINDS:
    if k == "force" and fau:
      continue
    row = f"{k:8} {systems[0][1][0][k][2]:>5} | "
    cells = []
    for name, (r, _) in systems:
      if k == "force" and name.split()[0] in unsupported:
        cells.append(f"{'not supported':^20} ")
      else:
        cells.append(f"{r[k][0]:6.3f} {r[k][1]:6.3f} {r[k][3]:>6} ")
    print(row + " | ".join(cells))
  if verbose:
    for name, (_, errs) in systems:
      print(f"\n{name} errors:")
      print("\n".join(errs) or "  none")


if __name__ == "__main__":
  main()
