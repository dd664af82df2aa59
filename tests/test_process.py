"""The real entry point in real processes: pipes, closed readers, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def mgcalc(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mgcalc", *args], capture_output=True, text=True, check=check
    )


def test_json_through_a_pipe_is_parsed_by_another_process() -> None:
    producer = subprocess.Popen(
        [sys.executable, "-m", "mgcalc", "convert", "500", "mg", "glycinate", "--format", "json"],
        stdout=subprocess.PIPE,
    )
    consumer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json,sys; print(json.load(sys.stdin)['total']['elemental_mg'])",
        ],
        stdin=producer.stdout,
        capture_output=True,
        text=True,
        check=True,
    )
    assert producer.wait() == 0
    assert producer.stdout is not None
    producer.stdout.close()
    assert float(consumer.stdout) == pytest.approx(500 * 24.305 / 172.423, rel=1e-6)


@pytest.mark.parametrize("output_format", ["table", "json", "csv"])
def test_closed_reader_ends_quietly_with_141(output_format: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before mgcalc writes a byte
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mgcalc", "500", "mg", "oxide", "--format", output_format],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 141
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr


def test_error_in_a_real_process_is_one_line() -> None:
    result = mgcalc("500", "mg", "glycinat")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "did you mean 'glycinate'" in result.stderr


def test_no_arguments_shows_help() -> None:
    result = mgcalc()
    assert result.returncode == 0
    assert "Usage: mgcalc" in result.stdout


def test_json_is_valid_and_full_precision() -> None:
    result = mgcalc("1", "g", "chloride", "--format", "json", check=True)
    document = json.loads(result.stdout)
    expected = 1000 * 24.305 / (24.305 + 2 * 35.45 + 12 * 1.008 + 6 * 15.999)
    assert document["items"][0]["elemental_mg"] == pytest.approx(expected, rel=1e-12)


def test_ctrl_c_exits_130_without_traceback() -> None:
    import signal
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "mgcalc", "convert", "--input", "-", "--format", "jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write("500 mg glycinate\n")
    process.stdin.flush()
    process.stdout.readline()  # mgcalc is now waiting for more input
    time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr == "mgcalc: error: interrupted\n"


PEAK_RSS = """
import resource, sys
from mgcalc.cli import cli
sys.stdout = open("/dev/null", "w")
code = cli.main(args=sys.argv[1:], prog_name="mgcalc", standalone_mode=False)
sys.stderr.write(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n")
"""


def _peak_rss_kib(path: str, command: list[str]) -> int:
    result = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, *command, "--input", path],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stderr.splitlines()[-1])


@pytest.mark.parametrize(
    "command",
    [
        ["convert", "--format", "csv"],
        ["convert", "--format", "jsonl"],
        ["check", "--age", "40", "--format", "jsonl"],
    ],
)
def test_streaming_memory_does_not_grow_with_rows(tmp_path: Path, command: list[str]) -> None:
    rows = ["500,mg,glycinate", "1.5,g,citrate", "400,mg,oxide", "20,mEq,chloride"]
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    small.write_text("amount,unit,form\n" + "\n".join(rows * 2_500) + "\n")
    large.write_text("amount,unit,form\n" + "\n".join(rows * 25_000) + "\n")
    small_rss = _peak_rss_kib(str(small), command)
    large_rss = _peak_rss_kib(str(large), command)
    assert large_rss <= small_rss * 1.10, (small_rss, large_rss)
