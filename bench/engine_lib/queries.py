"""The query sets: the same queries for every engine, written in each engine's syntax.

Terms come from the corpus itself: a seeded sample of up to 3,000 of its articles (regenerated
from the generator, which is exact) gives document frequencies, real adjacent word pairs and title
words. Stopwords are never used as query terms, so an engine that drops stopwords is not
penalised.
"""

from __future__ import annotations

import random
import re
from collections import Counter

from .corpus import FIGURE_NOUNS, STOPWORDS, SURNAMES, TOWNS, UNITS, Generator

TYPES = [
  ("rare", "rare term"),
  ("common", "common term top-10"),
  ("and2", "two-term AND"),
  ("or2", "two-term OR"),
  ("phrase", "two-word phrase"),
  ("title", "title field"),
  ("three", "three-term ranked"),
  ("entity", "entity field"),
  ("figure", "figure range"),
]

WORD = re.compile(r"[a-z]+")


def _words(text: str) -> list[str]:
  return [w for w in WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2]


def _stemmer():
  try:
    import snowballstemmer  # Snowball English, as blotter (libstemmer) and tantivy en_stem use

    st = snowballstemmer.stemmer("english")
    cache: dict[str, str] = {}

    def stem(w: str) -> str:
      s = cache.get(w)
      if s is None:
        s = cache[w] = st.stemWord(w)
      return s
    return stem
  except ImportError:  # pragma: no cover
    return lambda w: w


def build(gen: Generator, n_docs: int, per_type: int, seed: int) -> list[dict]:
  rng = random.Random(seed * 101 + 7)
  sample_ids = sorted(rng.sample(range(n_docs), min(n_docs, 3000)))
  arts = [gen.article(i) for i in sample_ids]
  stem = _stemmer()
  df: Counter[str] = Counter()  # document frequency of stems: engines match stems
  by_stem: dict[str, str] = {}
  bodies = []
  vocab_words = set(gen.words)
  for a in arts:
    ws = _words(a["body"])
    bodies.append(ws)
    for w in set(ws):
      s = stem(w)
      df[s] += 1
      if w in vocab_words:  # corpus words, not entity names
        by_stem.setdefault(s, w)
  ranked = [by_stem[s] for s, _ in df.most_common() if s in by_stem]
  common = ranked[20:400]
  # rare: the word's stem is in one sampled article (~N/3000 articles of the corpus)
  rare = [by_stem[s] for s, c in df.items() if c == 1 and s in by_stem]
  single_towns = [t for c in TOWNS.values() for t in c if re.fullmatch(r"[A-Za-z]+", t)]

  def from_doc(k: int) -> list[str]:
    while True:
      ws = list(dict.fromkeys(w for w in rng.choice(bodies) if w in vocab_words))
      if len(ws) >= k:
        return rng.sample(ws, k)

  def phrase() -> tuple[str, str]:
    while True:
      body = rng.choice(arts)["body"]
      sents = re.split(r"[.,;:!?\"'()\n]", body)
      s = rng.choice(sents).split()
      if len(s) < 2:
        continue
      j = rng.randrange(len(s) - 1)
      a, b = s[j], s[j + 1]
      if (re.fullmatch(r"[A-Za-z]+", a) and re.fullmatch(r"[A-Za-z]+", b)
          and a.lower() not in STOPWORDS and b.lower() not in STOPWORDS):
        return a.lower(), b.lower()

  out: list[dict] = []

  def add(t: str, blotter: str, tantivy: dict, fts5: str | None, peer_note: str = "") -> None:
    out.append({"type": t, "blotter": blotter, "tantivy": tantivy, "fts5": fts5, "note": peer_note})

  for _ in range(per_type):
    w = rng.choice(rare)
    add("rare", w, {"q": w}, f'"{w}"')
  for _ in range(per_type):
    w = rng.choice(common)
    add("common", w, {"q": w}, f'"{w}"')
  for _ in range(per_type):
    a, b = from_doc(2)
    add("and2", f"{a} {b}", {"q": f"{a} {b}"}, f'"{a}" "{b}"')
  for _ in range(per_type):
    a, b = from_doc(2)
    add("or2", f"{a} OR {b}", {"q": f"{a} OR {b}"}, f'"{a}" OR "{b}"')
  for _ in range(per_type):
    a, b = phrase()
    add("phrase", f'"{a} {b}"', {"q": f'"{a} {b}"'}, f'"{a} {b}"')
  for _ in range(per_type):
    while True:
      tw = [w for w in _words(rng.choice(arts)["title"]) if w in vocab_words]
      if tw:
        break
    w = rng.choice(tw)
    add("title", f"title:{w}", {"q": f"title:{w}"}, f'title:"{w}"')
  for _ in range(per_type):
    a, b, c = from_doc(3)
    add("three", f"{a} {b} {c}", {"q": f"{a} {b} {c}"}, f'"{a}" "{b}" "{c}"')
  for k in range(per_type):
    kind = k % 3
    if kind == 0:
      v = rng.choice(UNITS)[0]
      add("entity", f"unit:{v}", {"q": v}, f'"{v}"', "plain term")
    elif kind == 1:
      v = rng.choice(single_towns)
      add("entity", f"place:{v}", {"q": v}, f'"{v}"', "plain term")
    else:
      v = rng.choice(SURNAMES)
      add("entity", f"officer:{v}", {"q": v}, f'"{v}"', "plain term")
  for _ in range(per_type):
    noun = rng.choice(FIGURE_NOUNS)
    thr = int(gen._fig(rng, noun) * rng.uniform(1.0, 4.0))
    add("figure", f"figure:{noun}>{thr}", {"range": [f"fig_{noun}", thr]}, None,
        "tantivy: i64 range on extracted figures; FTS5: n/a")
  return out
