#!/usr/bin/env python3
"""Pair precision and recall of blotter's story grouping on bench/stories (issue 13).

Reads pairs.tsv (labels, parts), the index's pair dump (`blotter stories --pairs`) and the
extracted texts (`blotter extract --json`), and prints, for the tuning and held-back parts
separately:

- blotter: the index's stories (LSH candidates, the committed threshold);
- a sweep of the containment threshold, over LSH candidates and over all pairs (no buckets),
  each grouped by connected components as blotter groups;
- a brute-force baseline: exact Jaccard similarity of word 4-shingles over all pairs (no
  MinHash, no buckets, no vetoes), thresholded and grouped the same way.

Usage: evaluate.py PAIRS.TSV PAIRDUMP.JSONL EXTRACT.JSONL [--json OUT]
"""
import json
import re
import sys
from collections import defaultdict

WINDOW = 14
MIN_SHINGLES = 5
JACCARD_MIN = 0.2
CHOSEN = 0.7


def read_labels(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if not line.strip():
                continue
            cells = dict(zip(header, line.rstrip("\n").split("\t")))
            rows.append((cells["a"], cells["b"], cells["label"] == "same", cells["part"],
                         cells.get("kind", "")))
    return rows


def components(ids, edges):
    parent = {i: i for i in ids}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {i: find(i) for i in ids}


def score(labels, story, part):
    tp = fp = fn = tn = 0
    missed, wrong = [], []
    for a, b, same, p, kind in labels:
        if p != part:
            continue
        if a not in story or b not in story:
            # A document blotter did not index counts as a story of its own.
            pred = False
        else:
            pred = story[a] == story[b]
        if same and pred:
            tp += 1
        elif same:
            fn += 1
            missed.append((a, b, kind))
        elif pred:
            fp += 1
            wrong.append((a, b, kind))
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall,
            "missed": missed, "wrong": wrong}


def rule(p, threshold, use_candidates):
    if use_candidates and not p["candidate"]:
        return False
    if p["days"] is not None and p["days"] > WINDOW:
        return False
    if p["shingles"] < MIN_SHINGLES:
        return False
    if p["containment"] < threshold:
        return False
    if not (p["jaccard"] >= JACCARD_MIN or p["keyed"]):
        return False
    return not p["vetoed"]


WORD = re.compile(r"[0-9a-z£%]+(?:[.,'][0-9a-z]+)*")


def shingles(text, w=4):
    words = WORD.findall(text.lower())
    if len(words) < w:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + w]) for i in range(len(words) - w + 1)}


def main():
    args = sys.argv[1:]
    out_json = None
    if "--json" in args:
        k = args.index("--json")
        out_json = args[k + 1]
        del args[k:k + 2]
    labels_path, dump_path, extract_path = args
    labels = read_labels(labels_path)
    pairs = [json.loads(l) for l in open(dump_path, encoding="utf-8") if l.strip()]
    ids = set()
    for p in pairs:
        ids.add(p["a"])
        ids.add(p["b"])
    texts = {}
    dates = {}
    for l in open(extract_path, encoding="utf-8"):
        if l.strip():
            d = json.loads(l)
            texts[d["id"]] = d.get("text") or ""
            dates[d["id"]] = d.get("date")
    ids |= set(texts) & ids

    parts = ["tuning", "heldback"]
    result = {}

    # blotter as indexed.
    index_story = components(ids, [(p["a"], p["b"]) for p in pairs if p["story"]])
    result["blotter"] = {part: score(labels, index_story, part) for part in parts}

    # Sweep: containment thresholds, LSH candidates vs all pairs.
    sweep = []
    for t in [0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]:
        row = {"threshold": t}
        for name, cand in (("lsh", True), ("all_pairs", False)):
            story = components(ids, [(p["a"], p["b"]) for p in pairs if rule(p, t, cand)])
            row[name] = {part: score(labels, story, part) for part in parts}
        sweep.append(row)
    result["sweep"] = sweep

    # Brute force: exact Jaccard of word 4-shingles over all pairs, no vetoes, no buckets.
    sets = {i: shingles(texts.get(i, "")) for i in ids}
    order = sorted(ids)
    exact = {}
    for x in range(len(order)):
        a = sets[order[x]]
        for y in range(x + 1, len(order)):
            b = sets[order[y]]
            if not a or not b:
                continue
            inter = len(a & b)
            if inter:
                exact[(order[x], order[y])] = inter / len(a | b)
    brute = []
    for t in [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]:
        story = components(ids, [k for k, v in exact.items() if v >= t])
        brute.append({"threshold": t, **{part: score(labels, story, part) for part in parts}})
    result["brute_force_jaccard"] = brute

    def fmt(s):
        return (f"P {s['precision']:.3f} R {s['recall']:.3f} "
                f"(tp {s['tp']} fp {s['fp']} fn {s['fn']} tn {s['tn']})")

    n = {part: sum(1 for l in labels if l[3] == part) for part in parts}
    print(f"bench/stories: {len(ids)} documents indexed, {len(pairs)} pairs of them; "
          f"labelled pairs: tuning {n['tuning']}, held back {n['heldback']}")
    print()
    print("blotter (LSH candidates, containment >= %.2f, Jaccard >= %.2f or same headline/lead, "
          "vetoes, %d-day window):" % (CHOSEN, JACCARD_MIN, WINDOW))
    for part in parts:
        print(f"  {part:9} {fmt(result['blotter'][part])}")
    print()
    print("containment threshold sweep (pairs grouped by connected components):")
    print(f"  {'t':>5}  {'part':9} {'LSH candidates':48} {'all pairs (no buckets)':48}")
    for row in sweep:
        for part in parts:
            print(f"  {row['threshold']:5.2f}  {part:9} {fmt(row['lsh'][part]):48} "
                  f"{fmt(row['all_pairs'][part]):48}")
    print()
    print("LSH recall loss against all pairs (same rule), at the chosen threshold:")
    chosen = next(r for r in sweep if abs(r["threshold"] - CHOSEN) < 1e-9)
    for part in parts:
        a = chosen["all_pairs"][part]["recall"]
        b = chosen["lsh"][part]["recall"]
        loss = (a - b) / a if a else 0.0
        print(f"  {part:9} all pairs R {a:.3f}, LSH R {b:.3f}: loss {100 * loss:.1f}%")
    print()
    print("brute-force exact Jaccard of word 4-shingles, all pairs, no vetoes:")
    for row in brute:
        for part in parts:
            print(f"  J >= {row['threshold']:.1f}  {part:9} {fmt(row[part])}")
    print()
    for part in parts:
        s = result["blotter"][part]
        if s["missed"]:
            print(f"blotter misses ({part}):")
            for a, b, kind in s["missed"]:
                print(f"  {kind:24} {a}  {b}")
        if s["wrong"]:
            print(f"blotter joins wrongly ({part}):")
            for a, b, kind in s["wrong"]:
                print(f"  {kind:24} {a}  {b}")
    if out_json:
        with open(out_json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
