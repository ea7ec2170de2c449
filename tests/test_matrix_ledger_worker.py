"""The matrix's ledger columns computed on a worker for a large matrix (issue 14).

From ``ledger_columns.BACKGROUND_ROWS`` rows on (lowered here) the columns' texts are
computed by a ``QueryOp`` and must equal what the GUI thread computed before (the
former code path, inline below: ``all_row_ids`` + ``ledger_values`` + ``status_label``);
closing the window while it runs leaves nothing running and prints nothing.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop.models.matrix_ledger import ledger_values
from desktop.models.qt.coordination_models import status_label
from desktop.models.qt.matrix_model import LEDGER_COLUMNS
from desktop.models.store import Store
from desktop.views import jobs, ledger_columns

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _loaded_window(qtbot, demo_path: Path, tmp_path: Path):  # noqa: ANN001, ANN202
    """The main window on ``demo_path`` (own settings folder), its loads landed."""
    from desktop.views.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    window = MainWindow(Store.open(demo_path), remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.coordination.result is not None, timeout=15_000)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=15_000)
    return window


def _former_values(window) -> dict[str, dict[str, str]]:  # noqa: ANN001
    """The texts as ``LedgerColumns.refresh`` computed them on the GUI thread before."""
    model = window.matrix_model
    values = ledger_values(window.store.db, model.all_row_ids(), window.coordination.snapshot)
    for entry in values.values():
        entry["status"] = status_label(entry["status"]) if entry["status"] else ""
    return values


def _cells(window) -> list[list[object]]:  # noqa: ANN001
    model = window.matrix_model
    columns = [model.ledger_column(key) for key in LEDGER_COLUMNS]
    return [[model.index(r, c).data() for c in columns] for r in range(model.rowCount())]


def test_texts_computed_on_a_worker_equal_the_gui_threads(
    qtbot, demo_path: Path, tmp_path: Path, monkeypatch
) -> None:

    window = _loaded_window(qtbot, demo_path, tmp_path)
    store = window.store
    try:
        # small: at once, as before
        window.ledger_columns.set_shown(LEDGER_COLUMNS)
        assert not window.ledger_columns.pending
        at_once = _cells(window)
        assert window.matrix_model._ledger_values == _former_values(window)
        window.ledger_columns.set_shown(())
        # large: on a worker; the columns show at once, their texts follow
        monkeypatch.setattr(ledger_columns, "BACKGROUND_ROWS", 1)
        window.ledger_columns.set_shown(LEDGER_COLUMNS)
        assert window.ledger_columns.pending
        assert window.matrix_model.ledger == LEDGER_COLUMNS
        qtbot.waitUntil(lambda: not window.ledger_columns.pending, timeout=15_000)
        values = window.matrix_model._ledger_values
        assert values == _former_values(window)
        assert any(entry["progress"] for entry in values.values())
        assert any(entry["status"] for entry in values.values())
        assert _cells(window) == at_once
        # a status pass or a reload refreshes them on a worker too, the same texts
        window.reload()
        assert window.ledger_columns.pending
        qtbot.waitUntil(lambda: not window.ledger_columns.pending, timeout=15_000)
        assert _cells(window) == at_once
        # the latest refresh wins: one asked while another runs replaces it
        window.ledger_columns.refresh()
        first = window.ledger_columns._job
        window.ledger_columns.refresh()
        assert window.ledger_columns._job is not first
        qtbot.waitUntil(lambda: not window.ledger_columns.pending, timeout=15_000)
        assert _cells(window) == at_once
    finally:
        window.close()
        assert jobs.wait_for_jobs(5000)
        store.close()


def test_closing_the_window_while_the_ledger_texts_load_leaves_nothing_running(
    qtbot, capfd, demo_path: Path, tmp_path: Path, monkeypatch
) -> None:
    from desktop.views.main_window import MainWindow

    monkeypatch.setattr(ledger_columns, "BACKGROUND_ROWS", 1)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    path = tmp_path / "copy.db"
    shutil.copy(demo_path, path)
    threads_before = set(threading.enumerate())
    store = Store.open(path)
    window = MainWindow(store, remember_layout=False)
    window.show()
    window.ledger_columns.set_shown(LEDGER_COLUMNS)
    job = window.ledger_columns._job
    assert job is not None and jobs.active_jobs() > 0
    window.close()
    assert jobs.active_jobs() == 0  # cancelled and waited for
    window.deleteLater()
    assert QThreadPool.globalInstance().waitForDone(10_000)
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(10)
    store.close()
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert set(threading.enumerate()) <= threads_before
    out, err = capfd.readouterr()
    assert err == "" and "Traceback" not in out, err


def _former_ledger_order(model, key: str, reverse: bool) -> list[int]:  # noqa: ANN001
    """The rows sorted by a ledger column as ``MatrixModel._sorted_order`` did before."""
    n = model.total_rows()
    item_ids = [ids.item_id for ids in model.all_row_ids()]
    values = model._ledger_values

    def text(row: int) -> str:
        return values.get(item_ids[row], {}).get(key, "")

    filled = sorted((r for r in range(n) if text(r)), key=text, reverse=reverse)
    return filled + [r for r in range(n) if not text(r)]


def test_sorting_by_a_ledger_column_equals_the_former_order(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    window = _loaded_window(qtbot, demo_path, tmp_path)
    store = window.store
    try:
        window.ledger_columns.set_shown(LEDGER_COLUMNS)
        model = window.matrix_model
        kinds = set()
        for key in LEDGER_COLUMNS:
            column = model.ledger_column(key)
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                reverse = order == Qt.SortOrder.DescendingOrder
                expected = _former_ledger_order(model, key, reverse)
                assert list(model._sorted_order(column, order)) == expected
                model.sort(column, order)
                assert [model.data_row(r) for r in range(model.rowCount())] == expected
            texts = {entry[key] for entry in model._ledger_values.values()}
            kinds.add(("" in texts, len(texts - {""}) > 1))
        # a column with blanks (sorted last either way), one with several texts
        assert any(blanks for blanks, _ in kinds) and any(several for _, several in kinds)
    finally:
        window.close()
        assert jobs.wait_for_jobs(5000)
        store.close()


def test_ledger_statuses_are_peeked_without_building_states(
    qtbot, demo_path: Path, tmp_path: Path
) -> None:
    """``ledger_values`` reads each row's status through the snapshot's tables (no task or
    item state built: at 100k tasks that built ~220,000) and equals the former values."""
    from desktop.models.status_queries import compute_status
    from desktop.models.status_tables import LazyStates
    from tests.helpers.ledger_reference import ledger_values_reference

    window = _loaded_window(qtbot, demo_path, tmp_path)
    store = window.store
    try:
        snapshot = compute_status(store.db)  # a fresh pass: no state built yet
        assert isinstance(snapshot.tasks, LazyStates) and isinstance(snapshot.items, LazyStates)
        built = len(snapshot.tasks._made) + len(snapshot.items._made)
        ids = window.matrix_model.all_row_ids()
        values = ledger_values(store.db, ids, snapshot)
        assert len(snapshot.tasks._made) + len(snapshot.items._made) == built
        former = ledger_values_reference(store.db, ids, snapshot)
        for entry in former.values():
            entry["status"] = entry["status"] or ""
        assert values == former
        assert len({entry["status"] for entry in values.values()}) >= 3
        assert ledger_values(store.db, ids, None) == ledger_values_reference(store.db, ids, None)
    finally:
        window.close()
        assert jobs.wait_for_jobs(5000)
        store.close()
