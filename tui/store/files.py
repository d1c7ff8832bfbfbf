"""File primitives every writer of the project shares: private modes, fsync, atomic replace.

One rule for every file the app writes (the book's parts, the config, the holiday cache):
write a temp file in the same directory, fsync it, ``os.replace`` it over the old one, fsync the
directory. A reader sees the old file or the new one, never half of either, even if the writer
is killed or the machine loses power. Nothing here knows what a book is.

Modes: 0600, or 0660 with the directory's group when the directory is setgid (a team directory),
plus whatever bits the file being replaced already grants (a 0640 book stays 0640).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

#: (mode, group or None) for a new file
FileMode = tuple[int, int | None]


def new_file_mode(directory: Path) -> FileMode:
    """Mode and group for a new file: 0600, or 0660 and the directory's group if it is setgid."""
    st = os.stat(directory)
    if st.st_mode & stat.S_ISGID:
        return 0o660, st.st_gid
    return 0o600, None


def mode_for_replacing(path: Path) -> FileMode:
    """The directory's rule plus what the file we replace grants, so a rewrite never locks out
    someone who could use the file before (nor widens it beyond the directory's rule)."""
    mode, gid = new_file_mode(path.parent)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return mode, gid
    return mode | (st.st_mode & 0o777), st.st_gid if gid is None else gid


def apply_mode(fd: int, mode: FileMode) -> None:
    """Set the exact mode (the umask must not decide who can read a customer book)."""
    bits, gid = mode
    if gid is not None and os.fstat(fd).st_gid != gid:
        with contextlib.suppress(PermissionError):
            os.fchown(fd, -1, gid)
    os.fchmod(fd, bits)


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, content: bytes) -> None:
    """``write`` until everything is out (a short write means the disk is full: OSError)."""
    view = memoryview(content)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(28, os.strerror(28))
        view = view[written:]


def copy_prefix(source: int, target: int, count: int) -> None:
    """Copy the first ``count`` bytes of the open file ``source`` to ``target`` in the kernel
    (no Python objects, no parse: a big file grows by a few lines at the cost of a copy)."""
    offset = 0
    try:
        while offset < count:
            copied = os.copy_file_range(source, target, count - offset, offset)
            if copied <= 0:
                break
            offset += copied
    except OSError:  # no copy_file_range here (an old kernel, some file systems)
        pass
    while offset < count:
        chunk = os.pread(source, min(1 << 20, count - offset), offset)
        if not chunk:
            raise OSError(5, "the file shrank while it was copied")
        write_all(target, chunk)
        offset += len(chunk)


def create_private_file(
    path: Path,
    content: bytes = b"",
    mode: FileMode | None = None,
    *,
    prefix: tuple[int, int] | None = None,
) -> os.stat_result:
    """Create ``path`` exclusively with our mode, write and fsync ``content``; its stat.
    ``prefix`` (an open file, a byte count): those bytes of it come first.

    An existing file is left alone and its stat returned (a lock file made by someone else).
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return os.stat(path)
    try:
        apply_mode(fd, mode or new_file_mode(path.parent))
        if prefix is not None:
            source, count = prefix
            copy_prefix(source, fd, count)
        write_all(fd, content)
        os.fsync(fd)
        return os.fstat(fd)
    except BaseException:
        os.close(fd)
        fd = -1
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    finally:
        if fd >= 0:
            os.close(fd)


def temp_path(target: Path, purpose: str) -> Path:
    """A temp name beside ``target`` that names our process (``.name.purpose-pid-token.tmp``)."""
    token = os.urandom(4).hex()  # not secrets: importing it (hmac, hashlib) slows every command
    return target.with_name(f".{target.name}.{purpose}-{os.getpid()}-{token}.tmp")


def write_replacement(target: Path, content: bytes, mode: FileMode | None = None) -> Path:
    """Write ``content`` to a fsynced temp file beside ``target``; the caller renames it."""
    tmp = temp_path(target, "new")
    create_private_file(tmp, content, mode or mode_for_replacing(target))
    return tmp


def atomic_write(target: Path, content: bytes, mode: FileMode | None = None) -> os.stat_result:
    """Replace ``target`` with ``content`` atomically and durably; the new file's stat.

    On failure the temp file is removed and ``target`` is untouched (OSError propagates).
    """
    tmp = temp_path(target, "new")
    try:
        st = create_private_file(tmp, content, mode or mode_for_replacing(target))
        os.replace(tmp, target)
    except BaseException:
        discard(tmp)
        raise
    fsync_directory(target.parent)
    return st


def link_backup(source: Path, backup: Path) -> None:
    """Keep the file we are about to replace as ``backup`` (a hard link: no copy, no time)."""
    if not source.exists():
        return
    link_tmp = backup.with_name(f".{backup.name}.link-{os.getpid()}.tmp")
    try:
        with contextlib.suppress(FileNotFoundError):
            link_tmp.unlink()
        os.link(source, link_tmp)
    except OSError:  # no hard links here (some network file systems): copy instead
        import shutil  # only a backup copies files; every command would pay the import

        shutil.copy2(source, link_tmp)
    os.replace(link_tmp, backup)


def discard(*paths: Path) -> None:
    """Remove files if they exist (temp files after a failure)."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def read_bytes(fd: int) -> bytes:
    """Read an open file to the end and close it."""
    with os.fdopen(fd, "rb", closefd=True) as handle:
        return handle.read()
