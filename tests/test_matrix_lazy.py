"""The lazy matrix and plan tree (issue 14, memory flat): what they show equals a direct
query, and they keep no text per row.

A generated database of 20 plans (1,000 tasks, ~1,200 rows, ``bench.generate``): the
models hold ids and numbers for every row and read labels and texts for the rows on
screen. Every check compares with ``queries.matrix`` (the full rows, read directly)
after scrolling, sorting and filtering; the text caches stay bounded after a scroll
through every row; a cancelled window load stops at its next check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.models import queries
from desktop.models.matrix_rows import ROLE_BIT, ROLES, load_matrix_index, row_ids_of, row_texts
from desktop.models.qt.matrix_model import (
    CELL_ROLE,
    ITEM_ROLE,
    MatrixFilter,
    MatrixModel,
    MatrixProxy,
)
from desktop.models.qt.plan_tree_model import PlanTreeModel, load_tree
from desktop.models.qt.roles import ID_ROLE, ROLE_RANK
from desktop.models.store import Store
from desktop.views.jobs import Cancelled
from tests.helpers.generated import generated_db

PLANS = 20


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_db(tmp_path_factory, "lazy", PLANS)


@pytest.fixture
def store(generated: Path):  # type: ignore[no-untyped-def]
    store = Store.open(generated)
    yield store
    store.close()


def matrix_for(store: Store, cache_rows: int = 300) -> tuple[MatrixModel, MatrixProxy]:
    _tree, parents = load_tree(store.db)
    model = MatrixModel()
    model.TEXT_CACHE_ROWS = cache_rows
    model.set_data(load_matrix_index(store.db), parents, queries.plans(store.db), db=store.db)
    proxy = MatrixProxy()
    proxy.setSourceModel(model)
    return model, proxy


def shown_rows(proxy: MatrixProxy, rows: range) -> list[tuple[str, str, str]]:
    """(item id, label, tooltip) of proxy rows."""
    return [
        (
            proxy.index(r, 0).data(ITEM_ROLE),
            proxy.index(r, 0).data(),
            proxy.index(r, 0).data(Qt.ItemDataRole.ToolTipRole),
        )
        for r in rows
    ]


def item_ids_of(store: Store, index) -> list[str]:  # type: ignore[no-untyped-def]
    """The work item id of every data row of an index (which keeps rowids only)."""
    ids = row_ids_of(store.db)
    return [ids[rowid][0] for rowid in index.item_rowids]


def test_index_equals_the_full_query(store: Store) -> None:
    full = queries.matrix(store.db)
    index = load_matrix_index(store.db)
    assert len(index) == len(full.rows) > 1000
    ids = row_ids_of(store.db)
    assert [ids[rowid][0] for rowid in index.item_rowids] == [row.item_id for row in full.rows]
    assert [ids[rowid][1] for rowid in index.item_rowids] == [row.task_id for row in full.rows]
    task_rowids = dict(store.db.execute("SELECT id, rowid FROM task").fetchall())
    assert list(index.task_rowids) == [task_rowids[row.task_id] for row in full.rows]
    assert index.units == full.units
    assert index.task_count == len({row.task_id for row in full.rows})
    for r, row in enumerate(full.rows):
        cells = {index.units[unit][0]: ROLES[code] for unit, code in index.cells(r)}
        assert cells == full.cells.get(row.item_id, {})
    texts = row_texts(store.db, index.item_rowids)
    rows = [texts[rowid] for rowid in index.item_rowids]
    assert [text.label for text in rows] == [row.label for row in full.rows]
    assert [text.text for text in rows] == [row.text for row in full.rows]
    assert [(text.item_id, text.task_id) for text in rows] == [
        (row.item_id, row.task_id) for row in full.rows
    ]


def cells_by_unit(index) -> dict[int, list[tuple[int, int]]]:  # type: ignore[no-untyped-def]
    """(row, role code) per unit, read from the by-row cells (to check the by-unit ones)."""
    by_unit: dict[int, list[tuple[int, int]]] = {}
    for row in range(len(index)):
        for unit, code in index.cells(row):
            by_unit.setdefault(unit, []).append((row, code))
    return by_unit


def test_odd_cells_and_dangling_rows(generated: Path, tmp_path: Path) -> None:
    """A unit named twice on an item keeps its strongest role; with foreign keys off, an
    item of a missing task, a cell of a missing unit or item, and an unknown role are left
    out; the cells by unit and the role bits agree with the cells by row."""
    import shutil
    import sqlite3

    path = tmp_path / "odd.db"
    shutil.copy(generated, path)
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute("PRAGMA ignore_check_constraints = ON")
    item_id, unit_id = raw.execute(
        "SELECT item_id, unit_id FROM assignment WHERE role = 'support' LIMIT 1"
    ).fetchone()
    rows = [
        ("dup-lead", item_id, unit_id, "lead"),
        ("no-unit", item_id, "missing-unit", "lead"),
        ("no-item", "missing-item", unit_id, "lead"),
        ("bad-role", item_id, unit_id, "chief"),
    ]
    raw.executemany("INSERT INTO assignment (id, item_id, unit_id, role) VALUES (?, ?, ?, ?)", rows)
    raw.execute("INSERT INTO item (id, task_id, position) VALUES ('orphan', 'missing-task', 0)")
    raw.commit()
    raw.close()
    before_store = Store.open(generated)
    before = item_ids_of(before_store, load_matrix_index(before_store.db))
    before_store.close()
    store = Store.open(path)
    try:
        index = load_matrix_index(store.db)
        item_ids = item_ids_of(store, index)
        assert item_ids == before and "orphan" not in item_ids
        row = item_ids.index(item_id)
        unit = next(u for u, (uid, _n, _k) in enumerate(index.units) if uid == unit_id)
        assert index.role_at(row, unit) == ROLES.index("lead")
        assert [u for u, _code in index.cells(row)].count(unit) == 1
        assert len(index.cell_unit) == len(load_matrix_index(Store.open(generated).db).cell_unit)
        by_unit = cells_by_unit(index)
        for u in range(len(index.units)):
            unit_rows, roles = index.unit_cells(u)
            assert list(zip(unit_rows, roles, strict=True)) == by_unit.get(u, [])
        for r in range(len(index)):
            bits = 0
            for _unit, code in index.cells(r):
                bits |= ROLE_BIT[code]
            assert index.row_roles[r] == bits
    finally:
        store.close()


def test_a_window_of_rows_after_scrolling_equals_a_direct_query(store: Store) -> None:
    full = queries.matrix(store.db)
    tags = {plan["id"]: plan for plan in queries.plans(store.db)}
    model, proxy = matrix_for(store)
    assert proxy.rowCount() == len(full.rows)
    for start in (0, 517, len(full.rows) - 40):  # top, middle, bottom: as scrolled to
        window = shown_rows(proxy, range(start, start + 40))
        for (item_id, label, tooltip), row in zip(
            window, full.rows[start : start + 40], strict=True
        ):
            assert item_id == row.item_id
            assert label.endswith(" " + row.label)  # after the plan's tag (20 plans)
            doc_no = tags[row.plan_id]["doc_no"]
            assert label.startswith(doc_no[doc_no.index("〔") :])
            assert tooltip.endswith(row.text)
    # the role cells of a window equal the assignments
    column_of = {model.unit_id(c): c for c in range(1, model.columnCount())}
    for r in range(600, 640):
        row = full.rows[r]
        marks = {
            unit_id: proxy.index(r, column).data(CELL_ROLE) for unit_id, column in column_of.items()
        }
        assert {u: role for u, role in marks.items() if role} == full.cells.get(row.item_id, {})


def test_sort_and_filter_equal_a_direct_query(store: Store) -> None:
    full = queries.matrix(store.db)
    model, proxy = matrix_for(store)
    unit_id = max(full.units, key=lambda u: sum(u[0] in c for c in full.cells.values()))[0]
    column = model.unit_column(unit_id)
    assert column is not None
    # sort by a unit: its marked rows by rank (牵, 责, 配), each in document order
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    marked = [r for r in full.rows if unit_id in full.cells.get(r.item_id, {})]
    expected = sorted(marked, key=lambda r: ROLE_RANK[full.cells[r.item_id][unit_id]])
    expected += [r for r in full.rows if r not in marked]
    shown = [proxy.index(r, 0).data(ITEM_ROLE) for r in range(proxy.rowCount())]
    assert shown == [r.item_id for r in expected]
    labels = [proxy.index(r, 0).data() for r in range(len(marked), len(marked) + 30)]
    assert [label.split(" ", 1)[1] for label in labels] == [
        r.label for r in expected[len(marked) : len(marked) + 30]
    ]
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    # filter by unit and role: exactly the unit's lead rows, in document order
    proxy.set_filter(MatrixFilter(unit_id=unit_id, role="lead"))
    leads = [r.item_id for r in full.rows if full.cells.get(r.item_id, {}).get(unit_id) == "lead"]
    assert [proxy.index(r, 0).data(ITEM_ROLE) for r in range(proxy.rowCount())] == leads
    # filter by role alone: the rows with a 责任 cell, and only the units with one there
    proxy.set_filter(MatrixFilter(role="responsible"))
    responsible = [r for r in full.rows if "responsible" in full.cells.get(r.item_id, {}).values()]
    assert [proxy.index(r, 0).data(ITEM_ROLE) for r in range(proxy.rowCount())] == [
        r.item_id for r in responsible
    ]
    units = {
        u for r in responsible for u, role in full.cells[r.item_id].items() if role == "responsible"
    }
    assert {
        proxy.headerData(c, Qt.Orientation.Horizontal, ID_ROLE)
        for c in range(1, proxy.columnCount())
    } == units
    # a search: the rows of the tasks found, with their labels
    hits = frozenset(queries.search_tasks(store.db, "平台"))
    proxy.set_filter(
        MatrixFilter(task_rowids=frozenset(queries.search_task_rowids(store.db, "平台")))
    )
    found = [r for r in full.rows if r.task_id in hits]
    assert 0 < len(found) < len(full.rows)
    window = shown_rows(proxy, range(proxy.rowCount()))
    assert [item for item, _label, _tip in window] == [r.item_id for r in found]
    assert [label.split(" ", 1)[1] for _item, label, _tip in window] == [r.label for r in found]
    assert {proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())} == hits
    # a plan: its rows only, and only the unit columns it uses
    plan = queries.plans(store.db)[3]
    proxy.set_filter(MatrixFilter(plan_id=plan["id"]))
    in_plan = [r for r in full.rows if r.plan_id == plan["id"]]
    assert [proxy.index(r, 0).data(ITEM_ROLE) for r in range(proxy.rowCount())] == [
        r.item_id for r in in_plan
    ]
    used = {u for r in in_plan for u in full.cells.get(r.item_id, {})}
    shown_units = {
        proxy.headerData(c, Qt.Orientation.Horizontal, ID_ROLE)
        for c in range(1, proxy.columnCount())
    }
    assert shown_units == used
    assert model.total_rows() == len(full.rows)


def test_scrolling_through_everything_keeps_the_text_cache_bounded(store: Store) -> None:
    model, proxy = matrix_for(store, cache_rows=300)
    rows = proxy.rowCount()
    for r in range(0, rows, 7):  # every block of rows gets read, as a scroll through all
        assert proxy.index(r, 0).data()
        assert model.cached_text_rows() <= 300
    assert rows > 3 * 300
    # no per-row Python containers in the model nor in its index: integer arrays only
    per_row = [
        name
        for name, value in vars(model).items()
        if isinstance(value, list | dict | set | tuple) and len(value) >= rows
    ]
    assert per_row == []
    index = model.matrix
    per_row = [
        name
        for name, value in vars(index).items()
        if isinstance(value, list | dict | set | tuple) and len(value) >= rows
    ]
    assert per_row == []
    # integer arrays narrowed to what their values need (``narrow_index``): small rowids
    assert index.item_rowids.typecode == index.task_rowids.typecode == "h"
    assert len(set(index.task_rowids)) == index.task_count


def test_tree_reads_task_labels_on_demand(store: Store) -> None:
    tree, _parents = load_tree(store.db)
    assert all(
        label is None for kind, label in zip(tree.kinds, tree.labels, strict=True) if kind == "task"
    )
    model = PlanTreeModel()
    model.LABEL_CACHE = 200
    model.set_tree(tree, db=store.db)
    titles = {t["id"]: f"{t['no']}. {t['title']}" for t in queries.tasks(store.db)}
    task_ids = dict(store.db.execute("SELECT rowid, id FROM task").fetchall())
    seen = 0
    for node, kind in enumerate(tree.kinds):
        if kind == "task":
            task_id = task_ids[tree.ids[node]]
            index = model.index_of(task_id)
            assert index.data(ID_ROLE) == task_id
            assert index.data() == titles[task_id]
            assert index.data(Qt.ItemDataRole.ToolTipRole) == titles[task_id]
            assert model.cached_labels() <= 200
            seen += 1
    assert seen == len(titles) == 1000


def test_a_cancelled_window_load_stops_at_its_next_check(store: Store) -> None:
    from desktop.views.main_window import load_window_data

    calls = 0

    def cancel_on_third() -> None:
        nonlocal calls
        calls += 1
        if calls >= 3:
            raise Cancelled()

    with pytest.raises(Cancelled):
        load_window_data(store.db, check=cancel_on_third)
    assert calls == 3  # the rows are read in batches, each after a check
    calls = 0
    data = load_window_data(store.db, check=lambda: None)
    assert len(data.matrix) == len(queries.matrix(store.db).rows)


def test_a_cancelled_query_op_interrupts_its_running_statement(qtbot, generated: Path) -> None:
    """The window's reload and status pass run as ``QueryOp(..., pass_progress=True)``:
    cancelling one (the window closes) stops the SQL statement it is running, so the
    close does not wait for a long query to end."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QWidget

    from desktop.views.ops import QueryOp

    owner = QWidget()
    owner.db_path = generated  # type: ignore[attr-defined]
    started = []

    def long_query(store: Store, progress) -> int:  # type: ignore[no-untyped-def]
        started.append(True)
        # minutes of work for SQLite unless interrupted
        return store.db.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4e9)"
            " SELECT count(*) FROM n"
        ).fetchone()[0]

    job = QueryOp(owner, long_query, quiet=True, show_errors=False, pass_progress=True)
    succeeded = []
    job.succeeded.connect(succeeded.append)
    with qtbot.waitSignal(job.cancelled, timeout=20_000):
        job.start()
        qtbot.waitUntil(lambda: bool(started), timeout=10_000)
        job.cancel()
    assert QThreadPool.globalInstance().waitForDone(20_000)  # the worker returned
    assert succeeded == []


