"""Work held for the window's first frame (issue 11, start-up ≤ 1.5 s).

The first status pass and the start-up backup round wait until the main window has
painted its first frame, so the window's own start-up work has the interpreter to
itself. Meanwhile they count as running work: ``active_jobs()`` and ``wait_for_jobs()``
see them and closing the window cancels them. Real widgets offscreen, real worker
threads, a real SQLite file.
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QEvent, QObject, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from desktop.models.store import Store
from desktop.views import jobs
from desktop.views.coordination import integration
from tests.helpers.main_window_fixtures import (  # noqa: F401 - fixtures
    _isolated_settings,
    seeded_path,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class PaintSeen(QObject):
    """Remembers whether its widget has received a paint event."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.painted = threading.Event()
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            self.painted.set()
        return False


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert QThreadPool.globalInstance().waitForDone(10_000)
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(10)


@pytest.fixture
def counted_pass(monkeypatch):  # type: ignore[no-untyped-def]
    """The real status pass, recording whether the window had painted when it ran."""
    calls: list[bool] = []
    real = integration.status_pass_job
    seen: list[PaintSeen] = []

    def recording(*args):  # type: ignore[no-untyped-def]
        calls.append(seen[0].painted.is_set())
        return real(*args)

    monkeypatch.setattr(integration, "status_pass_job", recording)
    return calls, seen


def test_the_first_status_pass_runs_after_the_first_paint(qtbot, capfd, seeded_path, counted_pass):
    from desktop.views.main_window import MainWindow

    calls, seen = counted_pass
    store = Store.open(seeded_path)
    window = MainWindow(store, remember_layout=False)
    seen.append(PaintSeen(window))
    qtbot.addWidget(window)
    hub = window.coordination
    # built, not yet shown: the pass is running work that waits for the first frame
    assert hub._job is not None and hub._job.held
    assert jobs.active_jobs() == 1
    window.resize(1366, 768)
    window.show()
    assert hub._job.held and jobs.active_jobs() >= 1  # shown, not yet painted
    # what the tests synchronise on: no job left means the pass has landed
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=15_000)
    assert calls == [True]  # it ran once, after the window had painted
    assert hub.result is not None and hub.snapshot is not None
    # later refreshes start at once (the first frame is behind us)
    hub.refresh()
    assert hub._job is not None and not hub._job.held
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=15_000)
    assert calls == [True, True]
    window.close()
    assert jobs.wait_for_jobs(5000)
    store.close()
    assert capfd.readouterr().err == ""


def test_closing_the_window_before_its_first_frame_cancels_the_pass(
    qtbot, capfd, seeded_path, counted_pass
):
    from desktop.views.main_window import MainWindow

    calls, seen = counted_pass
    threads_before = set(threading.enumerate())
    store = Store.open(seeded_path)
    window = MainWindow(store, remember_layout=False)
    seen.append(PaintSeen(window))
    window.show()
    job = window.coordination._job
    assert job is not None and job.held and jobs.active_jobs() == 1
    ended: list[str] = []
    job.cancelled.connect(lambda: ended.append("cancelled"))
    job.finished.connect(lambda: ended.append("finished"))
    window.close()
    # the close ended it at once: nothing counted, nothing queued, nothing shown
    assert jobs.active_jobs() == 0
    assert ended == ["cancelled", "finished"]
    window.deleteLater()
    _settle(qtbot)
    store.close()
    assert calls == []  # the pass never ran
    assert not job.running and not job.held
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert set(threading.enumerate()) <= threads_before
    out, err = capfd.readouterr()
    assert out == "" and err == "", err


def test_a_held_job_of_a_widget_deleted_unpainted_is_not_left_counted(qtbot, capfd):
    widget = QWidget()
    jobs.watch_first_paint(widget)
    ran = threading.Event()
    job = jobs.Job(widget, ran.set, quiet=True).start_after_first_paint(widget)
    ended: list[str] = []
    job.finished.connect(lambda: ended.append("finished"))
    assert job.held and jobs.active_jobs() == 1
    widget.deleteLater()  # never shown, never closed
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _settle(qtbot)
    assert jobs.active_jobs() == 0 and ended == ["finished"]
    assert not ran.is_set()
    assert capfd.readouterr().err == ""


