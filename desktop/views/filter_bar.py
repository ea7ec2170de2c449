"""Filters over the matrix: unit, role, plan/section, and full-text search.

Combo data for "any" is "" rather than None (see ``UnitChoiceModel``); the
properties turn it back into None.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.models.qt.plan_tree_model import TreeData
from desktop.models.qt.roles import role_label
from desktop.models.qt.scope_choices import ScopeChoiceModel
from desktop.models.qt.unit_models import UnitChoiceModel
from desktop.views.unit_completer import install_unit_completer

SEARCH_DELAY_MS = 250


class FilterBar(QWidget):
    """Emits ``changed`` whenever a filter changes (search is debounced)."""

    #: Any filter changed; read ``unit_id``, ``role``, ``scope`` and ``search_text``.
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit_combo = QComboBox()
        self.unit_combo.setEditable(True)
        self.unit_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit_combo.setMinimumContentsLength(6)
        self.unit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.unit_choices = UnitChoiceModel(self.tr("全部单位"), self)
        self.unit_combo.setModel(self.unit_choices)
        self.unit_completer = install_unit_completer(self.unit_combo, self.unit_choices)
        self.role_combo = QComboBox()
        self.role_combo.addItem(self.tr("全部职责"), "")
        for role in ("lead", "support", "responsible"):
            self.role_combo.addItem(role_label(role), role)
        self.scope_combo = QComboBox()
        # the plan tree's plan and section nodes, entries built when read: 2,000 plans with
        # 14,000 sections were 16,000 ``addItem`` calls (~0.4 s of the GUI thread), then a
        # list of 16,000 entries (~0.15 s and ~4 MB) each time the plans were read
        self.scope_choices = ScopeChoiceModel(self.tr("全部计划"), self)
        self.scope_combo.setModel(self.scope_choices)
        self.scope_combo.setMinimumContentsLength(8)
        self.scope_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("全文搜索任务（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.clear_button = QPushButton(self.tr("清除筛选"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(self.tr("单位：")))
        layout.addWidget(self.unit_combo, 2)
        layout.addWidget(QLabel(self.tr("职责：")))
        layout.addWidget(self.role_combo)
        layout.addWidget(QLabel(self.tr("范围：")))
        layout.addWidget(self.scope_combo, 3)
        self.search_label = QLabel(self.tr("搜索："))
        layout.addWidget(self.search_label)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.clear_button)
        self._loading = False
        self.unit_combo.currentIndexChanged.connect(self._emit_changed)
        self.unit_combo.lineEdit().editingFinished.connect(self._unit_typed)
        self.unit_completer.activated[str].connect(self._unit_completed)
        self.role_combo.currentIndexChanged.connect(self._emit_changed)
        self.scope_combo.currentIndexChanged.connect(self._emit_changed)
        self.search.textChanged.connect(self._search_edited)
        self.search.returnPressed.connect(self._emit_changed)
        self.clear_button.clicked.connect(self.clear)

    # -- contents ----------------------------------------------------------------

    def set_units(self, units: list[tuple[str, str]]) -> None:
        """(id, name) pairs, in the order to list them."""
        current = self.unit_id
        self._loading = True
        self.unit_choices.set_units(units)
        self._select_data(self.unit_combo, current)
        self._loading = False

    def set_scopes(self, tree: TreeData) -> None:
        """The plans and sections of the plan tree; an entry filters by plan or section."""
        current = self.scope_combo.currentData()
        self._loading = True
        self.scope_choices.set_tree(tree)
        self._select_data(self.scope_combo, current)
        self._loading = False

    @staticmethod
    def _select_data(combo: QComboBox, data: Any) -> None:
        index = combo.findData(data) if data else 0
        combo.setCurrentIndex(max(index, 0))

    # -- state ----------------------------------------------------------------------

    @property
    def unit_id(self) -> str | None:
        return self.unit_combo.currentData() or None

    @property
    def role(self) -> str | None:
        return self.role_combo.currentData() or None

    @property
    def scope(self) -> tuple[str, str] | None:
        data = self.scope_combo.currentData()
        if not data:
            return None
        kind, _, record_id = data.partition(":")
        return kind, record_id

    @property
    def search_text(self) -> str:
        return self.search.text().strip()

    def set_unit(self, unit_id: str | None) -> None:
        """Filter by a unit (emits ``changed`` once, also when it was already chosen)."""
        before = self.unit_combo.currentIndex()
        self._select_data(self.unit_combo, unit_id)
        if self.unit_combo.currentIndex() == before:
            self._emit_changed()

    def set_role(self, role: str | None) -> None:
        self._select_data(self.role_combo, role)

    def set_scope(self, kind: str | None, record_id: str = "") -> None:
        """Filter by a plan or a section (``kind`` "plan"/"section"), or ``None`` for all."""
        self._select_data(self.scope_combo, f"{kind}:{record_id}" if kind else None)

    @Slot()
    def clear(self) -> None:
        self._loading = True
        self.unit_combo.setCurrentIndex(0)
        self.role_combo.setCurrentIndex(0)
        self.scope_combo.setCurrentIndex(0)
        self.search.clear()
        self._loading = False
        self._emit_changed()

    # -- signals -------------------------------------------------------------------

    @Slot()
    def _unit_typed(self) -> None:
        """Enter or focus-out in the unit box: choose the unit the text names."""
        if self.unit_completer.popup().isVisible():
            return  # the completer's choice follows (``_unit_completed``)
        combo = self.unit_combo
        text = combo.currentText().strip()
        index = combo.findText(text, Qt.MatchFlag.MatchExactly) if text else 0
        if index < 0:
            # a part of one unit's name chooses it; anything else keeps the current unit
            matches = [r for r in range(1, combo.count()) if text in combo.itemText(r)]
            index = matches[0] if len(matches) == 1 else combo.currentIndex()
        combo.setCurrentIndex(index)  # emits ``changed`` when the unit changed
        combo.setEditText(combo.itemText(index))

    @Slot(str)
    def _unit_completed(self, name: str) -> None:
        index = self.unit_combo.findText(name, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.unit_combo.setCurrentIndex(index)
            self.unit_combo.setEditText(name)

    @Slot(str)
    def _search_edited(self, _text: str) -> None:
        self._timer.start()

    @Slot()
    def _emit_changed(self) -> None:
        self._timer.stop()
        if not self._loading:
            self.changed.emit()
