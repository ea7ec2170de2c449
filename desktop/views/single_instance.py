"""One running app per profile: a second start on the same database focuses the first.

The first instance listens on a local socket (QLocalServer) named after the
database path; a second instance on the same path connects, asks it to come to
the front, and exits. Different profiles (different paths) run side by side.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 500


def server_name(db_path: Path) -> str:
    """A socket name unique to the user and the database file."""
    try:
        key = str(Path(db_path).resolve())
    except OSError:
        key = str(db_path)
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    digest = hashlib.sha256(f"{user}\0{key}".encode()).hexdigest()[:24]
    return f"liandong-{digest}"


class SingleInstance(QObject):
    """``acquire()`` is False when another instance already has the profile open
    (that instance was asked to come to the front); ``activated`` fires in the
    first instance when a second one starts."""

    activated = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self.server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []

    def _ask_running(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.abort()
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.waitForReadyRead(CONNECT_TIMEOUT_MS * 2)  # the first instance's "ok"
        socket.abort()
        return True

    def acquire(self) -> bool:
        if self._ask_running():
            log.info("another instance has %s open; asked it to come to the front", self.name)
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A stale socket file left by a crashed instance (nobody answered above).
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("single-instance server %s: %s", self.name, server.errorString())
                return True  # cannot guard; do not keep the user out
        server.newConnection.connect(self._connection)
        self.server = server
        return True

    @Slot()
    def _connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._clients.append(socket)
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(self._disconnected)
            if socket.bytesAvailable():
                self._read_from(socket)

    @Slot()
    def _read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read_from(socket)

    def _read_from(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        message = bytes(socket.readLine().data())
        if message.strip() == ACTIVATE.strip():
            socket.write(b"ok\n")
            socket.flush()
            self.activated.emit()

    @Slot()
    def _disconnected(self) -> None:
        socket = self.sender()
        if socket in self._clients:
            self._clients.remove(socket)
            socket.deleteLater()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None


def bring_to_front(window: QWidget) -> None:
    """Show, un-minimise and raise ``window``."""
    window.show()
    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.raise_()
    window.activateWindow()