def test_tree_from_the_matrix_rows_equals_the_tree_read_itself(store: Store) -> None:
    from desktop.models.matrix_rows import document_tasks

    index = load_matrix_index(store.db)
    tasks = document_tasks(index)
    assert len(tasks) == index.task_count == len({task for task, _p, _s in tasks})
    assert load_tree(store.db, tasks=tasks) == load_tree(store.db)


def test_a_first_page_is_the_first_rows_of_the_whole_index(store: Store) -> None:
    """``first_rows``: the rows of the leading plans only — the whole index's first rows,
    with the same cells, plans, sections and unit columns, shown alike by the model."""
    full = load_matrix_index(store.db)
    first = load_matrix_index(store.db, first_rows=120)
    n = len(first)
    assert 120 <= first.task_count < full.task_count and 0 < n < len(full)
    for name in ("item_rowids", "task_rowids", "row_plan", "row_section", "archived"):
        assert getattr(first, name) == getattr(full, name)[:n], name
    assert first.row_roles == full.row_roles[:n]
    assert first.cell_start == full.cell_start[: n + 1]
    cells = first.cell_start[n]
    assert first.cell_unit == full.cell_unit[:cells] and first.cell_role == full.cell_role[:cells]
    assert (first.units, first.plan_ids, first.section_ids) == (
        full.units,
        full.plan_ids,
        full.section_ids,
    )
    for u in range(len(full.units)):  # the by-unit cells: the full ones within the page
        rows, roles = full.unit_cells(u)
        kept = [(r, c) for r, c in zip(rows, roles, strict=True) if r < n]
        assert list(zip(*first.unit_cells(u), strict=True)) == kept
    plans = queries.plans(store.db)
    models = []
    for index in (first, full):
        model = MatrixModel()
        model.set_data(index, {}, plans, db=store.db)
        models.append(model)
    assert models[0].columnCount() == models[1].columnCount()
    columns = range(models[0].columnCount())
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ITEM_ROLE, ID_ROLE)
    for role in (*roles, CELL_ROLE, Qt.ItemDataRole.BackgroundRole):
        page, whole = (
            [[model.index(r, c).data(role) for c in columns] for r in range(n)] for model in models
        )
        assert page == whole, role


