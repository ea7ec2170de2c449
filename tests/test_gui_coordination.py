"""Coordination GUI: dialogs, undo/redo, workspace, timeline, dashboard, chart (offscreen, real SQLite)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from desktop.models import coordination_queries as cq
from desktop.models import coordination_views as cv
from desktop.models import (
    milestone_queries,
    report_queries,
    status_queries,
    target_queries,
    workspace_queries,
)
from desktop.models import status as st
from desktop.models.qt.coordination_models import GroupTreeModel, RowsModel
from desktop.models.store import Store
from desktop.views import jobs
from desktop.views.coordination import form
from desktop.views.coordination.dashboard import Dashboard
from desktop.views.coordination.dependency_dialog import DependencyDialog
from desktop.views.coordination.extension_dialog import ExtensionDialog
from desktop.views.coordination.milestone_dialog import MilestoneDialog
from desktop.views.coordination.report_dialog import ReportDialog
from desktop.views.coordination.target_chart import TargetChart
from desktop.views.coordination.target_value_dialog import TargetValueDialog
from desktop.views.coordination.timeline import TimelineWidget
from desktop.views.coordination.undo import CoordinationActions
from desktop.views.coordination.workspace import Workspace
from tests.helpers.gui_coordination_data import add_realistic, seed_demo
from tests.helpers.main_window_fixtures import ready_dashboard

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def demo(store: Store, seed_path) -> Store:
    seed_demo(store, seed_path)
    return store


@pytest.fixture
def actions(qtbot, demo: Store) -> CoordinationActions:
    return CoordinationActions(demo)


def count(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]


def task(store: Store, no: int) -> str:
    return cq.resolve_task(store.db, no)


def test_milestone_dialog_refuses_empty_title_and_writes_nothing(qtbot, actions, demo) -> None:
    dialog = MilestoneDialog(actions, task(demo, 5))
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("   ")
    dialog.ok_button().click()
    assert dialog.result() == 0 and dialog.error_label.isVisibleTo(dialog)
    assert "不能为空" in dialog.error_label.text()
    assert count(demo, "milestone") == 0
    assert actions.undo_stack.count() == 0  # no empty undo step either


def test_due_before_plan_date_asks_for_confirmation(qtbot, actions, demo, monkeypatch) -> None:
    asked: list[str] = []
    answer = {"value": False}
    monkeypatch.setattr(form, "ask_confirmation", lambda p, t: asked.append(t) or answer["value"])
    dialog = MilestoneDialog(actions, task(demo, 5))
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("前期调研")
    dialog.due_edit.setDate(form.to_qdate("2023-01-15"))
    dialog.ok_button().click()
    assert asked and "2023-04-06" in asked[0]
    assert count(demo, "milestone") == 0  # declined: nothing written
    answer["value"] = True
    dialog.ok_button().click()
    assert dialog.result() == 1
    row = milestone_queries.milestones(demo.db, task(demo, 5))[0]
    assert (row["title"], row["due"]) == ("前期调研", "2023-01-15")


def test_edit_dialog_and_extension_keep_original(qtbot, actions, demo) -> None:
    ms = actions.add_milestone(task(demo, 5), "算力中心投运", "2027-06-30")
    edit = MilestoneDialog(actions, milestone_id=ms)
    qtbot.addWidget(edit)
    edit.title_edit.setText("算力中心一期投运")
    edit.ok_button().click()
    assert milestone_queries.milestones(demo.db, task(demo, 5))[0]["title"] == "算力中心一期投运"
    ext = ExtensionDialog(actions, ms)
    qtbot.addWidget(ext)
    assert ext.original_label.text() == "2027-06-30"
    ext.new_due.setDate(form.to_qdate("2027-09-30"))
    ext.ok_button().click()
    assert "原因" in ext.error_label.text() and count(demo, "milestone_extension") == 0
    ext.reason_edit.setPlainText("设备到货延迟")
    ext.ok_button().click()
    assert ext.result() == 1
    row = milestone_queries.milestones(demo.db, task(demo, 5))[0]
    assert row["due"] == "2027-06-30"  # original kept
    assert row["extensions"][-1]["new_due"] == "2027-09-30"
    again = MilestoneDialog(actions, milestone_id=ms)
    qtbot.addWidget(again)
    assert not again.due_edit.isEnabled()  # date changes go through 延期


def test_undo_redo_round_trips_through_the_store(qtbot, actions, demo) -> None:
    stack = actions.undo_stack
    ms = actions.add_milestone(task(demo, 5), "算力中心投运", "2027-06-30")
    log_before_undo = count(demo, "change_log")
    stack.undo()
    assert count(demo, "milestone") == 0
    assert count(demo, "change_log") > log_before_undo  # the undo is a logged action
    stack.redo()
    assert demo.db.execute("SELECT title FROM milestone WHERE id = ?", [ms]).fetchone() == (
        "算力中心投运",
    )
    actions.mark_done(ms, "2025-06-01")
    actions.update_milestone(ms, title="一期投运")
    stack.undo()
    assert milestone_queries.milestones(demo.db)[0]["title"] == "算力中心投运"
    stack.undo()
    assert milestone_queries.milestones(demo.db)[0]["done_date"] is None
    stack.redo()
    stack.redo()
    row = milestone_queries.milestones(demo.db)[0]
    assert (row["title"], row["done_date"]) == ("一期投运", "2025-06-01")
    actions.delete_milestone(ms)
    assert count(demo, "milestone") == 0
    stack.undo()
    assert count(demo, "milestone") == 1


def test_report_target_and_dependency_dialogs(qtbot, actions, demo) -> None:
    t1, t5, t27 = task(demo, 1), task(demo, 5), task(demo, 27)
    report = ReportDialog(actions, t5)
    qtbot.addWidget(report)
    assert report.period.date().toString("yyyy-MM") == cv.current_period()
    report.ok_button().click()
    assert "填报内容为空" in report.error_label.text()
    report.text_edit.setPlainText("机房土建完成")
    report.percent.setValue(60)
    report.ok_button().click()
    assert report.result() == 1
    first = report.result_id
    fix = ReportDialog(actions, correcting=first)
    qtbot.addWidget(fix)
    fix.percent.setValue(65)
    fix.ok_button().click()
    history = report_queries.report_history(demo.db, t5)
    assert [(r["percent"], r["current"]) for r in history] == [(60.0, False), (65.0, True)]
    assert history[1]["supersedes_id"] == first
    actions.undo_stack.undo()  # retract the correction
    assert len(report_queries.report_history(demo.db, t5)) == 1

    target = cq.resolve_target(demo.db, t1, 1)
    tv = TargetValueDialog(actions, target)
    qtbot.addWidget(tv)
    tv.value_edit.setValue(11050)
    tv.date_edit.setDate(form.to_qdate("2026-06-30"))
    tv.ok_button().click()
    progress = target_queries.target_progress(demo.db, target)
    assert progress["latest"]["value"] == 11050 and progress["gap"] == 1950

    ms = actions.add_milestone(t5, "算力中心投运", "2027-06-30")
    dep = DependencyDialog(actions, ("milestone", ms))
    qtbot.addWidget(dep)
    dep.succ_combo.setCurrentIndex(dep.succ_combo.findData(f"task:{t27}"))
    dep.lag_edit.setValue(5)
    dep.ok_button().click()
    assert dep.result() == 1
    back = DependencyDialog(actions, ("task", t27), ("task", t5))
    qtbot.addWidget(back)
    back.ok_button().click()
    assert back.result() == 0 and "循环" in back.error_label.text()
    assert "任务27" in back.error_label.text() and count(demo, "dependency") == 1


def test_models_pass_the_model_tester(qapp, qtmodeltester, demo) -> None:
    add_realistic(demo)
    result = cv.overview(demo.db)
    dash = Dashboard()
    dash.set_overview(result)
    for model in (dash.sections, dash.units, dash.overdue, dash.at_risk, dash.blocking):
        assert isinstance(model, RowsModel)
        qtmodeltester.check(model)
    assert isinstance(dash.missing, GroupTreeModel) and dash.missing.rowCount() > 0
    qtmodeltester.check(dash.missing)
    dash.deleteLater()


def test_dashboard_says_it_is_counting_until_the_first_overview(qtbot, demo) -> None:
    dash = Dashboard()
    qtbot.addWidget(dash)
    # (no "0 逾期" before the statuses are known: at 100,000 tasks that takes seconds)
    assert {key: tile.value.text() for key, tile in dash.tiles.items()} == dict.fromkeys(
        dash.tiles, "…"
    )
    assert dash.caption.text() == "正在计算状态…"
    add_realistic(demo)
    dash.set_overview(cv.overview(demo.db))
    for key in (*st.STATUSES, "at_risk", "behind"):
        assert dash.tiles[key].value.text().isdigit(), key
    assert "正在计算状态" not in dash.caption.text()
    assert dash.caption.text().startswith(date.today().isoformat())


def test_dashboard_counts_match_compute_status(qtbot, demo) -> None:
    add_realistic(demo)
    result = cv.overview(demo.db)
    dash = Dashboard()
    qtbot.addWidget(dash)
    dash.set_overview(result)
    snap = status_queries.compute_status(demo.db)
    expected = {s: sum(1 for n in snap.tasks.values() if n.status == s) for s in st.STATUSES}
    assert dash.status_totals() == expected
    assert expected[st.OVERDUE] >= 3
    section_total = sum(
        dash.sections.index(r, 1).data() != "" and int(dash.sections.index(r, 1).data())
        for r in range(dash.sections.rowCount())
    )
    assert section_total == expected[st.OVERDUE]
    overdue_ids = [dash.overdue.row(r).payload for r in range(dash.overdue.rowCount())]
    assert overdue_ids == [
        m.id for m in workspace_queries.dashboard(demo.db, snapshot=snap)["overdue"]
    ]


def test_workspace_counts_for_the_data_bureau(qtbot, demo) -> None:
    ids = add_realistic(demo)
    ws = Workspace(demo.db)
    qtbot.addWidget(ws)
    result = cv.overview(demo.db)
    ws.set_snapshot(result["snapshot"], result["missing"], result["titles"])
    ws.set_unit(demo.find_unit("市政数局"))
    counts = ws.counts()
    expected = workspace_queries.unit_workspace(demo.db, demo.find_unit("市政数局"))
    assert counts["overdue"] == len(expected["overdue"]) == 1
    assert ws.model.group_rows("overdue")[0].payload == ids["center"]
    assert counts["due_next"] == len(expected["due_next"])
    assert counts["lead"] == len(expected["roles"]["lead"]) > 0
    assert counts["blocking"] == 2  # 算力中心 holds up tasks 26 and 27
    blocked = ws.model.group_rows("blocking")
    title = demo.db.execute("SELECT title FROM task WHERE no = 26").fetchone()[0]
    row = next(r for r in blocked if r.cells[0].startswith("任务26 "))
    shown = f"任务26 {title}"
    assert row.cells[0] == (shown if len(shown) <= 24 else shown[:23] + "…")
    assert row.tooltip.startswith(shown)
    assert "市政数局" in ws.summary.text()


def test_timeline_paints_tasks_with_milestones(qtbot, demo) -> None:
    ids = add_realistic(demo)
    snap = status_queries.compute_status(demo.db)
    data = cv.timeline_data(demo.db, snap)
    with_ms = {m.task_id for m in snap.milestones.values()}
    assert {t.task_id for t in data.tasks} == with_ms
    extended = [m for t in data.tasks for m in t.milestones if m.id == ids["ext"]][0]
    assert extended.original_day is not None and extended.original_day < extended.day
    assert any(risky for *_x, risky in data.arrows)
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.set_data(data)
    widget.show()
    image = widget.grab()
    assert not image.isNull()
    assert widget.view.painted_rows == len(data.tasks)
    widget.zoom.setCurrentIndex(2)  # 按年
    widget.grab()
    row = data.tasks.index(next(t for t in data.tasks if t.task_id == task(demo, 5)))
    y = 44 + row * widget.view.row_height + widget.view.row_height // 2
    with qtbot.waitSignal(widget.view.task_activated) as blocker:
        from PySide6.QtCore import QPoint, Qt

        qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(100, y))
    assert blocker.args == [task(demo, 5)]


def test_timeline_names_each_task_s_plan_when_several_are_loaded(qtbot, demo) -> None:
    """With several plans, "1 打造…" is on a row of each: the row's label and tooltip
    carry the plan's 发文字号 after it, as the 总览's lists do."""
    from desktop.models import authoring
    from desktop.models import coordination as co

    add_realistic(demo)
    first = demo.db.execute("SELECT id, doc_no FROM plan").fetchone()
    original = task(demo, 5)  # (resolved while one plan is loaded)
    copy = authoring.copy_plan(demo, first[0], title="下一年计划", doc_no="长府办发〔2024〕9号")
    copied = demo.db.execute("SELECT id FROM task WHERE plan_id = ? AND no = 5", [copy]).fetchone()[
        0
    ]
    co.add_milestone(demo, copied, "新一年节点", "2027-03-01")
    snap = status_queries.compute_status(demo.db)
    data = cv.timeline_data(demo.db, snap)
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.set_data(data, snap.plan_of)
    labels = {t.task_id: widget.view.label(t) for t in data.tasks}
    assert labels[original] == f"{data.tasks[data.row_of[original]].label}（{first[1]}）"
    assert labels[copied].endswith("（长府办发〔2024〕9号）") and labels[copied].startswith("5 ")
    widget.set_data(data)  # (one plan: no plan named)
    assert widget.view.label(data.tasks[0]) == data.tasks[0].label


def test_target_chart_shows_history(qtbot, demo) -> None:
    ids = add_realistic(demo)
    chart = TargetChart()
    qtbot.addWidget(chart)
    progress = target_queries.target_progress(demo.db, ids["target"])
    chart.set_progress(progress)
    assert chart.values.count() == len(progress["history"]) == 4
    assert chart.values.at(3).y() == 11050
    assert "差距" in chart.chart().title()
    chart.grab()


def test_the_task_panel_makes_its_chart_when_the_targets_tab_shows(qtbot, demo) -> None:
    from desktop.views.coordination.task_panel import TaskPanel

    ids = add_realistic(demo)
    panel = TaskPanel(demo)
    qtbot.addWidget(panel)
    panel.show()
    task_id = demo.db.execute("SELECT task_id FROM target WHERE id = ?", [ids["target"]]).fetchone()
    panel.show_task(task_id[0])
    assert panel.chart.chart_view is None  # the milestones tab: no chart made (start-up cost)
    panel.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: panel.chart.chart_view is not None)
    assert panel.chart.chart_view.values.count() == 4  # the selected target's history


@pytest.fixture
def window(qtbot, db_path, seed_path, tmp_path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    from desktop.views.main_window import MainWindow

    store = Store.open(db_path)
    seed_demo(store, seed_path)
    add_realistic(store)
    win = MainWindow(store)
    qtbot.addWidget(win)
    hub = win.coordination  # installed by MainWindow
    win.show()
    qtbot.waitUntil(lambda: hub.result is not None, timeout=10_000)
    yield win
    hub.shutdown()
    win.close()
    assert jobs.wait_for_jobs(5000)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=5000)
    store.close()


def test_integration_lights_shortcuts_and_refresh(qtbot, window) -> None:
    hub = window.coordination
    t5 = task(window.store, 5)
    row = window.matrix_model.rows_of_task(t5)[0]
    index = window.matrix_proxy.mapFromSource(window.matrix_model.index(row, 0))
    assert hub.matrix_lights.status(index) == st.OVERDUE
    tree_index = window.tree_model.index_of(t5)
    assert hub.tree_lights.status(tree_index) == st.OVERDUE
    assert hub.add_milestone_action.shortcut().toString() == "Ctrl+M"
    assert {s.toString() for s in hub.redo_action.shortcuts()} == {"Ctrl+Shift+Z", "Ctrl+Y"}
    hub.show_task(t5)
    assert hub.task_panel.milestones.rowCount() == 1
    hub.task_panel.milestone_view.setCurrentIndex(hub.task_panel.milestones.index(0, 0))
    with qtbot.waitSignal(hub.loaded, timeout=10_000):
        hub.done_action.trigger()  # Ctrl+D on the selected milestone
    # every milestone done: 待销号 until the 办结 application is approved
    assert hub.snapshot.tasks[t5].status == st.AWAITING_SIGNOFF
    # the window's status cache recomputed only the edited task's component
    assert hub.status_cache.last_pass == "incremental"
    assert t5 in hub.status_cache.last_component
    assert hub.matrix_lights.status(index) == st.AWAITING_SIGNOFF
    with qtbot.waitSignal(hub.loaded, timeout=10_000):
        hub.undo_action.trigger()
    assert hub.snapshot.tasks[t5].status == st.OVERDUE
    assert date.today().isoformat() not in str(
        milestone_queries.milestones(window.store.db, t5)[0]["done_date"]
    )


def test_every_edit_undoes_and_redoes(qtbot, actions, demo) -> None:
    """Extension, report, target value and dependency add/remove are undoable too."""
    stack, t1, t5, t27 = actions.undo_stack, task(demo, 1), task(demo, 5), task(demo, 27)
    ms = actions.add_milestone(t5, "算力中心投运", "2027-06-30")
    actions.extend(ms, "2027-09-30", "设备延迟")
    assert milestone_queries.milestones(demo.db, t5)[0]["extensions"][0]["new_due"] == "2027-09-30"
    stack.undo()
    assert count(demo, "milestone_extension") == 0
    stack.redo()
    assert count(demo, "milestone_extension") == 1
    unit = demo.find_unit("市政数局")
    actions.add_report(t5, unit, period="2027-06", text="土建完成", percent=30)
    stack.undo()
    assert count(demo, "report") == 0
    stack.redo()
    assert [r["percent"] for r in report_queries.report_history(demo.db, t5)] == [30.0]
    target = cq.resolve_target(demo.db, t1, 1)
    actions.add_target_value(target, 11050, "2026-06-30")
    stack.undo()
    assert target_queries.target_progress(demo.db, target)["latest"] is None
    stack.redo()
    assert target_queries.target_progress(demo.db, target)["latest"]["value"] == 11050
    dep = actions.add_dependency(("milestone", ms), ("task", t27), 5)
    stack.undo()
    assert count(demo, "dependency") == 0
    stack.redo()
    actions.remove_dependency(dep)
    assert count(demo, "dependency") == 0
    stack.undo()  # the same row comes back, with its lag
    assert [(d["id"], d["lag_days"]) for d in milestone_queries.dependencies(demo.db)] == [(dep, 5)]
    stack.redo()
    assert count(demo, "dependency") == 0


def test_dashboard_lists_late_against_original(qtbot, demo) -> None:
    ids = add_realistic(demo)
    dash = Dashboard()
    qtbot.addWidget(dash)
    dash.set_overview(cv.overview(demo.db))
    late = [dash.late.row(r) for r in range(dash.late.rowCount())]
    # 工业互联网平台验收 was extended by 55 days: not overdue, still late against the original
    ext = next(r for r in late if r.payload == ids["ext"])
    assert ext.status == st.DUE_SOON or ext.status == st.ON_TRACK
    # (任务 with its number and title, 里程碑, 截止 with the original, 状态, 单位)
    task_id = demo.db.execute(
        "SELECT task_id FROM milestone WHERE id = ?", [ids["ext"]]
    ).fetchone()[0]
    no, title = demo.db.execute("SELECT no, title FROM task WHERE id = ?", [task_id]).fetchone()
    assert ext.cells[:2] == (f"{no} {title}", "工业互联网平台验收")
    assert "原定" in ext.cells[2] and ext.cells[3] == "已延期 · 晚于原定 30 天"
    assert ids["ext"] not in [dash.overdue.row(r).payload for r in range(dash.overdue.rowCount())]
    assert ids["park"] not in [r.payload for r in late]  # done before its date


def test_due_soon_window_is_set_in_the_dashboard(qtbot, window) -> None:
    hub = window.coordination
    t1 = task(window.store, 1)  # its first open milestone is due in 10 days
    assert hub.snapshot.window_days == 14 and hub.snapshot.tasks[t1].status == st.DUE_SOON
    dashboard = ready_dashboard(qtbot, hub)
    with qtbot.waitSignal(hub.loaded, timeout=10_000):
        dashboard.window_spin.setValue(7)
    assert hub.snapshot.window_days == 7 and hub.snapshot.tasks[t1].status == st.ON_TRACK
    assert "临期窗口 7 天" in hub.dashboard.caption.text()
    from desktop.views.coordination.integration import saved_window_days

    assert saved_window_days() == 7  # remembered for the next start


def test_task_panel_removes_a_dependency_undoably(qtbot, window) -> None:
    hub = window.coordination
    t27 = task(window.store, 27)
    hub.show_task(t27)
    panel = hub.task_panel
    # 算力中心一期投运 → 数智云平台扩容 (into task 27), 数智云平台扩容 → task 26 (out of it)
    rows = [panel.dependencies.row(r).cells for r in range(panel.dependencies.rowCount())]
    assert sorted(rows) == sorted([
        ("任务5“算力中心一期投运”", "任务27“数智云平台扩容”", 5),
        ("任务27“数智云平台扩容”", "任务26", 0),
    ])  # fmt: skip
    first = next(r for r in range(2) if panel.dependencies.row(r).cells[2] == 5)
    panel.dependency_view.setCurrentIndex(panel.dependencies.index(first, 0))
    with qtbot.waitSignal(hub.loaded, timeout=10_000):
        hub.perform("remove_dependency")
    assert count(window.store, "dependency") == 2 and panel.dependencies.rowCount() == 1
    assert not hub.snapshot.tasks[task(window.store, 26)].risks  # the chain is broken
    with qtbot.waitSignal(hub.loaded, timeout=10_000):
        hub.undo_action.trigger()
    assert count(window.store, "dependency") == 3 and panel.dependencies.rowCount() == 2
    assert hub.snapshot.tasks[task(window.store, 26)].risks


@pytest.mark.parametrize(
    ("title", "message"),
    [("名" * 30_000, "过长：30000 个字符，最多 200 个"), ("响铃\x07", "U+0007")],
)
def test_milestone_dialog_shows_the_stores_limit_inline(
    qtbot, actions, demo, title: str, message: str
) -> None:
    """The registry's checks (in the store) reach the dialog as an inline message."""
    dialog = MilestoneDialog(actions, task(demo, 5))
    qtbot.addWidget(dialog)
    dialog.title_edit.setMaxLength(40_000)
    dialog.title_edit.setText(title)
    dialog.ok_button().click()
    assert dialog.result() == 0 and dialog.error_label.isVisibleTo(dialog)
    assert message in dialog.error_label.text() and "名称" in dialog.error_label.text()
    assert len(dialog.error_label.text()) < 200
    assert count(demo, "milestone") == 0 and actions.undo_stack.count() == 0


