"""Atomic outputs: a file is written beside its target, flushed, fsynced and renamed over it.

A reader (or a later run) sees either the previous bytes or the new ones, never a truncated file, even
when the writer is killed part-way or the disk fills up. A directory is built as a staging directory
and swapped in whole (``replace_directory``) under a lock (``lock_directory``).

Targets that exist and are not regular files (``/dev/stdout``, a FIFO, a device) are written in place:
they cannot be replaced by a rename, and replacing them would be wrong.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import glob
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from frontlines.errors import OutputError

__all__ = ["atomic_open", "atomic_path", "lock_directory", "replace_directory", "write_bytes", "write_text"]


def _resolve(target: str | os.PathLike[str]) -> Path:
    """The path to replace: a symlink's target, so that the link itself survives."""
    path = Path(target)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _is_special(target: Path) -> bool:
    """True when the target exists and is not a regular file (a device, FIFO or socket)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _temp_name(target: Path, kind: str = "tmp") -> Path:
    # Hidden, in the same directory (same filesystem, so the rename is atomic), keeping the suffix so
    # that writers which pick a format by extension still do.
    return target.with_name(f".{target.stem}.{kind}-{secrets.token_hex(4)}{target.suffix}")


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _replace_on_success(temp: Path, final: Path) -> Iterator[None]:
    """Rename ``temp`` over ``final`` when the block ends normally (then fsync the directory); on an
    error remove ``temp``, so ``final`` keeps its previous bytes."""
    try:
        yield
        os.replace(temp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_directory(final.parent)


@contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a fresh path beside ``target`` for a writer that wants a file name (e.g. GeoPackage).

    On a normal exit the file is fsynced and renamed over ``target``; on an error it is removed and
    ``target`` keeps its previous bytes. A special target (``/dev/stdout``) is yielded as is.
    """
    final = _resolve(target)
    if _is_special(final):
        yield final
        return
    temp = _temp_name(final)
    with _replace_on_success(temp, final):
        yield temp
        _fsync_file(temp)


@contextmanager
def atomic_open(
    target: str | os.PathLike[str],
    mode: str = "w",
    *,
    encoding: str | None = "utf-8",
    newline: str | None = None,
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``target`` (``"w"`` or ``"wb"``); rename it over ``target`` on success."""
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes only ('w' or 'wb'), not {mode!r}")
    binary = mode == "wb"
    final = _resolve(target)
    if _is_special(final):
        with open(
            final, mode, encoding=None if binary else encoding, newline=None if binary else newline
        ) as handle:
            yield handle
        return
    temp = _temp_name(final)
    handle = open(temp, "xb" if binary else "x", encoding=None if binary else encoding,  # noqa: SIM115
                  newline=None if binary else newline)  # fmt: skip
    with _replace_on_success(temp, final), handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def write_text(target: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` atomically (newlines as given, no translation)."""
    with atomic_open(target, "w", encoding=encoding, newline="") as handle:
        handle.write(text)
    return Path(target)


def write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically."""
    with atomic_open(target, "wb") as handle:
        handle.write(data)
    return Path(target)


# -- directories --------------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name, use_errno=True) if name else None
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _carry_over(old: Path, staging: Path, owned: Callable[[str], bool]) -> None:
    """Hard-link (or copy) into ``staging`` what ``old`` holds that a build does not own."""
    for entry in sorted(old.iterdir()):
        if owned(entry.name) or (staging / entry.name).exists():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, staging / entry.name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, staging / entry.name)


def _link_or_copy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


@contextmanager
def replace_directory(target: str | os.PathLike[str], owned: Callable[[str], bool]) -> Iterator[Path]:
    """Yield an empty staging directory beside ``target``; on success swap it in as ``target``.

    Entries of the old ``target`` for which ``owned(name)`` is true (what an earlier run wrote) are
    dropped, so nothing stale survives; any other entry (a README someone keeps there) is carried
    over. On an error the staging directory is removed and ``target`` is left as it was. Call it under
    ``lock_directory`` so that two writers never interleave.
    """
    final = Path(target)
    staging = _temp_name(final, "staging")
    staging.mkdir()
    try:
        yield staging
        if final.is_dir():
            _carry_over(final, staging, owned)
        _fsync_directory(staging)
        if final.is_dir() and _exchange(staging, final):
            shutil.rmtree(staging, ignore_errors=True)  # now the previous contents
        elif final.is_dir():
            old = _temp_name(final, "old")
            os.rename(final, old)
            os.rename(staging, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync_directory(final.parent)


@contextmanager
def lock_directory(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Create ``target`` if needed and hold an exclusive lock on it; fail at once if another holds it.

    Leftover staging directories of a killed run are removed once the lock is held.
    """
    final = Path(target)
    if final.exists() and not final.is_dir():
        raise OutputError("exists and is not a directory", path=str(final))
    try:
        final.mkdir(parents=True, exist_ok=True)
        fd = os.open(final, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise OutputError(
            f"cannot create the output directory: {exc.strerror or exc}", path=str(final)
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                "another frontlines run is writing to this directory", path=str(final)
            ) from None
        if os.fstat(fd).st_ino != os.stat(final).st_ino:  # swapped out while we waited: that run is done
            raise OutputError("another frontlines run replaced this directory; run again", path=str(final))
        stem, suffix = glob.escape(final.stem), glob.escape(final.suffix)
        for kind in ("staging", "old"):
            for leftover in final.parent.glob(f".{stem}.{kind}-*{suffix}"):
                shutil.rmtree(leftover, ignore_errors=True)
        yield final
    finally:
        os.close(fd)
