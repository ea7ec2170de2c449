"""The main window fixtures shared by GUI test modules: isolated settings, captured message
boxes, a database seeded with the demo plan, and the shown window (pages or docks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.importer import parse_file
from desktop.models.store import Store
from desktop.views import dialogs, jobs

SEED = Path(__file__).resolve().parent.parent.parent / "assets" / "demo-plan-changchun-2023.txt"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str]]:
    """Every message box the GUI would show: (kind, text)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_message", lambda parent, kind, text, detail="": shown.append((kind, text))
    )
    return shown


@pytest.fixture
def seeded_path(db_path: Path) -> Path:
    store = Store.open(db_path)
    store.import_plan(parse_file(SEED))
    store.close()
    return db_path


def _shown_window(qtbot, db_path: Path, **options):  # type: ignore[no-untyped-def]
    """The main window on ``db_path``, shown; closed with every job ended afterwards."""
    from desktop.views.main_window import MainWindow

    store = Store.open(db_path)
    win = MainWindow(store, **options)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    assert jobs.wait_for_jobs(5000)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=5000)
    store.close()


@pytest.fixture
def window(qtbot, seeded_path: Path):
    yield from _shown_window(qtbot, seeded_path)


@pytest.fixture
def docked_window(qtbot, seeded_path: Path):
    """The main window in the docking layout (a setting; the default is pages)."""
    yield from _shown_window(qtbot, seeded_path, docking=True)


def shown_labels(win) -> list[str]:
    proxy = win.matrix_proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def ready_dashboard(qtbot, hub):  # type: ignore[no-untyped-def]
    """The 总览 page of a window's coordination ``hub``, built if it was not, once it shows
    an overview (the passes before its first visit leave its counts and lists out: the
    one its build starts brings them) and no pass is running."""
    dashboard = hub.dashboard
    qtbot.waitUntil(lambda: dashboard.has_overview and hub._job is None, timeout=20_000)
    return dashboard
