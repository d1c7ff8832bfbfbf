"""The ``kp`` subcommands, one module each; ``tui.cli`` wires them into one parser."""
