"""Authoring dialogs: plan, task, section, work item, target — each with the 依据 field.

Every dialog is a ``FormDialog``: 确定 runs the store action (through
``AuthoringActions`` where it is undoable); a ``UserError`` is shown inside the
dialog, which stays open with nothing written. Dates are typed as text
(YYYY-MM-DD, 2027/3/2 or 2027年3月2日) because most of them may stay empty.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from desktop.models import queries
from desktop.models.archive import active
from desktop.models.authoring_common import NO_MAX
from desktop.views.authoring.undo import AuthoringActions
from desktop.views.coordination.form import FormDialog, fill_combo, note_label


def _text_box(text: str = "", rows: int = 4) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * rows + 12)
    return box


class AuthoringDialog(FormDialog):
    """A form ending with the 依据 line (recorded in the change history)."""

    def __init__(self, authoring: AuthoringActions, parent: QWidget | None = None) -> None:
        super().__init__(authoring.actions, parent)
        self.authoring = authoring
        self.basis_edit = QLineEdit()
        self.basis_edit.setPlaceholderText(
            QCoreApplication.translate(
                "AuthoringDialog", "如：第5次调度会、市政府常务会议、领导批示"
            )
        )

    def add_basis_row(self) -> None:
        self.form.addRow(QCoreApplication.translate("AuthoringDialog", "依据："), self.basis_edit)
        self.form.addRow(
            "",
            note_label(
                QCoreApplication.translate(
                    "AuthoringDialog", "依据可不填；每项调整都记入任务的调整记录。"
                )
            ),
        )

    @property
    def basis(self) -> str:
        return self.basis_edit.text()

    def date_line(self, value: str | None) -> QLineEdit:
        edit = QLineEdit(value or "")
        edit.setPlaceholderText(QCoreApplication.translate("AuthoringDialog", "YYYY-MM-DD，可不填"))
        return edit


class PlanDialog(AuthoringDialog):
    """New plan (``plan_id`` None), edit a plan's header, or copy it as a template."""

    def __init__(
        self,
        authoring: AuthoringActions,
        plan_id: str | None = None,
        *,
        copy: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(authoring, parent)
        self.plan_id, self.copy = plan_id, copy
        plan: dict[str, Any] = {}
        if plan_id:
            plan = next(self.store.db.query("SELECT * FROM plan WHERE id = ?", [plan_id]))
        if copy:
            self.setWindowTitle(self.tr("以此计划为模板新建"))
            self.form.addRow(self.tr("模板："), note_label(plan["title"]))
            plan = {"title": plan["title"], "issuer": plan["issuer"]}
        elif plan_id:
            self.setWindowTitle(self.tr("编辑计划"))
        else:
            self.setWindowTitle(self.tr("新建计划"))
        self.title_edit = QLineEdit(plan.get("title", ""))
        self.title_edit.setPlaceholderText(self.tr("如：第5次调度会议定事项"))
        self.doc_no_edit = QLineEdit(plan.get("doc_no", ""))
        self.doc_no_edit.setPlaceholderText(self.tr("如：长府办发〔2027〕5号，可不填"))
        self.issuer_edit = QLineEdit(plan.get("issuer", ""))
        self.written_edit = self.date_line(plan.get("written_date"))
        self.published_edit = self.date_line(plan.get("published_date"))
        self.form.addRow(self.tr("标题："), self.title_edit)
        self.form.addRow(self.tr("发文字号："), self.doc_no_edit)
        self.form.addRow(self.tr("发文机关："), self.issuer_edit)
        self.form.addRow(self.tr("成文日期："), self.written_edit)
        self.form.addRow(self.tr("发布日期："), self.published_edit)
        if copy:
            self.form.addRow(
                "",
                note_label(
                    self.tr("复制章节、任务、工作事项、分工和量化目标；里程碑和填报不复制。")
                ),
            )
        self.add_basis_row()

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text(),
            "doc_no": self.doc_no_edit.text(),
            "issuer": self.issuer_edit.text(),
            "written_date": self.written_edit.text(),
            "published_date": self.published_edit.text(),
        }

    def apply(self, confirmed: bool) -> None:
        values = self.values()
        if self.copy:
            assert self.plan_id
            self.result_id = self.authoring.copy_plan(self.plan_id, basis=self.basis, **values)
        elif self.plan_id:
            self.authoring.edit_plan(self.plan_id, basis=self.basis, **values)
            self.result_id = self.plan_id
        else:
            self.result_id = self.authoring.create_plan(basis=self.basis, **values)


