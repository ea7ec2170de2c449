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


@pytest.mark.parametrize("moment", ["held status pass", "status pass", "reload"])
def test_closing_the_window_mid_load_leaves_nothing_running(
    qtbot, capfd, tmp_path: Path, large_db: Path, moment: str
) -> None:
    from desktop.views.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    path = tmp_path / "copy.db"
    shutil.copy(large_db, path)
    threads_before = set(threading.enumerate())
    store = Store.open(path)
    window = MainWindow(store, remember_layout=False)
    window.show()
    hub = window.coordination
    if moment == "held status pass":
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
