"""Malformed data files: each mistake is reported with the file and the key."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from mgcalc.core.errors import DataFileError
from mgcalc.core.forms_schema import parse_atomic_weights
from mgcalc.core.reference_schema import build_reference_data
from mgcalc.datafiles import read_toml

BAND = {"from_age": 0, "to_age": 121, "label": "all", "kind": "AI", "female": 1, "male": 1,
        "source": "s", "cite": "W 1"}  # fmt: skip
UL = {"from_age": 0, "to_age": 121, "label": "all", "ul": 5, "source": "s", "cite": "W 1"}
STANDARD = {
    "name": "n", "short_name": "n", "authority": "a", "year": 2000, "intake_scope": "i",
    "ul_scope": "u", "ul_scope_source": "s", "ul_scope_cite": "W 1", "sources": ["s"],
    "intake": [BAND], "ul": [UL],
}  # fmt: skip
DOCUMENT: dict[str, Any] = {
    "standards": {"x": STANDARD},
    "notes": {"n": {"text": "t", "brief": "b", "source": "s", "cite": "W 1; W 2"}},
    "citations": {"W 1": "Work one", "W 2": "Work two"},
}


def test_minimal_reference_document_is_valid() -> None:
    standards, notes = build_reference_data(DOCUMENT, "ref.toml")
    assert standards["x"].intake[0].values == {"female": 1.0, "male": 1.0}
    assert notes["n"].text == "t"


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("notes", "n", "cite"), "W 1; W 3", "notes.n.cite cites 'W 3', which [citations] lacks"),
        (("citations", "W 4"), "Work four", "citations.W 4 is cited by nothing"),
        (("standards", "x", "ul", 0, "cite"), KeyError, "ul[0].cite must be a non-empty string"),
        (("notes", "n", "brief"), KeyError, "notes.n.brief must be a non-empty string"),
    ],
)
def test_every_cited_key_is_a_work_and_every_work_is_cited(
    path: tuple[str | int, ...], value: Any, message: str
) -> None:
    with pytest.raises(DataFileError, match=re.escape(message)):
        build_reference_data(_broken(path, value), "ref.toml")


def _broken(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    document = copy.deepcopy(DOCUMENT)
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return document


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        (("standards",), {}, "[standards] must be a non-empty table"),
        (("notes",), [], "[notes] must be a table"),
        (("notes", "n"), "text", "notes.n must be a table"),
        (("notes", "n", "text"), "", "notes.n.text must be a non-empty string"),
        (("standards", "x"), 3, "standards.x must be a table"),
        (("standards", "x", "colour"), 1, "unknown key 'colour'"),
        (("standards", "x", "sources"), [], "sources must be a non-empty list"),
        (("standards", "x", "year"), "1997", "year must be a whole number"),
        (("standards", "x", "intake"), {}, "must be a list of tables"),
        (("standards", "x", "intake", 0, "to_age"), 0, "ends before it starts"),
        (("standards", "x", "intake", 0, "to_age"), 100, "it must reach 121"),
        (("standards", "x", "intake", 0, "female"), KeyError, "both a female and a male value"),
        (("standards", "x", "intake", 0, "kind"), "DV", "must be 'RDA' or 'AI'"),
        (("standards", "x", "intake", 0, "female"), float("nan"), "female must be a number"),
        (("standards", "x", "intake", 0, "female"), True, "female must be a number"),
        (("standards", "x", "ul", 0, "ul"), KeyError, "has no ul, so it needs a note"),
        (("standards", "x", "ul", 0, "source"), "", "ul[0].source must be a non-empty string"),
    ],
)
def test_broken_reference_document(path: tuple[str | int, ...], value: Any, fragment: str) -> None:
    document = _broken(path, value)
    with pytest.raises(DataFileError) as caught:
        build_reference_data(document, "ref.toml")
    assert caught.value.message.startswith("ref.toml: ")
    assert fragment in caught.value.message


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ({}, "[weights] must be a table that includes Mg"),
        ({"weights": {"O": 16}}, "[weights] must be a table that includes Mg"),
        ({"weights": {"Mg": 24.305, "O": -1}}, "weights.O must be a finite number above 0"),
        ({"weights": {"Mg": True}}, "weights.Mg must be a number"),
    ],
)
def test_broken_atomic_weights(document: dict[str, Any], fragment: str) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_atomic_weights(document, "elements.toml")
    assert caught.value.message == f"elements.toml: {fragment}"


def test_unreadable_toml_files(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="is a directory"):
        read_toml(str(tmp_path))
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'name = "\xff"\n')
    with pytest.raises(DataFileError, match="not valid UTF-8"):
        read_toml(str(bad))
    with pytest.raises(DataFileError, match="cannot read"):
        read_toml(str(bad / "inside"))


def test_a_band_with_no_value_at_all_needs_a_note() -> None:
    document = copy.deepcopy(DOCUMENT)
    band = document["standards"]["x"]["intake"][0]
    del band["female"], band["male"]
    with pytest.raises(DataFileError, match="has no value, so it needs a note"):
        build_reference_data(document, "ref.toml")
    band["note"] = "none set"
    build_reference_data(document, "ref.toml")
