#!/usr/bin/env python3
"""The pages labelled for the metadata bench, chosen by a hash of the page id (not by hand).

From each set, the 75 pages whose sha256("blotter-meta:" + id) is smallest. A page is
held back (never used for tuning) when int(sha256("blotter-meta-holdout:" + id)) % 3 == 0.

Usage: sample.py SHARED_DIR  → prints "set id part" lines.
"""
import hashlib
import os
import sys

SETS = ["extraction-bench", "extraction-dev"]
PER_SET = 75


def h(prefix, page_id):
    return hashlib.sha256((prefix + page_id).encode()).hexdigest()


def held_back(page_id):
    return int(h("blotter-meta-holdout:", page_id), 16) % 3 == 0


def sample(shared):
    for s in SETS:
        ids = sorted(n[: -len(".html.gz")] for n in os.listdir(os.path.join(shared, s, "html"))
                     if n.endswith(".html.gz"))
        for page_id in sorted(ids, key=lambda i: h("blotter-meta:", i))[:PER_SET]:
            yield s, page_id, "held-back" if held_back(page_id) else "tuning"


if __name__ == "__main__":
    for s, page_id, part in sample(sys.argv[1] if len(sys.argv) > 1 else "../shared"):
        print(s, page_id, part)
