"""The errors whose messages reach the user.

Each message is a single sentence: what was wrong, and what to do. The CLI
prints it as it is; the app shows it in the status bar. Anything else
escaping the importer is a bug, and the property tests hunt for it.

They live apart from the modules that raise them so the window can catch
them without importing sqlite3 and hashlib before its first paint.
"""


class TranscriptError(Exception):
    """A file could not be read as a transcript. ``str(error)`` is user-facing."""


class StoreError(Exception):
    """Saving is not possible. ``str(error)`` is one sentence for the user.

    ``kind`` is ``"unwritable"``, ``"locked"``, ``"corrupt"`` (only after
    opening: :meth:`Store.open` recovers by itself), ``"newer"`` (the file
    belongs to a newer version of the app and is left alone) or ``"foreign"``
    (a database of another program's, also left alone). ``reason`` is
    the cause alone ("… is locked by another program"), for sentences such
    as "Saving is held up because …".
    """

    def __init__(self, message: str, kind: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.reason = reason
