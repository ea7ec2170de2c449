"""``RowsModel.set_rows`` with edits: the dashboard's lists updated in place after an edit
(rows removed, inserted, changed) instead of a reset, when the model shows the rows the
edits start from; otherwise (or with too many edits) a reset. Real Qt model and view."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

from desktop.models.qt.coordination_models import Row, RowsModel


def rows(*names: str) -> list[Row]:
    return [Row((name, n), record_id=name) for n, name in enumerate(names)]


def test_edits_apply_in_place_and_keep_the_selection(qtbot, qtmodeltester) -> None:
    model = RowsModel(["名称", "数"])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    first = rows("a", "b", "c", "d", "e")
    model.set_rows(first)
    qtmodeltester.check(model)
    view.selectRow(3)  # "d"
    signals: list[tuple] = []
    model.modelReset.connect(lambda: signals.append(("reset",)))
    model.rowsRemoved.connect(lambda _p, a, b: signals.append(("removed", a, b)))
    model.rowsInserted.connect(lambda _p, a, b: signals.append(("inserted", a, b)))
    model.dataChanged.connect(lambda a, b: signals.append(("changed", a.row(), b.column())))
    new_b, new_e = Row(("x", 9), record_id="x"), Row(("e", 44), record_id="e")
    second = [first[0], first[2], new_b, first[3], new_e]
    model.set_rows(second, (first, [("remove", 1), ("insert", 2, new_b), ("change", 4, new_e)]))
    assert model.rows == second
    assert signals == [("removed", 1, 1), ("inserted", 2, 2), ("changed", 4, 1)]
    assert view.selectionModel().selectedRows()[0].data() == "d"  # kept, one row down
    qtmodeltester.check(model)

    signals.clear()  # edits from rows this model does not show: a reset
    model.set_rows(first, (first, []))
    assert model.rows == first and signals == [("reset",)]
    signals.clear()  # more edits than are worth row-by-row signals: a reset
    many = [("change", 0, first[0])] * (RowsModel.MAX_EDITS + 1)
    model.set_rows(first, (first, many))
    assert model.rows == first and signals == [("reset",)]
    signals.clear()  # edits that do not fit the rows shown: a reset, the rows given
    model.set_rows(second, (first, [("remove", 7)]))
    assert model.rows == second and signals[-1] == ("reset",)
    qtmodeltester.check(model)
