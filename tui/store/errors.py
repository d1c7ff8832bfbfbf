"""What can go wrong with a book: exceptions that carry a code and their parameters.

The store does not word messages for people: each error has a ``code``, an English ``template``
and ``params``; ``str(error)`` is the English line (logs, tracebacks), and the front ends show
``tui.messages.describe(error)``, the template translated and filled in. Every message names the
path, so a rep with several books (or a shared one) knows which file is meant. The CLI exits 2
for the book's own problems (corrupt, too new, missing, no permission) and 1 for runtime trouble
(locked, disk full).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _one_line(text: object) -> str:
    """Collapse whitespace so an OS or JSON detail can never break the one-line promise."""
    return " ".join(str(text).split())


class BookError(Exception):
    """Base of every book problem; ``str(error)`` is one English line that names the path."""

    code: str = "book"
    template: str = "{message}"

    def __init__(self, message: str = "", path: Path | str | None = None, **params: Any) -> None:
        self.path = Path(path) if path is not None else None
        self.params: dict[str, Any] = {"message": _one_line(message), "path": path, **params}
        super().__init__(_one_line(self.template.format(**self.params)))


class BookCorrupt(BookError):
    """The file is not a book we can read (invalid JSON, wrong shape); it is never overwritten."""

    code = "book.corrupt"
    template = "The book {path} is damaged and was left untouched: {detail}"

    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(path=path, detail=_one_line(detail)[:200])
        self.detail = detail


class BookTooNew(BookError):
    """The book was written by a newer version of the app (a higher schema)."""

    code = "book.too_new"
    template = (
        "The book {path} needs a newer kundenpflege (book schema {found}, this version "
        "knows {known}); it was left untouched."
    )

    def __init__(self, path: Path | str, found: int, known: int) -> None:
        super().__init__(path=path, found=found, known=known)
        self.found = found
        self.known = known


class BookLocked(BookError):
    """Another process held the book's lock for longer than the timeout."""

    code = "book.locked"
    template = "The book {path} is busy: another program held its lock for {seconds} s; try again."

    def __init__(self, path: Path | str, timeout: float) -> None:
        super().__init__(path=path, seconds=f"{timeout:g}")


class BookPermission(BookError):
    """The operating system refused to let us read or change a file of the book."""

    code = "book.permission"
    template = "No permission to read the book {path}."

    def __init__(self, path: Path | str, *, write: bool) -> None:
        if write:
            self.code = "book.permission_write"
            self.template = "No permission to change the book {path}."
        super().__init__(path=path)
        self.write = write


class BookMissing(BookError):
    """There is no book at the path and we were asked not to create one."""

    code = "book.missing"
    template = "There is no book at {path}."

    def __init__(self, path: Path | str) -> None:
        super().__init__(path=path)


class BookWriteFailed(BookError):
    """Writing failed for a reason other than permissions (disk full, I/O error)."""

    code = "book.write_failed"
    template = "Could not write the book {path}: {detail}"

    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(path=path, detail=_one_line(detail)[:200])


class NotFound(BookError):
    """No customer or gesture with the given id or key."""

    code = "book.not_found"

    @classmethod
    def customer(cls, customer_id: int, path: Path | str) -> NotFound:
        return _CustomerNotFound(path=path, id=customer_id)

    @classmethod
    def contact(cls, contact_id: int, path: Path | str) -> NotFound:
        return _ContactNotFound(path=path, id=contact_id)

    @classmethod
    def gesture(cls, key: str, path: Path | str) -> NotFound:
        return _GestureNotFound(path=path, key=key)


class _CustomerNotFound(NotFound):
    code = "book.no_customer"
    template = "No customer with the id {id} in the book {path}."


class _ContactNotFound(NotFound):
    code = "book.no_contact"
    template = "No contact with the id {id} in the book {path}."


class _GestureNotFound(NotFound):
    code = "book.no_gesture"
    template = "No gesture {key} in the book {path}."


class _LeftUntouched(BookCorrupt):
    """A file refused for what it is, not for damage inside it; ``what`` (a class keyword)
    says which."""

    what = ""

    def __init_subclass__(cls, *, what: str = "", **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.what = what

    def __init__(self, path: Path | str) -> None:
        BookError.__init__(self, path=path)
        self.detail = self.what


class NotABook(_LeftUntouched, what="not a kundenpflege book"):
    """The file is JSON, but not a kundenpflege book (another app's TinyDB file, ``{}``)."""

    code = "book.not_a_book"
    template = "{path} is not a kundenpflege book; it was left untouched."


class BookIsDirectory(_LeftUntouched, what="is a directory"):
    """The path names a folder, not a book file (a typo in ``--book``, not damage)."""

    code = "book.is_directory"
    template = "{path} is a directory, not a book file; it was left untouched."