def test_values_read_whole_or_row_by_row_are_the_same(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The row load reads each scan's columns whole (``group_concat``), in parts; a part
    with a value that cannot be read so — an id holding the separator, a position stored
    as a real number — is read row by row. Either way the index equals the full query."""
    import shutil
    import sqlite3

    from desktop.models import matrix_rows

    path = tmp_path / "odd.db"
    shutil.copy(generated, path)
    raw = sqlite3.connect(path)
    task_id, unit_id = raw.execute(
        "SELECT i.task_id, a.unit_id FROM item i JOIN assignment a ON a.item_id = i.id LIMIT 1"
    ).fetchone()
    odd_item = "odd\x1fitem"
    raw.execute(
        "INSERT INTO item (id, task_id, position, text) VALUES (?, ?, 7, '')", [odd_item, task_id]
    )
    raw.execute(
        "INSERT INTO assignment (id, item_id, unit_id, role) VALUES ('odd-a', ?, ?, 'lead')",
        [odd_item, unit_id],
    )
    raw.execute("UPDATE item SET position = 0.5 WHERE rowid = (SELECT max(rowid) FROM item) - 3")
    raw.commit()
    raw.close()
    store = Store.open(path)
    row_by_row: list[str] = []
    execute = store.db.execute

    def spy(sql: str, params=None):  # type: ignore[no-untyped-def]
        if sql.startswith("SELECT c0"):
            row_by_row.append(sql)
        return execute(sql, params or [])

    monkeypatch.setattr(store.db, "execute", spy)
    try:
        full = queries.matrix(store.db)
        # one part; many; a part per row (then each odd value's part alone)
        for part_rows in (matrix_rows.SCAN_PART_ROWS, 100, 1):
            monkeypatch.setattr(matrix_rows, "SCAN_PART_ROWS", part_rows)
            row_by_row.clear()
            index = load_matrix_index(store.db)
            # the items' parts holding the odd id or the odd position (both in one
            # part unless the parts are small), the assignments' part of the odd cell
            item_parts = sum("i.position" in sql for sql in row_by_row)
            assert item_parts == 2 if part_rows == 1 else 1 <= item_parts <= 2
            assert sum("a.item_id" in sql for sql in row_by_row) == 1
            assert len(row_by_row) == item_parts + 1
            assert item_ids_of(store, index) == [row.item_id for row in full.rows]
            for r, row in enumerate(full.rows):
                cells = {index.units[unit][0]: ROLES[code] for unit, code in index.cells(r)}
                assert cells == full.cells.get(row.item_id, {})
        assert odd_item in item_ids_of(store, index)
    finally:
        store.close()


@pytest.mark.parametrize(("spread", "negative"), [(1, False), (3, False), (1000, True)])
def test_rowids_dense_or_sparse_are_read_in_parts(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spread: int, negative: bool
) -> None:
    """The row load reads each table in ranges of its rowids: by arithmetic when they
    are dense, else each range's end found by walking them (rowids spread out: rows
    deleted, or inserted at chosen rowids). Either way every row is read once and the
    index equals the full query, in parts of any size."""
    import shutil
    import sqlite3

    from desktop.models import matrix_rows

    path = tmp_path / "spread.db"
    shutil.copy(generated, path)
    raw = sqlite3.connect(path)
    far = 10**12  # (moved out of the way first: no rowid taken twice while updating)
    for table in ("task", "item", "assignment"):
        raw.execute(f"UPDATE {table} SET rowid = rowid + {far}")
        raw.execute(f"UPDATE {table} SET rowid = (rowid - {far}) * {2 * spread} + rowid % 2")
        if negative:
            raw.execute(f"UPDATE {table} SET rowid = -rowid WHERE rowid % 7 = 0")
    raw.commit()
    raw.close()
    store = Store.open(path)
    try:
        full = queries.matrix(store.db)
        for part_rows in (matrix_rows.SCAN_PART_ROWS, 64, 1):
            monkeypatch.setattr(matrix_rows, "SCAN_PART_ROWS", part_rows)
            index = load_matrix_index(store.db)
            assert item_ids_of(store, index) == [row.item_id for row in full.rows]
            assert len(index.cell_unit) == sum(map(len, full.cells.values()))
            for r, row in enumerate(full.rows):
                cells = {index.units[unit][0]: ROLES[code] for unit, code in index.cells(r)}
                assert cells == full.cells.get(row.item_id, {})
    finally:
        store.close()


def test_the_scope_combo_lists_the_trees_plans_and_sections(qtbot, store: Store) -> None:
    """The 范围 entries, built from the plan tree's nodes when read, equal the list the
    filter bar built from every section's row; choosing one filters by it."""
    from desktop.views.filter_bar import FilterBar
    from tests.helpers.scope_reference import scope_choices

    tree, _parents = load_tree(store.db)
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.set_scopes(tree)
    model = bar.scope_choices
    expected = scope_choices(store.db)
    assert len(expected) > 100 and model.rowCount() == len(expected) + 1
    entries = [
        (model.index(r, 0).data(Qt.ItemDataRole.UserRole), model.index(r, 0).data())
        for r in range(1, model.rowCount())
    ]
    assert entries == expected
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == ""
    kind, record_id = expected[-1][0].split(":")
    bar.set_scope(kind, record_id)
    assert bar.scope == (kind, record_id)
    assert bar.scope_combo.currentText() == expected[-1][1]
    bar.set_scopes(tree)  # a reload keeps the choice
    assert bar.scope == (kind, record_id)


