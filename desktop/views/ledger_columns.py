"""视图 → 台账列: ledger columns (完成时限, 状态, 最新进展, 完成率, 最近填报) beside the
matrix's role cells, chosen by the user and remembered in the settings."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.models.matrix_ledger import ledger_values
from desktop.models.qt.coordination_models import status_label
from desktop.models.qt.matrix_model import LEDGER_COLUMNS, ledger_title
from desktop.views import settings as settings_schema

SETTING = "matrix/ledger_columns"


class LedgerColumns(QObject):
    """The 台账列 menu of a main window and the values of the shown columns."""

    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow
        super().__init__(window)
        self.window = window
        self.menu = QMenu(self.tr("台账列"), window)
        window.menu("view").addMenu(self.menu)
        saved = settings_schema.get(SETTING)
        self.actions: dict[str, QAction] = {}
        for key in LEDGER_COLUMNS:
            action = QAction(ledger_title(key), self.menu)
            action.setCheckable(True)
            action.setChecked(key in saved)
            action.toggled.connect(self._toggled)
            self.menu.addAction(action)
            self.actions[key] = action
        window.reloaded.connect(self.refresh)
        hub = getattr(window, "coordination", None)
        if hub is not None:
            hub.loaded.connect(self.refresh)
        self.refresh()

    def shown(self) -> tuple[str, ...]:
        return tuple(key for key, action in self.actions.items() if action.isChecked())

    def set_shown(self, keys: tuple[str, ...]) -> None:
        for key, action in self.actions.items():
            action.setChecked(key in keys)

    @Slot()
    def _toggled(self) -> None:
        settings_schema.put(SETTING, self.shown())
        self.refresh()
        self.window.fit_ledger_columns()

    @Slot()
    def refresh(self) -> None:
        """Recompute the shown columns' texts (after reloads and status passes)."""
        keys = self.shown()
        model = self.window.matrix_model
        if not keys:
            model.set_ledger((), {})
            return
        hub = getattr(self.window, "coordination", None)
        snapshot = hub.snapshot if hub is not None else None
        values = ledger_values(self.window.store.db, model.all_row_ids(), snapshot)
        for entry in values.values():
            entry["status"] = status_label(entry["status"]) if entry["status"] else ""
        model.set_ledger(keys, values)
