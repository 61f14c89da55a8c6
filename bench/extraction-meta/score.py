#!/usr/bin/env python3
"""Score blotter's and trafilatura's headline, published date and byline against labels.json.

Usage: score.py LABELS SHARED_DIR BLOTTER_JSONL [--show-held-back]

Runs trafilatura (extract_metadata, the same call its extract() uses) on each labelled page in
this process; reads blotter's values from BLOTTER_JSONL (`blotter extract --json` over the same
pages). Prints, per set and for the tuning / held-back parts, the share exactly right for each
field and tool, then the errors. Errors on held-back pages are listed only with --show-held-back
(do not look at them while tuning rules). The normalisation is the one README.md states.
"""
import gzip
import json
import os
import re
import sys
import unicodedata

import trafilatura
from trafilatura.metadata import extract_metadata

FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"',
                      "„": '"', "″": '"', "–": "-", "—": "-", "‑": "-", "−": "-",
                      "\u00a0": " "})


def norm_text(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", s).translate(FOLD).replace("…", "...")
    s = re.sub(r"[\u0080-\u009f\u200b-\u200f\ufeff]", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s or None


def norm_byline(s):
    s = norm_text(s)
    if s is None:
        return None
    names = re.split(r"\s*(?:,|;|&|\band\b)\s*", s.lower())
    return frozenset(n.strip() for n in names if n.strip())


def right(field, label, value):
    if field == "date":
        got = (value or "")[:10] or None
        if label["date"] is None:
            return got is None
        return got in {label["date"], label.get("date_alt")}
    if field == "title":
        return norm_text(label["title"]) == norm_text(value)
    want = norm_byline(label["byline"])
    return want == norm_byline(value)


def trafilatura_meta(html):
    doc = extract_metadata(html)
    if doc is None:
        return {"title": None, "date": None, "byline": None}
    return {"title": doc.title, "date": doc.date, "byline": doc.author}


def main():
    labels_path, shared, blotter_path = sys.argv[1:4]
    show_held = "--show-held-back" in sys.argv
    labels = json.load(open(labels_path, encoding="utf-8"))
    blotter = {}
    for line in open(blotter_path, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        rec = json.loads(line)
        key = os.path.basename(rec["path"])[: -len(".html.gz")]
        blotter[key] = {"title": rec.get("title"), "date": rec.get("date"),
                        "byline": rec.get("byline")}
    results = []  # (label, tool, values)
    for lab in labels:
        path = os.path.join(shared, lab["set"], "html", lab["id"] + ".html.gz")
        html = gzip.decompress(open(path, "rb").read()).decode("utf-8", errors="replace")
        tools = {"blotter": blotter.get(lab["id"], {"title": None, "date": None, "byline": None}),
                 "trafilatura": trafilatura_meta(html)}
        results.append((lab, tools))

    fields = ["title", "date", "byline"]
    groups = []
    for s in ["extraction-bench", "extraction-dev", None]:
        for part in ["tuning", "held-back", None]:
            groups.append((s, part))
    print(f"trafilatura {trafilatura.__version__}; share exactly right "
          f"(blotter / trafilatura)")
    print(f"{'set':<18} {'part':<10} {'pages':>5}  " + "  ".join(f"{f:>15}" for f in fields))
    for s, part in groups:
        rows = [(lab, tools) for lab, tools in results
                if (s is None or lab["set"] == s) and (part is None or lab["part"] == part)]
        if not rows:
            continue
        cells = []
        for f in fields:
            b = sum(right(f, lab, t["blotter"][f]) for lab, t in rows) / len(rows)
            tr = sum(right(f, lab, t["trafilatura"][f]) for lab, t in rows) / len(rows)
            cells.append(f"{b:6.1%} / {tr:6.1%}")
        print(f"{s or 'both':<18} {part or 'all':<10} {len(rows):>5}  " + "  ".join(cells))

    print("\n== errors (label → blotter | trafilatura)")
    for f in fields:
        for lab, tools in results:
            if lab["part"] == "held-back" and not show_held:
                continue
            b_ok = right(f, lab, tools["blotter"][f])
            t_ok = right(f, lab, tools["trafilatura"][f])
            if b_ok and t_ok:
                continue
            mark = ("B" if not b_ok else "-") + ("T" if not t_ok else "-")
            print(f"{f:<6} {mark} {lab['set'][11:]:<5} {lab['id'][:10]:<10} "
                  f"{lab[f]!r} → {tools['blotter'][f]!r} | {tools['trafilatura'][f]!r}")
    if not show_held:
        print("(held-back pages' errors not shown; pass --show-held-back to list them)")


if __name__ == "__main__":
    main()
