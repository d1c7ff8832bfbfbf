"""Errors from the layers below, worded for the person in front of the app or the shell.

The store and the domain raise errors with a code, an English template and parameters; this is
where both front ends translate them, so a German rep reads German whichever layer refused.
"""

from __future__ import annotations

from tui.domain.model import ValidationError
from tui.i18n import _
from tui.store.errors import BookCorrupt, BookError
from tui.textsafe import safe_text

#: longest value shown in an error line (paths and details included)
VALUE_LIMIT = 300


def _fill(template: str, params: dict[str, object]) -> str:
    values = {
        name: describe(value) if isinstance(value, Exception) else value
        for name, value in params.items()
    }
    if isinstance(values.get("detail"), str):
        values["detail"] = _(str(values["detail"]))  # the store's fixed details are in the catalog
    for name, value in values.items():
        if isinstance(value, str) and len(value) > VALUE_LIMIT:
            values[name] = value[: VALUE_LIMIT - 1] + "…"  # a 100 KB argument: not a 100 KB line
    return _(template).format(**values)


def describe(error: Exception) -> str:
    """One translated line for ``error``; user text inside is made safe to print."""
    if isinstance(error, BookError):
        text = _fill(error.template, error.params)
    elif isinstance(error, ValidationError) and error.template is not None:
        text = _fill(error.template, error.values)
        if error.field and error.prefixed:
            text = f"{_(error.field)}: {text}"
    else:
        text = _(str(error))
    return safe_text(" ".join(text.split()))


def fold_refused(error: BookError) -> str:
    """One translated line for a compaction that could not run after a change was saved
    (``Book.take_fold_refused``): the change is kept; damage is named, with the way out."""
    params: dict[str, object]
    if isinstance(error, BookCorrupt):
        template = (
            "the change is saved (in the journal), but {file} is damaged, so the journal was "
            "not folded into the book: {detail}; run kp check, then kp repair"
        )
        params = {"file": str(error.path), "detail": error.detail}
    else:
        template = (
            "the change is saved (in the journal), but the journal could not be folded into "
            "the book: {reason}; the next change tries again"
        )
        params = {"reason": error}
    return safe_text(" ".join(_fill(template, params).split()))
