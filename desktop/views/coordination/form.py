"""Shared parts of the coordination edit dialogs.

``FormDialog.accept()`` calls ``apply(confirmed)``: a ``UserError`` is shown in
the dialog (which stays open, nothing written); ``NeedsConfirmation`` asks
through ``ask_confirmation`` (tests monkeypatch it) and retries confirmed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from desktop.errors import UserError
from desktop.models import milestone_queries, report_queries
from desktop.models.coordination import NeedsConfirmation
from desktop.models.qt.domain_text import error_text
from desktop.views import dialogs
from desktop.views.coordination.undo import CoordinationActions


def ask_confirmation(parent: QWidget | None, text: str) -> bool:
    """Ask 是 / 否 (tests monkeypatch this function)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Coordination", "联动：请确认"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def date_edit(value: str | date | None = None) -> QDateEdit:
    """A date field: calendar popup, ISO display; impossible dates cannot be typed."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(to_qdate(value) if value else QDate.currentDate())
    return edit


def to_qdate(value: str | date) -> QDate:
    text = value.isoformat() if isinstance(value, date) else value
    return QDate.fromString(text, "yyyy-MM-dd")


def iso(edit: QDateEdit) -> str:
    return edit.date().toString("yyyy-MM-dd")


def find_milestone(db: Database, milestone_id: str) -> dict[str, Any] | None:
    """One milestone as ``milestone_queries.milestones`` shows it, reading only its task's rows."""
    row = db.execute("SELECT task_id FROM milestone WHERE id = ?", [milestone_id]).fetchone()
    if row is None:
        return None
    return next(
        (m for m in milestone_queries.milestones(db, row[0]) if m["id"] == milestone_id), None
    )


def find_report(db: Database, report_id: str) -> dict[str, Any] | None:
    """One report as ``report_queries.report_history`` shows it, reading only its task's rows."""
    row = db.execute("SELECT task_id FROM report WHERE id = ?", [report_id]).fetchone()
    if row is None:
        return None
    return next(
        (r for r in report_queries.report_history(db, row[0]) if r["id"] == report_id), None
    )


def fill_combo(combo: QComboBox, choices: list[tuple[str, Any]], current: Any = None) -> None:
    combo.clear()
    for label, value in choices:
        combo.addItem(label, value)
    if current is not None:
        index = combo.findData(current)
        if index >= 0:
            combo.setCurrentIndex(index)


class FormDialog(QDialog):
    """A form with an inline error line and 确定 / 取消."""

    def __init__(self, actions: CoordinationActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.store = actions.store
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = dialogs.ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        #: The id written by the last successful ``apply`` (for tests and callers).
        self.result_id: str | None = None

    def apply(self, confirmed: bool) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def accept(self) -> None:
        try:
            try:
                self.apply(False)
            except NeedsConfirmation as question:
                if not ask_confirmation(self, error_text(question)):
                    return
                self.apply(True)
        except UserError as exc:
            self.show_error(error_text(exc))
            return
        super().accept()

    def ok_button(self):  # noqa: ANN201 - Qt widget
        return dialogs.ok_button(self.buttons)


def note_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("color: #555;")
    # take the field column's full width: a Preferred label in a form stays at its
    # (narrow) size hint, wraps into a tall column and gets clipped
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(320)  # the dialog's first height comes from this width
    return label