def test_lead_warnings_equal_the_rows_cells(generated: Path, tmp_path: Path) -> None:
    """Rows warned about (no 牵头 nor 责任 unit, or two 牵头 units; archived tasks never):
    the model's warnings equal a count over each row's cells of the full query."""
    import shutil
    import sqlite3

    path = tmp_path / "leads.db"
    shutil.copy(generated, path)
    raw = sqlite3.connect(path)
    items = [row[0] for row in raw.execute("SELECT id FROM item ORDER BY rowid LIMIT 40")]
    units = [row[0] for row in raw.execute("SELECT id FROM unit ORDER BY rowid LIMIT 3")]
    for n, item_id in enumerate(items[:10]):  # two and three leads
        for unit_id in units[: 2 + n % 2]:
            raw.execute(
                "INSERT INTO assignment (id, item_id, unit_id, role) VALUES (?, ?, ?, 'lead')",
                [f"extra-{n}-{unit_id}", item_id, unit_id],
            )
    raw.execute(  # no lead nor 责任 left on ten items
        f"DELETE FROM assignment WHERE role IN ('lead', 'responsible') AND item_id IN"
        f" ({', '.join('?' * 10)})",
        items[20:30],
    )
    raw.execute(  # an archived task is not warned about
        "UPDATE task SET archived = '2024-01-01' WHERE id = (SELECT task_id FROM item WHERE id = ?)",
        [items[25]],
    )
    raw.commit()
    raw.close()
    store = Store.open(path)
    try:
        full = queries.matrix(store.db)
        archived = {
            row[0] for row in store.db.execute("SELECT id FROM task WHERE archived IS NOT NULL")
        }
        expected: dict[str, int] = {}
        for row in full.rows:
            roles = list(full.cells.get(row.item_id, {}).values())
            if row.task_id in archived:
                continue
            if roles.count("lead") > 1:
                expected[row.item_id] = roles.count("lead")
            elif "lead" not in roles and "responsible" not in roles:
                expected[row.item_id] = 0
        assert sum(1 for leads in expected.values() if leads > 1) >= 9
        assert sum(1 for leads in expected.values() if leads == 0) >= 9
        model, _proxy = matrix_for(store)
        assert model.warnings() == {
            item: f"有 {leads} 个牵头单位" if leads else "没有牵头单位"
            for item, leads in expected.items()
        }
        assert model.warning_count() == len(expected)
    finally:
        store.close()


