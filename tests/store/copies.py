"""What the store's process tests share: a book copied file by file, and the environment of a
real ``kp`` process run from this checkout."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def copy_book(template: Path, folder: Path) -> Path:
    """Every file of the book at ``template`` copied into ``folder`` with its times (so the
    main file's record of each part file still matches); the copy's main file."""
    for source in template.parent.iterdir():
        shutil.copy2(source, folder / source.name)
    return folder / template.name


def kp_env(**extra: str) -> dict[str, str]:
    """English, UTF-8, this checkout's ``tui`` first on the path."""
    env = dict(os.environ, KP_LANG="en", LC_ALL="C.UTF-8", **extra)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env
