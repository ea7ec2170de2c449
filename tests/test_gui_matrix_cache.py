"""The window of a large database whose matrix index was kept by an earlier run
(``matrix_cache``, issue 14): before its first frame it shows every row, read back
whole, the same rows, labels, cells and columns as once the worker's load has landed;
after a matrix write the next window reads the tables again (first page only).

A generated database of 12 plans (~700 rows); the size thresholds are lowered.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop.models import authoring, matrix_cache
from desktop.models.matrix_cache import read_cached_index
from desktop.models.store import Store
from tests.helpers.generated import generated_db

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_db(tmp_path_factory, "gui-cache", 12)


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert QThreadPool.globalInstance().waitForDone(10_000)
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(10)


def test_a_kept_index_shows_every_row_before_the_first_frame(
    qtbot, tmp_path: Path, generated: Path, monkeypatch
) -> None:
    from desktop.models.qt.matrix_model import CELL_ROLE, ITEM_ROLE
    from desktop.views import main_window
    from desktop.views.main_window import MainWindow

    monkeypatch.setattr(main_window, "BACKGROUND_LOAD_TASKS", 100)
    monkeypatch.setattr(main_window, "FIRST_PAGE_TASKS", 60)
    monkeypatch.setattr(matrix_cache, "CACHE_MIN_ITEMS", 0)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    path = tmp_path / "copy.db"
    shutil.copy(generated, path)

    def window_rows() -> tuple[int, int, list[list[object]], list[list[object]]]:
        """(rows before the first frame, rows after the load, the first rows shown
        before, the same rows after). The window has a store of its own."""
        own = Store.open(path)
        window = MainWindow(own, remember_layout=False)
        proxy = window.matrix_proxy

        def shown(rows: int) -> list[list[object]]:
            columns = range(proxy.columnCount())
            return [
                [proxy.index(r, c).data(role) for c in columns]
                for r in range(rows)
                for role in (Qt.ItemDataRole.DisplayRole, ITEM_ROLE, CELL_ROLE)
            ]

        try:
            assert window._reload_job is not None
            before = proxy.rowCount()
            page = shown(min(before, 80))
            status.append(window.counts_label.text())
            window.show()
            qtbot.waitUntil(lambda: window._reload_job is None, timeout=30_000)
            return before, proxy.rowCount(), page, shown(min(before, 80))
        finally:
            window.close()
            window.deleteLater()
            settle(qtbot)
            own.close()

    status: list[str] = []  # the status bar before the load landed
    store = Store.open(path)
    try:
        # the first window: nothing kept yet, a first page; its load keeps the index
        before, after, page, same = window_rows()
        assert 0 < before < after and page == same
        assert read_cached_index(store.db) is not None
        assert status[-1].startswith(f"显示前 {before:,} 行")
        # the next window: every row before its first frame
        before, after, page, same = window_rows()
        assert before == after and page == same
        assert status[-1].startswith(f"显示 {before:,}/{before:,} 行")  # not "the first"
        # a matrix write: the next window reads the tables again (a first page)
        task = store.db.execute("SELECT id FROM task ORDER BY rowid LIMIT 1").fetchone()[0]
        authoring.add_item(store, task, "又一项工作。")
        assert read_cached_index(store.db) is None
        before, after, page, same = window_rows()
        assert 0 < before < after and page == same
    finally:
        store.close()
