"""Entry point for the PyInstaller build: the same as the `transcript-reader` command."""

import multiprocessing
import sys

from reader.cli import main

if __name__ == "__main__":
    # Word alignment runs in a child process started with "spawn": in the
    # frozen app that child is this executable again, and this line makes it
    # the worker instead of a second window.
    multiprocessing.freeze_support()
    sys.exit(main())
