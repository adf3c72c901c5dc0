"""One running app per library: a second start hands its request to the first.

The first instance listens on a local socket (a Unix domain socket, or a
named pipe on Windows) named after the library folder. A later start,
from a terminal, a file manager or a ``transcript-reader://`` link, connects,
sends what it was asked to open as one JSON line, and exits; the first comes
forward and opens it. Two windows never write one library at once in
ordinary use, and a link opens in the window the user already has.

A socket left behind by a crashed instance answers nobody: the next start
finds no listener, removes it and listens itself.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import zlib
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

TYPE_CHECKING = False  # QtNetwork loads only when an instance may be listening, or once this one listens
if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

#: Long enough for a busy first instance to accept, short enough not to be felt.
CONNECT_TIMEOUT_MS = 1500
MAX_REQUEST_BYTES = 64 * 1024


def server_name(data_dir: str | os.PathLike[str]) -> str:
    """The socket's name: per user and per library folder, short enough for Unix sockets.

    Two checksums, not a cryptographic hash: the name only tells libraries
    apart on one machine, and ``hashlib`` loads OpenSSL (4 ms) before the
    first paint, where this runs. (zlib is loaded by then already.)"""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers): the uid still separates users
        user = str(getattr(os, "getuid", lambda: "")())
    key = f"{user}\0{Path(data_dir).expanduser().absolute()}"
    data = key.encode()
    return f"transcript-reader-{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def nobody_listens(name: str) -> bool:
    """True when no instance can be listening on ``name``: on Linux and macOS
    its socket file, in Qt's temporary folder, is absent. A first start then
    need not load QtNetwork before its window paints. (Windows uses named
    pipes: only connecting tells.)"""
    if sys.platform == "win32":
        return False
    folder = os.environ.get("TMPDIR") or "/tmp"  # as QDir.tempPath() on Unix
    return not os.path.exists(os.path.join(folder, name))


def hand_over(name: str, request: dict, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
    """Send ``request`` to the instance listening on ``name``; False if none is."""
    if nobody_listens(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(json.dumps(request).encode("utf-8") + b"\n")
    sent = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(timeout_ms)
    return sent


class InstanceServer(QObject):
    """Listens for later starts; each request arrives as ``request_received(dict)``."""

    request_received = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._finished: list[QLocalSocket] = []  # read, to be let go at the next connection

    def listen(self) -> bool:
        """Start listening; a stale socket from a crashed run is removed first."""
        if self._server.listen(self.name):
            return True
        self._server.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        self._drop_finished()
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if socket not in self._buffers:
            return
        self._buffers[socket] += bytes(socket.readAll().data())
        if b"\n" in self._buffers[socket] or len(self._buffers[socket]) > MAX_REQUEST_BYTES:
            self._finish(socket)

    def _on_disconnected(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._finish(socket)

    def _finish(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return  # already handled when its line arrived
        data = self._buffers.pop(socket) + bytes(socket.readAll().data())
        self._finished.append(socket)
        try:
            request = json.loads(data.split(b"\n", 1)[0].decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return  # not ours: another program wrote to the socket
        if isinstance(request, dict):
            # Handled from the event loop, not inside this socket's signal: the
            # handler may open a dialog, and sockets are let go meanwhile.
            QTimer.singleShot(0, self, lambda: self.request_received.emit(request))

    def _drop_finished(self) -> None:
        """Sockets already read go here, outside their own signals. Not with
        deleteLater: a deferred delete still pending when the server goes
        (the window closing) crashes PySide6 (measured: 6.8 to 6.11)."""
        finished, self._finished = self._finished, []
        for socket in finished:
            socket.readyRead.disconnect(self._on_ready_read)
            socket.disconnected.disconnect(self._on_disconnected)
            socket.abort()
            socket.setParent(None)  # Python owns it now, and lets it go below
        finished.clear()
