"""Building the reference standards and notes from parsed TOML, checked once at load."""

from __future__ import annotations

from collections.abc import Sequence

from mgcalc.core import schema
from mgcalc.core.labels import DailyValue
from mgcalc.core.reference import (
    COVERED_UP_TO_MONTHS,
    IntakeBand,
    Medicine,
    Note,
    Standard,
    UlBand,
)
from mgcalc.core.schema import TomlTable

STANDARD_KEYS = (
    "name",
    "short_name",
    "authority",
    "year",
    "intake_scope",
    "ul_scope",
    "ul_scope_source",
    "ul_scope_cite",
    "sources",
    "intake",
    "ul",
    "ul_counts_fortified",
)
INTAKE_VALUES = ("female", "male", "pregnant", "lactating")
AGE_KEYS = ("from_age", "to_age", "from_months", "to_months")
INTAKE_KEYS = (*AGE_KEYS, "label", "kind", *INTAKE_VALUES, "source", "cite", "note")
UL_KEYS = (*AGE_KEYS, "label", "ul", "source", "cite", "note")
NOTE_KEYS = ("text", "brief", "source", "cite")


def _check_coverage(bands: Sequence[IntakeBand | UlBand], where: str, origin: str) -> None:
    expected_start = 0.0
    for index, band in enumerate(bands):
        if band.from_months != expected_start:
            problem = "a gap" if band.from_months > expected_start else "an overlap"
            raise schema.fail(
                origin,
                f"{where}[{index}]",
                f"starts at {_age(band.from_months)}: {problem} after {_age(expected_start)}",
            )
        if band.to_months <= band.from_months:
            raise schema.fail(origin, f"{where}[{index}]", "ends before it starts")
        expected_start = band.to_months
    if expected_start != COVERED_UP_TO_MONTHS:
        raise schema.fail(
            origin,
            where,
            f"ends at {_age(expected_start)}; it must reach {_age(COVERED_UP_TO_MONTHS)}",
        )


def _age(months: float) -> str:
    return f"{months / 12:g} years" if months % 12 == 0 else f"{months:g} months"


def _intake_band(row: TomlTable, where: str, origin: str) -> IntakeBand:
    schema.known_keys(row, INTAKE_KEYS, where, origin)
    kind = schema.text(row.get("kind"), f"{where}.kind", origin)
    if kind not in ("RDA", "AI"):
        raise schema.fail(origin, f"{where}.kind", "must be 'RDA' or 'AI'")
    values = {
        key: schema.number(row[key], f"{where}.{key}", origin)
        for key in INTAKE_VALUES
        if key in row
    }
    note = schema.optional_text(row.get("note"), f"{where}.note", origin)
    if ("female" in values) != ("male" in values):
        raise schema.fail(origin, where, "needs both a female and a male value, or neither")
    if not values and note is None:
        raise schema.fail(origin, where, "has no value, so it needs a note saying why")
    return IntakeBand(
        *_span(row, where, origin),
        kind,
        values,
        schema.text(row.get("source"), f"{where}.source", origin),
        note,
        schema.text(row.get("cite"), f"{where}.cite", origin),
    )


def _ul_band(row: TomlTable, where: str, origin: str) -> UlBand:
    schema.known_keys(row, UL_KEYS, where, origin)
    note = schema.optional_text(row.get("note"), f"{where}.note", origin)
    ul = schema.optional_number(row.get("ul"), f"{where}.ul", origin)
    if ul is None and note is None:
        raise schema.fail(origin, where, "has no ul, so it needs a note saying why")
    return UlBand(
        *_span(row, where, origin),
        ul,
        schema.text(row.get("source"), f"{where}.source", origin),
        note,
        schema.text(row.get("cite"), f"{where}.cite", origin),
    )


def _span(row: TomlTable, where: str, origin: str) -> tuple[float, float, str]:
    """A band's ages in months (from inclusive, to exclusive), given in years or in months,
    and its label."""
    edges = []
    for end in ("from", "to"):
        if f"{end}_months" in row:
            if f"{end}_age" in row:
                raise schema.fail(origin, where, f"gives both {end}_age and {end}_months")
            edges.append(schema.number(row[f"{end}_months"], f"{where}.{end}_months", origin))
        else:
            edges.append(12 * schema.number(row.get(f"{end}_age"), f"{where}.{end}_age", origin))
    return edges[0], edges[1], schema.text(row.get("label"), f"{where}.label", origin)


def build_standard(key: str, value: object, origin: str) -> Standard:
    where = f"standards.{key}"
    table = schema.table(value, where, origin)
    schema.known_keys(table, STANDARD_KEYS, where, origin)
    intake = tuple(
        _intake_band(row, f"{where}.intake[{i}]", origin)
        for i, row in enumerate(schema.tables(table.get("intake"), f"{where}.intake", origin))
    )
    ul = tuple(
        _ul_band(row, f"{where}.ul[{i}]", origin)
        for i, row in enumerate(schema.tables(table.get("ul"), f"{where}.ul", origin))
    )
    _check_coverage(intake, f"{where}.intake", origin)
    _check_coverage(ul, f"{where}.ul", origin)
    sources = schema.texts(table.get("sources"), f"{where}.sources", origin, required=True)
    return Standard(
        key=key,
        name=schema.text(table.get("name"), f"{where}.name", origin),
        authority=schema.text(table.get("authority"), f"{where}.authority", origin),
        year=schema.whole_number(table.get("year"), f"{where}.year", origin),
        intake_scope=schema.text(table.get("intake_scope"), f"{where}.intake_scope", origin),
        ul_scope=schema.text(table.get("ul_scope"), f"{where}.ul_scope", origin),
        ul_scope_source=schema.text(
            table.get("ul_scope_source"), f"{where}.ul_scope_source", origin
        ),
        sources=sources,
        intake=intake,
        ul=ul,
        ul_counts_fortified="ul_counts_fortified" in table
        and schema.flag(table["ul_counts_fortified"], f"{where}.ul_counts_fortified", origin),
        ul_scope_cite=schema.text(table.get("ul_scope_cite"), f"{where}.ul_scope_cite", origin),
        short_name=schema.text(table.get("short_name"), f"{where}.short_name", origin),
    )