def test_round_groups_build_rows_only_when_read(qtbot, demo) -> None:
    """The 催报 tree keeps the round's entries, not a row (label, tooltip) per entry:
    rows are built when the view reads them, the same as the entries say."""
    from desktop.models import duban_queries
    from desktop.views.coordination import rows as R

    add_realistic(demo)
    round_ = duban_queries.report_round(demo.db, date.today())
    groups = R.round_groups(round_)
    assert groups and sum(len(g.rows) for g in groups) > 1
    lazy = groups[0].rows
    assert isinstance(lazy, R.EntryRows) and not lazy._built
    state, unit_id = groups[0].key.split(":")
    entries = round_.by_unit(state)[unit_id]
    assert len(lazy) == len(entries)
    last = lazy[-1]
    assert list(lazy._built) == [len(entries) - 1]  # only the row read was built
    assert last.cells[0] == entries[-1].label and last.record_id == entries[-1].task_id
    assert [r.cells[0] for r in lazy] == [e.label for e in entries]
    assert lazy[0:1] == [lazy[0]] and list(lazy) == lazy
    # the dashboard's figures count the round without building every entry
    fresh = duban_queries.report_round(demo.db, date.today())
    from desktop.views.coordination.dashboard import missing_counts

    counts = missing_counts(fresh)
    assert fresh._entries is None
    judged = [e for e in round_.entries if e.state != "open"]
    assert counts["due"] == len(judged)
    model = GroupTreeModel(["任务", "报送"])
    model.set_groups(groups)
    first = model.index(0, 0, model.index(0, 0))
    assert first.data() == entries[0].label


