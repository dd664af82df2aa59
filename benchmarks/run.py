"""Benchmark mgcalc as installed: start-up against `python -c pass`, batch throughput, memory.

Run it with the Python of the environment where mgcalc is installed:

    python benchmarks/run.py                 # the full run (about a minute)
    python benchmarks/run.py --quick         # fewer runs and 100k rows instead of 1M
    python benchmarks/run.py --json out.json # also write the results as JSON
    python benchmarks/run.py --instructions  # add instruction counts (valgrind), which a
                                             # busy machine cannot disturb

Every case runs as a whole new process, several times after a warm-up; the
median is reported, and each command's start-up as a ratio to importing the
libraries it needs (`python -c 'import click'`, ...), measured in the same run,
so that numbers from different machines can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PASS = "python -c pass"
CLICK = "python -c 'import click'"
CLICK_RICH = "python -c 'import click, rich.console, rich.table'"
# The libraries a command needs set its floor: each case is judged against importing them.
BASELINES = {
    PASS: "pass",
    CLICK: "import click",
    CLICK_RICH: "import click, rich.console, rich.table",
}
# (the command as typed, its baseline, the target ratio to that baseline)
STARTUP_CASES: list[tuple[str, str, float]] = [
    ("mgcalc --version", PASS, 3.0),
    ("mgcalc --help", CLICK, 1.5),
    ("mgcalc convert 500 mg glycinate --format json", CLICK, 1.5),
    ("mgcalc 500 mg glycinate", CLICK_RICH, 1.4),
    ("mgcalc check 500 mg glycinate --age 34 --sex female", CLICK_RICH, 1.4),
]
ROWS = ["500,mg,glycinate", "1.5,g,citrate:nonahydrate", "400,mg,oxide", "20,mEq,chloride",
        "2,g,threonate", "350,mg,sulfate", "1,g,malate", "250,mg,taurate"]  # fmt: skip
THROUGHPUT_TARGET = 150_000  # rows per second, end to end, for THROUGHPUT_ROWS rows
THROUGHPUT_ROWS = 1_000_000  # fewer rows weigh start-up more: --quick is not judged
MEMORY_TOLERANCE = 0.10  # peak RSS at the large size within 10% of the small size
INPUT_RATIO_TARGET = 1.5  # JSON lines and item lines, each within 1.5x the time of CSV input


def child_environment() -> dict[str, str]:
    """The environment of a user's shell: no variables that change Python's I/O or caching."""
    environment = dict(os.environ)
    for name in ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME"):
        environment.pop(name, None)
    return environment


def run_once(command: list[str]) -> tuple[float, int, float]:
    """Wall time in seconds, peak RSS in KiB and CPU seconds (user + system) of one process.

    posix_spawn, output to /dev/null: the least a parent can add to a child's time (a
    fork of this process, as subprocess may do, adds milliseconds to the floor and so
    makes every ratio look smaller than a shell's timing would).
    """
    quiet = [
        (os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)
    ]  # fmt: skip
    executable = shutil.which(command[0]) or command[0]
    started = time.perf_counter()
    pid = os.posix_spawn(executable, command, child_environment(), file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):
        raise SystemExit(f"benchmark case failed ({code}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def write_rows(path: Path, count: int, input_format: str = "csv") -> None:
    """The same rows as CSV, as JSON lines or as item lines ('500 mg glycinate')."""
    rows = [row.split(",") for row in ROWS]
    if input_format == "csv":
        header, lines = "amount,unit,form\n", ROWS
    elif input_format == "jsonl":
        header = ""
        lines = [json.dumps({"amount": float(a), "unit": u, "form": f}) for a, u, f in rows]
    else:
        header, lines = "", [" ".join(row) for row in rows]
    with path.open("w", encoding="utf-8") as file:
        file.write(header)
        block = "\n".join(lines) + "\n"
        for _ in range(count // len(ROWS)):
            file.write(block)


def find_mgcalc() -> str:
    beside = Path(sys.executable).parent / "mgcalc"
    found = str(beside) if beside.exists() else shutil.which("mgcalc")
    if not found:
        raise SystemExit("mgcalc is not installed in this environment: pip install . first")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, 100k rows")
    parser.add_argument("--runs", type=int, help="runs per start-up case (default 20, quick 10)")
    parser.add_argument("--json", metavar="FILE", help="also write the results to FILE")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions under valgrind: exact, unlike times on a shared machine",
    )
    options = parser.parse_args()
    mgcalc = find_mgcalc()
    results: dict[str, Any] = {
        "machine": {
            "python": sys.version.split()[0],
            "platform": sys.platform,
            "cpus": os.cpu_count(),
            "mgcalc": subprocess.run(
                [mgcalc, "--version"], capture_output=True, text=True, check=True
            ).stdout.strip(),
        },
    }
    results.update(time_startup(mgcalc, options.runs or (10 if options.quick else 20)))
    results.update(measure_batches(mgcalc, 100_000 if options.quick else THROUGHPUT_ROWS))
    results["foods"] = time_food_search(mgcalc)
    help_case = next(case for case in results["startup"] if case["case"] == "mgcalc --help")
    results["foods"]["startup_ms"] = help_case["median_ms"]
    if options.instructions:
        results["instructions"] = count_instructions(mgcalc)
    print_table(results)
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def time_startup(mgcalc: str, runs: int) -> dict[str, Any]:
    # Rounds interleave the cases, so that a slow spell of a shared machine slows
    # the baselines and every case alike instead of skewing one ratio.
    commands = {name: [sys.executable, "-c", code] for name, code in BASELINES.items()}
    commands.update({name: [mgcalc, *shlex.split(name)[1:]] for name, _, _ in STARTUP_CASES})
    for command in commands.values():
        run_once(command)  # warm-up: file cache, bytecode
    wall: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            wall[name].append(run_once(command)[0])
    median = {name: statistics.median(times) for name, times in wall.items()}
    return {
        "baselines_ms": {name: median[name] * 1000 for name in BASELINES},
        "startup": [
            {
                "case": name,
                "median_ms": median[name] * 1000,
                "baseline": baseline,
                "ratio": median[name] / median[baseline],
                "target": target,
            }
            for name, baseline, target in STARTUP_CASES
        ],
    }


BATCH_COMMANDS = {
    "convert --format csv": ["convert", "--format", "csv"],
    "convert --format jsonl": ["convert", "--format", "jsonl"],
    "convert --format json": ["convert", "--format", "json"],
    "check --format jsonl": ["check", "--age", "40", "--format", "jsonl"],
}


def measure_batches(mgcalc: str, large: int, small: int = 10_000) -> dict[str, Any]:
    memory = {}
    with tempfile.TemporaryDirectory() as folder:
        small_csv, large_csv = Path(folder, "small.csv"), Path(folder, "large.csv")
        write_rows(small_csv, small)
        write_rows(large_csv, large)
        csv_to_csv = [mgcalc, *BATCH_COMMANDS["convert --format csv"], "--input"]
        large_runs = [run_once([*csv_to_csv, str(large_csv)]) for _ in range(3)]
        for name, arguments in BATCH_COMMANDS.items():
            command = [mgcalc, *arguments, "--input"]
            run_once([*command, str(small_csv)])  # warm-up
            small_peak = max(run_once([*command, str(small_csv)])[1] for _ in range(3))
            large_peak = run_once([*command, str(large_csv)])[1]
            memory[name] = {
                "small_peak_kib": small_peak,
                "large_peak_kib": large_peak,
                "growth": large_peak / small_peak - 1,
            }
        inputs = {}
        for input_format in ("jsonl", "items"):
            path = Path(folder, f"large.{input_format}")
            write_rows(path, large, input_format)
            command = [*csv_to_csv, str(path), "--input-format", input_format]
            inputs[input_format] = statistics.median(run_once(command)[0] for _ in range(3))
    large_seconds = statistics.median(seconds for seconds, _, _ in large_runs)
    return {
        "inputs": {
            name: {
                "median_s": seconds,
                "ratio_to_csv": seconds / large_seconds,
                "target": INPUT_RATIO_TARGET,
            }
            for name, seconds in inputs.items()
        },
        "throughput": {
            "rows": large,
            "median_s": large_seconds,
            "rows_per_s": large / large_seconds,
            "target": THROUGHPUT_TARGET if large >= THROUGHPUT_ROWS else None,
        },
        "memory": {
            "small_rows": small,
            "large_rows": large,
            "tolerance": MEMORY_TOLERANCE,
            "commands": memory,
        },
    }


FOOD_QUERIES = ["almonds", "spinach boiled", "black beans", "pumpkin seeds roasted", "almods"]
FOOD_SEARCH = """
import time
from mgcalc import api
started = time.perf_counter()
api.foods("almonds")  # the first search reads the table
first = time.perf_counter() - started
started = time.perf_counter()
for query in QUERIES:
    api.foods(query)
