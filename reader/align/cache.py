"""Finished alignments kept in the library, so reopening an episode is instant.

A row is keyed by the audio's fingerprint, the transcript's text
fingerprint and :data:`ALIGNER_VERSION`: a different file, an edited
transcript or a better aligner each align again. Failures ("not English")
are kept too, so a long episode is not re-heard for minutes at every
opening just to fail again. The table lives in the library database but
belongs to this module alone, which creates it when first needed.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from datetime import UTC, datetime

from reader.align import ALIGNER_VERSION
from reader.align.result import Alignment, Gap
from reader.align.reuse import Previous
from reader.align.words import transcript_words

TABLE = "word_alignments"
#: Alignments kept per audio file: the current text's, and earlier texts' for re-aligning an edit.
KEEP_PER_AUDIO = 3


def text_fingerprint(texts: list[str]) -> str:
    """The exact turn texts: word offsets point into them, so any edit means new offsets."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()[:32]


class AlignmentCache:
    """Read and write finished alignments in the library database at ``path``."""

    def __init__(self, path, connection=None) -> None:
        """``connection``: an open sqlite3 connection to ``path`` to use (:meth:`open_existing`)."""
        import sqlite_utils

        from reader.store.transaction import immediate

        self._db = sqlite_utils.Database(connection if connection is not None else str(path))
        self._db.conn.execute("PRAGMA busy_timeout = 5000")
        # Writes take the write lock up front (BEGIN IMMEDIATE), as the store's
        # do: a write that starts as a read (CREATE TABLE reads the schema
        # first) fails at once with "database is locked" when the app wrote to
        # the library in between, instead of waiting its turn. A finished
        # alignment was then not kept, and was aligned again at the next opening.
        with immediate(self._db.conn):
            self._db.table(TABLE).create(
                {"audio": str, "transcript": str, "version": str, "saved_at": str, "failed": str, "data": bytes},
                pk=("audio", "transcript", "version"),
                if_not_exists=True,
            )

    @classmethod
    def open_existing(cls, path) -> AlignmentCache | None:
        """The cache to read, or None when the library at ``path`` keeps no alignments (or can't be read).

        Readers that only look (exports, listings, search results) use this:
        it creates neither the library file nor the table, so looking never
        writes to a library that never aligned anything."""
        import sqlite3
        from pathlib import Path

        try:
            # mode=rw: a missing file is an error, not a new empty database.
            conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=rw", uri=True, timeout=5)
        except sqlite3.Error:
            return None
        try:
            found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone()
        except sqlite3.Error:
            found = None
        if found is None:
            conn.close()
            return None
        return cls(path, conn)  # the table is there: nothing is created

    def close(self) -> None:
        self._db.close()

    def holds_audio(self, audio_fp: str) -> bool:
        """A complete alignment of some text to this audio is kept by this aligner: worth reading the transcript."""
        sql = f"SELECT 1 FROM {TABLE} WHERE audio = ? AND version = ? AND failed = '' LIMIT 1"
        return self._db.execute(sql, (audio_fp, ALIGNER_VERSION)).fetchone() is not None

    def get(self, audio_fp: str, texts: list[str]) -> Alignment | str | None:
        """The saved alignment, the saved failure sentence, or None when this pair was never aligned."""
        key = (audio_fp, text_fingerprint(texts), ALIGNER_VERSION)
        rows = list(self._db[TABLE].rows_where("audio = ? AND transcript = ? AND version = ?", key))
        if not rows:
            return None
        if rows[0]["failed"]:
            return rows[0]["failed"]
        data = json.loads(zlib.decompress(rows[0]["data"]))
        return Alignment.from_json_dict(transcript_words(texts), data)

    def put(self, audio_fp: str, texts: list[str], outcome: Alignment | str) -> None:
        """Keep a complete alignment, or the sentence saying why there is none."""
        failed = outcome if isinstance(outcome, str) else ""
        if isinstance(outcome, str):
            data = b""
        else:
            # The words' keys too, so an edited transcript can keep what did not change (reader.align.reuse).
            shape = outcome.to_json_dict() | {"keys": [word.key for word in outcome.words]}
            data = zlib.compress(json.dumps(shape).encode(), 6)
        from reader.store.transaction import immediate

        transcript = text_fingerprint(texts)
        with immediate(self._db.conn):
            self._db.execute(f"DELETE FROM {TABLE} WHERE audio = ? AND transcript = ?", (audio_fp, transcript))
            self._db.execute(
                f"DELETE FROM {TABLE} WHERE audio = ? AND rowid NOT IN "
                f"(SELECT rowid FROM {TABLE} WHERE audio = ? ORDER BY saved_at DESC, rowid DESC LIMIT ?)",
                (audio_fp, audio_fp, KEEP_PER_AUDIO - 1),
            )
            self._db.table(TABLE).insert(
                {
                    "audio": audio_fp,
                    "transcript": transcript,
                    "version": ALIGNER_VERSION,
                    "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "failed": failed,
                    "data": data,
                }
            )

    def previous(self, audio_fp: str) -> Previous | None:
        """The newest complete alignment of any text to this audio by this aligner, to re-align an edit from."""
        rows = self._db[TABLE].rows_where(
            "audio = ? AND version = ? AND failed = ''",
            (audio_fp, ALIGNER_VERSION),
            order_by="saved_at DESC, rowid DESC",
        )
        for row in rows:
            data = json.loads(zlib.decompress(row["data"]))
            if "keys" in data and data.get("complete", True):
                return Previous(
                    data["keys"],
                    data["starts"],
                    data["ends"],
                    [flag == "1" for flag in data["placed"]],
                    [Gap(*gap) for gap in data["gaps"]],
                )
        return None