def test_wait_for_jobs_ends_held_jobs(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    jobs.watch_first_paint(widget)
    ran = threading.Event()
    jobs.Job(widget, ran.set, quiet=True).start_after_first_paint(widget)
    assert jobs.active_jobs() == 1
    assert jobs.wait_for_jobs(5000)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=5000)
    assert not ran.is_set()
    # an unwatched widget (or one already painted) starts its job at once
    other = QWidget()
    qtbot.addWidget(other)
    job = jobs.Job(other, ran.set, quiet=True).start_after_first_paint(other)
    assert not job.held
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=5000)
    assert ran.is_set()


def test_a_window_used_without_showing_it_gets_its_pass(qtbot, seeded_path, counted_pass):
    from desktop.views.main_window import MainWindow

    calls, seen = counted_pass
    store = Store.open(seeded_path)
    window = MainWindow(store, remember_layout=False)
    seen.append(PaintSeen(window))
    qtbot.addWidget(window)
    assert window.coordination._job.held
    # never shown: no frame is coming, so the pass starts on the event loop's first turn
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=15_000)
    assert calls == [False] and window.coordination.result is not None
    window.close()
    assert jobs.wait_for_jobs(5000)
    store.close()


def test_work_that_must_run_is_not_dropped_by_an_early_close(qtbot, capfd):
    """The daily backup (``cancellable=False``) held for the first frame runs when the
    window closes before it: the close waits for it, as for any running job."""
    widget = QWidget()
    jobs.watch_first_paint(widget)
    ran = threading.Event()
    job = jobs.Job(widget, ran.set, quiet=True, cancellable=False)
    job.start_after_first_paint(widget)
    assert job.held and not ran.is_set()
    assert jobs.stop_jobs(widget, timeout_ms=5000)  # what closing the window does
    assert ran.is_set() and jobs.active_jobs() == 0
    widget.deleteLater()
    _settle(qtbot)
    assert capfd.readouterr().err == ""


def test_a_large_database_opens_the_window_first_and_reads_its_rows_in_the_background(
    qtbot, capfd, seeded_path, monkeypatch
):
    """From ``BACKGROUND_LOAD_TASKS`` tasks on (100k-task databases), the window is built
    with only a first page of rows (the first plans' rows, ``FIRST_PAGE_TASKS``), says it
    is loading, and shows every row once the worker has read them — the same rows as a
    window that read them before showing."""
    from desktop.views import main_window

    store = Store.open(seeded_path)
    eager = main_window.MainWindow(store, remember_layout=False)
    qtbot.addWidget(eager)
    expected = eager.matrix_model.total_rows()
    assert expected > 0

    rows_in: list[bool] = []  # when the status pass ran: were the rows there?
    loaded = threading.Event()
    real_pass = integration.status_pass_job

    def recording(*args):  # type: ignore[no-untyped-def]
        rows_in.append(loaded.is_set())
        return real_pass(*args)

    real_load = main_window.window_data_of

    def slow_load(*args):  # type: ignore[no-untyped-def]
        time.sleep(0.5)  # rows that take a while (100k tasks): the frame comes first
        return real_load(*args)

    monkeypatch.setattr(integration, "status_pass_job", recording)
    monkeypatch.setattr(main_window, "window_data_of", slow_load)
    monkeypatch.setattr(main_window, "BACKGROUND_LOAD_TASKS", 1)
    window = main_window.MainWindow(store, remember_layout=False)
    window.reloaded.connect(loaded.set)
    qtbot.addWidget(window)
    assert window._reload_job is not None  # every row: still loading on the worker
    first_page = window.matrix_proxy.rowCount()
    assert 0 < first_page <= expected  # the demo plan is one plan: its first page is all
    assert window.counts_label.text() == f"显示前 {first_page} 行 · 正在载入台账（27 项任务）…"
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(loaded.is_set, timeout=10_000)
    assert window.matrix_model.total_rows() == expected
    # the first status pass waited for the rows (it would share the interpreter)
    qtbot.waitUntil(lambda: rows_in != [] and jobs.active_jobs() == 0, timeout=10_000)
    assert rows_in == [True]
    assert window.matrix_proxy.rowCount() == eager.matrix_proxy.rowCount()
    assert "正在载入" not in window.counts_label.text()
    for shown in (eager, window):
        shown.close()
    _settle(qtbot)
    store.close()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "RuntimeError" not in err
