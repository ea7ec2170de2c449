"""Editing units from the unit view: rename, kind, aliases, merge two spellings.

Each dialog returns plain values; ``UnitEditing`` turns them into one store
action (``Store.edit_unit`` / ``Store.merge_units``), so a unit edit is one
transaction in the change log like every other edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from desktop.errors import UserError
from desktop.models import queries
from desktop.models.qt.roles import ID_ROLE
from desktop.models.qt.unit_models import UnitChoiceModel
from desktop.views import dialogs
from desktop.views.coordination.undo import ChangedCommand, _StoreCommand

KINDS = ("bureau", "district", "county", "enterprise", "group", "other")


def kind_labels() -> dict[str, str]:
    """Unit kind → its translated label."""
    return {
        "bureau": QCoreApplication.translate("UnitKind", "委办局"),
        "district": QCoreApplication.translate("UnitKind", "城区/开发区"),
        "county": QCoreApplication.translate("UnitKind", "县（市）"),
        "enterprise": QCoreApplication.translate("UnitKind", "企业"),
        "group": QCoreApplication.translate("UnitKind", "泛指（如各电信运营商）"),
        "other": QCoreApplication.translate("UnitKind", "其他"),
    }


class UnitEditDialog(QDialog):
    """Name, kind and aliases of one unit."""

    def __init__(self, unit: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑单位"))
        self.name = QLineEdit(unit["name"])
        self.kind = QComboBox()
        for key, label in kind_labels().items():
            self.kind.addItem(label, key)
        kind = unit.get("kind", "other")
        self.kind.setCurrentIndex(KINDS.index(kind) if kind in KINDS else len(KINDS) - 1)
        self.aliases = QPlainTextEdit("\n".join(unit.get("aliases", [])))
        self.aliases.setPlaceholderText(
            self.tr("每行一个别名，如“长春市政务服务和数字化建设管理局”")
        )
        self.aliases.setMinimumHeight(90)
        form = QFormLayout(self)
        form.addRow(self.tr("名称："), self.name)
        form.addRow(self.tr("类型："), self.kind)
        form.addRow(self.tr("别名："), self.aliases)
        hint = QLabel(self.tr("改名后旧名称自动保留为别名，以后导入的文件仍能对应到本单位。"))
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(dialogs.ok_cancel(self))
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "kind": self.kind.currentData() or "other",
            "aliases": [a.strip() for a in self.aliases.toPlainText().splitlines() if a.strip()],
        }


class MergeUnitDialog(QDialog):
    """Pick the unit that ``drop`` is merged into (typing filters the list)."""

    def __init__(
        self, drop: dict[str, Any], others: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("合并单位"))
        self.choices = UnitChoiceModel(self.tr("（请选择）"), self)
        self.choices.set_units(others)
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.setModel(self.choices)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.choices, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.target.setCompleter(completer)
        form = QFormLayout(self)
        text = self.tr("把“{name}”合并到：").format(name=drop["name"])
        form.addRow(QLabel(text))
        form.addRow(self.target)
        note = QLabel(
            self.tr(
                "“{name}”的牵头、配合、责任分工将转到所选单位（重复的合并为一条），"
                "其名称和别名成为所选单位的别名，然后删除“{name}”。"
            ).format(name=drop["name"])
        )
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(dialogs.ok_cancel(self))
        self.resize(460, self.sizeHint().height())

    def target_id(self) -> str:
        """The chosen unit's id: an exact name, else the only name containing the
        typed text; "" when nothing (or several) match."""
        text = self.target.currentText().strip()
        if not text:
            return ""
        partial: list[str] = []
        for row in range(1, self.choices.rowCount()):
            index = self.choices.index(row, 0)
            name = index.data()
            if name == text:
                return index.data(Qt.ItemDataRole.UserRole)
            if text in name:
                partial.append(index.data(Qt.ItemDataRole.UserRole))
        return partial[0] if len(partial) == 1 else ""


class _MergeCommand(_StoreCommand):
    """Undo re-creates the merged unit (same id, assignments, references); redo merges again."""

    def __init__(self, actions, keep_id: str, drop_id: str, undo: dict[str, Any]) -> None:  # noqa: ANN001
        super().__init__(actions, QCoreApplication.translate("UnitActions", "合并单位"))
        self._keep, self._drop, self._undo = keep_id, drop_id, undo

    def do_undo(self) -> None:
        self.store.unmerge_units(self._undo)

    def do_redo(self) -> None:
        self._undo = self.store.merge_units(self._keep, self._drop).undo


class UnitEditing:
    """Context menu and actions on the unit view of a main window."""

    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow (avoids an import cycle)
        self.window = window
        window.on_unit_panel(self._attach)  # the 单位 page is built on its first visit
        self.edit_action = QAction(QCoreApplication.translate("UnitActions", "编辑单位…"), window)
        self.edit_action.triggered.connect(self.edit_current)
        self.merge_action = QAction(
            QCoreApplication.translate("UnitActions", "合并到其他单位…"), window
        )
        self.merge_action.triggered.connect(self.merge_current)
        window.add_menu_action("tools", self.edit_action)
        window.add_menu_action("tools", self.merge_action)

    def _attach(self, panel) -> None:  # noqa: ANN001 - UnitPanel
        table = panel.unit_table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)

    def _current_unit(self) -> dict[str, Any] | None:
        index = self.window.unit_panel.unit_table.currentIndex()
        unit_id = index.siblingAtColumn(0).data(ID_ROLE) if index.isValid() else ""
        if not unit_id:
            dialogs.show_info(
                self.window,
                QCoreApplication.translate("UnitActions", "请先在单位列表中选择一个单位。"),
            )
            return None
        summaries = queries.unit_summaries(self.window.store.db)
        return next((u for u in summaries if u["id"] == unit_id), None)

    @Slot(QPoint)
    def _context_menu(self, pos: QPoint) -> None:
        table = self.window.unit_panel.unit_table
        if not table.indexAt(pos).isValid():
            return
        table.setCurrentIndex(table.indexAt(pos))
        menu = QMenu(table)
        menu.addAction(self.edit_action)
        menu.addAction(self.merge_action)
        menu.exec(table.viewport().mapToGlobal(pos))

    def _push(self, command) -> None:  # noqa: ANN001 - a QUndoCommand
        """Unit edits share the window's undo stack (Ctrl+Z) with every other edit."""
        self.window.undo_stack.push(command)

    def edit(self, unit: dict[str, Any], values: dict[str, Any]) -> bool:
        store = self.window.store
        try:
            store.edit_unit(unit["id"], **values)
        except UserError as exc:
            dialogs.show_error(self.window, exc)
            return False
        hub = getattr(self.window, "coordination", None)
        if hub is not None:
            old = {"name": unit["name"], "kind": unit["kind"], "aliases": list(unit["aliases"])}
            new = store._unit(unit["id"])
            new = {"name": new["name"], "kind": new["kind"], "aliases": new["aliases"]}

            def apply(fields: dict[str, Any]) -> None:
                store.edit_unit(unit["id"], keep_old_name=False, **fields)

            text = QCoreApplication.translate("UnitActions", "编辑单位")
            self._push(ChangedCommand(hub.actions, text, apply, old, new))
        return True

    def merge(self, keep_id: str, drop_id: str) -> bool:
        try:
            result = self.window.store.merge_units(keep_id, drop_id)
        except UserError as exc:
            dialogs.show_error(self.window, exc)
            return False
        hub = getattr(self.window, "coordination", None)
        if hub is not None:
            self._push(_MergeCommand(hub.actions, keep_id, drop_id, result.undo))
        return True

    @Slot()
    def edit_current(self) -> None:
        unit = self._current_unit()
        if unit is None:
            return
        dialog = UnitEditDialog(unit, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.edit(unit, dialog.values())

    @Slot()
    def merge_current(self) -> None:
        unit = self._current_unit()
        if unit is None:
            return
        others = [
            (u["id"], u["name"])
            for u in queries.unit_summaries(self.window.store.db)
            if u["id"] != unit["id"]
        ]
        dialog = MergeUnitDialog(unit, sorted(others, key=lambda u: u[1]), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        keep = dialog.target_id()
        if not keep:
            dialogs.show_info(
                self.window,
                QCoreApplication.translate("UnitActions", "没有选择要合并到的单位，未做更改。"),
            )
            return
        self.merge(keep, unit["id"])
