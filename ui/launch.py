"""What a start of the app asks for, and who carries it out: this process,
or the instance already running on the same library.

``ui.app.run`` calls :func:`hand_to_running_instance` first (before Qt's
widgets load, so a second start is quick); when no instance answers, it
builds the window, then :func:`open_request`; :func:`serve_later_starts` once it has painted.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reader.links import is_link


def launch_request(args) -> dict:
    """What the command line asked to open, with absolute paths: the instance
    that carries it out may run in another folder."""
    target = getattr(args, "file", None)
    if target and is_link(target):
        return {"link": target.strip()}
    request: dict = {"demo": bool(getattr(args, "demo", False))}
    if target:
        request["file"] = os.path.abspath(target)
    if getattr(args, "audio", None):
        request["audio"] = os.path.abspath(args.audio)
    return request


def hand_to_running_instance(data_dir: Path, request: dict) -> bool:
    """True if an instance is running on this library and took the request."""
    from ui.single_instance import hand_over, server_name

    return hand_over(server_name(data_dir), request)


def serve_later_starts(data_dir: Path, window, links):
    """Listen for later starts; each brings this window forward and opens
    what it asked for. None (and one instance per start) if the socket can't be had."""
    from ui.single_instance import InstanceServer, server_name

    server = InstanceServer(server_name(data_dir), window)
    if not server.listen():
        return None
    server.request_received.connect(lambda request: open_request(window, links, request, from_another_start=True))
    return server


def open_request(window, links, request: dict, from_another_start: bool = False) -> None:
    """A link, a transcript (with its audio), or the demo; nothing at all
    just brings the window forward (a second start with no arguments)."""
    if from_another_start:
        links.bring_forward()
    if request.get("link"):
        links.open_link(str(request["link"]))
    elif request.get("demo"):
        from ui.app import DEMO_AUDIO, DEMO_TRANSCRIPT

        window.open_transcript(DEMO_TRANSCRIPT, DEMO_AUDIO)
    elif request.get("file"):
        window.open_transcript(str(request["file"]), request.get("audio"))


def watch_open_url_events(app, links) -> None:
    """macOS hands a clicked link to the running app as a FileOpen event, not argv."""
    if sys.platform != "darwin":
        return
    from PySide6.QtCore import QEvent, QObject

    class _OpenUrl(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.FileOpen and is_link(event.url().toString()):
                links.open_link(event.url().toString())
                return True
            return False

    app._open_url_filter = _OpenUrl(app)  # kept alive with the app
    app.installEventFilter(app._open_url_filter)
