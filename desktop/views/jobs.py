"""Run a plain function in the background, with progress and cancel.

The one helper for long work (import, later sync and PDF), modelled on Anki's
``CollectionOp(...).success(...).run_in_background()`` and its progress rules:
a busy cursor after 300 ms, a progress dialog with 取消 after 600 ms.

Usage::

    job = Job(self, parse_file, path, label=self.tr("正在解析…"))
    job.succeeded.connect(self._on_parsed)      # a QObject method, not a lambda
    job.failed.connect(self._on_parse_failed)   # optional; see show_errors
    job.start()

The function runs on a ``QThreadPool`` thread. It must not touch widgets or the
GUI's ``Store`` (sqlite connections are per thread). Store work goes through
``desktop.views.ops``: ``QueryOp`` reads and ``Op`` writes on a store opened for the
worker's thread (``on_own_store``), and an ``Op`` then pushes its undo entry and tells
the window once what changed (the one way to do that). With ``pass_progress=True`` it is called as
``fn(progress, *args, **kwargs)``; ``progress.update(done, total, text)``
reports progress and ``progress.check()`` raises ``Cancelled`` once the user
pressed 取消.

Signals (all delivered on the GUI thread, in this order):
- ``progressed(done, total, text)`` while it runs;
- exactly one of ``succeeded(result)``, ``failed(exception)``, ``cancelled()``;
- ``finished()`` last, always.
With ``quiet=True`` neither the busy cursor nor the progress dialog appears
(the caller shows progress itself, e.g. the sync status item).
With ``show_errors=True`` (the default) a failure is also shown to the user
(``dialogs.show_error``: a ``UserError``'s message, or a plain note for a bug,
whose traceback goes to the log).

Work that should wait for the first frame (the first status pass, the start-up
backup) is started with ``start_after_first_paint(window)``: from then on it counts
as running work (``active_jobs()``, ``wait_for_jobs()``, ``stop_jobs()`` see it),
but its worker is queued only once the window has painted its first frame, so the
start-up's GUI work does not share the interpreter with it. Closing the window
before that cancels it (``cancelled()``, ``finished()``; the function never runs,
except for a job made with ``cancellable=False``, which runs then).

Ownership: ``parent`` is the job's *owner*. A window that closes calls
``stop_jobs(self)``: its jobs are cancelled, their workers waited for, and each
emits ``cancelled()`` and ``finished()``; nothing of theirs keeps running and a
late result is dropped. The ``Job`` object itself is not a Qt child of its owner:
it lives until its worker has returned (the worker only ever signals a live
object) and is then deleted on the GUI thread, even if the owner is gone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from desktop.views import dialogs

BUSY_CURSOR_MS = 300
PROGRESS_DIALOG_MS = 600
#: Jobs held for a shown window's first frame start after this even if it never comes.
FIRST_PAINT_LIMIT_MS = 3000

_active: set[Job] = set()


class Cancelled(Exception):
    """Raised by ``Progress.check()`` after the user cancelled."""


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits these, Qt queues them across threads."""

    done = Signal(object)
    error = Signal(object)
    stopped = Signal()
    progress = Signal(int, int, str)


