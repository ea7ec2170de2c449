"""The sync conflicts and rejected-changes lists fit their window (``FitWidth``, the
project's one way to fit columns) from the dialog's default 900 px to a maximised
1366×768 or 1920×1080, in Chinese and English: no horizontal scroll bar, every column
shown, the records and values elided with their whole text in the tooltip — a value
the list cuts short (over 80 characters) whole once (offscreen, real SQLite)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QTableView, QWidget

from desktop.importer import parse_file
from desktop.models import coordination_queries as cq
from desktop.models.store import Store
from desktop.views.fit_width import FitWidth
from desktop.views.sync.conflicts_view import ConflictsView
from desktop.views.sync.rejected_view import RejectedView
from tests.helpers.coordination import SEED

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SIZES = ((900, 360), (1366, 768), (1920, 1080))
NOW = "2026-11-30T08:15:00Z"


@pytest.fixture
def synced(store: Store) -> tuple[Store, str]:
    """The demo plan with two open conflicts on task 5 (its title; its text, longer than
    the list shows) and two changes the server refused; returns task 5's text."""
    store.import_plan(parse_file(SEED))
    task = cq.resolve_task(store.db, 5)
    title, text = store.db.execute("SELECT title, text FROM task WHERE id = ?", [task]).fetchone()
    assert len(text) > 80
    other = ("laptop-shizhengshuju-03", "coord-zhang")
    conn = store.db.conn
    for n, (field, mine, theirs) in enumerate(
        (("title", title + "（本机改）", title + "（市数据局改）"), ("text", text, text[:60]))
    ):
        conn.execute(
            "INSERT INTO sync_conflict (op_id, tbl, record_id, field, kind, mine, theirs,"
            " created_at, side, other_device, other_user) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [f"op{n}", "task", task, field, "field", json.dumps(mine), json.dumps(theirs),
             NOW, "local", *other],
        )  # fmt: skip
    for n, reason in enumerate(
        ("本单位没有权限修改该任务（只有牵头单位和协调员可以修改）。", "账号已停用。")
    ):
        conn.execute(
            "INSERT INTO sync_rejected (op_id, tbl, record_id, kind, fields, reason, created_at)"
            " VALUES (?,?,?,?,?,?,?)",
            [f"rop{n}", "task", task, "update", json.dumps({"text": text}), reason, NOW],
        )
    conn.commit()
    return store, text


def fitted(view: QWidget) -> tuple[QTableView, FitWidth]:
    table = view.table  # type: ignore[attr-defined]
    fits = [f for f in table.findChildren(FitWidth) if f.view is table]
    assert len(fits) == 1
    return table, fits[0]


@pytest.mark.parametrize("make", [ConflictsView, RejectedView])
def test_the_sync_lists_fit_their_window(qtbot, synced, ui_lang: str, make) -> None:  # noqa: ANN001
    store, text = synced
    view = make(store)
    qtbot.addWidget(view)
    table, fit = fitted(view)
    model = table.model()
    for size in SIZES:
        view.resize(*size)
        view.show()
        qtbot.waitUntil(lambda: table.viewport().width() > 0 and not fit.stale)
        header = table.horizontalHeader()
        shown = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
        assert shown == list(range(model.columnCount())), (size, ui_lang)
        widths = sum(header.sectionSize(c) for c in shown)
        assert widths <= table.viewport().width(), (size, ui_lang)
        assert table.horizontalScrollBar().maximum() == 0, (size, ui_lang)
        # the value the list cuts short: whole, once, in its cell's tooltip
        cells = [model.index(r, c) for r in range(model.rowCount()) for c in shown]
        cut = [i for i in cells if str(i.data()).endswith("…")]
        assert cut, size
        for index in cut:
            lines = fit.tooltip(index).split("\n")
            assert sum(text in line for line in lines) == 1, (size, index.column())
        # a cell the column elides shows its text in the tooltip
        for index in cells:
            if fit.elided(index):
                assert str(index.data()).removesuffix("…") in fit.tooltip(index)
    short = [model.index(0, c) for c in range(model.columnCount())]
    assert any(not fit.tooltip(i) for i in short if not fit.elided(i))


def test_a_long_value_is_cut_in_the_list_and_whole_in_its_tooltip(synced) -> None:
    store, text = synced
    view = ConflictsView(store)
    model = view.model
    index: QModelIndex = next(
        model.index(r, model.MINE)
        for r in range(model.rowCount())
        if len(str(model.index(r, model.MINE).data())) == 80
    )
    assert index.data() == text[:79] + "…"
    assert index.data(3) == text  # Qt.ToolTipRole: the whole value
    assert model.index(index.row(), 0).data(3) is None  # a short cell: no tooltip of its own
    view.deleteLater()
