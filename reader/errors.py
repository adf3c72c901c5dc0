"""The one error the importer raises.

Its message is a single sentence for the user: what was wrong, and what to
do. The CLI prints it as it is; the app shows it in the status bar. Anything
else escaping the importer is a bug, and the property tests hunt for it.
"""


class TranscriptError(Exception):
    """A file could not be read as a transcript. ``str(error)`` is user-facing."""
