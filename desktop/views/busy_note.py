"""A status-bar note for quiet background work that is taking a while.

Quiet jobs (``Job(..., quiet=True)``: the window's status passes) show no busy cursor
and no progress dialog. At 100,000 tasks the first status pass takes seconds, and the
matrix shows no lights meanwhile: ``BusyNote`` says why in the status bar, but only
once a job has run ``delay_ms`` (an edit's pass of a few milliseconds never flashes it).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from desktop.views.jobs import Job

#: How long a job runs before the note appears.
BUSY_NOTE_MS = 400


class BusyNote(QLabel):
    """``text`` while a watched job runs longer than ``delay_ms`` (``BUSY_NOTE_MS`` by
    default); hidden when it ends."""

    #: Shown (True) or hidden again (False).
    shown_changed = Signal(bool)

    def __init__(
        self, text: str, parent: QWidget | None = None, delay_ms: int | None = None
    ) -> None:
        super().__init__(text, parent)
        self.setStyleSheet("color: #555;")
        self.setVisible(False)
        self.shown = False  # (``isVisible`` is False too while the window is hidden)
        self._job: Job | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BUSY_NOTE_MS if delay_ms is None else delay_ms)
        self._timer.timeout.connect(self._show)

    def watch(self, job: Job) -> None:
        """Show the note if ``job`` still runs after the delay; hide it when it ends."""
        self._job = job
        job.finished.connect(self._ended)
        if not self.shown:
            self._timer.start()

    @Slot()
    def _show(self) -> None:
        if self._job is not None and self._job.running:
            self._set_shown(True)

    @Slot()
    def _ended(self) -> None:
        sender = self.sender()
        if sender is not None and sender is not self._job:
            return  # an earlier job's end (a newer one is watched now)
        self._job = None
        self._timer.stop()
        if self.shown:
            self._set_shown(False)

    def _set_shown(self, shown: bool) -> None:
        self.shown = shown
        self.setVisible(shown)
        self.shown_changed.emit(shown)
