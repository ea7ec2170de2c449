"""The task panel fits the side panel at 1366×768 (about 355 px wide) in both languages:
every list's shown columns lie within its viewport (no horizontal scroll bar), titles and
notes elide with their full text in the tooltip, optional columns give way (their values
in the row's tooltip) and come back when there is room; an English user reads English
states, cycles, windows and task labels (offscreen, real SQLite)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QToolTip, QTreeView

from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import coordination_views as cv
from desktop.models import round_queries
from desktop.models.store import Store
from desktop.views.coordination import rows as R
from desktop.views.coordination.task_panel import TaskPanel
from tests.helpers.gui_coordination_data import (
    LONG_TITLE,
    add_realistic,
    add_task_details,
    seed_demo,
)
from tests.helpers.screen_fit import narrow_columns
from tests.helpers.task_panel import english_translator
from tests.helpers.task_panel import shown_panel as shown_task_panel

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

#: The task panel beside the matrix at 1366×768 (the pages layout's side panel).
DOCK = (355, 430)
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def worked(store: Store, seed_path: Path, tmp_path: Path) -> tuple[Store, str, dict[str, str]]:
    """The demo plan and its coordination data, task 5 worked on in every tab."""
    seed_demo(store, seed_path)
    ids = add_realistic(store)
    task_id = cq.resolve_task(store.db, 5)
    ids |= add_task_details(store, task_id, tmp_path)
    return store, task_id, ids


@pytest.fixture
def english(qapp) -> Iterator[None]:  # noqa: ANN001
    with english_translator():
        yield


def shown_panel(qtbot, store: Store, task_id: str, size: tuple[int, int] = DOCK) -> TaskPanel:  # noqa: ANN001
    return shown_task_panel(qtbot, store, task_id, size)


def lists_of(panel: TaskPanel, index: int) -> list[QTableView | QTreeView]:
    """The visible lists of the panel's tab ``index`` (made current)."""
    panel.tabs.setCurrentIndex(index)
    QApplication.processEvents()
    page = panel.tabs.widget(index)
    views = page.findChildren(QAbstractItemView)
    return [v for v in views if isinstance(v, (QTableView, QTreeView)) and v.isVisible()]


def outside(view: QTableView | QTreeView) -> list[str]:
    """Shown columns not wholly within the viewport, and a horizontal scroll bar."""
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    width = view.viewport().width()
    found = [
        f"{header.model().headerData(c, Qt.Orientation.Horizontal)}: "
        f"{header.sectionViewportPosition(c)}+{header.sectionSize(c)} > {width}"
        for c in range(header.count())
        if not header.isSectionHidden(c)
        and header.sectionViewportPosition(c) + header.sectionSize(c) > width
    ]
    if view.horizontalScrollBar().maximum() > 0:
        found.append(f"horizontal scroll bar (up to {view.horizontalScrollBar().maximum()})")
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_tab_fits_the_dock_at_1366(qtbot, worked, request, lang: str) -> None:
    if lang == "en":
        request.getfixturevalue("english")
    store, task_id, _ids = worked
    panel = shown_panel(qtbot, store, task_id)
    seen = 0
    for index in range(panel.tabs.count()):
        for view in lists_of(panel, index):
            if view.model().rowCount() == 0:
                continue
            seen += 1
            name = f"{panel.tabs.tabText(index)}/{type(view).__name__}"
            assert outside(view) == [], name
            assert narrow_columns(view) == [], name
    assert seen == 7  # milestones, reports, dependencies, 2 remarks, files, 督办 (no targets)


def test_the_long_title_elides_with_its_full_text_in_the_tooltip(qtbot, worked) -> None:
    store, task_id, ids = worked
    panel = shown_panel(qtbot, store, task_id)
    view, model = panel.milestone_view, panel.milestones
    index = model.index(model.row_of(ids["long"]), 0)
    assert index.data() == LONG_TITLE
    assert view.fontMetrics().horizontalAdvance(LONG_TITLE) > view.columnWidth(0)
    assert view.textElideMode() == Qt.TextElideMode.ElideRight
    assert view.isColumnHidden(2)  # 原定: no milestone was extended, the title has its room
    from desktop.views.fit_width import FitWidth

    fit = view.findChild(FitWidth)
    assert fit.elided(index)
    tip = fit.tooltip(index)
    assert tip.split("\n")[0] == LONG_TITLE and "联合审批" in tip  # the title, then the note
    # the real tooltip event shows it
    point = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == tip
    QToolTip.hideText()
    # a date is never elided: its cell's tooltip is the row's own
    due = index.siblingAtColumn(1)
    assert not fit.elided(due)


def test_optional_columns_give_way_and_come_back(qtbot, worked) -> None:
    store, task_id, ids = worked
    first_due = store.db["milestone"].get(ids["center"])["due"]
    co.extend_milestone(store, ids["center"], date.today() + timedelta(days=25), "设备到货延迟")
    panel = shown_panel(qtbot, store, task_id, (300, 430))
    view, model = panel.milestone_view, panel.milestones
    from desktop.views.fit_width import FitWidth

    fit = view.findChild(FitWidth)
    index = model.index(model.row_of(ids["center"]), 0)
    assert view.isColumnHidden(2)  # 原定 gives way first …
    assert f"原定：{first_due}" in fit.tooltip(index).split("\n")  # … its value in the tooltip
    assert outside(view) == []
    panel.resize(760, 430)  # the viewport's resize refits: the column comes back
    QApplication.processEvents()
    assert not view.isColumnHidden(2) and not view.isColumnHidden(4)
    assert f"原定：{first_due}" not in fit.tooltip(index)
    assert outside(view) == [] and narrow_columns(view) == []
    # the long column takes the room the others leave
    header = view.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(5)) == view.viewport().width()


