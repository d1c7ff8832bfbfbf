"""Set-up and checks for a fresh clone, with nothing but Python 3.11+ on the machine.

    python3 dev.py demo      # make .venv, install kundenpflege into it, open the app on a demo book
    python3 dev.py test      # make .venv, install, then every check (ruff, mypy, imports, pytest)
    python3 dev.py install   # only make .venv and install (then use .venv/bin/kp)

The install is repeated only when pyproject.toml changed since the last one.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
STAMP = VENV / ".installed"
CHECKS = (
    ["ruff", "check", "tui", "tests", "bench", "dev.py"],
    ["ruff", "format", "--check", "tui", "tests", "bench", "dev.py"],
    ["mypy", "tui"],
    ["lint-imports"],
    ["pytest", "-q"],
)


def _run(*command: str | Path) -> None:
    result = subprocess.run([str(part) for part in command], cwd=ROOT, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def install() -> None:
    """A virtual environment with the project (editable) and its test tools, made once."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text(encoding="utf-8") == wanted:
        return
    if not (BIN / "python").exists():
        print("Creating .venv ...", flush=True)
        _run(sys.executable, "-m", "venv", VENV)
    print("Installing kundenpflege and its test tools into .venv ...", flush=True)
    _run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[test]")
    STAMP.write_text(wanted, encoding="utf-8")


def test() -> None:
    """Every check CI runs, in the order that fails fastest."""
    install()
    for command in CHECKS:
        print("$ " + " ".join(command), flush=True)
        _run(BIN / command[0], *command[1:])


def demo() -> None:
    """The app on a fresh demo book in a temporary folder; nothing of the user's is touched."""
    install()
    kp = BIN / "kp"
    os.execv(kp, [str(kp), "--demo", *sys.argv[2:]])


def main() -> None:
    actions = {"demo": demo, "test": test, "install": install}
    if len(sys.argv) < 2 or sys.argv[1] not in actions:
        print(__doc__)
        sys.exit(2)
    actions[sys.argv[1]]()


if __name__ == "__main__":
    main()
