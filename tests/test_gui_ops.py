"""``Op`` / ``QueryOp``: store work on a worker thread's own store, the undo entry pushed
and every page told once (pytest-qt, a real database and main window)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoCommand

from desktop.errors import UserError
from desktop.importer import parse_file
from desktop.models.store import Store
from desktop.views import dialogs, jobs
from desktop.views.ops import Changes, Op, QueryOp

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))


@pytest.fixture
def window(qtbot, db_path: Path, seed_path: Path):  # noqa: ANN201
    from desktop.views.main_window import MainWindow

    store = Store.open(db_path)
    store.import_plan(parse_file(seed_path))
    win = MainWindow(store, remember_layout=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=15_000)
    yield win
    win.close()
    assert jobs.wait_for_jobs(5000)
    store.close()


def _unit(store: Store, name: str) -> str:
    return store.db.execute("SELECT id FROM unit WHERE name = ?", [name]).fetchone()[0]


def _unit_name(store: Store, unit_id: str) -> str:
    return store.db.execute("SELECT name FROM unit WHERE id = ?", [unit_id]).fetchone()[0]


class RenameBack(QUndoCommand):
    """Undo of the op: rename the unit back (a new store action on the GUI's store)."""

    def __init__(self, store: Store, unit_id: str, old: str, new: str) -> None:
        super().__init__("改名")
        self.store, self.unit_id, self.old, self.new = store, unit_id, old, new
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # the op did it
            self._pushed = True
            return
        self.store.rename_unit(self.unit_id, self.new)

    def undo(self) -> None:
        self.store.rename_unit(self.unit_id, self.old)


def test_an_op_writes_on_its_own_store_pushes_undo_and_tells_the_pages_once(qtbot, window) -> None:
    unit_id = _unit(window.store, "市政数局")
    threads: list[int] = []

    def rename(store: Store, new: str) -> Changes:
        threads.append(threading.get_ident())
        assert store is not window.store  # the worker's own store
        old = _unit_name(store, unit_id)
        store.rename_unit(unit_id, new)
        return Changes(old, frozenset({"unit"}))

    told: list[tuple[str, object]] = []
    window.store_changed.connect(lambda action, tables: told.append((action, tables)))
    op = Op(
        window,
        rename,
        "市数据局",
        action="rename_unit",
        undo=lambda old: RenameBack(window.store, unit_id, old, "市数据局"),
    )
    with qtbot.waitSignal(op.succeeded, timeout=10_000) as done:
        op.start()
    assert done.args == ["市政数局"]  # the body's value, unwrapped
    assert threads and threads[0] != threading.get_ident()
    assert told == [("rename_unit", frozenset({"unit"}))]  # once, with what changed
    assert _unit_name(window.store, unit_id) == "市数据局"
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == "改名"
    window.undo_stack.undo()
    assert _unit_name(window.store, unit_id) == "市政数局"
    window.undo_stack.redo()
    assert _unit_name(window.store, unit_id) == "市数据局"
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=15_000)
    assert window.filter_bar.unit_combo.findText("市数据局") >= 0  # the pages reloaded


def test_an_op_that_changed_nothing_or_failed_tells_nobody(qtbot, window, monkeypatch) -> None:
    told: list[str] = []
    window.store_changed.connect(lambda action, _tables: told.append(action))
    unchanged = Op(window, lambda store: Changes("same", changed=False), action="noop")
    with qtbot.waitSignal(unchanged.succeeded, timeout=10_000):
        unchanged.start()
    assert told == [] and window.undo_stack.count() == 0 and unchanged.changes is None

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_message", lambda _p, _k, text, _d="": shown.append(text))

    def refuse(store: Store) -> None:
        with store.action("add_unit") as tx:
            store._create_unit(tx, "半途而废的单位", "other")
            raise UserError("单位名称已存在。")

    failing = Op(window, refuse, action="add_unit", undo=lambda _v: QUndoCommand("x"))
    with qtbot.waitSignal(failing.failed, timeout=10_000):
        failing.start()
    assert shown == ["单位名称已存在。"]
    assert told == [] and window.undo_stack.count() == 0
    count = window.store.db.execute("SELECT count(*) FROM unit WHERE name = '半途而废的单位'")
    assert count.fetchone()[0] == 0  # rolled back


def test_a_query_op_reads_on_its_own_store_and_tells_nobody(qtbot, window) -> None:
    told: list[str] = []
    window.store_changed.connect(lambda action, _tables: told.append(action))
    seen: list[tuple[int, object]] = []

    def count_plans(store: Store, table: str) -> int:
        seen.append((threading.get_ident(), store))
        return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    query = QueryOp(window, count_plans, "plan")
    with qtbot.waitSignal(query.succeeded, timeout=10_000) as done:
        query.start()
    assert done.args == [1]
    ((thread, store),) = seen
    assert thread != threading.get_ident() and store is not window.store
    assert told == []


def test_a_query_op_reads_one_snapshot_whatever_is_committed_meanwhile(qtbot, window) -> None:
    """Every query of a ``QueryOp`` body sees the database as of one moment: a write
    committed by the window between two of its queries (a plan imported while the
    overview read the targets, then their states) is not half seen."""
    from desktop.models import authoring as au

    def count_twice(store: Store) -> tuple[int, int]:
        before = store.db.execute("SELECT count(*) FROM plan").fetchone()[0]
        # another connection commits a plan between the two reads
        other = Store.open(window.store.path)
        try:
            au.create_plan(other, "会议议定事项")
        finally:
            other.close()
        after = store.db.execute("SELECT count(*) FROM plan").fetchone()[0]
        return before, after

    query = QueryOp(window, count_twice)
    with qtbot.waitSignal(query.succeeded, timeout=10_000) as done:
        query.start()
    assert done.args == [(1, 1)]
    assert window.store.db.execute("SELECT count(*) FROM plan").fetchone()[0] == 2
