"""Deterministic guards for speed (no timings here: the benchmark in benchmarks/ is for people)."""

from __future__ import annotations

import gc
import json
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
    real = mgcalc.datafiles.read_toml

    def counting(path: str) -> Any:
        calls.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(mgcalc.datafiles, "read_toml", counting)
    mgcalc.datafiles._catalogue.cache_clear()
    mgcalc.datafiles.reference_data.cache_clear()
    try:
        for _ in range(3):
            assert (
                run("500", "mg", "glycinate", "1", "g", "oxide", "--format", "json").exit_code == 0
            )
            assert run("check", "1", "g", "oxide", "--age", "30").exit_code == 0
    finally:
        mgcalc.datafiles._catalogue.cache_clear()
        mgcalc.datafiles.reference_data.cache_clear()
    assert calls.count("forms.toml") == 1
    assert calls.count("reference.toml") == 1


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
import mgcalc.commands.sources
real_restart = mgcalc.commands.sources.restart_garbage_collector

def restart():
    sys.stderr.write(f"BATCH-START enabled={gc.isenabled()}\\n")
    real_restart()
    sys.stderr.write(f"BATCH-ON enabled={gc.isenabled()} frozen={gc.get_freeze_count() > 0}\\n")

mgcalc.commands.sources.restart_garbage_collector = restart
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