def test_a_chase_row_shows_the_due_date_and_keeps_the_period_in_its_tooltip(qtbot, demo) -> None:
    """催报 rows: the window column is the due date (and a late report's day), so the
    task titles keep the room at 1366×768; the period ("2026-10") is in the tooltip."""
    from desktop.models import duban_queries
    from desktop.views.coordination import rows as R

    add_realistic(demo)
    round_ = duban_queries.report_round(demo.db, date.today())
    entries = [e for e in round_.entries if e.state in ("missing", "late")]
    assert entries
    for entry in entries:
        row = R.entry_row(entry)
        due = entry.window.due.isoformat()
        assert row.cells[0] == entry.label
        late = f"，{entry.reported_on.isoformat()}报" if entry.reported_on else ""
        assert row.cells[1] == f"{due}前{late}"
        assert row.tooltip == f"{entry.label}\n期次 {entry.window.label}，{due}前"


def test_the_behind_tile_is_counted_with_the_rows_not_on_the_gui_thread(qtbot, demo) -> None:
    """The 未达序时 tile: counted by ``dashboard_rows`` (the background job) over every
    task state, roll-up included, the same count as walking the built states; the page
    shows it without reading the snapshot's task states (at 100k tasks walking them took
    ~80 ms on the GUI thread whenever 总览 was built or shown an overview)."""
    from desktop.views.coordination.dashboard import dashboard_rows
    from tests.helpers.levels import rolled_up_levels

    rolled_up_levels(demo)
    as_of = date(2024, 12, 20)
    result = cv.overview(demo.db, as_of, missing=False)
    rows = dashboard_rows(result)
    expected = sum(1 for node in result["snapshot"].tasks.values() if node.behind)
    assert rows["behind"] == expected >= 2  # the slow city task and the rolled-up one
    fresh = cv.overview(demo.db, as_of, timeline=False, missing=False)
    tasks = fresh["snapshot"].tasks
    built = len(tasks._made)
    dash = Dashboard()
    qtbot.addWidget(dash)
    dash.set_overview({**fresh, "rows": rows})
    assert dash.tiles["behind"].value.text() == str(expected)
    assert len(tasks._made) == built < len(tasks)  # no task state built by the page


