"""Editing and merging units from the unit view (real window, real db)."""

# ruff: noqa: F811 - pytest fixtures imported from the main-window tests

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.models import queries
from desktop.models.qt.roles import ID_ROLE
from desktop.views.unit_edit import MergeUnitDialog, UnitEditDialog
from tests.helpers.main_window_fixtures import (  # noqa: F401 - fixtures
    _isolated_settings,
    messages,
    seeded_path,
    shown_labels,
    window,
)

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def units_by_name(win) -> dict[str, dict]:
    return {u["name"]: u for u in queries.unit_summaries(win.store.db)}


def test_edit_dialog_renames_and_sets_aliases(window, qtbot) -> None:
    unit = units_by_name(window)["市政数局"]
    dialog = UnitEditDialog(unit, window)
    qtbot.addWidget(dialog)
    dialog.name.setText("长春市政务服务和数字化建设管理局")
    dialog.aliases.setPlainText("数局\n\n")
    dialog.kind.setCurrentIndex(dialog.kind.findData("bureau"))
    with qtbot.waitSignal(window.reloaded, timeout=5000):  # reloaded off the GUI thread
        assert window.unit_editing.edit(unit, dialog.values())
    after = units_by_name(window)
    assert "市政数局" not in after
    renamed = after["长春市政务服务和数字化建设管理局"]
    assert renamed["aliases"] == ["数局", "市政数局"]
    assert (renamed["lead"], renamed["support"], renamed["responsible"]) == (8, 15, 4)
    # The window reloaded: the matrix header shows the new name.
    headers = [
        window.matrix_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(window.matrix_model.columnCount())
    ]
    flat = [str(h).replace("\n", "") for h in headers]
    assert "长春市…" in flat  # abbreviated; the tooltip names it in full
    tips = [
        window.matrix_model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        for c in range(1, window.matrix_model.columnCount())
    ]
    assert any(str(t).startswith("长春市政务服务和数字化建设管理局\n") for t in tips)
    ops = window.store.db.execute(
        "SELECT count(*) FROM change_log WHERE action = 'edit_unit'"
    ).fetchone()[0]
    assert ops == 1  # one user action, one logged op


def test_edit_to_a_taken_name_shows_message_and_changes_nothing(window, messages) -> None:
    unit = units_by_name(window)["市政数局"]
    before = window.store.pending_changes()
    assert not window.unit_editing.edit(unit, {"name": "市工信局", "kind": "bureau", "aliases": []})
    assert messages and "合并单位" in messages[-1][1]
    assert window.store.pending_changes() == before


def test_merge_dialog_completes_and_merges(window, qtbot) -> None:
    units = units_by_name(window)
    drop = units["铁塔公司"]
    others = sorted((u["id"], u["name"]) for u in units.values() if u["id"] != drop["id"])
    dialog = MergeUnitDialog(drop, others, window)
    qtbot.addWidget(dialog)
    dialog.target.setEditText("市通信办")
    keep = dialog.target_id()
    assert keep == units["市通信办"]["id"]
    with qtbot.waitSignal(window.reloaded, timeout=5000):
        assert window.unit_editing.merge(keep, drop["id"])
    after = units_by_name(window)
    assert "铁塔公司" not in after and "铁塔公司" in after["市通信办"]["aliases"]
    # The unit list in the window follows.
    model = window.unit_panel.units
    ids = {model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())}
    assert drop["id"] not in ids and len(ids) == 38


def test_merge_dialog_without_valid_choice(window, qtbot) -> None:
    units = units_by_name(window)
    dialog = MergeUnitDialog(units["市政数局"], [(units["市工信局"]["id"], "市工信局")], window)
    qtbot.addWidget(dialog)
    dialog.target.setEditText("不存在的单位")
    assert dialog.target_id() == ""


def test_unit_edit_and_merge_are_undoable(window) -> None:
    stack = window.coordination.actions.undo_stack
    units = units_by_name(window)
    assert window.unit_editing.edit(
        units["市政数局"], {"name": "长春市政数局", "kind": "bureau", "aliases": ["数局"]}
    )
    assert window.unit_editing.merge(units["市通信办"]["id"], units["铁塔公司"]["id"])
    assert "铁塔公司" not in units_by_name(window)
    stack.undo()  # the merge
    assert units_by_name(window)["铁塔公司"]["support"] == 1
    stack.undo()  # the edit
    restored = units_by_name(window)["市政数局"]
    assert restored["aliases"] == [] and "长春市政数局" not in units_by_name(window)
    stack.redo()
    stack.redo()
    after = units_by_name(window)
    assert after["长春市政数局"]["aliases"] == ["数局", "市政数局"]  # old name kept
    assert "铁塔公司" in after["市通信办"]["aliases"]


def test_merge_dialog_accepts_a_unique_part_of_a_name(window, qtbot) -> None:
    units = units_by_name(window)
    others = sorted((u["id"], u["name"]) for u in units.values() if u["name"] != "市政数局")
    dialog = MergeUnitDialog(units["市政数局"], others, window)
    qtbot.addWidget(dialog)
    dialog.target.setEditText("规自")
    assert dialog.target_id() == units["市规自局"]["id"]
    dialog.target.setEditText("市")  # many units contain it: no guess
    assert dialog.target_id() == ""


def test_unit_counts_are_shown_whole_however_large(qtbot) -> None:
    """A count column is as wide as its largest count (a unit leading 123,456 items
    at a province's size) and as its title with the sort mark beside it."""
    from desktop.views.unit_panel import UnitPanel
    from tests.helpers.screen_fit import narrow_columns

    panel = UnitPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    units = [
        {"id": f"u{n}", "name": f"单位{n}", "aliases": [], "lead": lead, "support": 7,
         "responsible": 123456 * (n == 1)}
        for n, lead in enumerate((5, 123456, 42))
    ]  # fmt: skip
    panel.set_units(units)
    for column in (1, 2, 3):  # (each sorted in turn: the mark beside its title)
        panel.unit_table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        qtbot.wait(1)
        assert narrow_columns(panel.unit_table) == []
