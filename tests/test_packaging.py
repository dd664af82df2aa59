"""The wheel a user installs: its data files, and its version."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(folder), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (built,) = folder.glob("mgcalc-*.whl")
    return built


def test_wheel_contains_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("forms.toml", "elements.toml", "reference.toml", "units.txt"):
        assert f"mgcalc/data/{name}" in names
    assert "mgcalc/py.typed" in names


def test_wheel_json_copies_match_the_toml(wheel: Path) -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    archive = zipfile.ZipFile(wheel)
    for name in ("forms.toml", "elements.toml", "reference.toml"):
        toml_document = tomllib.loads(archive.read(f"mgcalc/data/{name}").decode("utf-8"))
        assert json.loads(archive.read(f"mgcalc/data/{name}.json")) == toml_document


def test_wheel_version_is_the_package_version(wheel: Path) -> None:
    from mgcalc import __version__

    assert wheel.name.startswith(f"mgcalc-{__version__}-")


def test_wheel_help_texts_are_clicks_rendering(wheel: Path) -> None:
    from mgcalc.cli import COMMANDS, render_help
    from mgcalc.launcher import PRERENDERED_HELP_WIDTH, help_file_name

    archive = zipfile.ZipFile(wheel)
    texts = {n for n in archive.namelist() if n.startswith("mgcalc/data/help/")}
    assert len(texts) == len(COMMANDS) + 1
    for command in (None, *COMMANDS):
        name = help_file_name([command, "-h"] if command else ["-h"])
        text = archive.read(f"mgcalc/data/help/{name}").decode("utf-8")
        assert text == render_help(command, PRERENDERED_HELP_WIDTH)