def test_the_chase_tree_gives_the_task_titles_the_room(qtbot, demo) -> None:
    """催报: the task column takes what the window column (sized to its texts once a
    group is opened) leaves, so titles are read whole where the page has room (they
    were cut at the width of the unit groups' titles); a group's title spans both."""
    from PySide6.QtCore import QModelIndex

    dash = Dashboard()
    qtbot.addWidget(dash)
    dash.set_overview(cv.overview(demo.db))
    dash.resize(1500, 700)
    dash.show()
    dash.right_tabs.setCurrentWidget(dash.missing_view)
    view, model = dash.missing_view, dash.missing
    group = model.index(0, 0)
    view.expand(group)
    qtbot.wait(10)
    header = view.header()
    assert all(view.isFirstColumnSpanned(r, QModelIndex()) for r in range(model.rowCount()))
    assert header.sectionSize(1) >= view.sizeHintForColumn(1) > 0  # the windows whole
    assert header.sectionSize(0) + header.sectionSize(1) == view.viewport().width()
    metrics = view.fontMetrics()
    labels = [model.index(r, 0, group).data() for r in range(model.rowCount(group))]
    assert labels and all("“" in label for label in labels)
    widest = max(metrics.horizontalAdvance(label) for label in labels)
    assert header.sectionSize(0) >= widest + 2 * view.indentation()


