"""Issue 7 coordination rules in the GUI dialogs and views (offscreen, real SQLite):
a refused entry shows its message inline and writes nothing; a plausible one asks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import coordination_views as cv
from desktop.models import milestone_queries, report_queries
from desktop.models.store import Store
from desktop.views.coordination import form
from desktop.views.coordination.dashboard import Dashboard
from desktop.views.coordination.dependency_dialog import DependencyDialog
from desktop.views.coordination.extension_dialog import ExtensionDialog
from desktop.views.coordination.milestone_dialog import MilestoneDialog
from desktop.views.coordination.report_dialog import ReportDialog
from desktop.views.coordination.target_value_dialog import TargetValueDialog
from desktop.views.coordination.task_panel import TaskPanel
from desktop.views.coordination.undo import CoordinationActions
from tests.helpers.coordination import fingerprint, load_demo, task
from tests.helpers.main_window_fixtures import ready_dashboard

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def demo(store: Store) -> Store:
    return load_demo(store)


@pytest.fixture
def actions(qtbot, demo: Store) -> CoordinationActions:
    return CoordinationActions(demo)


@pytest.fixture
def asked(monkeypatch) -> dict:
    """Answers the confirmation question with ``answer`` and records the questions."""
    state: dict = {"answer": False, "questions": []}
    monkeypatch.setattr(
        form, "ask_confirmation", lambda p, t: state["questions"].append(t) or state["answer"]
    )
    return state


def refused_inline(dialog, db_path, text: str) -> None:
    before = fingerprint(db_path)
    dialog.ok_button().click()
    assert dialog.result() == 0 and dialog.error_label.isVisibleTo(dialog)
    assert text in dialog.error_label.text()
    assert fingerprint(db_path) == before


def test_milestone_done_date_in_future_refused_inline(qtbot, actions, demo, db_path) -> None:
    dialog = MilestoneDialog(actions, task(demo, 5))
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("节点")
    dialog.done_check.setChecked(True)
    dialog.done_edit.setDate(form.to_qdate(date.today() + timedelta(days=3)))
    refused_inline(dialog, db_path, "晚于今天")
    assert actions.undo_stack.count() == 0  # the milestone was not added either


def test_milestone_done_before_plan_date_asks(qtbot, actions, demo, asked, db_path) -> None:
    dialog = MilestoneDialog(actions, task(demo, 5))
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("节点")
    dialog.due_edit.setDate(form.to_qdate("2024-06-30"))
    dialog.done_check.setChecked(True)
    dialog.done_edit.setDate(form.to_qdate("2023-03-01"))
    before = fingerprint(db_path)
    dialog.ok_button().click()
    assert "早于计划成文日期" in asked["questions"][0]
    assert fingerprint(db_path) == before  # declined: nothing written
    asked["answer"] = True
    dialog.ok_button().click()
    assert dialog.result() == 1
    assert milestone_queries.milestones(demo.db, task(demo, 5))[0]["done_date"] == "2023-03-01"
    actions.undo_stack.undo()  # the add and the done are one step
    assert milestone_queries.milestones(demo.db, task(demo, 5)) == []
    actions.undo_stack.redo()  # redo replays the confirmed date without asking again
    assert milestone_queries.milestones(demo.db, task(demo, 5))[0]["done_date"] == "2023-03-01"


def test_extension_to_an_earlier_date_refused_inline(qtbot, actions, demo, db_path) -> None:
    ms = actions.add_milestone(task(demo, 5), "节点", "2024-06-30")
    dialog = ExtensionDialog(actions, ms)
    qtbot.addWidget(dialog)
    dialog.reason_edit.setPlainText("设备延迟")
    dialog.new_due.setDate(form.to_qdate("2024-06-01"))
    refused_inline(dialog, db_path, "须晚于当前截止日期（2024-06-30）")


def test_second_report_points_to_correction(qtbot, actions, demo, db_path) -> None:
    first = actions.add_report(task(demo, 5), demo.find_unit("市政数局"),
                               period=cv.current_period(), percent=10)  # fmt: skip
    dialog = ReportDialog(actions, task(demo, 5), demo.find_unit("市政数局"))
    qtbot.addWidget(dialog)
    dialog.percent.setValue(20)
    refused_inline(dialog, db_path, f"已有填报 {cq.short_id(first)}")
    assert "更正" in dialog.error_label.text()


def test_report_period_far_outside_plan_asks(qtbot, actions, demo, asked) -> None:
    dialog = ReportDialog(actions, task(demo, 5), demo.find_unit("市政数局"))
    qtbot.addWidget(dialog)
    dialog.percent.setValue(20)
    dialog.period.setDate(form.to_qdate("2099-01-01"))
    dialog.ok_button().click()
    assert "远在计划时间范围之外" in asked["questions"][0]
    assert report_queries.report_history(demo.db, task(demo, 5)) == []
    asked["answer"] = True
    dialog.ok_button().click()
    assert [r["period"] for r in report_queries.report_history(demo.db, task(demo, 5))] == [
        "2099-01"
    ]


def test_target_value_dialog_rules(qtbot, actions, demo, asked, db_path) -> None:
    count_target = cq.resolve_target(demo.db, task(demo, 1))  # 个
    dialog = TargetValueDialog(actions, count_target)
    qtbot.addWidget(dialog)
    dialog.value_edit.setValue(100)
    dialog.date_edit.setDate(form.to_qdate(date.today() + timedelta(days=1)))
    refused_inline(dialog, db_path, "晚于今天")
    dialog.date_edit.setDate(form.to_qdate(date.today()))
    dialog.value_edit.setValue(-3)
    refused_inline(dialog, db_path, "不能为负")
    percent_target = cq.resolve_target(demo.db, task(demo, 2))  # %
    dialog = TargetValueDialog(actions, percent_target)
    qtbot.addWidget(dialog)
    dialog.value_edit.setValue(-3)
    dialog.date_edit.setDate(form.to_qdate(date.today()))
    asked["answer"] = True
    dialog.ok_button().click()
    assert "负数" in asked["questions"][0] and dialog.result() == 1


def test_dependency_dialog_lag_bounds(qtbot, actions, demo) -> None:
    dialog = DependencyDialog(actions, ("task", task(demo, 4)))
    qtbot.addWidget(dialog)
    assert (dialog.lag_edit.minimum(), dialog.lag_edit.maximum()) == (
        co.MIN_LAG_DAYS,
        co.MAX_LAG_DAYS,
    )


def test_missed_target_in_task_panel_and_dashboard(qtbot, actions, demo) -> None:
    target = cq.resolve_target(demo.db, task(demo, 1))  # >= 13000 个 by 2025-12-31
    co.add_target_value(demo, target, 12480, "2025-06-30")
    panel = TaskPanel(demo)
    qtbot.addWidget(panel)
    panel.show_task(task(demo, 1))
    row = panel.targets.row(0)
    state = "未达标" if date.today().isoformat() > "2025-12-31" else "进行中"
    assert row.cells[-1] == state
    dash = Dashboard()
    qtbot.addWidget(dash)
    dash.set_overview(cv.overview(demo.db, date(2026, 1, 5)))
    assert dash.tiles["missed"].value.text() == "3"  # tasks 1, 2, 3: deadline 2025-12-31
    first = dash.targets.row(0)
    assert first.cells[0].startswith("1 ") and first.cells[-1] == "未达标"


def test_task_panel_reports_name_the_work_item(qtbot, actions, demo) -> None:
    t14 = task(demo, 14)
    items = [r[0] for r in demo.db.execute("SELECT id FROM item WHERE task_id = ? ORDER BY position", [t14])]  # fmt: skip
    actions.add_report(t14, demo.find_unit("市商务局"), period="2024-06", percent=30,
                       item_id=items[2])  # fmt: skip
    panel = TaskPanel(demo)
    qtbot.addWidget(panel)
    panel.show_task(t14)
    assert panel.reports.row(0).cells[1:3] == ("任务14-3", "市商务局")


def test_main_window_dashboard_gets_target_states_in_the_second_step(
    qtbot, db_path, tmp_path
) -> None:
    from PySide6.QtCore import QSettings

    from desktop.views import jobs
    from desktop.views.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    store = Store.open(db_path)
    load_demo(store)
    co.add_target_value(store, cq.resolve_target(store.db, task(store, 1)), 12480, "2025-06-30")
    win = MainWindow(store)
    qtbot.addWidget(win)
    hub = win.coordination
    with qtbot.waitSignal(hub.missing_loaded, timeout=20_000):
        win.show()
    try:
        dashboard = ready_dashboard(qtbot, hub)
        states = {row.cells[0]: row.cells[-1] for row in dashboard.targets.rows}
        expected = "未达标" if date.today().isoformat() > "2025-12-31" else "进行中"
        assert states["1 优化5G网络覆盖"] == expected
        assert hub.dashboard.tiles["missed"].value.text() == str(
            sum(1 for s in states.values() if s == "未达标")
        )
        # the window keeps the rows and the count, not a dict per target beside them
        assert hub.result["targets"] is None
        assert hub.result["target_rows"] == hub.dashboard.targets.rows
        assert hub.result["targets_missed"] == int(hub.dashboard.tiles["missed"].value.text())
    finally:
        hub.shutdown()
        win.close()
        assert jobs.wait_for_jobs(5000)
