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


def test_built_rows_take_inserted_entries_built_when_read(qtbot, qtmodeltester) -> None:
    """The dashboard's long lists: an insert carries the entry (its row built by the new
    rows' build when a view reads it); a model showing a plain list resets instead."""
    from desktop.models.qt.coordination_models import BuiltRows

    def build(n: int) -> Row:
        return Row((f"entry {n}", n), record_id=str(n))

    model = RowsModel(["名称", "数"])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    first = BuiltRows([0, 2, 4, 6], build, shared=True)
    model.set_rows(first)
    qtmodeltester.check(model)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    entries = [0, 3, 4, 5, 6]
    second = BuiltRows(entries, build, shared=True)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    model.set_rows(second, (first, [("remove", 1), ("insert", 1, 3), ("insert", 3, 5)]))
    assert not resets  # in place
    assert changed == [(0, 4)]  # every row read again (a row left in place may read anew)
    assert model.rows == [build(n) for n in entries]
    assert entries == [0, 3, 4, 5, 6]  # the shared list is not edited
    plain = RowsModel(["名称", "数"])
    plain.set_rows([build(n) for n in (0, 2)])
    plain.modelReset.connect(lambda: resets.append(2))
    plain.set_rows([build(n) for n in (0, 3)], (plain._source, [("insert", 1, 3)]))
    assert resets == [2] and plain.rows == [build(0), build(3)]
