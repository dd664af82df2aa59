"""Coverage-guided fuzzing of the item grammar and the arithmetic behind it (atheris).

    pip install atheris && pip install -e . && cp -r fuzz/seeds /tmp/items
    python fuzz/item_parser.py /tmp/items -max_total_time=300   # a crash is a bug

fuzz/seeds holds item lines to start from; libFuzzer adds what it finds to the corpus
folder it is given, hence the copy.

Each input is one item line, as typed or read from a file. It must either give an item
whose numbers are finite and consistent, or raise MgcalcError (which the CLI prints as
one line); anything else, or a wrong number, stops the fuzzer with the input that did it.
"""

from __future__ import annotations

import math
import sys

import atheris

with atheris.instrument_imports():
    import mgcalc
    import mgcalc.api  # the modules behind the API, instrumented

MG_PER_MMOL = mgcalc.load_forms().magnesium_molar_mass


def check_one_line(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        conversion = mgcalc.convert(text)
    except mgcalc.MgcalcError:
        return
    if len(conversion.items) != 1:
        return  # several items in one line: each is checked on its own elsewhere
    (converted,) = conversion.items
    if (converted.compound_mg is None) != (converted.form is None):
        raise AssertionError(f"{text!r}: a compound weight without a compound, or the reverse")
    compound = converted.compound_mg or converted.elemental_mg  # magnesium alone: no compound
    amounts = (
        compound,
        converted.elemental_mg,
        converted.elemental_mmol,
        converted.elemental_meq,
    )
    if not all(math.isfinite(value) and value > 0 for value in amounts):
        raise AssertionError(f"{text!r}: amounts {amounts}")
    if not math.isclose(converted.elemental_mmol * MG_PER_MMOL, converted.elemental_mg):
        raise AssertionError(f"{text!r}: mmol and mg disagree")
    if not math.isclose(converted.elemental_meq, 2 * converted.elemental_mmol):
        raise AssertionError(f"{text!r}: mEq is not twice mmol")
    if converted.elemental_mg > compound * (1 + 1e-12):
        raise AssertionError(f"{text!r}: more magnesium than compound")


def main() -> None:
    atheris.Setup(sys.argv, check_one_line)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
