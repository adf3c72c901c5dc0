"""The aligner's scratch folder: the recogniser's dictionary and language models, and spilled audio.

It lives in the system's temporary folder and is removed when aligning ends,
is cancelled (the worker turns SIGTERM into SystemExit, so ``finally``
blocks run; see :mod:`reader.align.worker`) or fails. A process killed
outright (SIGKILL, a crash in native code, TerminateProcess on Windows)
cannot clean up after itself, so each folder is named after the process
that made it: the app removes a worker's folder once it has ended, and the
next aligner to start removes any folder whose process is gone.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import tempfile

PREFIX = "transcript-reader-align-"
_NAME = re.compile(re.escape(PREFIX) + r"(\d+)-")


def scratch_folder(root: str | None = None) -> tempfile.TemporaryDirectory:
    """A new scratch folder for this process (in ``root``, else the system's temporary
    folder), after sweeping those of aligners that are gone."""
    sweep_stale(root)
    return tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-", dir=root)


class Terminated(SystemExit):
    """SIGTERM arrived (the app's Cancel, a logout, ``kill``): raised where the aligner is, so
    ``finally`` blocks and context managers run and the scratch folder is removed (the
    default action would end the process on the spot and leave the folder behind)."""


def stop_on_sigterm() -> None:
    """From now on SIGTERM raises :class:`Terminated` (exit code 143), once: a second one,
    from a parent done waiting, must not cut the clean-up short. Windows has no such
    signal: there the app removes a terminated worker's folder."""
    if os.name != "posix":
        return

    def stop(signum, _frame) -> None:
        signal.signal(signum, signal.SIG_IGN)
        raise Terminated(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def remove_folders_of(pid: int, root: str | None = None) -> list[str]:
    """Remove the scratch folders of process ``pid``, which the caller knows has ended; returns their paths."""
    return _remove(root, lambda owner: owner == pid)


def sweep_stale(root: str | None = None) -> list[str]:
    """Remove scratch folders whose process is no longer running; returns their paths.

    Only on POSIX, where asking whether a process exists is harmless
    (``os.kill(pid, 0)`` would end it on Windows); there the app removes a
    worker's folder after the worker has ended instead.
    """
    if os.name != "posix":
        return []
    return _remove(root, lambda owner: not _running(owner))


def _remove(root: str | None, whose) -> list[str]:
    """Remove this user's scratch folders (never a link, never someone else's) whose pid ``whose`` accepts."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(root or tempfile.gettempdir()))
    except OSError:
        return removed
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or not whose(int(match.group(1))):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(entry.path)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return True  # unsure: keep the folder
    return True
