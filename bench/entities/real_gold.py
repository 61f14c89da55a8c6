#!/usr/bin/env python3
"""Turn the marked-up real articles into real.json with UTF-8 byte offsets and questions.

Input:  bench/entities/real/articles.txt and batch2.txt (format: bench/entities/real/README.md)
Output: bench/entities/real/real.json — a list of
          {"id", "part", "url", "source", "date", "title", "text", "entities", "questions"}
        `part` of an article of articles.txt is "tuning" or "heldback": it is held back when the
        first 8 hex digits of the SHA-1 of its URL, as a number, are divisible by 3 (about a third,
        fixed by the URL). Every article of batch2.txt (labelled after the rules had been tuned on
        the first file) is "new": unseen data, scored apart, never tuned on. Ids run on from the
        first file into the second (r01…r82, r83…).
"""
import hashlib, json, pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
REAL = ROOT / "bench/entities/real"
QUESTION = re.compile(r'^(place|officer|unit|force|figure):("[^"]+"|\S+)$')

# The invented gold sets and this one share the mark-up ([[surface|kind|canonical|value]]).
sys.path.insert(0, str(ROOT / "bench"))
from gold import strip  # noqa: E402


def part_of(url):
  return "heldback" if int(hashlib.sha1(url.encode()).hexdigest()[:8], 16) % 3 == 0 else "tuning"


def parse(raw, first=1, part=None):
  docs = []
  chunks = [c.strip("\n") for c in raw.split("\n===\n")[1:]]
  for n, c in enumerate(chunks, first):
    head, sep, body = c.partition("\n---\n")
    assert sep, f"article {n}: no '---' line"
    meta = {"q": []}
    for line in head.splitlines():
      key, _, val = line.partition(": ")
      if key == "q":
        assert QUESTION.match(val), f"article {n}: bad question {val!r}"
        meta["q"].append(val)
      else:
        meta[key] = val
    for key in ("url", "source", "date"):
      assert key in meta, f"article {n}: no {key}"
    assert len(meta["q"]) == 3, f"article {n}: {len(meta['q'])} questions"
    title, _, text = body.partition("\n\n")
    t, te = strip("title", title)
    b, be = strip("body", text)
    docs.append({"id": f"r{n:02d}", "part": part or part_of(meta["url"]), "url": meta["url"],
                 "source": meta["source"], "date": meta["date"], "title": t, "text": b,
                 "entities": te + be, "questions": meta["q"]})
  return docs


def main():
  docs = parse((REAL / "articles.txt").read_text())
  docs += parse((REAL / "batch2.txt").read_text(), first=len(docs) + 1, part="new")
  urls = [d["url"] for d in docs]
  assert len(set(urls)) == len(urls), "duplicate URL"
  (REAL / "real.json").write_text(json.dumps(docs, indent=1, ensure_ascii=False) + "\n")
  held = [d for d in docs if d["part"] == "heldback"]
  new = [d for d in docs if d["part"] == "new"]
  n = sum(len(d["entities"]) for d in docs)
  kinds = {}
  for d in docs:
    for e in d["entities"]:
      kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
  print(f"{len(docs)} articles ({len(held)} held back, {len(new)} new), {n} entities {kinds}, "
        f"{sum(len(d['questions']) for d in docs)} questions -> bench/entities/real/real.json",
        file=sys.stderr)


if __name__ == "__main__":
  main()