def test_an_empty_list_keeps_its_optional_columns(qtbot, worked) -> None:
    store, task_id, _ids = worked
    panel = shown_panel(qtbot, store, task_id)
    panel.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    view = panel.target_view  # task 5 has no targets
    assert panel.targets.rowCount() == 0
    assert [c for c in range(7) if view.isColumnHidden(c)] == []
    assert outside(view) == []


def test_english_states_cycles_and_task_labels(qtbot, worked, english) -> None:
    store, task_id, ids = worked
    panel = shown_panel(qtbot, store, task_id)
    summary = panel.workflow.summary.text()
    assert "Quarterly, before day 10 of the quarter's last month" in summary
    assert "Closing: Awaiting review" in summary
    model = panel.workflow.model
    signoff, extension = model.group_rows("signoff")[0], model.group_rows("extension")[0]
    assert signoff.cells[0] == "Whole task" and signoff.cells[2] == "Awaiting review"
    assert extension.cells[2] == "Awaiting approval"
    assert all(r.cells[0] == "Whole task" for r in model.group_rows("signin"))
    period = panel.reports.row(0).cells[0]
    rollup = model.group_rows(f"report:{period}")
    assert [r.cells[0].removeprefix("└ ") for r in rollup] == ["Whole task", "Whole task"]
    assert [r.tooltip.split("\n")[0] for r in rollup] == ["市政数局 (lead)", "市国资委 (support)"]
    assert {r.cells[1] for r in panel.reports.rows} == {"Task 5"}
    for row in panel.dependencies.rows:
        assert not CJK.match(row.cells[0]) and not CJK.match(row.cells[1]), row.cells
    assert [r.cells[3] for r in panel.remarks.comments.rows] == ["Task"]
    # the tabs' titles: one word each
    assert [panel.tabs.tabText(i) for i in range(panel.tabs.count())] == [
        "Milestones", "Targets", "Reports", "Links", "Comments", "Files", "Supervision"
    ]  # fmt: skip


def test_a_missing_old_date_reads_as_a_dash(qtbot, worked) -> None:
    """A request without the deadline it moves (``old_due`` may be null in a synced record)."""
    store, task_id, ids = worked
    with store.action("request_extension") as tx:
        tx.insert(
            "extension_request",
            {"milestone_id": ids["center"], "unit_id": store.find_unit("市政数局"),
             "old_due": None, "new_due": "2027-03-31", "reason": "设备到货延迟",
             "requested_at": "2099-01-01T00:00:00Z"},
        )  # fmt: skip
    panel = shown_panel(qtbot, store, task_id)
    note = panel.workflow.model.group_rows("extension")[0].cells[3]  # newest first
    assert note.startswith("— → 2027-03-31") and "None" not in note


def test_english_reporting_windows_in_the_chase_rows(worked, english) -> None:
    store, task_id, _ids = worked
    as_of = date(2026, 11, 20)
    round_ = round_queries.report_round(store.db, as_of)
    entries = [e for state in ("missing", "late") for group in round_.by_unit(state).values()
               for e in group if e.task_id == task_id]  # fmt: skip
    assert entries, "task 5 (quarterly) is chased"
    row = R.entry_row(entries[0])
    assert re.match(r"Task 5(-\d)? “", row.cells[0]), row.cells[0]
    assert "Q3 2026" in row.tooltip, row.tooltip


def test_english_task_labels_beyond_the_panel(qtbot, worked, english) -> None:
    """The task labels of the models read "Task N" wherever the GUI lists them: the
    dependency dialog's choices, the dashboard's milestone and risk rows."""
    from desktop.views.coordination.dependency_dialog import DependencyDialog
    from desktop.views.coordination.undo import CoordinationActions

    store, task_id, ids = worked
    dialog = DependencyDialog(CoordinationActions(store))
    qtbot.addWidget(dialog)
    choices = [dialog.pred_combo.itemText(i) for i in range(dialog.pred_combo.count())]
    assert choices[0].startswith("Task 1 ") and not any("任务" in c for c in choices)
    snap = cv.overview(store.db)["snapshot"]
    assert R.list_label(snap, ids["long"]) == f"Task 5 “{LONG_TITLE}”"
    at_risk = snap.at_risk("task")
    assert at_risk  # the demo's chain: 算力中心一期投运 (overdue) → 数智云平台扩容 → task 26
    for record_id in at_risk:
        row = R.risk_row(snap, "task", record_id, snap.risks_of("task", record_id)[0])
        assert row.cells[0].startswith("Task ") and "任务" not in row.cells[2], row.cells


def test_the_targets_tab_fits_and_the_chart_keeps_its_whole_title_in_a_tooltip(
    qtbot, worked
) -> None:
    store, _task_id, _ids = worked
    panel = shown_panel(qtbot, store, cq.resolve_task(store.db, 1))  # a target with values
    panel.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    chart = panel.chart.chart_view
    title = chart.chart().title()
    assert title.startswith(("未达标", "进度", "已达标", "逾期达成")) and chart.toolTip() == title
    view = panel.target_view  # the targets' list fits too (差距, 当前 give way)
    assert panel.targets.rowCount() == 1
    assert outside(view) == [] and narrow_columns(view) == []
