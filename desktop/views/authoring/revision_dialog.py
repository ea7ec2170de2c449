"""Review a revised plan: every change listed, each accepted or rejected, then applied.

The revised document is parsed and compared off the GUI thread (``revision_job``
on the job's own connection); the accepted changes are applied in one store
action (``revision.apply_revision``) with the revised document as 依据.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models import revision as rv
from desktop.models.qt.revision_model import RevisionModel
from desktop.models.store import Store
from desktop.views import dialogs
from desktop.views.jobs import on_own_store


def revision_job(db_path: Path, plan_id: str, path: str) -> rv.PlanDiff:
    """Background job: parse the revised document and compare it with the stored plan."""
    from desktop.importer import parse_file

    parsed = parse_file(Path(path))
    return on_own_store(db_path, rv.diff_plan, plan_id, parsed)


class RevisionDialog(QDialog):
    """The diff of a stored plan and its revised version, change by change."""

    def __init__(self, store: Store, diff: rv.PlanDiff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.diff = store, diff
        self.applied = 0
        self.setWindowTitle(self.tr("用修订版更新计划"))
        intro = QLabel(
            self.tr(
                "《{plan}》与修订版相比有 {n} 处变化（按内容匹配任务，序号变化的任务保留其"
                "里程碑、填报和依赖；删除的任务如已有记录则归档保留）。勾选要采用的变化："
            ).format(plan=diff.plan_title, n=len(diff.changes))
        )
        intro.setWordWrap(True)
        self.model = RevisionModel(self)
        self.model.set_changes(diff.changes)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 220)
        basis = QLabel(self.tr("依据：{0}").format(diff.basis))
        basis.setWordWrap(True)
        all_button = QPushButton(self.tr("全部采用"))
        none_button = QPushButton(self.tr("全部不采用"))
        all_button.clicked.connect(self.accept_all)
        none_button.clicked.connect(self.reject_all)
        row = QHBoxLayout()
        row.addWidget(all_button)
        row.addWidget(none_button)
        row.addStretch(1)
        self.buttons = dialogs.ok_cancel(self, self.tr("采用所选变化"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(basis)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(900, 560)

    @Slot()
    def accept_all(self) -> None:
        self.model.set_all(True)

    @Slot()
    def reject_all(self) -> None:
        self.model.set_all(False)

    def accept(self) -> None:
        try:
            self.applied = rv.apply_revision(self.store, self.diff, self.model.accepted())
        except UserError as exc:
            dialogs.show_error(self, exc)
            return
        super().accept()