print(first, (time.perf_counter() - started) / len(QUERIES))
"""


def time_food_search(mgcalc: str) -> dict[str, Any]:
    """A search of all SR28 foods, in the process: the first (which reads the table) and
    each one after, against the start-up of `mgcalc --help` (the target: under it)."""
    code = f"QUERIES = {FOOD_QUERIES!r}\n{FOOD_SEARCH}"
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env=child_environment(),
        ).stdout.split()
        for _ in range(5)
    ]  # fmt: skip
    first = statistics.median(float(run[0]) for run in runs)
    each = statistics.median(float(run[1]) for run in runs)
    floor = statistics.median(run_once([sys.executable, "-c", "pass"])[0] for _ in range(5))
    return {"first_ms": first * 1000, "each_ms": each * 1000, "python_start_ms": floor * 1000}


def instructions_of(command: list[str]) -> int:
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True,
        text=True,
        env=child_environment(),
        check=False,
    )
    for line in result.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split()[-1])
    raise SystemExit(f"valgrind gave no count for {' '.join(command)}")


def count_instructions(mgcalc: str) -> dict[str, Any]:
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (Debian: apt-get install valgrind)")
    counts = {
        name: instructions_of([sys.executable, "-c", code]) for name, code in BASELINES.items()
    }
    for name, _, _ in STARTUP_CASES:
        counts[name] = instructions_of([mgcalc, *shlex.split(name)[1:]])
    return {
        "counts": counts,
        "ratios": {name: counts[name] / counts[baseline] for name, baseline, _ in STARTUP_CASES},
    }


def print_table(results: dict[str, Any]) -> None:
    machine = results["machine"]
    print(f"{machine['mgcalc']}, Python {machine['python']}, {machine['platform']}, "
          f"{machine['cpus']} CPUs\n")  # fmt: skip
    for name, milliseconds in results["baselines_ms"].items():
        print(f"{name:<54} {milliseconds:>6.1f} ms")
    print(f"\n{'case':<54} {'wall':>9} {'ratio':>7} {'target':>7}  {'to':<10}  ok")
    short = {PASS: "pass", CLICK: "click", CLICK_RICH: "click+rich"}
    for case in results["startup"]:
        ok = "yes" if case["ratio"] <= case["target"] else "NO"
        print(f"{case['case']:<54} {case['median_ms']:>6.1f} ms {case['ratio']:>6.2f}x "
              f"{case['target']:>6.1f}x  {short[case['baseline']]:<10}  {ok}")  # fmt: skip
    throughput = results["throughput"]
    if throughput["target"] is None:
        verdict = f"(the target, {THROUGHPUT_TARGET:,}, is for {THROUGHPUT_ROWS:,} rows)"
    else:
        ok = "yes" if throughput["rows_per_s"] >= throughput["target"] else "NO"
        verdict = f"(target {throughput['target']:,})  {ok}"
    print(f"\nconvert {throughput['rows']:,} CSV rows -> CSV: {throughput['median_s']:.2f} s, "
          f"{throughput['rows_per_s']:,.0f} rows/s {verdict}")  # fmt: skip
    for name, case in results["inputs"].items():
        ok = "yes" if case["ratio_to_csv"] <= case["target"] else "NO"
        print(f"convert {throughput['rows']:,} {name} rows -> CSV: {case['median_s']:.2f} s, "
              f"{case['ratio_to_csv']:.2f}x CSV input (target {case['target']}x) {ok}")  # fmt: skip
    foods = results["foods"]
    ok = "yes" if foods["first_ms"] < foods["startup_ms"] else "NO"
    print(f"foods search: first {foods['first_ms']:.1f} ms (reads the table), then "
          f"{foods['each_ms']:.1f} ms each; mgcalc --help starts in "
          f"{foods['startup_ms']:.1f} ms  {ok}")  # fmt: skip
    memory = results["memory"]
    print(f"peak RSS, {memory['small_rows']:,} vs {memory['large_rows']:,} rows "
          f"(tolerance {memory['tolerance']:.0%}):")  # fmt: skip
    for name, peaks in memory["commands"].items():
        ok = "yes" if peaks["growth"] <= memory["tolerance"] else "NO"
        small, large = peaks["small_peak_kib"] / 1024, peaks["large_peak_kib"] / 1024
        print(f"  {name:<24} {small:6.1f} vs {large:6.1f} MiB ({peaks['growth']:+.1%})  {ok}")
    if "instructions" in results:
        print("\ninstructions (valgrind), ratio to each case's baseline:")
        for name, ratio in results["instructions"]["ratios"].items():
            print(f"  {name:<54} {ratio:6.2f}x")


if __name__ == "__main__":
    main()
