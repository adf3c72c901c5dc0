"""Where the app keeps its library: one folder, chosen once at start-up.

The usual place is the platform's per-user data folder. ``--data-dir DIR``
and ``TRANSCRIPT_READER_HOME`` override it, so the app can run from a USB
stick with its library beside it, and so tests never touch a real user's
highlights.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "transcript-reader"
ENV_VAR = "TRANSCRIPT_READER_HOME"


def resolve_data_dir(cli_value: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """The folder to use: the command line wins over the environment, which
    wins over the platform default.

    An empty value counts as not given, because shells and launchers often
    export a variable as empty rather than unset it. ``~`` is expanded and the
    path made absolute here, once, so that a later change of working folder
    cannot move the library. The folder is not created: that is the store's
    job, and it reports failures to create it in words the user can act on.
    """
    for value in (cli_value, environ.get(ENV_VAR)):
        if value and value.strip():
            return Path(value.strip()).expanduser().absolute()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
