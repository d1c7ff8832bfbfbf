"""The arrows go one way: app, cli -> store -> domain. Checked on the source and on import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tui"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("domain"), ids=lambda p: p.name)
def test_domain_imports_no_ui_and_no_storage(path: Path) -> None:
    imports = _imports(path)
    forbidden = {
        name for name in imports if name.split(".")[0] in {"textual", "tinydb", "rich", "orjson"}
    }
    forbidden |= {name for name in imports if name.startswith(("tui.store", "tui.app", "tui.cli"))}
    assert not forbidden, f"{path.name} imports {forbidden}"


def test_only_the_store_imports_tinydb() -> None:
    offenders = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts
        and any(name.split(".")[0] == "tinydb" for name in _imports(path))
    ]
    assert offenders == []


def test_only_the_app_imports_textual() -> None:
    offenders = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "app" not in path.relative_to(PACKAGE).parts
        and any(name.split(".")[0] == "textual" for name in _imports(path))
    ]
    assert offenders == []


def test_importing_the_cli_does_not_import_textual() -> None:
    code = "import sys, tui.cli; print('textual' in sys.modules, 'tinydb' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split()[0] == "False"
