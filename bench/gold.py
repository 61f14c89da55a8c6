#!/usr/bin/env python3
"""Turn the marked-up gold articles into gold.json with UTF-8 byte offsets.

Input:  Tests/AnalysisTests/Entities/Gold/articles.txt, heldout.txt ([[surface|kind|canonical|value]])
Output: Tests/AnalysisTests/Entities/Gold/gold.json, heldout.json
[[text|-]] marks text that is deliberately not an entity (the markup is dropped).
"""
import json, pathlib, re

ROOT = pathlib.Path(__file__).resolve().parents[1]
GOLD = ROOT / "Tests/AnalysisTests/Entities/Gold"
KINDS = {"u": "unit", "F": "force", "p": "place", "o": "officer", "f": "figure"}
MARK = re.compile(r"\[\[([^\]|]+)\|([upoFf-])(?:\|([^\]|]*))?(?:\|([^\]|]*))?\]\]")


def strip(field, marked):
  """Returns plain text and entities with byte offsets into it."""
  out = b""
  ents = []
  pos = 0
  for m in MARK.finditer(marked):
    out += marked[pos:m.start()].encode()
    surface, k, canonical, value = m.group(1), m.group(2), m.group(3), m.group(4)
    start = len(out)
    out += surface.encode()
    pos = m.end()
    if k == "-":
      continue
    e = {"field": field, "kind": KINDS[k], "start": start, "end": len(out), "surface": surface,
         "canonical": canonical or surface}
    if value:
      e["value"] = float(value)
    ents.append(e)
    pos = m.end()
  out += marked[pos:].encode()
  text = out.decode()
  assert "[[" not in text and "]]" not in text, text
  return text, ents


def convert(name, prefix):
  raw = (GOLD / f"{name}.txt").read_text()
  chunks = [c.strip("\n") for c in raw.split("\n===\n")[1:]]
  docs = []
  for n, c in enumerate(chunks, 1):
    title, _, body = c.partition("\n\n")
    t, te = strip("title", title)
    b, be = strip("body", body)
    docs.append({"id": f"{prefix}{n:02d}", "title": t, "text": b, "entities": te + be})
  out = GOLD / ("gold.json" if name == "articles" else f"{name}.json")
  out.write_text(json.dumps(docs, indent=1, ensure_ascii=False) + "\n")
  n = sum(len(d["entities"]) for d in docs)
  print(f"{len(docs)} articles, {n} entities -> {out.relative_to(ROOT)}")


def main():
  convert("articles", "a")
  convert("heldout", "h")


if __name__ == "__main__":
  main()
