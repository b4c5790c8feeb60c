"""The one place that writes files, and the one that reads a file whole.

Writes are atomic and durable: a temporary file in the same directory (its name
starts with "." so that no corpus scan sees it), flushed and fsynced, renamed
over the target, then the directory fsynced so that the rename itself survives a
power cut. A crash, a `kill -9` or a full disk leaves the old file or the new
one, never half of one.

Reads refuse what is not a regular file (a FIFO would block forever, a device
never end) and what is larger than the caller's limit, before reading a byte.
"""
from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from pipeline.errors import InputError

# Test hook: seconds to sleep after the temporary file is written and before it is
# renamed, so that a test can kill a real run at the worst moment.
PAUSE_BEFORE_RENAME = "FAQ_TEST_PAUSE_BEFORE_RENAME"


def read_file(path: Path, display: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; InputError otherwise
    (naming ``display``): missing, a directory, a FIFO or device, a symlink loop,
    unreadable, or too large."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", display) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a file", display)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (a FIFO, socket or device); it is not read", display)
    if info.st_size > max_bytes:
        raise InputError(f"file is too large ({_mib(info.st_size)}; the limit is {_mib(max_bytes)})",
                         display, hint="split it into smaller files")
    try:
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", display) from None
    if len(data) > max_bytes:  # it grew since stat
        raise InputError(f"file is too large (over {_mib(max_bytes)})", display)
    return data


def _mib(size: int) -> str:
    return f"{size / 2 ** 20:.0f} MiB" if size >= 2 ** 20 else f"{size} bytes"


def holds(path: Path, data: bytes | str) -> bool:
    """Whether ``path`` is a file holding exactly ``data`` (its size is compared
    first, so a file of another size is not read). --check modes and writes that
    would change nothing ask this."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        return os.stat(path).st_size == len(data) and Path(path).read_bytes() == data
    except OSError:
        return False


def write_atomic(path: Path, data: bytes | str) -> bool:
    """Write ``data`` to ``path`` through a temporary file in the same directory,
    flushed to disk and renamed into place. Returns False when the file already
    held exactly these bytes (it is then left untouched). A file that cannot be
    written raises InputError naming it."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = Path(path)
    if holds(path, data):
        return False
    try:
        _replace(path, data)
    except OSError as exc:
        raise InputError(f"cannot write file: {exc.strerror or exc}", str(path)) from None
    return True


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(21, "is a directory", str(path))
    import tempfile  # here: it costs every command 8 ms to import, and most write nothing

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        pause = os.environ.get(PAUSE_BEFORE_RENAME)
        if pause:
            time.sleep(float(pause))
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    try:
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; give a new one the usual 0666 less umask
    (mkstemp alone would leave it readable by its owner only)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
