"""Editable models over a parsed (not yet committed) plan, for the import preview.

Both models edit the same ``ParsedPlan`` in place; the dialog commits it with
``Store.import_plan(parsed)``. ``PlanEdits`` notifies both models of a change.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.importer.abbreviations import MergeSuggestion, suggest_merges
from desktop.importer.model import ROLES, ParsedPlan, ParsedUnitRef
from desktop.models.qt.base import FlatTable
from desktop.models.qt.roles import role_background, role_foreground, role_label
from desktop.models.queries import short_title

Index = QModelIndex | QPersistentModelIndex

EDIT_ROLE = Qt.ItemDataRole.EditRole


def empty_name_message() -> str:
    return QCoreApplication.translate(
        "PlanEdits", "单位名称不能为空；要去掉一个单位，请用“删除所选单位”。"
    )


class PlanEdits(QObject):
    """The parsed plan under correction, shared by the preview models."""

    #: Emitted after any unit name/role change or removal.
    changed = Signal()
    #: An edit was refused (a short message for the dialog's status line).
    refused = Signal(str)

    def __init__(self, parsed: ParsedPlan, known_names: set[str], parent=None) -> None:
        super().__init__(parent)
        self.parsed = parsed
        self.known_names = known_names

    def replace_plan(self, parsed: ParsedPlan) -> None:
        """Show another parse of the same document (e.g. another task level)."""
        self.parsed = parsed
        self.changed.emit()

    def rename_everywhere(self, old: str, new: str) -> None:
        """Every occurrence of unit ``old`` in the plan becomes ``new``."""
        if new == old:
            return
        for task in self.parsed.tasks:
            for item in task.items:
                for ref in item.units:
                    if ref.name == old:
                        ref.name = new
        self.changed.emit()

    def task_label(self, task_index: int) -> str:
        """The number a person reads: the number, or the outline position when the
        numbering restarts in each section."""
        tasks = self.parsed.tasks
        numbers = [t.no for t in tasks]
        task = tasks[task_index]
        if len(set(numbers)) == len(numbers):
            return str(task.no)
        return task.outline_key()


class PreviewAssignmentsModel(FlatTable, QAbstractTableModel):
    """One row per unit named in an attribution. Columns: 任务, 内容, 单位, 职责."""

    TASK, TEXT, UNIT, ROLE = range(4)
    EDITABLE_COLUMNS = frozenset({UNIT, ROLE})

    def __init__(self, edits: PlanEdits, parent=None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("任务"), self.tr("内容"), self.tr("单位"), self.tr("职责"))
        self._edits = edits
        self._rows: list[tuple[int, int, int]] = []
        self._rebuild()
        edits.changed.connect(self._on_changed)

    def _rebuild(self) -> None:
        self._rows = [
            (t, i, r)
            for t, task in enumerate(self._edits.parsed.tasks)
            for i, item in enumerate(task.items)
            for r in range(len(item.units))
        ]

    def _on_changed(self) -> None:
        if not self._editing:
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()

    _editing = False

    def _notify_others(self) -> None:
        """Tell the other models of an edit made here (this one is already up to date)."""
        self._editing = True
        try:
            self._edits.changed.emit()
        finally:
            self._editing = False

    def ref(self, row: int) -> ParsedUnitRef:
        t, i, r = self._rows[row]
        return self._edits.parsed.tasks[t].items[i].units[r]

    def _label(self, t: int, i: int) -> tuple[str, str]:
        task = self._edits.parsed.tasks[t]
        number = self._edits.task_label(t)
        if len(task.items) > 1:
            return f"{number}-{i + 1}", task.items[i].text
        return number, task.title

    def _task_note(self, t: int) -> str | None:
        """责任领导 and 完成时限 of the task, when the plan names them."""
        task = self._edits.parsed.tasks[t]
        parts = []
        if task.leaders:
            parts.append(self.tr("责任领导：{0}").format(self.tr("、").join(task.leaders)))
        if task.deadline:
            parts.append(self.tr("完成时限：{0}").format(task.deadline))
        return "\n".join(parts) or None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        t, i, _r = self._rows[index.row()]
        ref = self.ref(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            no, text = self._label(t, i)
            return (no, short_title(text, 30), ref.name, role_label(ref.role))[column]
        if role == EDIT_ROLE:
            if column == self.UNIT:
                return ref.name
            if column == self.ROLE:
                return ref.role
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TEXT:
                return self._label(t, i)[1]
            if column == self.TASK:
                return self._task_note(t)
            if column == self.UNIT and ref.name not in self._edits.known_names:
                return self.tr("新单位：导入时将新建")
            return None
        if column == self.ROLE and role == Qt.ItemDataRole.BackgroundRole:
            return role_background(ref.role)
        if column == self.ROLE and role == Qt.ItemDataRole.ForegroundRole:
            return role_foreground(ref.role)
        return None

    def setData(self, index: Index, value, role: int = EDIT_ROLE) -> bool:  # noqa: N802
        if not index.isValid() or role != EDIT_ROLE:
            return False
        ref = self.ref(index.row())
        if index.column() == self.UNIT:
            name = str(value or "").strip()
            if not name:
                self._edits.refused.emit(empty_name_message())
                return False
            ref.name = name
        elif index.column() == self.ROLE:
            if value not in ROLES:
                return False
            ref.role = str(value)
        else:
            return False
        self.dataChanged.emit(index, index)
        self._notify_others()
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        if parent.isValid() or row < 0 or count <= 0 or row + count > len(self._rows):
            return False
        doomed = [self.ref(r) for r in range(row, row + count)]
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        for t, i, _r in {(t, i, 0) for t, i, _ in self._rows[row : row + count]}:
            item = self._edits.parsed.tasks[t].items[i]
            item.units = [u for u in item.units if not any(u is d for d in doomed)]
        self._rebuild()
        self.endRemoveRows()
        self._notify_others()
        return True


class PreviewUnitsModel(FlatTable, QAbstractTableModel):
    """Distinct unit names of the parsed plan: 单位, 状态 (新单位 / 已有), 出现次数.

    Editing a name here renames every occurrence in the plan.
    """

    EDITABLE_COLUMNS = frozenset({0})

    def __init__(self, edits: PlanEdits, parent=None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("单位"), self.tr("状态"), self.tr("次数"))
        self._edits = edits
        self._rows: list[str] = []  # distinct unit names, in order of first use
        self._uses: dict[str, int] = {}
        self._rebuild()
        edits.changed.connect(self._on_changed)

    def _rebuild(self) -> None:
        self._uses = {}
        for task in self._edits.parsed.tasks:
            for item in task.items:
                for ref in item.units:
                    self._uses[ref.name] = self._uses.get(ref.name, 0) + 1
        self._rows = list(self._uses)

    def _on_changed(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def is_new(self, name: str) -> bool:
        return name not in self._edits.known_names

    def new_count(self) -> int:
        return sum(1 for name in self._rows if self.is_new(name))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        name = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            status = self.tr("新单位") if self.is_new(name) else self.tr("已有")
            return (name, status, self._uses[name])[index.column()]
        if role == EDIT_ROLE and index.column() == 0:
            return name
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and self.is_new(name):
            return role_background("lead")
        return None

    def setData(self, index: Index, value, role: int = EDIT_ROLE) -> bool:  # noqa: N802
        if not index.isValid() or role != EDIT_ROLE or index.column() != 0:
            return False
        old, new = self._rows[index.row()], str(value or "").strip()
        if not new:
            self._edits.refused.emit(empty_name_message())
            return False
        self._edits.rename_everywhere(old, new)  # resets this model and the others
        return True


class MergeSuggestionsModel(FlatTable, QAbstractTableModel):
    """Units of the plan that are probably the same as an existing unit or as
    another name in the plan (市发改委 / 市发展和改革委员会). Nothing is merged
    until the user picks a suggestion."""

    NAME, SAME_AS, WHY = range(3)

    def __init__(self, edits: PlanEdits, parent=None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("单位"), self.tr("可能是"), self.tr("依据"))
        self._edits = edits
        self._rows: list[MergeSuggestion] = []
        self._rebuild()
        edits.changed.connect(self._on_changed)

    def _rebuild(self) -> None:
        self._rows = suggest_merges(self._edits.parsed.unit_names(), self._edits.known_names)

    def _on_changed(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def suggestion(self, row: int) -> MergeSuggestion:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        s = self._rows[index.row()]
        why = self.tr("已有单位，简称与全称") if s.existing else self.tr("本计划中的另一种写法")
        return (s.name, s.same_as, why)[index.column()]

    def apply(self, row: int) -> None:
        """Merge: every occurrence of the suggestion's name takes the other name."""
        s = self._rows[row]
        self._edits.rename_everywhere(s.name, s.same_as)
