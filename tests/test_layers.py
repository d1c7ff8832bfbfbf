"""The arrows go one way: app, cli -> services -> store -> domain.

The import rules themselves are import-linter contracts in pyproject.toml, checked by
``lint-imports`` in ``python3 dev.py test``. What a static check cannot see is checked here: what
importing the command line really loads, and that the contracts cover every layer.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_the_cli_does_not_import_textual() -> None:
    code = "import sys, tui.cli; print('textual' in sys.modules, 'tinydb' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split()[0] == "False"


def test_the_contracts_name_every_layer() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c["layers"] for c in contracts if c["type"] == "layers")
    named = {part.strip() for layer in layers for part in layer.split("|")}
    packages = {f"tui.{p.name}" for p in (ROOT / "tui").iterdir() if (p / "__init__.py").exists()}
    packages -= {"tui.locale"}
    # a new package of ours is placed in the layers, or stands beside them on purpose
    assert packages - named <= {"tui.exchange", "tui.demo"}, packages - named
    pure = next(c for c in contracts if c.get("source_modules") == ["tui.domain"])
    assert {"textual", "tinydb"} <= set(pure["forbidden_modules"])
