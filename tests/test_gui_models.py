"""Qt item models over a real SQLite file with the demo plan, and the background job helper."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.errors import UserError
from desktop.importer import parse_file
from desktop.models import queries
from desktop.models.matrix_rows import load_matrix_index
from desktop.models.qt.matrix_model import (
    MatrixFilter,
    MatrixModel,
    MatrixProxy,
    header_text,
    short_unit_name,
    vertical_text,
)
from desktop.models.qt.plan_tree_model import PlanTreeModel, load_tree
from desktop.models.qt.preview_models import (
    PlanEdits,
    PreviewAssignmentsModel,
    PreviewUnitsModel,
)
from desktop.models.qt.roles import ID_ROLE, role_background
from desktop.models.qt.unit_models import UnitAssignmentsModel, UnitListModel
from desktop.models.store import Store

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(scope="module")
def parsed_seed():
    return parse_file(
        Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"
    )


@pytest.fixture
def seeded(store: Store, parsed_seed) -> Store:
    store.import_plan(copy.deepcopy(parsed_seed))
    return store


def matrix_for(store: Store) -> tuple[MatrixModel, MatrixProxy]:
    _tree, parents = load_tree(store.db)
    model = MatrixModel()
    model.set_data(load_matrix_index(store.db), parents, db=store.db)
    proxy = MatrixProxy()
    proxy.setSourceModel(model)
    return model, proxy


def row_labels(proxy: MatrixProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def column_of(proxy: MatrixProxy, unit_id: str) -> int:
    for column in range(1, proxy.columnCount()):
        if proxy.headerData(column, Qt.Orientation.Horizontal, ID_ROLE) == unit_id:
            return column
    raise AssertionError("unit column not shown")


def row_starting(proxy: MatrixProxy, prefix: str) -> int:
    rows = [r for r, label in enumerate(row_labels(proxy)) if label.startswith(prefix)]
    assert len(rows) == 1, (prefix, rows)
    return rows[0]


def test_matrix_model_passes_modeltester(qtmodeltester, seeded: Store) -> None:
    model, proxy = matrix_for(seeded)
    qtmodeltester.check(model)
    proxy.set_filter(MatrixFilter(unit_id=seeded.find_unit("市政数局")))
    qtmodeltester.check(proxy)


def test_matrix_rows_cells_and_colours(seeded: Store) -> None:
    from PySide6.QtCore import Qt

    model, proxy = matrix_for(seeded)
    assert model.rowCount() == 36  # 27 tasks; 14, 19 and 24 split into their items
    labels = row_labels(proxy)
    assert [label.split(" ")[0] for label in labels[13:17]] == ["14-1", "14-2", "14-3", "14-4"]
    assert model.columnCount() == 1 + len(queries.unit_summaries(seeded.db))
    r1, c1 = row_starting(proxy, "1 "), column_of(proxy, seeded.find_unit("市城管局"))
    assert proxy.index(r1, c1).data() == "牵"
    assert proxy.index(r1, c1).data(Qt.ItemDataRole.BackgroundRole) == role_background("lead")
    r14, c14 = row_starting(proxy, "14-2 "), column_of(proxy, seeded.find_unit("市农业农村局"))
    assert proxy.index(r14, c14).data() == "责"
    assert proxy.index(r14, c14).data(Qt.ItemDataRole.BackgroundRole) == role_background(
        "responsible"
    )
    c_support = column_of(proxy, seeded.find_unit("市规自局"))
    assert proxy.index(r1, c_support).data() == "配"
    assert proxy.index(r14, c1).data() is None
    header = proxy.headerData(c1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "城管\n局"  # abbreviated on two horizontal lines; tooltip: full name
    tip = proxy.headerData(c1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("市城管局") and "牵头 1 项" in tip


def test_filter_by_unit_shows_exactly_its_rows_and_columns(seeded: Store) -> None:
    model, proxy = matrix_for(seeded)
    unit_id = seeded.find_unit("市政数局")
    proxy.set_filter(MatrixFilter(unit_id=unit_id))
    expected = {
        (r["no"], r["position"] if r["item_count"] > 1 else None)
        for r in queries.unit_assignments(seeded.db, unit_id)
    }
    shown = set()
    for label in row_labels(proxy):
        no = label.split(" ")[0]
        shown.add(
            (int(no.split("-")[0]), int(no.split("-")[1]) - 1) if "-" in no else (int(no), None)
        )
    assert shown == expected and len(shown) == 27  # 8 lead + 15 support + 4 responsible
    column = column_of(proxy, unit_id)
    for r in range(proxy.rowCount()):
        assert proxy.index(r, column).data() in ("牵", "配", "责")
    # every shown unit column has a mark in a shown row; empty ones are hidden
    for c in range(1, proxy.columnCount()):
        assert any(proxy.index(r, c).data() for r in range(proxy.rowCount()))
    assert proxy.columnCount() < model.columnCount()
    proxy.set_filter(MatrixFilter(unit_id=unit_id, role="lead"))
    assert proxy.rowCount() == 8
    proxy.set_filter(MatrixFilter())
    assert proxy.rowCount() == 36 and proxy.columnCount() == model.columnCount()


def test_search_and_section_filters(seeded: Store) -> None:
    model, proxy = matrix_for(seeded)
    proxy.set_filter(
        MatrixFilter(task_rowids=frozenset(queries.search_task_rowids(seeded.db, "5G")))
    )
    labels = row_labels(proxy)
    assert 0 < len(labels) < 36
    assert all(
        "5G" in queries.task_detail(seeded.db, proxy.index(r, 0).data(ID_ROLE))["text"]
        for r in range(proxy.rowCount())
    )
    assert any(label.startswith("1 ") for label in labels)
    sections = queries.sections(seeded.db, queries.plans(seeded.db)[0]["id"])
    main = next(s for s in sections if s["level"] == 1 and s["title"] == "主要任务")
    first_sub = next(s for s in sections if s["parent_id"] == main["id"])
    proxy.set_filter(MatrixFilter(section_id=main["id"]))
    assert proxy.rowCount() == 36  # every task sits in a subsection of 二, via the parent map
    proxy.set_filter(MatrixFilter(section_id=first_sub["id"]))
    in_sub = {t["id"] for t in queries.tasks(seeded.db) if t["section_id"] == first_sub["id"]}
    assert 0 < proxy.rowCount() < 36
    assert {proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())} == in_sub


def test_sorting_by_unit_puts_marked_rows_first(seeded: Store) -> None:
    from PySide6.QtCore import Qt

    model, proxy = matrix_for(seeded)
    column = column_of(proxy, seeded.find_unit("市工信局"))
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    marks = [proxy.index(r, column).data() for r in range(proxy.rowCount())]
    first_blank = marks.index(None)
    assert all(marks[:first_blank]) and not any(marks[first_blank:])
    assert marks[0] == "牵"
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert row_labels(proxy)[0].startswith("1 ")


def test_tree_model(qtmodeltester, seeded: Store) -> None:
    tree, _parents = load_tree(seeded.db)
    model = PlanTreeModel()
    model.set_tree(tree, db=seeded.db)
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    plan = model.index(0, 0)
    assert model.node_kind(plan) == "plan"
    assert [model.index(r, 0, plan).data() for r in range(model.rowCount(plan))] == [
        "一、总体要求",
        "二、主要任务",
        "三、保障措施",
    ]
    tasks = [n for n, kind in enumerate(tree.kinds) if kind == "task"]
    assert len(tasks) == 27
    first_task = seeded.db.execute("SELECT id FROM task WHERE rowid = ?", [tree.ids[tasks[0]]])
    task_index = model.index_of(first_task.fetchone()[0])
    assert task_index.data().startswith("1. ")


def test_unit_models(qtmodeltester, seeded: Store) -> None:
    units = UnitListModel()
    units.set_units(queries.unit_summaries(seeded.db))
    qtmodeltester.check(units)
    row = units.row_of(seeded.find_unit("市政数局"))
    assert [units.index(row, c).data() for c in range(4)] == ["市政数局", 8, 15, 4]
    items = UnitAssignmentsModel()
    items.set_assignments(queries.unit_assignments(seeded.db, seeded.find_unit("市农业农村局")))
    qtmodeltester.check(items)
    rows = {(items.index(r, 0).data(), items.index(r, 1).data()) for r in range(items.rowCount())}
    assert ("责任", "14-2") in rows and ("牵头", "14-1") in rows


def test_preview_models_edit_the_parsed_plan(qtmodeltester, parsed_seed, store: Store) -> None:
    parsed = copy.deepcopy(parsed_seed)
    edits = PlanEdits(parsed, {"市政数局"})
    assignments = PreviewAssignmentsModel(edits)
    units = PreviewUnitsModel(edits)
    qtmodeltester.check(assignments)
    qtmodeltester.check(units)
    total = sum(len(i.units) for t in parsed.tasks for i in t.items)
    assert assignments.rowCount() == total
    assert units.rowCount() == len(parsed.unit_names())
    assert units.new_count() == units.rowCount() - 1
    first = assignments.index(0, PreviewAssignmentsModel.ROLE)
    assert assignments.setData(first, "support")
    assert parsed.tasks[0].items[0].units[0].role == "support"
    assert not assignments.setData(first, "boss")
    name = assignments.index(0, PreviewAssignmentsModel.UNIT)
    assert assignments.setData(name, "  长春市城市管理局 ")
    assert parsed.tasks[0].items[0].units[0].name == "长春市城市管理局"
    assert not assignments.setData(name, "   ")
    assert assignments.removeRows(0, 1)
    assert assignments.rowCount() == total - 1
    assert "长春市城市管理局" not in parsed.unit_names()
    row = [units.index(r, 0).data() for r in range(units.rowCount())].index("市政数局")
    assert units.setData(units.index(row, 0), "市政务服务和数字化建设管理局")
    assert "市政数局" not in parsed.unit_names()
    assert assignments.rowCount() == total - 1  # the other model was refreshed, not broken


# -- jobs ---------------------------------------------------------------------------


def _square(progress, n: int) -> int:
    progress.update(1, 2, "half")
    progress.update(2, 2, "done")
    return n * n


def _fails() -> None:
    raise UserError("文件不是行动计划。")


def _waits_for_cancel(progress, started: threading.Event) -> None:
    started.set()
    while True:
        progress.check()
        threading.Event().wait(0.01)


def test_job_success_with_progress(qtbot) -> None:
    from desktop.views.jobs import Job, active_jobs

    job = Job(None, _square, 7, pass_progress=True)
    seen: list = []
    job.progressed.connect(lambda d, t, s: seen.append((d, t, s)))
    with qtbot.waitSignal(job.succeeded, timeout=5000) as blocker:
        job.start()
    assert blocker.args == [49]
    qtbot.waitUntil(lambda: active_jobs() == 0)
    assert (2, 2, "done") in seen


def test_job_failure_is_delivered_and_shown(qtbot, monkeypatch) -> None:
    from desktop.views import dialogs
    from desktop.views.jobs import Job

    shown: list = []
    monkeypatch.setattr(dialogs, "show_message", lambda *a, **k: shown.append(a))
    job = Job(None, _fails)
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        job.start()
    assert isinstance(blocker.args[0], UserError)
    assert shown and shown[0][2] == "文件不是行动计划。"


def test_job_cancel(qtbot) -> None:
    from desktop.views.jobs import Job

    started = threading.Event()
    job = Job(None, _waits_for_cancel, started, pass_progress=True, show_errors=False)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        job.start()
        assert started.wait(5)
        job.cancel()


def test_unit_headers_are_abbreviated_with_the_full_name_kept_for_the_tooltip() -> None:
    assert short_unit_name("市政数局") == "政数局"
    assert short_unit_name("长春市政务服务和数字化建设管理局") == "长春市…"
    assert short_unit_name("市委") == "市委"  # too short to drop 市
    assert header_text("市城管局") == "城管\n局"
    assert header_text("净月区管委会") == "净月\n区…"


def test_vertical_text_elides_long_names() -> None:
    assert vertical_text("市政数局") == "市\n政\n数\n局"
    assert vertical_text("长春市政务服务和数字化建设管理局").endswith("…")


def test_sorting_descending_and_finding_items_again(seeded: Store) -> None:
    from desktop.models.qt.matrix_model import CELL_ROLE, ITEM_ROLE

    model, proxy = matrix_for(seeded)
    column = column_of(proxy, seeded.find_unit("市农业农村局"))
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    ascending = [proxy.index(r, column).data(CELL_ROLE) for r in range(proxy.rowCount())]
    marked = [role for role in ascending if role]
    assert marked == sorted(marked, key=lambda role: ("lead", "responsible", "support").index(role))
    assert ascending[: len(marked)] == marked and not any(ascending[len(marked) :])
    item = proxy.index(3, 0).data(ITEM_ROLE)
    proxy.sort(column, Qt.SortOrder.DescendingOrder)
    descending = [proxy.index(r, column).data(CELL_ROLE) for r in range(proxy.rowCount())]
    assert descending == [""] * (36 - len(marked)) + marked[::-1]
    # blank rows keep their document order
    blanks = [row_labels(proxy)[r] for r in range(36 - len(marked))]
    assert blanks[0].startswith("1 ") and blanks[1].startswith("2 ")
    found = proxy.index_of_item(item)
    assert found.isValid() and found.data(ITEM_ROLE) == item
    proxy.set_filter(MatrixFilter(unit_id=seeded.find_unit("市政数局")))
    first_cells = {model.matrix.units[unit][0] for unit, _code in model.matrix.cells(0)}
    assert proxy.index_of_item(model.row_ids(0).item_id).isValid() is (
        seeded.find_unit("市政数局") in first_cells
    )
