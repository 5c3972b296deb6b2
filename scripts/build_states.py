"""One-off generator for ``src/geobrief/knowledge/actors/states.yaml``.

Names come from pycountry (ISO 3166-1 and ISO 3166-3) and country_converter (short and official
names, UN membership); the tables below are the hand decisions (which names a news reader uses,
which names are too ambiguous to be aliases, which historical states to keep). Demonyms, capitals and
seats of power are hand data in ``states_extra.yaml``, which the loader merges over this file, so
re-running this script never loses them.

    .venv/bin/python scripts/build_states.py            # rewrite states.yaml
    .venv/bin/python scripts/build_states.py --check    # exit 1 if states.yaml is stale
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from typing import Any

import country_converter as coco
import pycountry
import yaml

OUT = Path(__file__).resolve().parents[1] / "src" / "geobrief" / "knowledge" / "actors" / "states.yaml"

# Non-members the project treats as states: the two UN observer states, Taiwan and Kosovo.
EXTRA_STATES = ("VAT", "PSE", "TWN", "XKX")

# The common English name where it differs from both sources' short names.
COMMON_NAME = {
    "BRN": "Brunei",
    "CIV": "Ivory Coast",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CPV": "Cape Verde",
    "CZE": "Czech Republic",
    "FSM": "Micronesia",
    "KNA": "Saint Kitts and Nevis",
    "LCA": "Saint Lucia",
    "STP": "Sao Tome and Principe",
    "TLS": "East Timor",
    "TUR": "Turkey",
    "VAT": "Holy See",
    "VCT": "Saint Vincent and the Grenadines",
}

# Names the sources give that are ambiguous, contested or not English usage: never aliases.
DROP = {
    "Congo",  # both Congos
    "Congo, The Democratic Republic of the",
    "Taiwan, Province of China",
    "Korea",
    "Micronesia, Fed. Sts.",
    "Republic of China",  # added by hand with care in states_extra.yaml
}

# Historical states kept (ISO 3166-3 code, or the customary code where ISO never had one):
# (name, aliases, first year, last year). Years are when the state existed, not the ISO dates.
HISTORICAL: dict[str, tuple[str, list[str], int, int]] = {
    "SUN": ("Soviet Union", ["Union of Soviet Socialist Republics", "USSR", "U.S.S.R."], 1922, 1991),
    "DDR": ("East Germany", ["German Democratic Republic", "GDR"], 1949, 1990),
    "YUG": (
        "Yugoslavia",
        ["Socialist Federal Republic of Yugoslavia", "Federal Republic of Yugoslavia", "SFRY", "FRY"],
        1918,
        2003,
    ),
    "CSK": ("Czechoslovakia", ["Czechoslovak Socialist Republic", "Czech and Slovak Federative Republic"], 1918, 1992),
    "SCG": ("Serbia and Montenegro", ["State Union of Serbia and Montenegro"], 2003, 2006),
    "VDR": ("North Vietnam", ["Democratic Republic of Vietnam", "Democratic Republic of Viet-Nam"], 1945, 1976),
    "RVN": ("South Vietnam", ["Republic of Vietnam", "Republic of Viet-Nam"], 1955, 1975),
    "YMD": ("South Yemen", ["People's Democratic Republic of Yemen", "PDRY"], 1967, 1990),
    "ZAR": ("Zaire", ["Republic of Zaire"], 1971, 1997),
    "RHO": ("Rhodesia", ["Southern Rhodesia", "Republic of Rhodesia"], 1965, 1979),
    "DHY": ("Dahomey", ["Republic of Dahomey"], 1960, 1975),
    "HVO": ("Upper Volta", ["Republic of Upper Volta"], 1960, 1984),
}


def _coco_rows() -> list[dict[str, str]]:
    """country_converter's table; read directly if its pandas loader chokes (Namibia's "NA" → NaN)."""
    try:
        data = coco.CountryConverter(include_obsolete=True).data
        return [{k: ("" if v != v or v is None else str(v)) for k, v in r.items()} for r in data.to_dict("records")]
    except (TypeError, ValueError):
        path = Path(coco.__file__).parent / "country_data.tsv"
        with path.open(encoding="utf-8") as fh:
            return list(csv.DictReader(fh, delimiter="\t"))


def _uninvert(name: str) -> str:
    """ "Korea, Republic of" → "Republic of Korea"; "Palestine, State of" → "State of Palestine"."""
    m = re.fullmatch(r"(.+?), (?:the |The )?(.+ (?:of|of the))", name)
    if m:
        head, tail = m.groups()
        return f"{tail} {head}"
    return name


def _clean(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"\s*\((?:former)\)", "", name).strip()
    if name.lower().startswith("the "):
        name = name[4:]
    if name in DROP:
        return None
    name = _uninvert(name)
    if "," in name or "(" in name or name in DROP:
        return None
    return name


def build() -> list[dict[str, Any]]:
    """One entry per state, sorted by id: current states first, then historical ones."""
    rows = {r["ISO3"]: r for r in _coco_rows() if r.get("ISO3")}
    wanted = sorted(code for code, r in rows.items() if r.get("UNmember")) + list(EXTRA_STATES)
    entries: list[dict[str, Any]] = []
    for code in sorted(set(wanted)):
        row = rows[code]
        pc = pycountry.countries.get(alpha_3=code)
        raw = [
            row.get("name_short"),
            row.get("name_official"),
            getattr(pc, "common_name", None),
            getattr(pc, "name", None),
            getattr(pc, "official_name", None),
        ]
        names = [n for n in (_clean(x) for x in raw) if n]
        name = COMMON_NAME.get(code) or names[0]
        aliases = sorted({n for n in names if n != name})
        entries.append({"id": code, "name": name, "aliases": aliases, "historical": False})
    for code, (name, aliases, first, last) in sorted(HISTORICAL.items()):
        hc = pycountry.historic_countries.get(alpha_3=code)
        row = rows.get(code, {})
        found = [_clean(row.get("name_official")), _clean(getattr(hc, "name", None))]
        more = {n for n in found if n and n != name}
        entries.append(
            {
                "id": code,
                "name": name,
                "aliases": sorted(set(aliases) | more),
                "historical": True,
                "valid_from": first,
                "valid_until": last,
            }
        )
    return entries


def render(entries: list[dict[str, Any]]) -> str:
    header = (
        "# GENERATED by scripts/build_states.py from pycountry + country_converter: do not edit by hand.\n"
        "# Hand-curated demonyms, capitals, seats of power and extra aliases live in states_extra.yaml.\n"
    )
    body = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)
    return header + body


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report whether states.yaml is up to date")
    args = ap.parse_args(argv)
    text = render(build())
    if args.check:
        stale = not OUT.exists() or OUT.read_text(encoding="utf-8") != text
        print("states.yaml is stale" if stale else "states.yaml is up to date")
        return int(stale)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count('- id: ')} states)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
