"""The house is what it says: command -> API -> core; imports inside functions only where
they keep a library a command does not need off its start-up (rich, pint, the commands)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "mgcalc"
ADAPTERS = sorted([*PACKAGE.glob("commands/*.py"), PACKAGE / "cli.py"])
# What an import inside a function may load: tables (rich), rare units (pint), the commands
# behind the launcher (click).
LAZY_ALLOWED = ("mgcalc.render.check_view", "mgcalc.render.table", "pint", "mgcalc.cli")


def imported_modules(tree: ast.AST) -> list[tuple[str, bool]]:
    """Each module a file imports, and whether the import is inside a function."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                found.extend((alias.name, inside) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module:
                found.append((child.module, inside))
            visit(child, nested)

    visit(tree, False)
    return found


@pytest.mark.parametrize("path", ADAPTERS, ids=lambda path: path.name)
def test_the_commands_reach_the_core_only_through_the_api(path: Path) -> None:
    modules = imported_modules(ast.parse(path.read_text(encoding="utf-8")))
    reached = [name for name, _ in modules if name.startswith(("mgcalc.core", "mgcalc.datafiles"))]
    assert reached == [], f"{path.name} imports {reached}: give them through mgcalc.api"


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_imports_inside_functions_only_keep_a_library_off_start_up(path: Path) -> None:
    modules = imported_modules(ast.parse(path.read_text(encoding="utf-8")))
    lazy = [name for name, inside in modules if inside and not name.startswith(LAZY_ALLOWED)]
    assert lazy == [], f"{path.name} imports {lazy} inside a function: import at the top"
