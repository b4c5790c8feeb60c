"""One writer per corpus: the lock file ``.faq.lock`` in the corpus root.

Every command that writes the corpus (ingest, lint --fix, export, restore, init)
holds it while it runs, so that two runs never interleave their writes to raw/,
clean/ or dist/. The file names its holder (pid, host, command, start time), so
that a second run can say who is writing.

The lock is an ``fcntl.flock`` on that file, taken without waiting. The kernel
drops it when its holder exits in any way, ``kill -9`` included, so a lock file
left behind by a dead run is told apart from a live one without trusting pids
(which are reused) or clocks: whoever can take the flock owns the corpus, and
a file that still names another holder is reported as stale and taken over.
The standard library is enough; ``filelock`` takes the same flock but neither
records nor reports who holds it.

A lock file written on another host (a corpus on a network share) cannot be
checked from here, so it is respected until someone removes it.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from pipeline.errors import FaqError

LOCK_NAME = ".faq.lock"

# Roots this process holds, so that `faq build` (ingest, lint, export in one
# process) takes the lock once per command without locking itself out.
_held: dict[Path, int] = {}


class CorpusLocked(FaqError):
    """Another run is writing the corpus."""


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a lock, as its file records it."""

    pid: int | None
    host: str | None
    command: str | None
    started: str | None

    @classmethod
    def parse(cls, text: str) -> "Holder | None":
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        pid = data.get("pid")
        return cls(pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
                   _text(data.get("host")), _text(data.get("command")), _text(data.get("started")))

    def describe(self) -> str:
        parts = [f"pid {self.pid if self.pid is not None else '?'}"]
        if self.host and self.host != socket.gethostname():
            parts.append(f"on {self.host}")
        if self.command:
            parts.append(f"`{self.command}`")
        if self.started:
            parts.append(f"started {self.started}")
        return ", ".join(parts)


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def lock_path(root: Path) -> Path:
    return Path(root) / LOCK_NAME


@contextlib.contextmanager
def corpus_lock(root: Path, command: str = "faq",
                notice: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the corpus lock of ``root`` for the duration of the block.

    Raises CorpusLocked (exit 2) when another live run holds it. A lock file left
    by a run that is gone is taken over, and ``notice`` is told so."""
    root = Path(root).resolve()
    if root in _held:
        _held[root] += 1
        try:
            yield
        finally:
            _held[root] -= 1
        return
    path = lock_path(root)
    display = LOCK_NAME
    descriptor = _acquire(path, display, command, notice)
    _held[root] = 1
    try:
        yield
    finally:
        del _held[root]
        _release(path, descriptor)


def _acquire(path: Path, display: str, command: str, notice: Callable[[str], None] | None) -> int:
    for _ in range(20):  # only loops when another run released or replaced the file meanwhile
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise FaqError(f"cannot create the lock file: {exc.strerror or exc}", str(path),
                           hint="faq needs to write the corpus root") from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = Holder.parse(_read(descriptor))
            os.close(descriptor)
            who = holder.describe() if holder else "pid unknown"
            raise CorpusLocked(f"another faq run ({who}) is writing this corpus", display,
                               hint=f"wait for it, or remove {display} if that process is gone") from None
        except OSError as exc:
            os.close(descriptor)
            raise FaqError(f"cannot lock the corpus: {exc.strerror or exc}", str(path)) from None
        # The holder before us may have removed the file after we opened it: then
        # we hold a lock on a file nobody else will look at. Start again.
        try:
            same = os.fstat(descriptor).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            os.close(descriptor)
            continue
        previous = Holder.parse(_read(descriptor))
        if previous is not None and previous.host and previous.host != socket.gethostname():
            os.close(descriptor)
            raise CorpusLocked(f"another faq run ({previous.describe()}) is writing this corpus, "
                               "or was when it stopped; it cannot be checked from this host", display,
                               hint=f"remove {display} if that process is gone")
        if previous is not None and notice is not None:
            notice(f"took over a stale lock ({display}): the run that held it ({previous.describe()}) "
                   "is no longer running")
        _write_holder(descriptor, command)
        return descriptor
    raise CorpusLocked("the lock file keeps changing; another faq run is starting", display,
                       hint="try again")


def _read(descriptor: int) -> str:
    try:
        os.lseek(descriptor, 0, os.SEEK_SET)
        return os.read(descriptor, 4096).decode("utf-8", "replace")
    except OSError:
        return ""


def _write_holder(descriptor: int, command: str) -> None:
    record = {"pid": os.getpid(), "host": socket.gethostname(), "command": command,
              "started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")}
    os.ftruncate(descriptor, 0)
    os.lseek(descriptor, 0, os.SEEK_SET)
    os.write(descriptor, (json.dumps(record) + "\n").encode("utf-8"))
    os.fsync(descriptor)


def _release(path: Path, descriptor: int) -> None:
    """Remove the file while still holding the lock, then let go: a run waiting to
    open it finds no file, or finds the inode changed and starts again."""
    try:
        os.unlink(path)
    except OSError:
        pass
    os.close(descriptor)
