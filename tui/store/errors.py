"""What can go wrong with a book, as exceptions whose ``str()`` is one translated line for the user.

Every message names the path, so a rep with several books (or a shared one) knows which file is
meant. The CLI prints ``str(error)`` and exits 2 for the book's own problems (corrupt, too new,
missing, no permission) and 1 for runtime trouble (locked, disk full).
"""

from __future__ import annotations

from pathlib import Path

from tui.i18n import _


def _one_line(text: str) -> str:
    """Collapse whitespace so an OS or JSON detail can never break the one-line promise."""
    return " ".join(str(text).split())


class BookError(Exception):
    """Base of every book problem; ``str(error)`` is one line and names the path."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(_one_line(message))
        self.path = Path(path) if path is not None else None


class BookCorrupt(BookError):
    """The file is not a book we can read (invalid JSON, wrong shape); it is never overwritten."""

    def __init__(self, path: Path | str, detail: str) -> None:
        message = _("The book {path} is damaged and was left untouched: {detail}").format(
            path=path, detail=_one_line(detail)[:200]
        )
        super().__init__(message, path)
        self.detail = detail


class BookTooNew(BookError):
    """The book was written by a newer version of the app (a higher schema)."""

    def __init__(self, path: Path | str, found: int, known: int) -> None:
        message = _(
            "The book {path} needs a newer kundenpflege (book schema {found}, this version "
            "knows {known}); it was left untouched."
        ).format(path=path, found=found, known=known)
        super().__init__(message, path)
        self.found = found
        self.known = known


class BookLocked(BookError):
    """Another process held the book's lock for longer than the timeout."""

    def __init__(self, path: Path | str, timeout: float) -> None:
        message = _(
            "The book {path} is busy: another program held its lock for {seconds} s; try again."
        ).format(path=path, seconds=f"{timeout:g}")
        super().__init__(message, path)


class BookPermission(BookError):
    """The operating system refused to let us read or change a file of the book."""

    def __init__(self, path: Path | str, *, write: bool) -> None:
        if write:
            message = _("No permission to change the book {path}.").format(path=path)
        else:
            message = _("No permission to read the book {path}.").format(path=path)
        super().__init__(message, path)
        self.write = write


class BookMissing(BookError):
    """There is no book at the path and we were asked not to create one."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(_("There is no book at {path}.").format(path=path), path)


class BookWriteFailed(BookError):
    """Writing failed for a reason other than permissions (disk full, I/O error)."""

    def __init__(self, path: Path | str, detail: str) -> None:
        message = _("Could not write the book {path}: {detail}").format(
            path=path, detail=_one_line(detail)[:200]
        )
        super().__init__(message, path)


class NotFound(BookError):
    """No customer or gesture with the given id or key."""

    @classmethod
    def customer(cls, customer_id: int, path: Path | str) -> NotFound:
        return cls(
            _("No customer with the id {id} in the book {path}.").format(id=customer_id, path=path),
            path,
        )

    @classmethod
    def contact(cls, contact_id: int, path: Path | str) -> NotFound:
        return cls(
            _("No contact with the id {id} in the book {path}.").format(id=contact_id, path=path),
            path,
        )

    @classmethod
    def gesture(cls, key: str, path: Path | str) -> NotFound:
        return cls(
            _("No gesture {key} in the book {path}.").format(key=key, path=path),
            path,
        )
