"""Link a predecessor (task, item or milestone) to a successor, finish-to-start with a lag."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QSpinBox, QWidget

from desktop.errors import UserError
from desktop.models import coordination as co
from desktop.models import coordination_views as cv
from desktop.models.qt.domain_text import node_label
from desktop.views.coordination.form import FormDialog, fill_combo, note_label
from desktop.views.coordination.undo import CoordinationActions


def node_key(node: tuple[str, str] | None) -> str | None:
    """Combo data for a node: ``"kind:id"`` (tuples do not survive QVariant)."""
    return f"{node[0]}:{node[1]}" if node else None


def _node_combo(choices: list[tuple[str, tuple[str, str]]], current: object) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    fill_combo(combo, choices, current)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setMinimumContentsLength(36)
    return combo


class DependencyDialog(FormDialog):
    def __init__(
        self,
        actions: CoordinationActions,
        pred: tuple[str, str] | None = None,
        succ: tuple[str, str] | None = None,
        plan_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(actions, parent)
        self.setWindowTitle(self.tr("添加依赖"))
        choices = [
            (node_label(label), node_key(node))
            for label, node in cv.node_choices(self.store.db, plan_id)
        ]
        self.pred_combo = _node_combo(choices, node_key(pred))
        self.succ_combo = _node_combo(choices, node_key(succ))
        if succ is None and self.succ_combo.count() > 1:
            self.succ_combo.setCurrentIndex(-1)
        self.form.addRow(self.tr("前置（先完成）："), self.pred_combo)
        self.form.addRow(self.tr("后续（再开始）："), self.succ_combo)
        self.lag_edit = QSpinBox()
        self.lag_edit.setRange(co.MIN_LAG_DAYS, co.MAX_LAG_DAYS)  # negative: 提前
        self.lag_edit.setSuffix(self.tr(" 天"))
        self.form.addRow(self.tr("间隔："), self.lag_edit)
        self.form.addRow(
            "", note_label(self.tr("完成—开始：前置完成后（加间隔天数）后续才能开始。"))
        )

    def apply(self, confirmed: bool) -> None:
        pred, succ = self.pred_combo.currentData(), self.succ_combo.currentData()
        if pred is None or succ is None:
            raise UserError(self.tr("请选择前置和后续事项。"))
        pk, _, pid = pred.partition(":")
        sk, _, sid = succ.partition(":")
        self.result_id = self.actions.add_dependency((pk, pid), (sk, sid), self.lag_edit.value())
