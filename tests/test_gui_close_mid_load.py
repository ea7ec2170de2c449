"""Closing the main window while it is still loading a large database (issue 14).

A generated database of 3,000 tasks (``bench.generate``, the same generator as the
100k bench, with milestones and dependencies from ``bench.coordination``): the
window is closed while its background work runs — the status pass of the overview,
then a reload of every row. Nothing may be printed (no traceback, no "Signal source
has been deleted"), no Qt warning (``qt_log_level_fail = WARNING``), and nothing of
the window may keep running: no job, no worker thread, no extra Python thread.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop.models.store import Store
from desktop.views import jobs

# the offscreen platform's own note when a window is shown (not ours)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
PLANS = 60  # 50 tasks each: 3,000 tasks, 3,600 items, ~12,000 assignments


@pytest.fixture(scope="module")
def large_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.coordination import populate
    from bench.generate import generate

    path = tmp_path_factory.mktemp("large") / "large.db"
    generate(path, plans=PLANS)
    store = Store.open(path)
    try:
        populate(store)
    finally:
        store.close()
    return path


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert QThreadPool.globalInstance().waitForDone(10_000)
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(10)


@pytest.mark.parametrize(
    "moment", ["held status pass", "status pass", "reload", "first page shown"]
)
def test_closing_the_window_mid_load_leaves_nothing_running(
    qtbot, capfd, tmp_path: Path, large_db: Path, moment: str, monkeypatch
) -> None:
    from desktop.views import main_window
    from desktop.views.main_window import MainWindow

    if moment == "first page shown":  # a large database: its rows load on a worker
        monkeypatch.setattr(main_window, "BACKGROUND_LOAD_TASKS", 1000)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    path = tmp_path / "copy.db"
    shutil.copy(large_db, path)
    threads_before = set(threading.enumerate())
    store = Store.open(path)
    window = MainWindow(store, remember_layout=False)
    window.show()
    hub = window.coordination
    if moment == "first page shown":
        assert window._reload_job is not None and 0 < window.matrix_proxy.rowCount() < 3000
        assert hub._job is not None and hub._job.held  # waits for the rows
    elif moment == "held status pass":
        assert hub._job is not None and hub._job.held  # waits for the first frame
    else:  # the first frame painted: the status pass runs
        qtbot.waitUntil(lambda: hub._job is None or not hub._job.held, timeout=10_000)
        hub.refresh()  # a pass runs, or another is asked for
    if moment == "reload":
        window.reload_in_background()
        assert window._reload_job is not None
    assert hub._job is not None and jobs.active_jobs() > 0  # still loading
    window.close()
    # the close cancelled and waited for every job of the window
    assert jobs.active_jobs() == 0
    assert hub.result is None  # the status pass was dropped, not shown
    window.deleteLater()
    settle(qtbot)
    store.close()
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert set(threading.enumerate()) <= threads_before
    out, err = capfd.readouterr()
    assert err == "" and "Traceback" not in out, err


def test_a_first_page_shows_the_first_rows_until_every_row_is_loaded(
    qtbot, tmp_path: Path, large_db: Path, monkeypatch
) -> None:
    """A large database: before the first frame the matrix shows the rows of the first
    plans (``FIRST_PAGE_TASKS``), the same rows, labels, cells and columns as the whole
    index's first rows once it has loaded on the worker; the status bar says so."""
    from PySide6.QtCore import Qt

    from desktop.models.qt.matrix_model import CELL_ROLE, ITEM_ROLE
    from desktop.views import main_window
    from desktop.views.main_window import MainWindow

    monkeypatch.setattr(main_window, "BACKGROUND_LOAD_TASKS", 1000)
    monkeypatch.setattr(main_window, "FIRST_PAGE_TASKS", 120)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    path = tmp_path / "copy.db"
    shutil.copy(large_db, path)
    store = Store.open(path)
    window = MainWindow(store, remember_layout=False)
    proxy = window.matrix_proxy

    def shown() -> list[list[object]]:
        columns = range(proxy.columnCount())
        return [
            [proxy.index(r, c).data(role) for c in columns]
            for r in range(page_rows)
            for role in (Qt.ItemDataRole.DisplayRole, ITEM_ROLE, CELL_ROLE)
        ]

    try:
        assert window._reload_job is not None  # every row still loading
        page_rows = proxy.rowCount()
        tasks = int(store.db.execute("SELECT count(*) FROM task").fetchone()[0])
        assert window.matrix_model.task_count == 150 and 0 < page_rows < tasks  # 3 plans
        assert window.counts_label.text().startswith(f"显示前 {page_rows} 行")
        page = shown()
        window.show()
        qtbot.waitUntil(lambda: window._reload_job is None, timeout=30_000)
        assert proxy.rowCount() > page_rows and window.matrix_model.task_count == tasks
        assert shown() == page
        assert window.counts_label.text().startswith("计划 60 个")
    finally:
        window.close()
        window.deleteLater()
        settle(qtbot)
        store.close()
