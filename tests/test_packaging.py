"""The wheel a user installs: its data files, and its version."""

from __future__ import annotations

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


def test_wheel_version_is_the_package_version(wheel: Path) -> None:
    from mgcalc import __version__

    assert wheel.name.startswith(f"mgcalc-{__version__}-")


def test_the_changelog_names_the_packages_version_as_its_latest_release() -> None:
    from mgcalc import __version__

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = [line.split()[1] for line in changelog.splitlines() if line.startswith("## [")]
    assert releases[:2] == ["[Unreleased]", f"[{__version__}]"]
