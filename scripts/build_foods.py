"""Build data/foods.tsv from the USDA SR28 source files (FOOD_DES, NUT_DATA nutrient 304,
WEIGHT), each checked against its sha256 first.

    python scripts/build_foods.py PATH/TO/sr28            # writes data/foods.tsv
    python scripts/build_foods.py PATH/TO/sr28 --check    # exits 1 if data/foods.tsv differs

The table keeps every food: its NDB number, its description, its magnesium in mg per 100 g as
SR28 gives it (empty where SR28 has no figure: unknown, never 0), and its household portions
with their gram weights.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

SOURCES = {
    "FOOD_DES.txt": "a0b39f3ac21703c75c855c35bd8f99df4710db2904a8c351fc5e7f5ed3596b98",
    "NUT_DATA_304.txt": "397ad55c5b3660bfe811a7655eec1efd1870942d97b828809ef7627ac7761710",
    "WEIGHT.txt": "98484d7e26b3803467e65a9ab2ad8094bc94ed0c50375efb7e26a8bd60b1afae",
}
MAGNESIUM = "304"
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "foods.tsv"
HEADER = """\
# Magnesium in foods: USDA National Nutrient Database for Standard Reference, Release 28
# (US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory.
# Version Current: September 2015, slightly revised May 2016). Public domain.
# Built by scripts/build_foods.py from FOOD_DES.txt, NUT_DATA.txt (nutrient 304, magnesium,
# mg per 100 g edible portion) and WEIGHT.txt; do not edit by hand.
# Columns: NDB number, description, mg per 100 g (empty: no figure in SR28), portions
# ("amount unit=grams", separated by "|").
ndb\tdescription\tmg_per_100g\tportions
"""


def fields(line: str) -> list[str]:
    """One SR28 record: caret-separated, text fields within tildes."""
    return [field.strip("~") for field in line.rstrip("\r\n").split("^")]


def read(folder: Path, name: str) -> list[list[str]]:
    data = (folder / name).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SOURCES[name]:
        raise SystemExit(f"{name}: sha256 {digest} is not the release's {SOURCES[name]}")
    return [fields(line) for line in data.decode("latin-1").splitlines() if line.strip()]


def clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("|", "/").split())


def build(folder: Path) -> str:
    magnesium = {row[0]: row[2] for row in read(folder, "NUT_DATA_304.txt") if row[1] == MAGNESIUM}
    portions: dict[str, list[str]] = defaultdict(list)
    for row in read(folder, "WEIGHT.txt"):
        ndb, _, amount, unit, grams = row[:5]
        portions[ndb].append(f"{clean(amount)} {clean(unit)}={clean(grams)}")
    lines = [HEADER]
    for row in read(folder, "FOOD_DES.txt"):
        ndb, description = row[0], clean(row[2])
        lines.append(f"{ndb}\t{description}\t{magnesium.get(ndb, '')}\t{'|'.join(portions[ndb])}\n")
    return "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", type=Path, help="the folder of the SR28 source files")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    options = parser.parse_args()
    table = build(options.sources)
    if options.check:
        if OUTPUT.read_text(encoding="utf-8") != table:
            sys.exit(f"{OUTPUT} differs from what {options.sources} builds")
        return
    OUTPUT.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