def test_a_rowid_reused_by_another_tasks_new_item_is_not_shown_as_the_old_row(
    generated: Path, tmp_path: Path
) -> None:
    """The index keeps rowids; before the window's reload lands, SQLite may give a
    deleted last work item's rowid to a new item of another task. That row then shows
    nothing (no label, no ids), never the new item's text or ids."""
    import shutil

    path = tmp_path / "reused.db"
    shutil.copy(generated, path)
    store = Store.open(path)
    try:
        model, _proxy = matrix_for(store)
        index = model.matrix
        last = max(index.item_rowids)
        row = list(index.item_rowids).index(last)
        old_id, _task, _ = row_ids_of(store.db, [last])[last]
        assert model.row_ids(row).item_id == old_id
        other_task = store.db.execute(
            "SELECT t.id FROM task t WHERE t.rowid != ? LIMIT 1", [index.task_rowids[row]]
        ).fetchone()[0]
        with store.db.conn:
            store.db.execute("DELETE FROM assignment WHERE item_id = ?", [old_id])
            store.db.execute("DELETE FROM item WHERE id = ?", [old_id])
            store.db.execute(
                "INSERT INTO item (id, task_id, position, text) VALUES ('new', ?, 9, '新事项')",
                [other_task],
            )
        assert store.db.execute("SELECT rowid FROM item WHERE id = 'new'").fetchone()[0] == last
        model._texts.clear()  # as when the row is scrolled back into view
        assert model.row_ids(row) == ("", "")
        assert model.row_text(row).text == ""
        assert model.all_row_ids()[row] == ("", "")
        assert "new" not in model.warnings()
        others = [ids for r, ids in enumerate(model.all_row_ids()) if r != row]
        assert all(ids.item_id for ids in others)
    finally:
        store.close()


