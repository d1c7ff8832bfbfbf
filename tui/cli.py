"""The ``kp`` command line. Imports neither Textual nor TinyDB unless a subcommand needs them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kp")
    parser.add_argument("--version", action="version", version=f"kundenpflege {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    build_parser().parse_args(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
