"""Background jobs belong to their window: real widgets offscreen, real worker threads."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from desktop.importer import parse_file
from desktop.models.store import Store
from desktop.views import jobs
from desktop.views.jobs import Job

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

SEED = Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))


class Recorder(QWidget):
    """Receives a job's signals through QObject slots, as the windows do."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def on_succeeded(self, _result: object) -> None:
        self.events.append("succeeded")

    def on_cancelled(self) -> None:
        self.events.append("cancelled")

    def on_finished(self) -> None:
        self.events.append("finished")


def _job(owner: Recorder, fn, *args, **kwargs) -> Job:  # type: ignore[no-untyped-def]
    job = Job(owner, fn, *args, quiet=True, show_errors=False, **kwargs)
    job.succeeded.connect(owner.on_succeeded)
    job.cancelled.connect(owner.on_cancelled)
    job.finished.connect(owner.on_finished)
    return job.start()


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert QThreadPool.globalInstance().waitForDone(10_000)
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(10)


def test_stopping_a_windows_jobs_cancels_and_waits_for_them(qtbot, capfd) -> None:
    owner = Recorder()
    qtbot.addWidget(owner)
    returned = threading.Event()

    def long_work(progress: jobs.Progress) -> str:
        try:
            for _ in range(1000):
                progress.check()
                time.sleep(0.01)
            return "done"
        finally:
            returned.set()

    job = _job(owner, long_work, pass_progress=True)
    qtbot.wait(50)
    assert jobs.stop_jobs(owner, timeout_ms=5000)
    # Nothing keeps running once the window has stopped its jobs, and it heard so at once.
    assert returned.is_set()
    assert owner.events == ["cancelled", "finished"]
    assert jobs.active_jobs() == 0 and not job.running
    owner.deleteLater()
    _settle(qtbot)
    assert "Error" not in capfd.readouterr().err


def test_a_window_deleted_while_its_job_runs_prints_no_error(qtbot, capfd) -> None:
    """The defect: the worker signalled through an object deleted with its window."""
    owner = Recorder()
    release = threading.Event()
    job = _job(owner, lambda: release.wait(10) and "late result")
    qtbot.wait(20)
    owner.close()
    owner.deleteLater()  # the window goes away while the worker still runs
    qtbot.wait(50)
    release.set()
    _settle(qtbot)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=5000)
    err = capfd.readouterr().err
    assert "Signal source has been deleted" not in err and "RuntimeError" not in err
    assert "Error" not in err
    del job


def test_closing_the_main_window_during_its_load_stops_the_load(
    qtbot, capfd, monkeypatch, db_path: Path
) -> None:
    from desktop.views import main_window

    seeding = Store.open(db_path)
    seeding.import_plan(parse_file(SEED))
    seeding.close()
    loading, returned = threading.Event(), threading.Event()
    real_load = main_window.window_data_of

    def slow_load(*args):  # type: ignore[no-untyped-def]
        """A large database: the load is still running when the window closes."""
        loading.set()
        try:
            time.sleep(1.0)
            return real_load(*args)
        finally:
            returned.set()

    monkeypatch.setattr(main_window, "window_data_of", slow_load)
    store = Store.open(db_path)
    window = main_window.MainWindow(store, remember_layout=False)
    window.show()
    window.reload_in_background()
    assert loading.wait(5)
    window.close()
    # The close waited for the load (and any other job of the window): nothing runs on.
    assert returned.is_set()
    assert jobs.active_jobs() == 0
    window.deleteLater()
    _settle(qtbot)
    store.close()
    err = capfd.readouterr().err
    assert "RuntimeError" not in err and "Traceback" not in err
