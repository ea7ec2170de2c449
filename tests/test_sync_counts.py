"""The status item's pending count after an edit: the changes it added, counted alone.

``sync_counts(db, since=counts)`` adds the changes logged after ``counts`` were read; it
must equal a full count whatever was acknowledged before (a sync) and however many edits
came after. The window counts this way after every store action (a full count read
over a million pending changes at 100,000 tasks) and in full after a sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.models import authoring
from desktop.models import coordination as co
from desktop.models.qt.sync_models import sync_counts
from desktop.models.store import Store
from tests.helpers.coordination import load_demo, task


def _edit(store: Store, n: int) -> None:
    co.add_milestone(store, task(store, 1 + n % 5), f"节点{n}", "2025-06-30")
    authoring.edit_task(store, task(store, 2), title=f"改名{n}")


def test_counting_what_an_edit_added_equals_a_full_count(tmp_path: Path) -> None:
    store = load_demo(Store.open(tmp_path / "demo.db"))
    try:
        counts = sync_counts(store.db)
        assert counts["pending"] > 0
        for n in range(4):
            _edit(store, n)
            counts = sync_counts(store.db, since=counts)
            assert counts == sync_counts(store.db)
        # a sync acknowledged the older changes, the newest included: counted again in full
        store.db.execute(
            "UPDATE change_log SET acked_seq = 1 WHERE seq <= ?", [counts["pending_seq"]]
        )
        store.db.conn.commit()
        counts = sync_counts(store.db)
        assert counts["pending"] == 0
        for n in range(4, 7):
            _edit(store, n)
            counts = sync_counts(store.db, since=counts)
            assert counts == sync_counts(store.db)
        assert counts["pending"] > 0
        # rows after the last pending one acknowledged (a relay marked them): not counted
        newest = store.db.execute("SELECT max(seq) FROM change_log").fetchone()[0]
        store.db.execute("UPDATE change_log SET acked_seq = 0 WHERE seq = ?", [newest])
        store.db.conn.commit()
        counts = sync_counts(store.db)
        _edit(store, 7)
        assert sync_counts(store.db, since=counts) == sync_counts(store.db)
    finally:
        store.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_windows_count_after_edits_equals_a_full_count(qtbot, tmp_path: Path) -> None:
    from desktop.views.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    store = load_demo(Store.open(tmp_path / "gui.db"))
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    controller = window.sync.controller
    before = controller.counts["pending"]
    for n in range(3):
        _edit(store, n)
    assert controller.counts["pending"] > before
    assert controller.counts == sync_counts(store.db)
    assert controller.status.pending == controller.counts["pending"]
