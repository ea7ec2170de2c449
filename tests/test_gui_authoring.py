"""Authoring a plan from nothing in the GUI: dialogs, matrix edit mode, undo, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop import exchange
from desktop.models import authoring_queries as aq
from desktop.models.qt.matrix_model import CELL_ROLE, ITEM_ROLE
from desktop.models.store import Store
from desktop.views import jobs
from desktop.views.authoring.dialogs import (
    ItemDialog,
    PlanDialog,
    SectionDialog,
    TargetDialog,
    TaskDialog,
)
from tests.helpers.main_window_fixtures import _isolated_settings, messages  # noqa: F401

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(qtbot, db_path: Path):
    from desktop.views.main_window import MainWindow

    store = Store.open(db_path)
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.show()
    yield win
    # let the reload and status jobs that the last edits started finish normally first
    # (the machine may be busy), then close
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=15000)
    win.close()
    assert jobs.wait_for_jobs(15000)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=15000)
    store.close()


def _accept(qtbot, window, dialog) -> str:
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(window.reloaded, timeout=5000):
        dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    return dialog.result_id


def _cell(window, task_no: int, unit_name: str):
    proxy, model = window.matrix_proxy, window.matrix_model
    column = next(
        c for c in range(1, model.columnCount()) if model.matrix.units[c - 1][1] == unit_name
    )
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        if str(index.data()).startswith(f"{task_no} "):
            return proxy.mapFromSource(model.index(proxy.mapToSource(index).row(), column))
    raise AssertionError(f"task {task_no} not shown")


def _click(qtbot, window, task_no: int, unit: str, expect: str) -> None:
    """Click a unit cell (edit mode) and wait until the reloaded matrix shows ``expect``."""
    view, index = window.matrix_view, _cell(window, task_no, unit)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: _cell(window, task_no, unit).data(CELL_ROLE) == expect, timeout=5000)


def test_author_a_plan_from_nothing_in_the_gui(qtbot, window, messages) -> None:
    hub, store = window.authoring, window.store
    plan_dialog = PlanDialog(hub.authoring, parent=window)
    plan_dialog.title_edit.setText("第5次调度会议定事项")
    plan_dialog.doc_no_edit.setText("调度〔2027〕5号")
    plan_dialog.written_edit.setText("2027年3月2日")
    plan = _accept(qtbot, window, plan_dialog)
    section_dialog = SectionDialog(hub.authoring, plan, parent=window)
    section_dialog.no_edit.setText("一")
    section_dialog.title_edit.setText("重点工作")
    section = _accept(qtbot, window, section_dialog)
    # a bad date is shown in the dialog, which stays open; nothing is written
    task_dialog = TaskDialog(hub.authoring, plan, section_id=section, parent=window)
    qtbot.addWidget(task_dialog)
    task_dialog.title_edit.setText("推进算力中心建设")
    task_dialog.deadline_edit.setText("2027-02-30")
    task_dialog.accept()
    assert (
        not task_dialog.error_label.isHidden() and "不是有效日期" in task_dialog.error_label.text()
    )
    assert not store.db.execute("SELECT 1 FROM task").fetchone()
    task_dialog.deadline_edit.setText("2027-12-31")
    task_dialog.basis_edit.setText("第5次调度会")
    task = _accept(qtbot, window, task_dialog)
    second_dialog = TaskDialog(hub.authoring, plan, parent=window)
    second_dialog.title_edit.setText("完善5G覆盖")
    second = _accept(qtbot, window, second_dialog)
    item_dialog = ItemDialog(hub.authoring, second, parent=window)
    item_dialog.text_edit.setPlainText("城区补盲")
    _accept(qtbot, window, item_dialog)
    target_dialog = TargetDialog(hub.authoring, task, parent=window)
    target_dialog.metric_edit.setText("算力规模")
    target_dialog.value_edit.setText("300")
    target_dialog.uom_edit.setText("PFlops")
    _accept(qtbot, window, target_dialog)
    for name in ("市工信局", "市政数局"):
        with store.action("add_unit") as tx:
            store._create_unit(tx, name, "bureau")
    qtbot.waitUntil(lambda: window.matrix_model.columnCount() == 3, timeout=5000)
    # both tasks are warned about: nobody leads them yet
    assert len(window.matrix_model.warnings()) == 3
    # clicking does nothing outside the edit mode
    cell = _cell(window, 1, "市工信局")
    qtbot.mouseClick(window.matrix_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.matrix_view.visualRect(cell).center())  # fmt: skip
    assert not store.db.execute("SELECT 1 FROM assignment").fetchone()
    hub.set_edit_mode(True)
    assert hub.edit_bar.isVisible()
    hub.basis_edit.setText("第5次调度会")
    _click(qtbot, window, 1, "市工信局", "lead")
    _click(qtbot, window, 1, "市政数局", "lead")  # two leads: warned
    assert "有 2 个牵头单位" in window.matrix_model.warnings().values()
    _click(qtbot, window, 1, "市政数局", "support")
    _click(qtbot, window, 1, "市政数局", "responsible")
    _click(qtbot, window, 1, "市政数局", "")
    window.coordination.actions.undo_stack.undo()  # back to 责
    qtbot.waitUntil(lambda: _cell(window, 1, "市政数局").data(CELL_ROLE) == "responsible")
    hub.set_edit_mode(False)
    lines = [h["line"] for h in aq.task_history(store.db, task)]
    assert any("新增牵头单位 市工信局，依据：第5次调度会" in line for line in lines)
    assert any("市政数局 配合单位 → 责任单位" in line for line in lines)
    # the detail panel shows the 调整记录
    window.show_task(task)
    assert "调整记录" in window.detail.toPlainText()
    assert "新增牵头单位 市工信局" in window.detail.toPlainText()
    # the export holds what was authored
    (exported,) = exchange.export_data(store.db)["plans"]
    assert (exported["title"], exported["doc_no"], exported["written_date"]) == (
        "第5次调度会议定事项",
        "调度〔2027〕5号",
        "2027-03-02",
    )
    first = exported["tasks"][0]
    assert (first["no"], first["title"], first["deadline"], first["section"]) == (
        1,
        "推进算力中心建设",
        "2027-12-31",
        "一",
    )
    assert first["items"][0]["lead"] == ["市工信局"]
    assert first["items"][0]["responsible"] == ["市政数局"]
    assert first["targets"][0]["metric"] == "算力规模"
    assert [i["text"] for i in exported["tasks"][1]["items"]][1] == "城区补盲"
    assert window.matrix_view.model().index(0, 0).data(ITEM_ROLE)
    assert not messages


def test_member_cannot_open_the_edit_mode(qtbot, window, messages) -> None:
    store = window.store
    with store.db.atomic():
        for key, value in (("username", "gongxin"), ("role", "member"), ("unit", "市工信局")):
            store.db.execute("INSERT INTO sync_state (key, value) VALUES (?, ?)", [key, value])
    window.authoring.set_edit_mode(True)
    assert not window.authoring.editing
    assert messages and "只有协调员可以修改计划结构" in messages[-1][1]


def test_review_a_revised_plan_in_the_gui(
    qtbot, window, messages, seed_path, qtmodeltester
) -> None:
    from desktop.importer import parse_file
    from desktop.models import coordination as co

    store = window.store
    plan = store.import_plan(parse_file(seed_path)).plan_id
    old3 = store.db.execute("SELECT id FROM task WHERE plan_id = ? AND no = 3", [plan]).fetchone()[
        0
    ]
    unit = store.find_unit("市通信办")
    co.add_report(store, old3, unit, period="2026-05", text="补点进展", percent=50)
    revised = Path(__file__).resolve().parent / "fixtures" / "demo-plan-changchun-2023-revised.txt"
    hub = window.authoring
    window.show_task(old3)
    hub.review_revision(plan, str(revised))
    qtbot.waitUntil(lambda: hub.revision_dialog is not None and hub.revision_dialog.isVisible(),
                    timeout=10000)  # fmt: skip
    dialog = hub.revision_dialog
    model = dialog.model
    qtmodeltester.check(model)
    summaries = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert any("牵头单位 市工信局 → 市政数局" in s for s in summaries)
    # reject the new task 28, accept everything else
    row = next(r for r, s in enumerate(summaries) if s.startswith("新增任务 28"))
    model.setData(model.index(row, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(window.reloaded, timeout=5000):
        dialog.accept()
    assert dialog.applied == len(summaries) - 1
    titles = [r[0] for r in store.db.execute("SELECT title FROM task WHERE plan_id = ?", [plan])]
    assert "建设城市数据底座" in titles and "建立数字经济统计监测制度" not in titles
    archived = store.db.execute("SELECT archived FROM task WHERE id = ?", [old3]).fetchone()[0]
    assert archived
    assert store.db.execute("SELECT count(*) FROM report WHERE task_id = ?", [old3]).fetchone() == (
        1,
    )
    window.show_task(old3)
    assert "已归档" in window.detail.toPlainText()
    assert "修订版" in window.detail.toPlainText()


def test_edit_and_delete_sections_items_targets_with_undo(qtbot, window, messages) -> None:
    from desktop.models import authoring as au

    store, hub = window.store, window.authoring
    plan = au.create_plan(store, "手工计划")
    section = au.add_section(store, plan, "重点工作", no="一")
    task = au.add_task(store, plan, "任务甲", section_id=section)
    second_item = au.add_item(store, task, "第二个事项")
    target = au.add_target(store, task, metric="指标", value=10)
    qtbot.waitUntil(lambda: window.matrix_model.rowCount() == 2, timeout=5000)
    dialog = SectionDialog(hub.authoring, plan, section, parent=window)
    dialog.title_edit.setText("重点工作任务")
    _accept(qtbot, window, dialog)
    assert store.db.execute("SELECT title FROM section WHERE id = ?", [section]).fetchone() == (
        "重点工作任务",
    )
    item_dialog = ItemDialog(hub.authoring, task, second_item, parent=window)
    item_dialog.text_edit.setPlainText("改过的事项")
    _accept(qtbot, window, item_dialog)
    target_dialog = TargetDialog(hub.authoring, task, target, parent=window)
    target_dialog.value_edit.setText("20")
    _accept(qtbot, window, target_dialog)
    assert store.db.execute("SELECT value FROM target WHERE id = ?", [target]).fetchone() == (20.0,)
    hub.authoring.delete_item(second_item)
    hub.authoring.delete_target(target)
    stack = window.coordination.actions.undo_stack
    stack.undo()
    stack.undo()
    assert store.db.execute("SELECT text FROM item WHERE id = ?", [second_item]).fetchone() == (
        "改过的事项",
    )
    assert store.db.execute("SELECT value FROM target WHERE id = ?", [target]).fetchone() == (20.0,)
    stack.undo()  # the target edit
    assert store.db.execute("SELECT value FROM target WHERE id = ?", [target]).fetchone() == (10.0,)
    kinds = [h["kind"] for h in aq.task_history(store.db, task)]
    assert kinds.count("item_delete") == 1 and kinds.count("target_delete") == 1
    assert not messages


def test_lower_level_tasks_fold_under_their_upper_task(qtbot, window, seed_path) -> None:
    from desktop.importer import parse_file
    from desktop.models import authoring as au

    store = window.store
    city = store.import_plan(parse_file(seed_path)).plan_id
    upper = store.db.execute("SELECT id FROM task WHERE plan_id = ? AND no = 5", [city]).fetchone()[
        0
    ]
    county = au.create_plan(store, "某县数字经济行动方案", doc_no="某县〔2024〕1号")
    lower = au.add_task(store, county, "建设县级算力节点")
    au.set_unit_role(store, au.item_of(store, lower), store.find_unit("市政数局"), "lead")
    au.link_task(store, lower, upper)
    qtbot.waitUntil(lambda: window.matrix_model.rowCount() == 37, timeout=5000)
    window.authoring.set_fold_lower(True)
    proxy = window.matrix_proxy

    def shown() -> list[str]:
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    qtbot.waitUntil(lambda: any("↳" in label for label in shown()), timeout=5000)
    labels = shown()
    at = next(i for i, label in enumerate(labels) if "5 推进算力中心建设" in label)
    assert "↳" in labels[at + 1] and "建设县级算力节点" in labels[at + 1]
    window.filter_bar.set_scope("plan", city)  # the folded row shows with the city plan
    labels = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert any("建设县级算力节点" in label for label in labels) and len(labels) == 37
    window.show_task(upper)
    assert "下级任务" in window.detail.toPlainText()
    assert "建设县级算力节点" in window.detail.toPlainText()
    window.authoring.set_fold_lower(False)

    def unfolded() -> bool:
        labels = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
        return len(labels) == 36 and not any("↳" in label for label in labels)

    qtbot.waitUntil(unfolded, timeout=5000)


def test_importing_a_revised_version_offers_update_or_new(
    qtbot, window, messages, seed_path, monkeypatch
) -> None:
    from desktop.importer import parse_file
    from desktop.views.authoring import integration

    store = window.store
    store.import_plan(parse_file(seed_path))
    revised = Path(__file__).resolve().parent / "fixtures" / "demo-plan-changchun-2023-revised.txt"
    asked: list[str] = []
    answer = {"value": "update"}

    def choose(parent, text: str) -> str:
        asked.append(text)
        return answer["value"]

    monkeypatch.setattr(integration, "choose_revision", choose)
    controller, hub = window.importer, window.authoring
    with qtbot.waitSignal(controller.done, timeout=10000):
        controller.import_file(revised)
    assert len(asked) == 1 and "处不同" in asked[0]
    assert hub.revision_dialog is not None and hub.revision_dialog.isVisible()
    hub.revision_dialog.reject()
    assert len(store.db.execute("SELECT id FROM plan").fetchall()) == 1
    answer["value"] = "new"
    controller.import_file(revised)
    qtbot.waitUntil(lambda: controller.dialog is not None, timeout=10000)
    with qtbot.waitSignal(controller.imported, timeout=10000):
        controller.dialog.import_button.click()
    assert len(store.db.execute("SELECT id FROM plan").fetchall()) == 2
    assert not messages


def test_new_plan_is_undoable(qtbot, window, messages) -> None:
    store, hub = window.store, window.authoring
    dialog = PlanDialog(hub.authoring, parent=window)
    dialog.title_edit.setText("会议议定事项")
    plan = _accept(qtbot, window, dialog)
    stack = window.coordination.actions.undo_stack
    stack.undo()
    assert not store.db.execute("SELECT 1 FROM plan WHERE id = ?", [plan]).fetchone()
    stack.redo()
    assert store.db.execute("SELECT title FROM plan WHERE id = ?", [plan]).fetchone() == (
        "会议议定事项",
    )
    summaries = [h["summary"] for h in aq.plan_history(store.db, plan)]
    assert summaries == [
        "新建计划《会议议定事项》",
        "撤销新建计划《会议议定事项》",
        "恢复计划《会议议定事项》",
    ]
    assert not messages


def test_link_dialog_links_and_undo_unlinks(qtbot, window, messages) -> None:
    from desktop.models import authoring as au
    from desktop.views.authoring.dialogs import LinkDialog

    store, hub = window.store, window.authoring
    province = au.create_plan(store, "省级行动计划", doc_no="省〔2024〕1号")
    au.add_task(store, province, "建设算力网络")
    upper = au.add_task(store, province, "推进数据共享")
    city = au.create_plan(store, "市级分解方案", doc_no="市〔2024〕2号")
    lower = au.add_task(store, city, "市级数据共享平台")
    dialog = LinkDialog(hub.authoring, lower, parent=window)
    qtbot.addWidget(dialog)
    dialog.plan_combo.setCurrentIndex(dialog.plan_combo.findData(province))
    assert dialog.task_combo.count() == 2
    dialog.task_combo.setCurrentIndex(dialog.task_combo.findData(upper))
    dialog.basis_edit.setText("对照省级计划")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert aq.upper_task(store.db, lower)["id"] == upper
    window.coordination.actions.undo_stack.undo()
    assert aq.upper_task(store.db, lower) is None
    summaries = [h["summary"] for h in aq.task_history(store.db, lower)]
    assert summaries[-2:] == [
        "关联上级任务 《省〔2024〕1号》任务2“推进数据共享”",
        "取消关联上级任务 《省〔2024〕1号》任务2“推进数据共享”",
    ]
    assert not messages


def test_detail_panel_shows_the_rolled_up_progress(qtbot, window) -> None:
    from tests.helpers.levels import rolled_up_levels

    ids = rolled_up_levels(window.store)

    def rolled() -> bool:
        snapshot = window.coordination.snapshot
        node = snapshot.tasks.get(ids["upper"]) if snapshot is not None else None
        return node is not None and node.rolled_from == 2

    qtbot.waitUntil(rolled, timeout=10000)
    row = window.matrix_model.rows_of_task(ids["upper"])[0]
    index = window.matrix_proxy.mapFromSource(window.matrix_model.index(row, 0))
    assert window.coordination._matrix_mark(index) == "黄·未达序时"  # the matrix mark
    window.show_task(ids["upper"])
    text = window.detail.toPlainText()
    # 30 % is the lowest reported lower-level percent, behind this year's 序时进度
    assert "进度方式：由下级任务汇总" in text
    assert "进度：完成 30%（下级任务 2 项中最低），序时进度" in text and "未达序时" in text
    assert "1. 市级算力中心 （未排期，完成 80%）" in text  # each lower-level task's percent
    window.show_task(ids["slow"])  # a task reporting directly shows its own percent
    assert "完成 30%，序时进度" in window.detail.toPlainText()


def _counts(store, plan_id: str) -> dict[str, int]:
    """Rows of a plan per table (structure and records)."""
    queries = {
        "section": "SELECT count(*) FROM section WHERE plan_id = :p",
        "task": "SELECT count(*) FROM task WHERE plan_id = :p",
        "item": "SELECT count(*) FROM item i JOIN task t ON t.id = i.task_id WHERE t.plan_id = :p",
        "assignment": "SELECT count(*) FROM assignment a JOIN item i ON i.id = a.item_id"
        " JOIN task t ON t.id = i.task_id WHERE t.plan_id = :p",
        "target": "SELECT count(*) FROM target g JOIN task t ON t.id = g.task_id"
        " WHERE t.plan_id = :p",
        "milestone": "SELECT count(*) FROM milestone m JOIN task t ON t.id = m.task_id"
        " WHERE t.plan_id = :p",
        "report": "SELECT count(*) FROM report r JOIN task t ON t.id = r.task_id"
        " WHERE t.plan_id = :p",
    }
    return {k: store.db.execute(q, {"p": plan_id}).fetchone()[0] for k, q in queries.items()}


def test_undo_plan_creation_after_tasks_were_added(qtbot, window, messages) -> None:
    from desktop.models import authoring as au
    from desktop.models import coordination as co

    store, hub = window.store, window.authoring
    stack = window.coordination.actions.undo_stack
    dialog = PlanDialog(hub.authoring, parent=window)
    dialog.title_edit.setText("会议议定事项")
    plan = _accept(qtbot, window, dialog)
    # authored since by another way (the CLI, a sync): not on this undo stack
    section = au.add_section(store, plan, "重点工作", no="一")
    task = au.add_task(store, plan, "推进算力中心建设", section_id=section)
    unit = au.add_unit(store, "市政数局")
    au.set_unit_role(store, au.item_of(store, task), unit, "lead")
    au.add_target(store, task, metric="算力规模", value=300)
    authored = _counts(store, plan)
    stack.undo()  # removes the plan with what was authored in it
    assert not store.db.execute("SELECT 1 FROM plan WHERE id = ?", [plan]).fetchone()
    assert not store.db.execute("SELECT 1 FROM task WHERE id = ?", [task]).fetchone()
    stack.redo()  # all of it back, same ids
    assert _counts(store, plan) == authored and authored["assignment"] == 1
    assert store.db.execute("SELECT section_id FROM task WHERE id = ?", [task]).fetchone() == (
        section,
    )
    # once something is recorded against it, undo is refused with the reason
    co.add_milestone(store, task, "投运", "2027-12-31")
    stack.undo()
    assert store.db.execute("SELECT 1 FROM plan WHERE id = ?", [plan]).fetchone()
    assert messages and "里程碑 1 条" in messages[-1][1] and "删除计划" in messages[-1][1]
    summaries = [h["summary"] for h in aq.plan_history(store.db, plan)]
    assert "撤销新建计划《会议议定事项》（任务 1 项）" in summaries
    assert "恢复计划《会议议定事项》（任务 1 项）" in summaries


def test_undo_template_copy(qtbot, window, messages) -> None:
    from desktop.models import authoring as au

    store, hub = window.store, window.authoring
    source = au.create_plan(store, "2027年重点工作")
    for title in ("任务甲", "任务乙"):
        au.add_task(store, source, title)
    dialog = PlanDialog(hub.authoring, source, copy=True, parent=window)
    dialog.title_edit.setText("2028年重点工作")
    copy = _accept(qtbot, window, dialog)
    assert _counts(store, copy)["task"] == 2
    stack = window.coordination.actions.undo_stack
    assert stack.undoText() == "以模板新建计划"
    stack.undo()
    assert not store.db.execute("SELECT 1 FROM plan WHERE id = ?", [copy]).fetchone()
    assert _counts(store, source)["task"] == 2  # the template is untouched
    stack.redo()
    assert _counts(store, copy)["task"] == 2
    assert not messages


def test_undo_plan_deletion_restores_everything(qtbot, window, messages, monkeypatch) -> None:
    from desktop.models import authoring as au
    from desktop.models import coordination as co
    from desktop.views.authoring import integration

    store, hub = window.store, window.authoring
    province = au.create_plan(store, "省级行动计划", doc_no="省〔2024〕1号")
    upper = au.add_task(store, province, "建设算力网络")
    plan = au.create_plan(store, "市级分解方案", doc_no="市〔2024〕2号")
    section = au.add_section(store, plan, "重点工作", no="一")
    task = au.add_task(store, plan, "市级算力中心", section_id=section)
    other = au.add_task(store, plan, "县级节点", section_id=section)
    unit = au.add_unit(store, "市政数局")
    au.set_unit_role(store, au.item_of(store, task), unit, "lead")
    au.link_task(store, task, upper)  # this plan's task implements a province task
    lower_plan = au.create_plan(store, "县级方案")
    lower = au.add_task(store, lower_plan, "县级算力节点")
    au.link_task(store, lower, task)  # a county task implements this plan's task
    first = co.add_milestone(store, task, "选址", "2024-03-01")
    second = co.add_milestone(store, other, "建成", "2024-09-01")
    co.add_dependency(store, ("milestone", first), ("milestone", second))
    co.add_report(store, task, unit, period="2024-06", percent=40, text="推进中")
    before = _counts(store, plan)
    qtbot.waitUntil(lambda: window.matrix_model.rowCount() == 4, timeout=5000)
    monkeypatch.setattr(integration, "confirm", lambda parent, text: True)
    monkeypatch.setattr(hub, "current_plan", lambda: plan)
    hub.delete_plan()
    assert not store.db.execute("SELECT 1 FROM plan WHERE id = ?", [plan]).fetchone()
    assert aq.upper_task(store.db, lower) is None
    stack = window.coordination.actions.undo_stack
    stack.undo()
    assert _counts(store, plan) == before and before["report"] == 1
    assert aq.upper_task(store.db, lower)["id"] == task  # the county link is back
    assert aq.upper_task(store.db, task)["id"] == upper
    assert len(_dependencies_of(store, first)) == 1
    restored = {
        r[0]
        for r in store.db.execute(
            "SELECT DISTINCT tbl FROM change_log WHERE action = 'restore_plan' AND kind = 'insert'"
        )
    }  # every restored row is logged, so a sync carries it to the other desktops
    assert {"plan", "section", "task", "item", "assignment", "milestone", "report",
            "dependency"} <= restored  # fmt: skip
    stack.redo()
    assert not store.db.execute("SELECT 1 FROM plan WHERE id = ?", [plan]).fetchone()
    stack.undo()
    assert _counts(store, plan) == before
    qtbot.waitUntil(lambda: window.matrix_model.rowCount() == 4, timeout=5000)
    assert not messages


def _dependencies_of(store, milestone_id: str) -> list:
    return store.db.execute(
        "SELECT id FROM dependency WHERE pred_id = ? OR succ_id = ?", [milestone_id, milestone_id]
    ).fetchall()


def test_import_preview_offers_upper_task_links(qtbot, window, messages, tmp_path) -> None:
    from desktop.models.qt.link_suggestions_model import LinkSuggestionsModel
    from tests.helpers.levels import CITY_PLAN_TEXT, province_plan

    store = window.store
    province = province_plan(store)
    path = tmp_path / "city.txt"
    path.write_text(CITY_PLAN_TEXT, encoding="utf-8")
    controller = window.importer
    controller.import_file(path)
    qtbot.waitUntil(lambda: controller.dialog is not None, timeout=10000)
    dialog = controller.dialog
    links = dialog.links
    qtbot.waitUntil(lambda: links.rowCount() == 2, timeout=10000)
    assert dialog.link_view.isVisibleTo(dialog)
    rows = [
        tuple(links.index(r, c).data() for c in range(links.columnCount()))
        for r in range(links.rowCount())
    ]
    assert sorted(rows)[0][:3] == ("1. 建设市级算力枢纽", "某省〔2024〕1号", "1. 建设省级算力枢纽")
    assert sorted(rows)[1][:3] == ("2. 推进政务数据共享", "某省〔2024〕1号", "2. 推进政务数据共享")
    # tick only the first task's suggestion (by clicking its check box)
    row = next(r for r in range(links.rowCount()) if links.suggestion(r)["no"] == 1)
    index = links.index(row, LinkSuggestionsModel.TASK)
    assert links.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    with qtbot.waitSignal(controller.imported, timeout=10000) as blocker:
        dialog.import_button.click()
    plan = blocker.args[0].plan_id
    linked = dict(
        store.db.execute("SELECT no, parent_task_id FROM task WHERE plan_id = ?", [plan]).fetchall()
    )
    assert linked == {1: province["1"], 2: None, 3: None}  # the unticked one stays unlinked
    task = store.db.execute("SELECT id FROM task WHERE plan_id = ? AND no = 1", [plan]).fetchone()
    (change,) = [h for h in aq.task_history(store.db, task[0]) if h["kind"] == "link"]
    assert change["summary"] == "关联上级任务 《某省〔2024〕1号》任务1“建设省级算力枢纽”"
    assert change["basis"] == "导入时按内容相近关联"
    # the link was written by the import itself: one action, nothing else
    actions = store.db.execute(
        "SELECT DISTINCT action FROM change_log WHERE tbl = 'task_change' AND record_id = ?",
        [change["id"]],
    ).fetchall()
    assert actions == [("import_plan",)]
    assert not messages
