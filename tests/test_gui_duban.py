"""督办 workflow GUI (offscreen, real SQLite): the task panel's 督办 tab and its
dialogs, report pre-fill, the all-units table with export, the matrix mark and
the configurable colours."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.importer import parse_file
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import duban as du
from desktop.models import duban_queries as dq
from desktop.models import status as st
from desktop.models import status_queries
from desktop.models import unit_lights as ul
from desktop.models.qt import unit_lights_model as ulm
from desktop.models.store import Store
from desktop.views import jobs
from desktop.views.coordination import workflow_dialogs as wd
from desktop.views.coordination.form import to_qdate
from desktop.views.coordination.report_dialog import ReportDialog
from desktop.views.coordination.task_panel import TaskPanel
from desktop.views.coordination.undo import CoordinationActions
from desktop.views.coordination.unit_lights_view import UnitLightsView
from sync.apply import note_versions
from tests.helpers.main_window_fixtures import ready_dashboard

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))


@pytest.fixture
def demo(store: Store, seed_path) -> Store:
    store.import_plan(parse_file(seed_path))
    return store


@pytest.fixture
def actions(qtbot, demo: Store) -> CoordinationActions:
    return CoordinationActions(demo)


def task(store: Store, no: int) -> str:
    return cq.resolve_task(store.db, no)


def test_signoff_apply_and_decide_dialogs(qtbot, actions, demo) -> None:
    t5 = task(demo, 5)
    dialog = wd.SignoffApplyDialog(actions, t5)
    qtbot.addWidget(dialog)
    assert dialog.unit_combo.currentText() == "市政数局"
    dialog.ok_button().click()  # no evidence: refused inline, nothing written
    assert "办结说明" in dialog.error_label.text() and dq.signoffs(demo.db) == []
    dialog.evidence.setPlainText("算力中心已投运，附验收报告")
    dialog.ok_button().click()
    assert dialog.result() == 1
    panel = TaskPanel(demo)
    qtbot.addWidget(panel)
    panel.set_snapshot(status_queries.compute_status(demo.db))
    panel.show_task(t5)
    signoff_id = panel.workflow.selected("signoff")  # the only pending one
    assert signoff_id == dialog.result_id
    assert "待审核" in [r.cells[2] for r in panel.workflow.model.group_rows("signoff")]
    decide = wd.DecisionDialog(actions, "signoff", signoff_id)
    qtbot.addWidget(decide)
    decide.refuse.setChecked(True)
    decide.ok_button().click()  # 退回 without a reason
    assert "退回理由" in decide.error_label.text()
    decide.approve.setChecked(True)
    decide.ok_button().click()
    assert decide.result() == 1
    assert status_queries.compute_status(demo.db).tasks[t5].status == st.DONE
    panel.set_snapshot(status_queries.compute_status(demo.db))
    assert "已销号" in panel.workflow.summary.text()


def test_extension_request_dialog_and_approval(qtbot, actions, demo) -> None:
    t5 = task(demo, 5)
    due = (date.today() + timedelta(days=5)).isoformat()
    ms = co.add_milestone(demo, t5, "投运", due, owner_unit_id=demo.find_unit("市政数局"))
    dialog = wd.ExtensionRequestDialog(actions, ms)
    qtbot.addWidget(dialog)
    assert dialog.unit_combo.currentText() == "市政数局"
    dialog.new_due.setDate(to_qdate(due))
    dialog.ok_button().click()  # the same date, no reason
    assert dialog.error_label.isVisibleTo(dialog)
    dialog.new_due.setDate(to_qdate(date.today() + timedelta(days=35)))
    dialog.reason.setPlainText("设备到货延迟")
    dialog.ok_button().click()
    assert dialog.result() == 1 and co.effective_due(demo, ms) == due
    decide = wd.DecisionDialog(actions, "extension", dialog.result_id)
    qtbot.addWidget(decide)
    decide.ok_button().click()
    assert co.effective_due(demo, ms) == (date.today() + timedelta(days=35)).isoformat()


def test_cycle_and_signin_dialogs(qtbot, actions, demo) -> None:
    t1 = task(demo, 1)
    dialog = wd.CycleDialog(actions, t1)
    qtbot.addWidget(dialog)
    dialog.every.setCurrentIndex(dialog.every.findData("week"))
    dialog.due_day.setValue(9)
    dialog.ok_button().click()
    assert "星期几" in dialog.error_label.text()
    dialog.due_day.setValue(5)
    dialog.ok_button().click()
    assert dq.cycles(demo.db)[t1] == ("week", 5, None)
    signin = wd.SigninDialog(actions, t1, demo.find_unit("市城管局"))
    qtbot.addWidget(signin)
    assert signin.unit_combo.currentText() == "市城管局" and "尚未签收" in signin.changes.text()
    signin.ok_button().click()
    assert signin.result() == 1
    again = wd.SigninDialog(actions, t1, demo.find_unit("市城管局"))
    qtbot.addWidget(again)
    assert "已于" in again.changes.text()
    # the sign-in pushed (server seq 7), then the task renamed on another desktop (seq 9)
    # and pulled here: listed without a time
    demo.db.execute("UPDATE change_log SET acked_seq = 7 WHERE tbl = 'signin'")
    note_versions(demo.db, [("task", t1, 9, {"title": [9, "another-device"]})])
    pulled = wd.SigninDialog(actions, t1, demo.find_unit("市城管局"))
    qtbot.addWidget(pulled)
    assert pulled.changes.text().endswith("\n其他终端 修改任务"), pulled.changes.text()


def test_report_dialog_starts_from_last_report(qtbot, actions, demo) -> None:
    t1, city = task(demo, 1), demo.find_unit("市城管局")
    co.add_report(demo, t1, city, period="2024-05", percent=30, text="基站建设推进中")
    dialog = ReportDialog(actions, t1, unit_id=city)
    qtbot.addWidget(dialog)
    assert dialog.text_edit.toPlainText() == "基站建设推进中" and dialog.percent.value() == 30
    assert "2024-05" in dialog.prefill_note.text()


def test_report_rollup_under_lead(qtbot, demo) -> None:
    t5 = task(demo, 5)
    co.add_report(demo, t5, demo.find_unit("市政数局"), period="2024-06", percent=50, text="牵头")
    co.add_report(demo, t5, demo.find_unit("市国资委"), period="2024-06", percent=40, text="配合")
    panel = TaskPanel(demo)
    qtbot.addWidget(panel)
    panel.show_task(t5)
    rows = panel.workflow.model.group_rows("report:2024-06")
    assert [r.cells[1] for r in rows] == ["市政数局", "市国资委"]  # their roles in the tooltip
    assert [r.tooltip.split("\n")[0] for r in rows] == ["市政数局（牵头）", "市国资委（配合）"]
    assert rows[1].cells[0].startswith("└ ")


def test_unit_lights_view_loads_in_background_and_exports(qtbot, demo, tmp_path) -> None:
    t5 = task(demo, 5)
    co.add_milestone(demo, t5, "逾期节点", (date.today() - timedelta(days=3)).isoformat(),
                     owner_unit_id=demo.find_unit("市政数局"))  # fmt: skip
    du.set_contact(demo, demo.find_unit("市政数局"), "王五", "13912345678")
    view = UnitLightsView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.load(str(demo.path))
    model = view.model
    assert model.rowCount() == len(view.table.rows) > 5
    assert model.index(0, 0).data() == "市政数局"
    assert model.index(0, 1).data() == "红·逾期未办结"
    assert model.index(0, 3).data() == "13912345678"
    assert "红 1" in view.caption.text()
    # on a narrow page a long unit name is shown whole (the table scrolls sideways)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    long_name = "吉林市市场监督管理局长白山保护开发区分局"
    loaded = view.table
    renamed = copy.deepcopy(loaded)
    renamed.rows[-1].name = long_name
    view.set_table(renamed)
    qtbot.wait(10)
    room = view.view.columnWidth(0)
    assert view.view.fontMetrics().horizontalAdvance(long_name) < room
    assert room > view.view.viewport().width() // 3
    view.set_table(loaded)
    target = tmp_path / "lights.csv"
    assert view.export_to(str(target))
    assert "市政数局,红,王五" in target.read_text(encoding="utf-8-sig")
    # with the overview's snapshot and round (no status pass, no tally of its own): the
    # same table; a round of another day is not used
    own = view.table.rows
    snap = status_queries.compute_status(demo.db)
    for day in (snap.today, snap.today + timedelta(days=1)):
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            view.load(str(demo.path), snapshot=snap, round_=dq.report_round(demo.db, day))
        assert view.table.rows == own
    assert jobs.wait_for_jobs(5000)


def test_colours_are_configurable(qtbot) -> None:
    from desktop.views import settings as settings_schema

    settings_schema.apply_light_colours()
    assert ulm.colour("yellow").name() == ulm.COLOUR_DEFAULTS["yellow"]
    settings_schema.put_light_colour("yellow", "#ffcc00")
    assert ulm.colour("yellow").name() == "#ffcc00"
    assert settings_schema.get("duban/colour_yellow") == "#ffcc00"  # kept in the settings file
    with pytest.raises(ValueError):
        settings_schema.put_light_colour("yellow", "not a colour")
    with pytest.raises(ValueError):
        settings_schema.put_light_colour("purple", "#ffffff")
    # a bad value written into the file by hand: the built-in colour shows
    settings_schema.app_settings().setValue("duban/colour_red", "no colour")
    settings_schema.apply_light_colours()
    assert ulm.colour("red").name() == ulm.COLOUR_DEFAULTS["red"]
    table = ul.UnitLights(date.today(), [ul.UnitRow("u", "某局", behind=1, tasks=1)])
    model = ulm.UnitLightsModel()
    model.set_table(table)
    from PySide6.QtCore import Qt

    index = model.index(0, 1)
    assert index.data() == "黄·未达序时"
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#ffcc00"
    ulm.use_colours({})  # the built-in colours again for the tests that follow


def test_matrix_shows_the_colour_mark(qtbot, tmp_path, seed_path) -> None:
    from desktop.views.main_window import MainWindow

    path = tmp_path / "w.db"
    store = Store.open(path)
    store.import_plan(parse_file(seed_path))
    t5 = task(store, 5)
    co.add_milestone(store, t5, "逾期节点", (date.today() - timedelta(days=3)).isoformat())
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    hub = window.coordination
    qtbot.waitUntil(lambda: hub.snapshot is not None, timeout=10_000)
    row = window.matrix_model.rows_of_task(t5)[0]
    index = window.matrix_proxy.mapFromSource(window.matrix_model.index(row, 0))
    assert hub._matrix_mark(index) == "红·逾期未办结"
    assert ready_dashboard(qtbot, hub).tiles["behind"].value.text() == "0"
    window.close()
    assert jobs.wait_for_jobs(5000)
    store.close()


def test_dashboard_chase_tab_follows_cycles_with_late_apart(qtbot, demo) -> None:
    """The dashboard's 催报 tab is the CLI's round: by each task's cycle, 迟报 apart from
    未报, the unit's contact in its group title, task number and title on every row."""
    from desktop.models import coordination_views as cv
    from desktop.views.coordination.dashboard import Dashboard

    t1 = task(demo, 1)
    lead = next(iter(dq.closing_units(demo.db, t1)))
    name = dq.unit_name(demo.db, lead)
    du.set_cycle(demo, t1, "month", due_day=1)
    du.set_contact(demo, lead, "张三", "0431-88881234")
    co.add_report(demo, t1, lead, period=date.today().strftime("%Y-%m"), percent=10)
    as_of = (
        date(date.today().year, date.today().month, 28) if date.today().day <= 28 else date.today()
    )
    dash = Dashboard()
    qtbot.addWidget(dash)
    dash.set_overview(cv.overview(demo.db, as_of))
    model = dash.missing
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    state = "【迟报】" if date.today().day > 1 else None
    late = [t for t in titles if t.startswith("【迟报】")]
    assert [t for t in titles if t.startswith("【未报】")], titles  # monthly by default
    if state:
        assert late and late[0].startswith(f"【迟报】 {name}（联络员 张三 0431-88881234）")
        group = model.index(titles.index(late[0]), 0)
        row = model.index(0, 0, group)
        no, title = demo.db.execute("SELECT no, title FROM task WHERE id = ?", [t1]).fetchone()
        assert row.data().startswith(f"任务{no}") and title in row.data()
        assert f"{date.today().isoformat()}报" in model.index(0, 1, group).data()
    round_ = dq.report_round(demo.db, as_of)
    assert len(titles) == len(round_.by_unit("missing")) + len(round_.by_unit("late"))
    assert dash.tiles["missing"].value.text() == str(len(round_.by_unit("missing")))
    assert f"未报 {round_.count('missing')}" in dash.caption.text()