class Progress:
    """Given to a worker function that asked for it (``pass_progress=True``)."""

    def __init__(self, relay: _Relay, cancel_event: threading.Event) -> None:
        self._relay = relay
        self._cancel = cancel_event

    def update(self, done: int, total: int = 0, text: str = "") -> None:
        self._relay.progress.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class _Runnable(QRunnable):
    def __init__(
        self,
        call: Callable[[], Any],
        relay: _Relay,
        cancel: threading.Event,
        returned: threading.Event,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._call = call
        self._relay = relay
        self._cancel = cancel
        self._returned = returned

    def run(self) -> None:
        try:
            self._deliver()
        finally:
            self._returned.set()

    def _deliver(self) -> None:
        try:
            result = self._call()
        except Cancelled:
            self._relay.stopped.emit()
        except BaseException as exc:  # delivered to the GUI thread, never lost
            if self._cancel.is_set():
                self._relay.stopped.emit()
            else:
                self._relay.error.emit(exc)
        else:
            if self._cancel.is_set():
                self._relay.stopped.emit()
            else:
                self._relay.done.emit(result)


class Job(QObject):
    """One background call; see the module docstring."""

    #: (done, total, text) reported by the worker; total 0 = unknown.
    progressed = Signal(int, int, str)
    #: The function's return value.
    succeeded = Signal(object)
    #: The exception it raised (a ``UserError`` or a bug).
    failed = Signal(object)
    #: The user pressed 取消 (or ``cancel()`` was called) before it finished.
    cancelled = Signal()
    #: Always emitted last.
    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        fn: Callable[..., Any],
        *args: Any,
        label: str = "",
        cancellable: bool = True,
        show_errors: bool = True,
        pass_progress: bool = False,
        quiet: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(None)  # owned by ``parent`` but alive until the worker returns
        self._widget = parent
        self._label = label or QCoreApplication.translate("Job", "正在处理…")
        self._cancellable = cancellable
        self._show_errors = show_errors
        self._cancel = threading.Event()
        self._returned = threading.Event()
        self._delivered = False
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._relay.error.connect(self._on_error, Qt.ConnectionType.QueuedConnection)
        self._relay.stopped.connect(self._on_stopped, Qt.ConnectionType.QueuedConnection)
        self._relay.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        progress = Progress(self._relay, self._cancel)
        if pass_progress:
            self._call = lambda: fn(progress, *args, **kwargs)
        else:
            self._call = lambda: fn(*args, **kwargs)
        self._cursor_timer = QTimer(self)
        self._cursor_timer.setSingleShot(True)
        self._cursor_timer.timeout.connect(self._show_busy_cursor)
        self._dialog_timer = QTimer(self)
        self._dialog_timer.setSingleShot(True)
        self._dialog_timer.timeout.connect(self._show_dialog)
        self._cursor_set = False
        self._dialog: QProgressDialog | None = None
        self._last = (0, 0, "")
        self.running = False
        #: Counted as running, its worker not yet queued (``start_after_first_paint``).
        self.held = False
        #: No busy cursor and no progress dialog (background refreshes such as sync).
        self.quiet = quiet

    def start(self) -> Job:
        """Queue the function on the thread pool; returns ``self``."""
        _active.add(self)
        self.running = True
        self.held = False
        if not self.quiet:
            self._cursor_timer.start(BUSY_CURSOR_MS)
            self._dialog_timer.start(PROGRESS_DIALOG_MS)
        runnable = _Runnable(self._call, self._relay, self._cancel, self._returned)
        QThreadPool.globalInstance().start(runnable)
        return self

    def start_after_first_paint(self, window: QWidget) -> Job:
        """Count as running work now; queue the worker once ``window`` has painted its
        first frame (``watch_first_paint``; at once if it has, or is not watched).
        Cancelled before that, it ends without running, unless it was made with
        ``cancellable=False``: such work (the daily backup) then starts at once, and a
        closing window waits for it as for any running job. Returns ``self``."""
        watcher = _FirstPaint.of(window)
        if watcher is None:
            return self.start()
        _active.add(self)
        self.running = True
        self.held = True
        watcher.waiting.append(self)
        return self

    def owned_by(self, owner: QObject) -> bool:
        """Whether ``owner`` is this job's parent widget or one of its ancestors."""
        widget: QObject | None = self._widget
        while widget is not None and shiboken6.isValid(widget):
            if widget is owner:
                return True
            widget = widget.parent()
        return False

    def _owner(self) -> QWidget | None:
        """The parent widget, while it still exists (dialogs are parented to it)."""
        widget = self._widget
        return widget if widget is not None and shiboken6.isValid(widget) else None

    @Slot()
    def cancel(self) -> None:
        """Ask the worker to stop; ``cancelled`` follows once it does (at once, queued,
        for a job still waiting for the first frame: its function never runs)."""
        self._cancel.set()
        if self.held and not self._cancellable:
            self.start()  # work that must not be dropped (the backup): it runs now
        elif self.held:
            self.held = False
            self._returned.set()
            self._relay.stopped.emit()  # queued, as a worker's would be

    # -- progress UI -----------------------------------------------------------

    @Slot()
    def _show_busy_cursor(self) -> None:
        if self.running and not self._cursor_set:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self._cursor_set = True

    @Slot()
    def _show_dialog(self) -> None:
        if not self.running or self._dialog is not None:
            return
        dialog = QProgressDialog(self._owner())
        dialog.setWindowTitle(QCoreApplication.translate("Job", "联动"))
        dialog.setLabelText(self._label)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if self._cancellable:
            dialog.setCancelButtonText(QCoreApplication.translate("Job", "取消"))
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        self._dialog = dialog
        self._apply_progress()
        dialog.show()

    def _apply_progress(self) -> None:
        if self._dialog is None:
            return
        done, total, text = self._last
        self._dialog.setRange(0, max(total, 0))
        if total:
            self._dialog.setValue(min(done, total))
        if text:
            self._dialog.setLabelText(text)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self._last = (done, total, text)
        self._apply_progress()
        self.progressed.emit(done, total, text)

    # -- completion ----------------------------------------------------------------

    def _finish(self) -> None:
        self.running = False
        self._cursor_timer.stop()
        self._dialog_timer.stop()
        if self._cursor_set:
            QApplication.restoreOverrideCursor()
            self._cursor_set = False
        if self._dialog is not None:
            dialog, self._dialog = self._dialog, None
            dialog.close()  # may emit canceled: harmless once finished
            dialog.deleteLater()

    # The worker's outcome (queued to the GUI thread); once it is here the worker
    # touches no Qt object any more, so the job may be deleted.

    @Slot(object)
    def _on_done(self, result: object) -> None:
        if not self._delivered:  # else stopped by its owner: the late result is dropped
            self._finish()
            self.succeeded.emit(result)
            self._done()
        self._release()

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        if not self._delivered:
            self._finish()
            self.failed.emit(exc)
            if self._show_errors and isinstance(exc, BaseException):
                dialogs.show_error(self._owner(), exc)
            self._done()
        self._release()

    @Slot()
    def _on_stopped(self) -> None:
        if not self._delivered:
            self._end_cancelled()
        self._release()

    def _end_cancelled(self) -> None:
        self._finish()
        self.cancelled.emit()
        self._done()

    def _done(self) -> None:
        self._delivered = True
        self.finished.emit()

    def _release(self) -> None:
        _active.discard(self)
        self.deleteLater()

    def stop(self, timeout_ms: int) -> bool:
        """Cancel, wait up to ``timeout_ms`` for the worker, then end as cancelled."""
        self.cancel()
        returned = self._returned.wait(timeout_ms / 1000)
        if not self._delivered:
            self._end_cancelled()
        if returned:
            self._release()
        # else: freed when the worker's outcome arrives (it signals a live object)
        return returned


Result = TypeVar("Result")


def on_own_store(db_path: Path, fn: Callable[..., Result], *args: Any, **kwargs: Any) -> Result:
    """Background job body: ``fn(store, *args, **kwargs)`` on a ``Store`` opened for
    the calling (worker) thread, closed afterwards whatever happens."""
    from desktop.models.store import Store

    store = Store.open(db_path)
    try:
        return fn(store, *args, **kwargs)
    finally:
        store.close()


class _FirstPaint(QObject):
    """Watches a window until its first paint, then starts the jobs held for it.

    A window that is still hidden once the event loop runs will paint no frame soon
    (a window used without showing it): its jobs start then. A shown window that
    paints nothing within ``FIRST_PAINT_LIMIT_MS`` (minimised, no display) does not
    keep them waiting either.
    """

    NAME = "liandongFirstPaint"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(_FirstPaint.NAME)
        self.window = window
        self.waiting: list[Job] = []
        self.fired = False
        self.blockers = 0  # ``hold_first_paint_jobs`` holds still to be let go
        self._timers: list[QTimer] = []
        self._turn = self._timer(self._event_loop_runs)
        self._limit = self._timer(self._release)
        self._after_frame = self._timer(self._release)
        self._turn.start(0)  # the first turn of the event loop
        # a window deleted unpainted: its held jobs end as cancelled, none is left counted
        window.destroyed.connect(partial(_cancel_held, self.waiting))
        window.installEventFilter(self)

    def _timer(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        self._timers.append(timer)
        return timer

    @staticmethod
    def of(window: QWidget) -> _FirstPaint | None:
        """The window's watcher while its first frame is still to come, else None."""
        watcher = window.findChild(_FirstPaint, _FirstPaint.NAME)
        return watcher if isinstance(watcher, _FirstPaint) and not watcher.fired else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint and not self.fired:
            self.fired = True
            self._limit.stop()
            self._after_frame.start(0)  # after the frame: its paint is still going on
        return False

    @Slot()
    def _event_loop_runs(self) -> None:
        if self.fired:
            return
        if self.window.isVisible():
            self._limit.start(FIRST_PAINT_LIMIT_MS)  # the frame is on its way
        else:
            self._release()  # not shown: no frame is coming

    @Slot()
    def _release(self) -> None:
        self.fired = True
        self.window.removeEventFilter(self)
        for timer in self._timers:
            timer.stop()
        if self.blockers:
            return  # the last ``unblock`` starts them
        waiting = list(self.waiting)
        self.waiting.clear()
        for job in waiting:
            if job.held:  # else cancelled meanwhile
                job.start()

    def unblock(self) -> None:
        self.blockers -= 1
        if self.fired and not self.blockers:
            self._release()


def _cancel_held(waiting: list[Job]) -> None:
    for job in waiting:
        if job.held and shiboken6.isValid(job):
            job.cancel()


def watch_first_paint(window: QWidget) -> None:
    """Hold ``start_after_first_paint`` jobs of ``window`` until it painted a frame."""
    if window.findChild(_FirstPaint, _FirstPaint.NAME) is None:
        _FirstPaint(window)


def hold_first_paint_jobs(window: QWidget) -> Callable[[], None]:
    """Keep the jobs held for ``window``'s first frame waiting past it, until the
    returned function is called (once): a large database's rows, read on a worker
    after the first frame, come before the status pass that would share the
    interpreter with them."""
    watcher = _FirstPaint.of(window)
    if watcher is None:
        return lambda: None
    watcher.blockers += 1
    pending = [watcher]

    def let_go() -> None:
        if pending and shiboken6.isValid(pending[0]):
            pending.pop().unblock()

    return let_go


def active_jobs() -> int:
    """How many jobs have not yet delivered their outcome or still have a worker running."""
    return len(_active)


def stop_jobs(owner: QObject, timeout_ms: int = 10_000) -> bool:
    """Cancel the jobs ``owner`` (a closing window) owns and wait for their workers.

    Each ends with ``cancelled()`` and ``finished()``; results that arrive later
    are dropped. Returns False if a worker did not return within ``timeout_ms``
    (it is left to finish; its result is dropped too).
    """
    mine = [job for job in list(_active) if not job._delivered and job.owned_by(owner)]
    for job in mine:
        job.cancel()
    return all([job.stop(timeout_ms) for job in mine])


def wait_for_jobs(timeout_ms: int = 10_000) -> bool:
    """Block until every worker thread is idle (at shutdown, in tests); jobs still
    waiting for a first frame are cancelled (their ``cancelled()`` is queued)."""
    for job in list(_active):
        job.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
