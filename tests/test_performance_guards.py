"""Deterministic guards for speed (no timings here: the benchmark in benchmarks/ is for people)."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import mgcalc.datafiles
import mgcalc.unit_parser

from helpers import run

LAUNCH = """
import sys
sys.argv = ["mgcalc", *sys.argv[1:]]
from mgcalc.launcher import main
main()
sys.stdout.flush()
loaded = sorted({m.split('.')[0] for m in sys.modules} & {'click', 'pint', 'rich', 'tomllib'})
sys.stderr.write('MODULES=' + ','.join(loaded) + '\\n')
"""


def test_version_through_the_entry_point_loads_not_even_click() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LAUNCH, "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("mgcalc ")
    assert result.stderr.strip() == "MODULES="


def test_forms_data_is_parsed_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = mgcalc.datafiles.read_builtin

    def counting(name: str) -> dict[str, Any]:
        calls.append(name)
        return real(name)

    monkeypatch.setattr(mgcalc.datafiles, "read_builtin", counting)
    mgcalc.datafiles.catalogue.cache_clear()
    mgcalc.datafiles.reference_data.cache_clear()
    try:
        for _ in range(3):
            assert (
                run("500", "mg", "glycinate", "1", "g", "oxide", "--format", "json").exit_code == 0
            )
            assert run("check", "1", "g", "oxide", "--age", "30").exit_code == 0
    finally:
        mgcalc.datafiles.catalogue.cache_clear()
        mgcalc.datafiles.reference_data.cache_clear()
    assert calls.count("forms.toml") == 1
    assert calls.count("reference.toml") == 1


@pytest.mark.parametrize("name", ["elements.toml", "forms.toml", "reference.toml"])
def test_json_copies_in_an_installed_wheel_equal_the_toml(name: str) -> None:
    copy = Path(mgcalc.datafiles.data_path(name + ".json"))
    if not copy.exists():
        pytest.skip("editable install: no JSON copies (CI installs the wheel)")
    toml_document = mgcalc.datafiles.read_toml(mgcalc.datafiles.data_path(name))
    assert json.loads(copy.read_text(encoding="utf-8")) == toml_document


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], []])
def test_help_from_an_installed_wheel_loads_not_even_click(args: list[str]) -> None:
    from mgcalc.launcher import HELP_DIR

    if not Path(HELP_DIR, "mgcalc.txt").exists():
        pytest.skip("editable install: no pre-rendered help (CI installs the wheel)")
    result = subprocess.run(
        [sys.executable, "-c", LAUNCH, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
        check=True,
    )
    assert result.stdout.startswith("Usage: mgcalc ")
    assert result.stderr.strip() == "MODULES="


@pytest.mark.parametrize("output_format", ["csv", "jsonl", "json"])
def test_pint_is_asked_once_per_distinct_unit_not_per_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    calls: list[str] = []
    real = mgcalc.unit_parser._resolve_with_pint

    def counting(text: str) -> Any:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(mgcalc.unit_parser, "_resolve_with_pint", counting)
    mgcalc.unit_parser.resolve_unit.cache_clear()
    path = tmp_path / "rows.csv"
    lines = [f"{n % 30 + 1},oz,oxide\n0.00{n % 89 + 1},kg,citrate" for n in range(5_000)]
    path.write_text("amount,unit,form\n" + "\n".join(lines) + "\n", encoding="utf-8")
    try:
        result = run("convert", "--input", str(path), "--format", output_format)
    finally:
        mgcalc.unit_parser.resolve_unit.cache_clear()
    assert result.exit_code == 0, result.stderr
    assert sorted(calls) == ["kg", "oz"]


def test_csv_fast_path_matches_the_general_path(tmp_path: Path) -> None:
    """CSV in and CSV out take a fast path; it must agree with the general one (jsonl)."""
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"\xef\xbb\xbfamount,unit,form,variant,servings,elemental,percent,label\r\n"
        b'400,mg,oxide,,2,,,"Mag-Ox, ""400"""\r\n'
        b"1.5,g,citrate,nonahydrate,,,,\r\n"
        b"100,mg,glycinate,,,true,,\r\n"
        b"1000,mg,glycinate,,,,20,buffered\r\n"
        b"20,mEq,chloride,,,,,\r\n"
        b"400,mg,glycinat,,,,,\r\n"
        b"-1,mg,oxide,,,,,\r\n"
        b"5,ml,oxide,,,,,\r\n"
        b"\xff,mg,oxide,,,,,\r\n"
        b"1,g,oxide\r\n"
        b"\r\n"
        b"3,g,oxide,,1.5,,,\r\n"
        b"2,kg,oxide,,,,,\r\n"
        b"400,mg,oxide,,,,,last\r\n"
    )
    fast = run("convert", "--input", str(path), "--format", "csv")
    general = run("convert", "--input", str(path), "--format", "jsonl")
    assert fast.exit_code == general.exit_code == 4
    fast_rows = list(csv.DictReader(io.StringIO(fast.stdout)))
    general_rows = [json.loads(line) for line in general.stdout.splitlines()]
    assert [int(row["line"]) for row in fast_rows] == [row["line"] for row in general_rows]
    assert [r["line"] for r in general_rows] == [2, 3, 4, 5, 6, 15]
    for fast_row, general_row in zip(fast_rows, general_rows, strict=True):
        assert fast_row["input"] == general_row["input"]
        assert fast_row["label"] == (general_row["label"] or "")
        for key in ("compound_mg", "elemental_mg", "elemental_mmol", "elemental_meq"):
            assert float(fast_row[key]) == general_row[key]
        assert float(fast_row["elemental_fraction"]) == general_row["elemental_fraction"]
    assert fast_rows[0]["label"] == 'Mag-Ox, "400"'
    errors = [line for line in fast.stderr.splitlines() if "error" in line]
    assert errors == [line for line in general.stderr.splitlines() if "error" in line]
    assert len(errors) == 8  # 7 bad rows and the count


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """The launcher freezes the objects it made; in this process they should not stay so."""
    yield
    gc.unfreeze()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_launcher_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mgcalc import __version__
    from mgcalc.launcher import main

    monkeypatch.setattr(sys, "argv", ["mgcalc", "--version"])
    main()
    assert capsys.readouterr().out == f"mgcalc {__version__}\n"
    monkeypatch.setattr(sys, "argv", ["mgcalc", "1", "g", "oxide", "--format", "json"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    assert json.loads(capsys.readouterr().out)["items"][0]["form"] == "oxide"


COLLECTOR = """
import gc, sys
sys.argv = ["mgcalc", *sys.argv[1:]]
from mgcalc.launcher import main
import mgcalc.batch
real_restart = mgcalc.batch.restart_garbage_collector

def restart():
    sys.stderr.write(f"BATCH-START enabled={gc.isenabled()}\\n")
    real_restart()
    sys.stderr.write(f"BATCH-ON enabled={gc.isenabled()} frozen={gc.get_freeze_count() > 0}\\n")

mgcalc.batch.restart_garbage_collector = restart
try:
    main()
finally:
    sys.stderr.write(f"END frozen={gc.get_freeze_count() > 0}\\n")
"""


def collector_log(*args: str, stdin: str = "") -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", COLLECTOR, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in result.stderr.splitlines() if line.startswith(("BATCH-", "END "))]


def test_start_up_runs_without_the_cycle_collector_and_a_batch_turns_it_on() -> None:
    assert collector_log("500", "mg", "glycinate", "--format", "json") == ["END frozen=True"]
    for output_format in ("csv", "jsonl"):
        batch = collector_log(
            "--input", "-", "--input-format", "csv", "--format", output_format,
            stdin="amount,unit,form\n500,mg,glycinate\n",
        )  # fmt: skip
        assert batch == [
            "BATCH-START enabled=False",
            "BATCH-ON enabled=True frozen=True",
            "END frozen=True",
        ]