def section_choices(db: Any, plan_id: str, none_label: str) -> list[tuple[str, str | None]]:
    rows = queries.sections(db, plan_id)
    return [(none_label, None)] + [
        (("    " * (r["level"] - 1)) + f"{r['no']} {r['title']}".strip(), r["id"]) for r in rows
    ]


class TaskDialog(AuthoringDialog):
    """Add a task to a plan (``task_id`` None) or edit one."""

    def __init__(
        self,
        authoring: AuthoringActions,
        plan_id: str,
        task_id: str | None = None,
        *,
        section_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(authoring, parent)
        db = self.store.db
        self.plan_id, self.task_id = plan_id, task_id
        task: dict[str, Any] = {}
        if task_id:
            task = next(db.query("SELECT * FROM task WHERE id = ?", [task_id]))
            section_id = task["section_id"]
        self.setWindowTitle(self.tr("编辑任务") if task_id else self.tr("新增任务"))
        plan_title = db.execute("SELECT title FROM plan WHERE id = ?", [plan_id]).fetchone()[0]
        self.form.addRow(self.tr("计划："), note_label(plan_title))
        self.no_spin = QSpinBox()
        self.no_spin.setRange(0 if not task_id else 1, NO_MAX)
        self.no_spin.setSpecialValueText(self.tr("排在最后"))
        self.no_spin.setValue(task.get("no", 0))
        self.section_combo = QComboBox()
        fill_combo(self.section_combo, section_choices(db, plan_id, self.tr("（不属任何章节）")),
                   section_id)  # fmt: skip
        self.title_edit = QLineEdit(task.get("title", ""))
        self.title_edit.setPlaceholderText(self.tr("如：推进算力中心建设"))
        self.text_edit = _text_box(task.get("text", ""), 5)
        self.deadline_edit = self.date_line(task.get("deadline"))
        self.rollup_combo = QComboBox()
        fill_combo(
            self.rollup_combo,
            [(self.tr("直接填报"), 0), (self.tr("由下级任务汇总"), 1)],
            task.get("rollup", 0),
        )
        self.form.addRow(self.tr("序号："), self.no_spin)
        self.form.addRow(self.tr("章节："), self.section_combo)
        self.form.addRow(self.tr("标题："), self.title_edit)
        self.form.addRow(self.tr("内容："), self.text_edit)
        self.form.addRow(self.tr("完成时限："), self.deadline_edit)
        self.form.addRow(self.tr("进度方式："), self.rollup_combo)
        self.add_basis_row()

    def apply(self, confirmed: bool) -> None:
        values = {
            "title": self.title_edit.text(),
            "text": self.text_edit.toPlainText(),
            "deadline": self.deadline_edit.text(),
            "section_id": self.section_combo.currentData(),
        }
        no = self.no_spin.value() or None
        with self.actions.macro(self.windowTitle()):
            if self.task_id is None:
                self.result_id = self.authoring.add_task(
                    self.plan_id, values.pop("title"), no=no, basis=self.basis, **values
                )
                rollup = self.rollup_combo.currentData()
                if rollup:
                    self.authoring.edit_task(self.result_id, rollup=rollup, basis=self.basis)
                return
            self.authoring.edit_task(
                self.task_id, basis=self.basis, rollup=self.rollup_combo.currentData(), **values
            )
            if no is not None:
                self.authoring.move_task(self.task_id, no, basis=self.basis)
            self.result_id = self.task_id


class SectionDialog(AuthoringDialog):
    """Add a section (or a subsection under a chosen parent), or edit one (``section_id``)."""

    def __init__(
        self,
        authoring: AuthoringActions,
        plan_id: str,
        section_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(authoring, parent)
        self.plan_id, self.section_id = plan_id, section_id
        section: dict[str, Any] = {}
        if section_id:
            section = next(self.store.db.query("SELECT * FROM section WHERE id = ?", [section_id]))
        self.setWindowTitle(self.tr("编辑章节") if section_id else self.tr("新增章节"))
        self.no_edit = QLineEdit(section.get("no", ""))
        self.no_edit.setPlaceholderText(self.tr("如：三（一级）或 二（子章节）"))
        self.title_edit = QLineEdit(section.get("title", ""))
        self.parent_combo = QComboBox()
        fill_combo(
            self.parent_combo,
            section_choices(self.store.db, plan_id, self.tr("（一级章节）")),
            section.get("parent_id"),
        )
        self.parent_combo.setEnabled(not section_id)  # a section's key stays as it is
        self.form.addRow(self.tr("上级章节："), self.parent_combo)
        self.form.addRow(self.tr("序号："), self.no_edit)
        self.form.addRow(self.tr("标题："), self.title_edit)
        self.add_basis_row()

    def apply(self, confirmed: bool) -> None:
        if self.section_id:
            self.authoring.edit_section(
                self.section_id, title=self.title_edit.text(), no=self.no_edit.text(),
                basis=self.basis,
            )  # fmt: skip
            self.result_id = self.section_id
            return
        self.result_id = self.authoring.add_section(
            self.plan_id,
            self.title_edit.text(),
            no=self.no_edit.text(),
            parent_id=self.parent_combo.currentData(),
            basis=self.basis,
        )


class ItemDialog(AuthoringDialog):
    """Add a work item to a task, or edit one (``item_id``)."""

    def __init__(
        self,
        authoring: AuthoringActions,
        task_id: str,
        item_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(authoring, parent)
        self.task_id, self.item_id = task_id, item_id
        text = ""
        if item_id:
            text = self.store.db.execute(
                "SELECT text FROM item WHERE id = ?", [item_id]
            ).fetchone()[0]
        self.setWindowTitle(self.tr("编辑工作事项") if item_id else self.tr("新增工作事项"))
        no, title = self.store.db.execute(
            "SELECT no, title FROM task WHERE id = ?", [task_id]
        ).fetchone()
        self.form.addRow(self.tr("任务："), note_label(f"{no} {title}"))
        self.text_edit = _text_box(text, 4)
        self.form.addRow(self.tr("内容："), self.text_edit)
        self.add_basis_row()

    def apply(self, confirmed: bool) -> None:
        if self.item_id:
            self.authoring.edit_item(self.item_id, self.text_edit.toPlainText(), basis=self.basis)
            self.result_id = self.item_id
            return
        self.result_id = self.authoring.add_item(
            self.task_id, self.text_edit.toPlainText(), basis=self.basis
        )


class TargetDialog(AuthoringDialog):
    """Add a quantitative target to a task, or edit one (``target_id``)."""

    def __init__(
        self,
        authoring: AuthoringActions,
        task_id: str,
        target_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(authoring, parent)
        db = self.store.db
        self.task_id, self.target_id = task_id, target_id
        target: dict[str, Any] = {}
        if target_id:
            target = next(db.query("SELECT * FROM target WHERE id = ?", [target_id]))
        self.setWindowTitle(self.tr("编辑量化目标") if target_id else self.tr("新增量化目标"))
        no, title = db.execute("SELECT no, title FROM task WHERE id = ?", [task_id]).fetchone()
        self.form.addRow(self.tr("任务："), note_label(f"{no} {title}"))
        self.metric_edit = QLineEdit(target.get("metric", ""))
        self.metric_edit.setPlaceholderText(self.tr("如：主城区5G基站数量"))
        self.comparator_combo = QComboBox()
        fill_combo(
            self.comparator_combo,
            [(self.tr("≥ 不少于"), ">="), (self.tr("> 多于"), ">"), (self.tr("≤ 不超过"), "<="),
             (self.tr("< 少于"), "<"), (self.tr("= 等于"), "=")],
            target.get("comparator", ">="),
        )  # fmt: skip
        value = target.get("value")
        self.value_edit = QLineEdit("" if value is None else f"{value:g}")
        self.uom_edit = QLineEdit(target.get("uom", ""))
        self.uom_edit.setPlaceholderText(self.tr("如：个、%、亿元"))
        self.deadline_edit = self.date_line(target.get("deadline"))
        self.text_edit = _text_box(target.get("text", ""), 2)
        self.form.addRow(self.tr("指标："), self.metric_edit)
        self.form.addRow(self.tr("比较："), self.comparator_combo)
        self.form.addRow(self.tr("目标值："), self.value_edit)
        self.form.addRow(self.tr("计量单位："), self.uom_edit)
        self.form.addRow(self.tr("期限："), self.deadline_edit)
        self.form.addRow(self.tr("原文："), self.text_edit)
        self.add_basis_row()

    def apply(self, confirmed: bool) -> None:
        fields = {
            "metric": self.metric_edit.text(),
            "comparator": self.comparator_combo.currentData(),
            "value": self.value_edit.text(),
            "uom": self.uom_edit.text(),
            "deadline": self.deadline_edit.text(),
            "text": self.text_edit.toPlainText(),
        }
        if self.target_id:
            self.authoring.edit_target(self.target_id, basis=self.basis, **fields)
            self.result_id = self.target_id
        else:
            self.result_id = self.authoring.add_target(self.task_id, basis=self.basis, **fields)


class LinkDialog(AuthoringDialog):
    """Point a task at the task of a higher-level plan it implements (上级任务)."""

    def __init__(
        self, authoring: AuthoringActions, task_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(authoring, parent)
        db = self.store.db
        self.task_id = task_id
        self.setWindowTitle(self.tr("关联上级任务"))
        no, title, plan_id, current = db.execute(
            "SELECT no, title, plan_id, parent_task_id FROM task WHERE id = ?", [task_id]
        ).fetchone()
        self.form.addRow(self.tr("任务："), note_label(f"{no} {title}"))
        self.plan_combo = QComboBox()
        current_plan = None
        if current:
            current_plan = db.execute(
                "SELECT plan_id FROM task WHERE id = ?", [current]
            ).fetchone()[0]
        plans = [
            (f"{r[2]} {r[1]}".strip() if r[2] else r[1], r[0])
            for r in db.execute(
                "SELECT id, title, doc_no FROM plan WHERE id != ? ORDER BY imported_at", [plan_id]
            )
        ]
        fill_combo(self.plan_combo, plans, current_plan)
        self.task_combo = QComboBox()
        for combo in (self.plan_combo, self.task_combo):  # long titles: no over-wide dialog
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(24)
        self.plan_combo.currentIndexChanged.connect(self._fill_tasks)
        self._fill_tasks()
        if current:
            index = self.task_combo.findData(current)
            if index >= 0:
                self.task_combo.setCurrentIndex(index)
        self.form.addRow(self.tr("上级计划："), self.plan_combo)
        self.form.addRow(self.tr("上级任务："), self.task_combo)
        self.add_basis_row()

    def _fill_tasks(self) -> None:
        plan_id = self.plan_combo.currentData()
        rows = self.store.db.execute(
            f"SELECT id, no, title FROM task WHERE plan_id = ? AND {active('task')} ORDER BY no",
            [plan_id],
        ).fetchall()
        fill_combo(self.task_combo, [(f"{no} {title}", task_id) for task_id, no, title in rows])

    def apply(self, confirmed: bool) -> None:
        self.authoring.link_task(self.task_id, self.task_combo.currentData(), basis=self.basis)
        self.result_id = self.task_id
