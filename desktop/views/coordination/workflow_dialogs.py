"""Dialogs of the 督办 workflow: 签收, 申请办结, 审核 (销号/退回), 延期申请, 审批,
报送周期. Each step is an append-only, dated and attributed record: it is not
undone with Ctrl+Z (a decision is answered by a new step)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from desktop.errors import UserError
from desktop.models import duban as du
from desktop.models import duban_queries as dq
from desktop.models.qt.domain_text import domain, node_label
from desktop.views.coordination.form import FormDialog, date_edit, fill_combo, iso, note_label
from desktop.views.coordination.undo import CoordinationActions


def _text_edit(placeholder: str, height: int = 72) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(height)
    return edit


def _assigned_units(db, task_id: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [
        (name, unit_id)
        for unit_id, name in db.execute(
            "SELECT DISTINCT u.id, u.name FROM assignment a JOIN item i ON i.id = a.item_id"
            " JOIN unit u ON u.id = a.unit_id WHERE i.task_id = ? AND u.kind != 'group'"
            " ORDER BY a.role = 'support', a.position",
            [task_id],
        )
    ]


def _items(db, task_id: str) -> list[tuple[str, str | None]]:  # noqa: ANN001
    rows = db.execute(
        "SELECT id, position, text FROM item WHERE task_id = ? ORDER BY position", [task_id]
    ).fetchall()
    choices: list[tuple[str, str | None]] = [
        (QCoreApplication.translate("WorkflowDialogs", "整项任务"), None)
    ]
    if len(rows) > 1:
        for item_id, pos, text in rows:
            short = text if len(text) <= 24 else text[:23] + "…"
            choices.append((f"{pos + 1}. {short}", item_id))
    return choices


class SigninDialog(FormDialog):
    """签收: the unit acknowledges the task and sees what changed since its last 签收."""

    def __init__(
        self, actions: CoordinationActions, task_id: str, unit_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(actions, parent)
        self.task_id = task_id
        self.setWindowTitle(self.tr("签收"))
        db = self.store.db
        self.form.addRow(self.tr("任务："), note_label(node_label(dq.work_label(db, task_id))))
        self.unit_combo = QComboBox()
        fill_combo(self.unit_combo, _assigned_units(db, task_id), unit_id)
        self.form.addRow(self.tr("签收单位："), self.unit_combo)
        self.changes = note_label("")
        self.form.addRow(self.tr("变化："), self.changes)
        self.unit_combo.currentIndexChanged.connect(self._show_changes)
        self._show_changes()

    def _show_changes(self) -> None:
        unit_id = self.unit_combo.currentData()
        if not unit_id:
            self.changes.setText(self.tr("（该任务没有可签收的单位）"))
            return
        last = dq.last_signin(self.store.db, self.task_id, None, unit_id)
        if last is None:
            self.changes.setText(self.tr("尚未签收。"))
            return
        changes = dq.changes_since(self.store.db, self.task_id, last)
        when = last["signed_at"][:16].replace("T", " ")
        if not changes:
            self.changes.setText(self.tr("已于 {0} 签收，此后本机没有记录到变化。").format(when))
            return
        elsewhere = self.tr("其他终端")  # (a pulled edit: its op carries no time)
        lines = [
            f"{c['at'][:16].replace('T', ' ') or elsewhere} {domain(c['what'])}"
            for c in changes[-8:]
        ]
        self.changes.setText(self.tr("上次签收 {0} 以来：").format(when) + "\n" + "\n".join(lines))

    def apply(self, confirmed: bool) -> None:
        unit_id = self.unit_combo.currentData()
        if not unit_id:
            raise UserError(self.tr("请选择签收单位。"))
        self.result_id = du.sign_in(self.store, self.task_id, unit_id)


class SignoffApplyDialog(FormDialog):
    """申请办结: the lead unit applies with evidence text."""

    def __init__(
        self, actions: CoordinationActions, task_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(actions, parent)
        self.task_id = task_id
        self.setWindowTitle(self.tr("申请办结"))
        db = self.store.db
        self.form.addRow(self.tr("任务："), note_label(node_label(dq.work_label(db, task_id))))
        self.item_combo = QComboBox()
        fill_combo(self.item_combo, _items(db, task_id))
        if self.item_combo.count() > 1:
            self.form.addRow(self.tr("范围："), self.item_combo)
        self.unit_combo = QComboBox()
        self.form.addRow(self.tr("申请单位："), self.unit_combo)
        self.evidence = _text_edit(self.tr("办结说明（必填）：办理结果、佐证材料名称等"), 96)
        self.form.addRow(self.tr("办结说明："), self.evidence)
        self.form.addRow(
            "", note_label(self.tr("由牵头单位申请；督办室审核通过（销号）后任务才算已完成。"))
        )
        self.item_combo.currentIndexChanged.connect(self._fill_units)
        self._fill_units()

    def _fill_units(self) -> None:
        db = self.store.db
        units = dq.closing_units(db, self.task_id, self.item_combo.currentData())
        fill_combo(self.unit_combo, sorted((dq.unit_name(db, u), u) for u in units))

    def apply(self, confirmed: bool) -> None:
        unit_id = self.unit_combo.currentData()
        if not unit_id:
            raise UserError(self.tr("该任务（事项）没有牵头单位，无法申请办结。"))
        self.result_id = du.apply_signoff(
            self.store, self.task_id, unit_id, self.evidence.toPlainText(),
            item_id=self.item_combo.currentData(),
        )  # fmt: skip


class DecisionDialog(FormDialog):
    """审核 an 办结 application (销号 / 退回) or 审批 an extension request (批准 / 不予批准)."""

    def __init__(
        self, actions: CoordinationActions, kind: str, record_id: str,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(actions, parent)
        self.kind, self.record_id = kind, record_id
        db = self.store.db
        if kind == "signoff":
            task = db.execute("SELECT task_id FROM signoff WHERE id = ?", [record_id]).fetchone()
            found = dq.signoffs(db, task_id=task[0]) if task else []
            row = next((r for r in found if r["id"] == record_id), None)
            if row is None:
                raise UserError(self.tr("办结申请不存在。"))
            self.setWindowTitle(self.tr("审核办结申请"))
            summary = self.tr("{label}\n{unit} 申请于 {at}：{text}").format(
                label=node_label(row["label"]), unit=row["unit_name"] or "", at=row["applied_at"][:10],
                text=row["evidence"],
            )  # fmt: skip
            yes, no = self.tr("审核通过，销号"), self.tr("退回")
        else:
            task = db.execute(
                "SELECT m.task_id FROM extension_request r JOIN milestone m"
                " ON m.id = r.milestone_id WHERE r.id = ?",
                [record_id],
            ).fetchone()
            found = dq.extension_requests(db, task_id=task[0]) if task else []
            row = next((r for r in found if r["id"] == record_id), None)
            if row is None:
                raise UserError(self.tr("延期申请不存在。"))
            self.setWindowTitle(self.tr("审批延期申请"))
            summary = self.tr("{label}“{ms}”\n{unit} 申请由 {old} 延至 {new}：{text}").format(
                label=node_label(row["label"]), ms=row["milestone_title"], unit=row["unit_name"] or "",
                old=row["old_due"] or "—", new=row["new_due"], text=row["reason"],
            )  # fmt: skip
            yes, no = self.tr("批准"), self.tr("不予批准")
        self.form.addRow(self.tr("申请："), note_label(summary))
        self.approve = QRadioButton(yes)
        self.refuse = QRadioButton(no)
        self.approve.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.approve)
        group.addButton(self.refuse)
        choice = QHBoxLayout()
        choice.addWidget(self.approve)
        choice.addWidget(self.refuse)
        choice.addStretch(1)
        self.form.addRow(self.tr("结果："), choice)
        self.reason = _text_edit(self.tr("意见（退回或不予批准时必填）"))
        self.form.addRow(self.tr("意见："), self.reason)

    def apply(self, confirmed: bool) -> None:
        approve = self.approve.isChecked()
        reason = self.reason.toPlainText()
        if self.kind == "signoff":
            self.result_id = du.decide_signoff(self.store, self.record_id, approve, reason)
        else:
            self.result_id = du.decide_extension(self.store, self.record_id, approve, reason)


class ExtensionRequestDialog(FormDialog):
    """延期申请: a unit asks, before the due date, with a reason."""

    def __init__(
        self, actions: CoordinationActions, milestone_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(actions, parent)
        self.milestone_id = milestone_id
        self.setWindowTitle(self.tr("申请延期"))
        db = self.store.db
        ms = next(db.query("SELECT * FROM milestone WHERE id = ?", [milestone_id]), None)
        if ms is None:
            raise UserError(self.tr("里程碑不存在。"))
        current = ms["current_due"] or ms["due"]
        self.form.addRow(self.tr("里程碑："), note_label(
            node_label(f"{dq.work_label(db, ms['task_id'])}“{ms['title']}”")))  # fmt: skip
        self.form.addRow(self.tr("当前截止："), note_label(current or self.tr("（未排期）")))
        self.unit_combo = QComboBox()
        units = _assigned_units(db, ms["task_id"])
        fill_combo(self.unit_combo, units, ms["owner_unit_id"])
        self.form.addRow(self.tr("申请单位："), self.unit_combo)
        start = date.fromisoformat(current) if current else date.today()
        self.new_due = date_edit(start + timedelta(days=30))
        self.form.addRow(self.tr("申请延至："), self.new_due)
        self.reason = _text_edit(self.tr("延期理由（必填）"))
        self.form.addRow(self.tr("理由："), self.reason)
        self.form.addRow(
            "", note_label(self.tr("截止日期前提出；督办室批准后截止日期才改变，原定日期保留。"))
        )

    def apply(self, confirmed: bool) -> None:
        unit_id = self.unit_combo.currentData()
        if not unit_id:
            raise UserError(self.tr("请选择申请单位。"))
        self.result_id = du.request_extension(
            self.store, self.milestone_id, unit_id, iso(self.new_due), self.reason.toPlainText()
        )


class CycleDialog(FormDialog):
    """A task's reporting cycle (每月 by default) and its due day."""

    def __init__(
        self, actions: CoordinationActions, task_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(actions, parent)
        self.task_id = task_id
        self.setWindowTitle(self.tr("报送周期"))
        db = self.store.db
        every, due_day, due_date = dq.cycle_of(db, task_id)
        self.form.addRow(self.tr("任务："), note_label(node_label(dq.work_label(db, task_id))))
        self.every = QComboBox()
        labels = {
            "month": self.tr("每月"), "week": self.tr("每周"), "2weeks": self.tr("每两周"),
            "quarter": self.tr("每季度"), "once": self.tr("一次性"),
        }  # fmt: skip
        fill_combo(self.every, [(labels[c], c) for c in du.CYCLES], every)
        self.form.addRow(self.tr("周期："), self.every)
        self.due_day = QSpinBox()
        self.due_day.setRange(0, 31)
        self.due_day.setSpecialValueText(self.tr("期末"))
        self.due_day.setValue(due_day or 0)
        self.due_day.setToolTip(self.tr("每月/每季末月的第几日前；每周/两周为星期几（1–7）前"))
        self.form.addRow(self.tr("报送日："), self.due_day)
        self.due_date = date_edit(due_date)
        self.form.addRow(self.tr("一次性期限："), self.due_date)
        self.every.currentIndexChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        once = self.every.currentData() == "once"
        self.due_day.setEnabled(not once)
        self.due_date.setEnabled(once)

    def apply(self, confirmed: bool) -> None:
        every = self.every.currentData()
        once = every == "once"
        self.result_id = du.set_cycle(
            self.store, self.task_id, every,
            due_day=None if once or not self.due_day.value() else self.due_day.value(),
            due_date=iso(self.due_date) if once else None,
        )  # fmt: skip
