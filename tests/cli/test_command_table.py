"""``kp``'s table of subcommands stays true to what the command modules register."""

from __future__ import annotations

import argparse
import subprocess
import sys

from tui.cli import COMMAND_MODULES, build_parser


def _choices(parser: argparse.ArgumentParser) -> list[str]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(action.choices)


def test_the_table_names_every_subcommand_in_help_order() -> None:
    assert _choices(build_parser("x")) == list(COMMAND_MODULES)


def test_each_command_alone_registers_itself() -> None:
    for command in COMMAND_MODULES:
        assert command in _choices(build_parser("x", command))


def test_a_shell_command_imports_no_other_command_module() -> None:
    code = (
        "import sys; from tui.cli import build_parser; build_parser('x', 'log'); "
        "print(sorted(m for m in sys.modules if m.startswith('tui.commands.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "tui.commands.log" in loaded
    for other in ("exporting", "importing", "heatmap", "completion", "demo"):
        assert f"tui.commands.{other}'" not in loaded