def build_reference_data(
    document: TomlTable, origin: str
) -> tuple[dict[str, Standard], dict[str, Note]]:
    known = ("standards", "notes", "serum", "daily_values", "citations", "medicines")
    schema.known_keys(document, known, "the file", origin)
    standards_table = document.get("standards")
    if not isinstance(standards_table, dict) or not standards_table:
        raise schema.fail(origin, "[standards]", "must be a non-empty table")
    standards = {k: build_standard(k, t, origin) for k, t in standards_table.items()}
    notes_table = document.get("notes", {})
    if not isinstance(notes_table, dict):
        raise schema.fail(origin, "[notes]", "must be a table")
    notes = {}
    for key, value in notes_table.items():
        table = schema.table(value, f"notes.{key}", origin)
        schema.known_keys(table, NOTE_KEYS, f"notes.{key}", origin)
        notes[key] = Note(
            key,
            schema.text(table.get("text"), f"notes.{key}.text", origin),
            schema.text(table.get("source"), f"notes.{key}.source", origin),
            schema.text(table.get("brief"), f"notes.{key}.brief", origin),
            schema.text(table.get("cite"), f"notes.{key}.cite", origin),
        )
    medicines = build_medicines(document, origin)
    _check_cites(standards, notes, medicines, build_citations(document, origin), origin)
    return standards, notes


MEDICINE_KEYS = ("name", "aliases", "spacing", "source", "cite")


def build_medicines(document: TomlTable, origin: str) -> dict[str, Medicine]:
    """The medicines whose labels give a spacing from magnesium ([medicines])."""
    table = schema.table(document.get("medicines", {}), "[medicines]", origin)
    medicines = {}
    for key, value in table.items():
        where = f"medicines.{key}"
        entry = schema.table(value, where, origin)
        schema.known_keys(entry, MEDICINE_KEYS, where, origin)
        medicines[key] = Medicine(
            key,
            schema.text(entry.get("name"), f"{where}.name", origin),
            schema.texts(entry.get("aliases", []), f"{where}.aliases", origin),
            schema.text(entry.get("spacing"), f"{where}.spacing", origin),
            schema.text(entry.get("source"), f"{where}.source", origin),
            schema.text(entry.get("cite"), f"{where}.cite", origin),
        )
    return medicines


def build_citations(document: TomlTable, origin: str) -> dict[str, str]:
    """The works cited ([citations]), by the short keys that tables print."""
    table = schema.table(document.get("citations"), "[citations]", origin)
    return {key: schema.text(text, f"citations.{key}", origin) for key, text in table.items()}


def cite_keys(cite: str) -> list[str]:
    """The keys a `cite` names: 'IOM 1997; OTC oxide label' -> both."""
    return [key.strip() for key in cite.split(";")]


def _check_cites(
    standards: dict[str, Standard],
    notes: dict[str, Note],
    medicines: dict[str, Medicine],
    citations: dict[str, str],
    origin: str,
) -> None:
    """Every key cited is a work of [citations], and every work is cited."""
    cited: dict[str, str] = {}
    for key, standard in standards.items():
        where = f"standards.{key}"
        cited[standard.ul_scope_cite] = f"{where}.ul_scope_cite"
        for index, band in enumerate(standard.intake):
            cited[band.cite] = f"{where}.intake[{index}].cite"
        for index, ul_band in enumerate(standard.ul):
            cited[ul_band.cite] = f"{where}.ul[{index}].cite"
    for key, note in notes.items():
        cited[note.cite] = f"notes.{key}.cite"
    for key, medicine in medicines.items():
        cited[medicine.cite] = f"medicines.{key}.cite"
    used = set()
    for cite, where in cited.items():
        for key in cite_keys(cite):
            if key not in citations:
                raise schema.fail(origin, where, f"cites {key!r}, which [citations] lacks")
            used.add(key)
    unused = sorted(set(citations) - used)
    if unused:
        raise schema.fail(origin, f"citations.{unused[0]}", "is cited by nothing")


def build_daily_values(document: TomlTable, origin: str) -> tuple[DailyValue, ...]:
    """The reference values a label's %DV or %NRV may be of ([[daily_values]])."""
    entries = schema.tables(document.get("daily_values"), "daily_values", origin)
    found = []
    for index, table in enumerate(entries):
        where = f"daily_values[{index}]"
        schema.known_keys(table, ("mg", "of", "applies", "source"), where, origin)
        of = schema.text(table.get("of"), f"{where}.of", origin)
        if of not in ("dv", "nrv"):
            raise schema.fail(origin, f"{where}.of", 'must be "dv" or "nrv"')
        found.append(
            DailyValue(
                schema.number(table.get("mg"), f"{where}.mg", origin, positive=True),
                of,
                schema.text(table.get("applies"), f"{where}.applies", origin),
                schema.text(table.get("source"), f"{where}.source", origin),
            )
        )
    if not found:
        raise schema.fail(origin, "daily_values", "must list at least one value")
    return tuple(found)
