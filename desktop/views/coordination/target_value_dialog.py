"""Record a dated current value of a target (value, date, source unit)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit, QWidget

from desktop.models import coordination_views as cv
from desktop.models import target_queries
from desktop.models.qt.text import in_parens, with_note
from desktop.views.coordination.form import FormDialog, date_edit, fill_combo, iso, note_label
from desktop.views.coordination.undo import CoordinationActions

COMPARATORS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


def goal_text(target: dict, *, deadline: bool = True) -> str:
    """≥ 13000 个（2025-12-31）: the goal and, with ``deadline``, its deadline."""
    value = target["value"]
    number = "" if value is None else (f"{value:g}")
    by = in_parens(target["deadline"]) if deadline and target.get("deadline") else ""
    return f"{COMPARATORS.get(target['comparator'], '')} {number} {target['uom']}{by}".strip()


class TargetValueDialog(FormDialog):
    def __init__(
        self, actions: CoordinationActions, target_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(actions, parent)
        progress = target_queries.target_progress(self.store.db, target_id)
        target = progress["target"]
        self.target_id = target_id
        self.setWindowTitle(self.tr("录入目标数值"))
        self.form.addRow(self.tr("目标："), note_label(target["text"]))
        self.form.addRow(self.tr("目标值："), note_label(goal_text(target)))
        latest = progress["latest"]
        if latest:
            self.form.addRow(
                self.tr("最近数值："),
                note_label(with_note(f"{latest['value']:g} {target['uom']}", latest["as_of"])),
            )
        self.value_edit = QDoubleSpinBox()
        self.value_edit.setRange(-1e12, 1e12)
        self.value_edit.setDecimals(2)
        self.value_edit.setGroupSeparatorShown(True)
        self.value_edit.setSuffix(f" {target['uom']}" if target["uom"] else "")
        if latest:
            self.value_edit.setValue(latest["value"])
        self.form.addRow(self.tr("当前数值："), self.value_edit)
        self.date_edit = date_edit()
        self.form.addRow(self.tr("数据日期："), self.date_edit)
        self.unit_combo = QComboBox()
        units = [
            (name, uid) for uid, name, _role in cv.task_units(self.store.db, target["task_id"])
        ]
        fill_combo(self.unit_combo, [(self.tr("（未注明）"), None), *units])
        if units:
            self.unit_combo.setCurrentIndex(1)
        self.form.addRow(self.tr("来源单位："), self.unit_combo)
        self.note_edit = QLineEdit()
        self.form.addRow(self.tr("说明："), self.note_edit)

    def apply(self, confirmed: bool) -> None:
        self.result_id = self.actions.add_target_value(
            self.target_id,
            self.value_edit.value(),
            iso(self.date_edit),
            unit_id=self.unit_combo.currentData(),
            note=self.note_edit.text().strip(),
            confirm_negative=confirmed,
        )