def test_folding_leaves_no_reference_cycle_behind(generated: Path, tmp_path: Path) -> None:
    """The folds walked the 上级任务 links with a recursive closure over the rows' lists
    and sets: a reference cycle that kept them alive until the collector's next full
    collection (at 100k tasks, several MB per load). With the collector off, a load
    and a query leave nothing for it to collect."""
    import gc
    import shutil

    path = tmp_path / "folded.db"
    shutil.copy(generated, path)
    store = Store.open(path)
    with store.db.conn:  # a chain of lower-level tasks, so that folding has work to do
        tasks = [row[0] for row in store.db.execute("SELECT id FROM task ORDER BY rowid LIMIT 6")]
        for upper, lower in zip(tasks, tasks[1:], strict=False):
            store.db.execute("UPDATE task SET parent_task_id = ? WHERE id = ?", [upper, lower])
    try:
        gc.collect()
        gc.disable()
        index = load_matrix_index(store.db, fold_lower=True)
        data = queries.matrix(store.db, fold_lower=True)
        assert index.folded_under and any(row.folded_under for row in data.rows)
        del index, data
        assert gc.collect() == 0
    finally:
        gc.enable()
        store.close()


def test_every_rows_ids_are_read_once_per_index(store: Store) -> None:
    """The ledger columns' refresh and each ledger sort ask for every row's ids; the
    index keeps none, so they are read from the store once per index (a scan of every
    work item: ~1 s at 100k tasks on the GUI thread) and again after a new index."""
    model, _proxy = matrix_for(store)
    reads: list[int] = []
    read = model._read_all_row_ids

    def counted() -> list:
        reads.append(1)
        return read()

    model._read_all_row_ids = counted  # type: ignore[method-assign]
    first = model.all_row_ids()
    assert model.all_row_ids() is first and len(reads) == 1
    assert [ids.item_id for ids in first] == item_ids_of(store, model.matrix)
    _tree, parents = load_tree(store.db)
    model.set_data(load_matrix_index(store.db), parents, queries.plans(store.db), db=store.db)
    assert model.all_row_ids() == first and len(reads) == 2
