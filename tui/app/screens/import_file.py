"""Import a file from inside the app: a path prompt; the import runs in a worker thread.

The same import as ``kp import`` (:mod:`tui.services.importing`): a CSV from a CRM or Excel, a
vCard file from Outlook or Thunderbird, or an export of ours. The dialog only asks for the
path and checks it exists; the app runs the import off the UI thread and reports what it did.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.app.actions import bindings
from tui.app.screens.base import KpModal
from tui.i18n import _


class ImportScreen(KpModal[Path | None]):
    """Asks for the file; dismisses with its path (None: cancelled)."""

    CSS_PATH = "import_file.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings("import")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import-dialog"):
            yield Static(_("Import a file"), classes="dialog-title")
            yield Input(placeholder="~/Downloads/kunden.csv", id="import-path", compact=True)
            yield Static(id="import-problem", markup=False)
            yield Static(
                _("CSV (CRM, Excel), vCard (.vcf) or a kp export (.json) · Enter imports"),
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip().strip("'\"")
        path = Path(text).expanduser() if text else None
        problem = self.query_one("#import-problem", Static)
        if path is None or not path.exists():
            problem.update(_("No such file: {path}").format(path=text) if text else "")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
