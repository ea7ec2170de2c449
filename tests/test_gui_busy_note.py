"""The status bar's "正在计算状态…" note: shown only while a quiet job runs long, real
worker threads and a real main window offscreen."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from desktop.views import busy_note, jobs
from desktop.views.busy_note import BusyNote
from desktop.views.jobs import Job
from tests.helpers.main_window_fixtures import (  # noqa: F401 - fixtures
    _isolated_settings,
    seeded_path,
)

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


_OWNERS: list[QWidget] = []  # (each test's owner kept alive until the test ends)


@pytest.fixture(autouse=True)
def _owners_dropped() -> Iterator[None]:
    yield
    _OWNERS.clear()


def _watched(qtbot, delay_ms: int, release: threading.Event) -> tuple[BusyNote, list[bool]]:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    _OWNERS.append(owner)
    note = BusyNote("正在计算状态…", owner, delay_ms=delay_ms)
    changes: list[bool] = []
    note.shown_changed.connect(changes.append)
    job = Job(owner, release.wait, 10, quiet=True, show_errors=False)
    note.watch(job.start())
    return note, changes


def test_a_long_job_shows_the_note_until_it_ends(qtbot) -> None:
    release = threading.Event()
    note, changes = _watched(qtbot, 20, release)
    qtbot.waitUntil(lambda: note.shown, timeout=5000)
    assert changes == [True] and not note.isHidden()
    release.set()
    qtbot.waitUntil(lambda: not note.shown, timeout=5000)
    assert changes == [True, False] and note.isHidden()


def test_a_quick_job_never_shows_it(qtbot) -> None:
    release = threading.Event()
    release.set()  # (the job returns at once)
    note, changes = _watched(qtbot, 300, release)
    assert QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(500)  # (past the delay: the timer was stopped when the job ended)
    assert changes == [] and note.isHidden() and not note.shown


def test_the_window_says_it_is_computing_statuses_during_its_first_pass(
    qtbot, monkeypatch, seeded_path
) -> None:  # noqa: F811 - the fixture
    from desktop.models.store import Store
    from desktop.views.main_window import MainWindow

    monkeypatch.setattr(busy_note, "BUSY_NOTE_MS", 0)  # (the demo's pass is quick)
    store = Store.open(seeded_path)
    win = MainWindow(store)
    qtbot.addWidget(win)
    hub = win.coordination
    changes: list[bool] = []
    hub.busy_note.shown_changed.connect(changes.append)
    win.show()
    assert hub.busy_note.text() == "正在计算状态…"
    assert hub.busy_note.parent() is not None  # (in the status bar)
    qtbot.waitUntil(lambda: hub.snapshot is not None and not hub.busy_note.shown, timeout=10000)
    assert changes == [True, False]
    win.close()
    assert jobs.wait_for_jobs(5000)
    store.close()