def test_target_rows_are_built_when_read_and_equal_the_eager_ones(qtbot, demo) -> None:
    """The 量化目标 tab keeps the targets as columns (``TargetRows``); its rows, built when
    the view reads them, are those ``target_row`` builds from each target's dict."""
    from desktop.views.coordination import rows as R

    add_realistic(demo)
    titles = cv.task_titles(demo.db)
    targets = cv.target_overview(demo.db)
    assert len(targets) > 3
    lazy = R.TargetRows(targets, titles)
    assert len(lazy) == len(targets) and not lazy._built  # nothing built yet
    assert lazy[-1] == R.target_row(titles, targets[-1]) and list(lazy._built) == [len(lazy) - 1]
    assert list(lazy) == [R.target_row(titles, t) for t in targets]
    keys = {id(task_id) for task_id in titles}  # the task ids are the titles' strings
    assert all(id(task_id) in keys for task_id in lazy._columns[1])
    states = lazy._columns[6]
    assert len({id(s) for s in states}) == len(set(states)) < len(states)  # one per state
    # the dashboard's model keeps them as they are: only the rows shown are built
    dash = Dashboard()
    qtbot.addWidget(dash)
    fresh = R.TargetRows(targets, titles)
    dash.set_targets([], fresh, 0)
    assert dash.targets.rowCount() == len(targets) and not fresh._built
    assert dash.targets.index(1, 0).data() == R.task_text(titles, targets[1]["task_id"])
    assert list(fresh._built) == [1]
