"""The matrix's cached row states (light, 【受阻】, 督办 mark) and its unit columns from
per-unit row bits equal the former per-row computations (``tests/helpers/matrix_reference``)
after filters, a sort, an edit and a status refresh."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop.models import coordination as co
from desktop.models import queries
from desktop.models.matrix_rows import ROLES
from desktop.models.qt.matrix_model import MatrixFilter
from desktop.models.store import Store
from desktop.views import jobs
from tests.helpers.gui_coordination_data import add_realistic, seed_demo
from tests.helpers.main_window_fixtures import _isolated_settings  # noqa: F401 - fixture
from tests.helpers.matrix_reference import light_of, shown_columns

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


@pytest.fixture
def window(qtbot, db_path: Path, seed_path: Path):  # noqa: ANN201
    from desktop.views.main_window import MainWindow

    store = Store.open(db_path)
    seed_demo(store, seed_path)
    add_realistic(store)
    win = MainWindow(store, remember_layout=False)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitUntil(lambda: win.coordination.result is not None, timeout=15000)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=15000)
    yield win
    win.close()
    assert jobs.wait_for_jobs(5000)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=5000)
    store.close()


def shown_states(win) -> dict[int, tuple]:  # noqa: ANN001
    """Proxy row → (status, blocked, mark) as the light delegate shows it, checked against
    the reference on every row; the option it paints carries the same."""
    hub, proxy = win.coordination, win.matrix_proxy
    states = {}
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        expected = light_of(win, index)
        assert tuple(hub.matrix_states.at(index)) == expected, index.data()
        assert hub.matrix_lights.status(index) == expected[0]
        assert (hub._matrix_blocked(index), hub._matrix_mark(index)) == expected[1:]
        option = QStyleOptionViewItem()
        hub.matrix_lights.initStyleOption(option, index)
        status, blocked, mark = expected
        has_icon = bool(option.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration)
        assert has_icon == bool(status)
        assert option.text.startswith("【受阻】") == blocked
        assert option.text.endswith(f" · {mark}") if mark else " · " not in option.text
        states[row] = expected
    return states


def test_cached_lights_follow_filters_sort_edits_and_refreshes(qtbot, window) -> None:
    hub, model, bar = window.coordination, window.matrix_model, window.filter_bar
    states = shown_states(window)
    assert len(states) == model.total_rows()
    assert any(s[0] for s in states.values()) and any(s[1] for s in states.values())
    assert any(s[2] for s in states.values())  # the demo has lights, 受阻 rows and marks
    # filters and a sort move rows: states follow the data row, not the shown row
    unit = max(queries.unit_summaries(window.store.db), key=lambda u: u["lead"])
    bar.set_unit(unit["id"])
    assert 0 < window.matrix_proxy.rowCount() < model.total_rows()
    shown_states(window)
    bar.clear()
    bar.role_combo.setCurrentIndex(1)
    shown_states(window)
    bar.clear()
    window.matrix_view.sortByColumn(model.unit_column(unit["id"]), Qt.SortOrder.DescendingOrder)
    shown_states(window)
    # an edit: a task gets an overdue milestone, its rows turn red once the pass lands
    red = hub.matrix_states.at(window.matrix_proxy.index(0, 0)).mark
    unmarked = next(
        task_id
        for row, (status, _b, mark) in states.items()
        if not mark and (task_id := model.row_ids(row).task_id) in hub.snapshot.tasks
    )
    with qtbot.waitSignal(hub.loaded, timeout=15000):
        co.add_milestone(
            window.store, unmarked, "逾期节点", (date.today() - timedelta(days=5)).isoformat()
        )
        window.store_changed.emit("edit", ())
    after = shown_states(window)
    rows = window.matrix_model.rows_of_task(unmarked)
    assert rows and all(after[r][2] == "红·逾期未办结" for r in rows), red
    # a status refresh (another due-soon window) gives a new snapshot: states recomputed
    before = hub.snapshot
    with qtbot.waitSignal(hub.loaded, timeout=15000):
        hub.set_window_days(hub.window_days + 30)
    assert hub.snapshot is not before
    shown_states(window)


def test_unit_columns_equal_the_per_cell_computation(qtbot, window) -> None:
    model = window.matrix_model
    matrix = model.matrix
    units = [unit[0] for unit in matrix.units]
    plans = queries.plans(window.store.db)
    sections = [s["id"] for s in queries.sections(window.store.db, plans[0]["id"])]
    rowids = frozenset(list(matrix.task_rowids)[::7])
    filters = [MatrixFilter(role=role) for role in ROLES]
    filters += [MatrixFilter(unit_id=u) for u in units[:12]]
    filters += [MatrixFilter(unit_id=u, role=role) for u in units[:4] for role in ROLES]
    filters += [MatrixFilter(plan_id=plans[0]["id"]), MatrixFilter(task_rowids=rowids)]
    filters += [MatrixFilter(section_id=s) for s in sections[:6]]
    filters += [MatrixFilter(section_id=sections[1], role="support", task_rowids=rowids)]
    filters += [MatrixFilter(unit_id="no such unit"), MatrixFilter(task_rowids=frozenset())]
    hidden = 0
    for f in filters:
        expected = shown_columns(model, f)
        assert model.filter_sets(f)[1] == expected, f
        window.matrix_proxy.set_filter(f)
        assert {c for c in range(model.columnCount()) if model.column_shown(c)} == expected
        assert window.matrix_proxy.columnCount() == len(expected)
        hidden += model.columnCount() - len(expected)
    assert hidden  # some filter hides unit columns
    window.matrix_proxy.set_filter(MatrixFilter())
    assert window.matrix_proxy.columnCount() == model.columnCount()


def shown_data_rows(model) -> list[int]:  # noqa: ANN001
    return [model.data_row(row) for row in range(model.rowCount())]


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_filtered_rows_keep_the_sort(qtbot, window, order) -> None:
    model, view = window.matrix_model, window.matrix_view
    busiest = max(
        range(1, len(model.matrix.units) + 1), key=lambda c: len(model.matrix.unit_cells(c - 1)[0])
    )
    for column in (0, busiest):
        view.sortByColumn(column, order)
        unfiltered = shown_data_rows(model)
        assert sorted(unfiltered) == list(range(model.total_rows()))
        for f in (MatrixFilter(role="support"), MatrixFilter(unit_id=model.matrix.units[0][0])):
            window.matrix_proxy.set_filter(f)
            mask, _columns = model.filter_sets(f)
            assert shown_data_rows(model) == [row for row in unfiltered if mask[row]]
            window.matrix_proxy.set_filter(MatrixFilter())


def test_a_row_s_state_kept_as_a_code_past_a_byte(qtbot, window, monkeypatch) -> None:
    """Each row's state is kept as its place among the distinct states (a byte a row);
    past 255 of them the codes widen and every row still reads its own state."""
    from desktop.views.coordination import matrix_lights
    from desktop.views.coordination.matrix_lights import LightState

    states = window.coordination.matrix_states
    shown_states(window)
    assert states._states.itemsize == 1 and states.computed_rows() > 5
    for n in range(300):  # (as if 300 distinct states had been met)
        states._code[LightState(f"s{n}", False, None)] = len(states._distinct)
        states._distinct.append(LightState(f"s{n}", False, None))
    first = window.matrix_proxy.index(0, 0)
    data_row = window.matrix_model.data_row(0)
    states._states[data_row] = 0  # (row 0 computed again)
    odd = LightState("新状态", True, None)
    monkeypatch.setattr(matrix_lights, "light_state", lambda *args: odd)
    assert states.at(first) == odd and states._states.itemsize == 4
    assert states._distinct[states._states[data_row]] == odd
    monkeypatch.undo()
    states._states[data_row] = 0
    shown_states(window)  # every row its own state again
