"""Qt item models of the coordination views: status lights, row tables, grouped trees.

Two small, generic models cover every list of the feature (milestones, reports,
targets, the dashboard's counts and lists, the 催报 list, the unit workspace):

- ``RowsModel``: a flat table of ``Row`` tuples, a status light on column 0;
- ``GroupTreeModel``: groups (e.g. 牵头 / 已逾期 / 阻碍我的) with ``Row`` children.

Both hold plain Python rows built by the views from the domain queries; they
never query the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from desktop.models import status as st
from desktop.models.lazy_sequence import KeptSequence, LazySequence
from desktop.models.qt.base import FlatTable, ReadOnlyHeaders
from desktop.models.qt.roles import ID_ROLE, SORT_ROLE
from desktop.models.qt.text import with_note

Index = QModelIndex | QPersistentModelIndex

#: Data role carrying a row's status (``desktop.models.status`` constant) or None.
STATUS_ROLE = Qt.ItemDataRole.UserRole + 10
#: Data role carrying a row's extra payload (e.g. a node key).
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 11

# Light colours: red / amber / green, grey for not scheduled, blue-grey for done.
STATUS_COLORS = {
    st.OVERDUE: "#d9372b",
    st.DUE_SOON: "#f2a20c",
    st.ON_TRACK: "#2f9e44",
    st.NOT_SCHEDULED: "#b4bac1",
    st.DONE: "#5b7bb5",
    st.AWAITING_SIGNOFF: "#8f6ccf",
}

_icons: dict[tuple[str, int], QIcon] = {}


def status_color(status: str | None) -> QColor:
    return QColor(STATUS_COLORS.get(status or "", "#b4bac1"))


# A target's state (``progress.target_state``) shown with the status lights.
TARGET_LIGHTS = {
    "missed": st.OVERDUE,
    "met_late": st.DUE_SOON,
    "open": st.ON_TRACK,
    "no_value": st.NOT_SCHEDULED,
    "met": st.DONE,
}


def target_state_label(state: str) -> str:
    """已达成 / 逾期达成 / 未达标 / 进行中 / 尚无数值 (translatable)."""
    labels = {
        "met": QCoreApplication.translate("Status", "已达成"),
        "met_late": QCoreApplication.translate("Status", "逾期达成"),
        "missed": QCoreApplication.translate("Status", "未达标"),
        "open": QCoreApplication.translate("Status", "进行中"),
        "no_value": QCoreApplication.translate("Status", "尚无数值"),
    }
    return labels.get(state, state)


def status_label(status: str | None) -> str:
    """逾期 / 临期 / 正常 / 未排期 / 已完成 (translatable)."""
    labels = {
        st.OVERDUE: QCoreApplication.translate("Status", "逾期"),
        st.DUE_SOON: QCoreApplication.translate("Status", "临期"),
        st.ON_TRACK: QCoreApplication.translate("Status", "正常"),
        st.NOT_SCHEDULED: QCoreApplication.translate("Status", "未排期"),
        st.DONE: QCoreApplication.translate("Status", "已完成"),
        st.AWAITING_SIGNOFF: QCoreApplication.translate("Status", "待销号"),
    }
    return labels.get(status or "", "")


def status_icon(status: str | None, size: int = 12) -> QIcon:
    """A round light of the status colour (cached; needs a QGuiApplication)."""
    key = (status or "", size)
    icon = _icons.get(key)
    if icon is None:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = status_color(status)
        painter.setPen(color.darker(130))
        painter.setBrush(color)
        painter.drawEllipse(1, 1, size - 2, size - 2)
        painter.end()
        icon = _icons[key] = QIcon(pixmap)
    return icon


@dataclass(slots=True)
class Row:
    """One row: display cells, a light, the record id, a tooltip, a payload."""

    cells: tuple[Any, ...]
    status: str | None = None
    record_id: str = ""
    tooltip: str = ""
    payload: Any = None
    # column -> status: colours that column's text (used by the count tables)
    colored: dict[int, str] = field(default_factory=dict)
    # columns showing a derived (default) value: grey italic
    muted: frozenset[int] = frozenset()


class BuiltRows(KeptSequence[Row]):
    """Rows of a list of entries (the dashboard's overdue milestones, at-risk tasks),
    each built by ``build(entry)`` when a view reads it (the last ``KEPT`` kept): a
    long list costs its entries, not a ``Row`` with label strings each. It takes edits
    in place as a list does (``insert``, ``del``, item assignment) of built ``Row``
    objects or entries (``RowsModel.set_rows``' edits); ``copy`` shares no list. ``shared``: the
    rows read ``entries`` itself (a list nobody changes: the dashboard's kept lists) and
    copy it before their first edit, instead of copying 45,000 entries at once."""

    __slots__ = ("_build", "_items", "_shared")

    def __init__(
        self, entries: Sequence[Any], build: Callable[[Any], Row], *, shared: bool = False
    ) -> None:
        super().__init__()
        self._shared = shared and isinstance(entries, list)
        self._items: list[Any] = entries if self._shared else list(entries)  # type: ignore[assignment]
        self._build = build

    def __len__(self) -> int:
        return len(self._items)

    def _item(self, index: int) -> Row:
        item = self._items[index]
        return item if isinstance(item, Row) else super()._item(index)

    def _make(self, index: int) -> Row:
        return self._build(self._items[index])

    def copy(self) -> BuiltRows:
        return BuiltRows(self._items, self._build)

    def adopt(self, rows: BuiltRows) -> None:
        """Build as ``rows`` do, whose entries equal these (the same edits applied)."""
        self._build = rows._build
        self._built.clear()

    def entries(self) -> list[Any]:
        """What the rows are built from, in order (an entry, or a ``Row`` put in)."""
        return list(self._items)

    def _own(self) -> list[Any]:
        """The entries, copied first when they are shared (before an edit)."""
        if self._shared:
            self._items, self._shared = list(self._items), False
        return self._items

    def insert(self, index: int, row: Row) -> None:
        self._own().insert(index, row)
        self._built.clear()

    def __delitem__(self, index: int) -> None:
        del self._own()[index]
        self._built.clear()

    def __setitem__(self, index: int, row: Row) -> None:
        self._own()[index] = row
        self._built.pop(index, None)


def _rows_only(edits: list[tuple]) -> bool:
    """Whether every insert or change of ``edits`` puts in a built ``Row``."""
    return all(isinstance(edit[2], Row) for edit in edits if edit[0] != "remove")


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


# Roles as plain ints: ``data`` runs for every cell and role a paint or a column fit asks
# for (thousands per dashboard visit), and an enum member lookup per comparison adds up.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_SORT = int(SORT_ROLE)
_ID = int(ID_ROLE)
_STATUS = int(STATUS_ROLE)
_PAYLOAD = int(PAYLOAD_ROLE)
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _cell_data(row: Row, column: int, role: int) -> Any:
    value = row.cells[column] if column < len(row.cells) else None
    if role == _DISPLAY:
        return _display(value)
    if role == _SORT:
        return value if isinstance(value, (int, float)) else _display(value)
    if role == _DECORATION:
        return status_icon(row.status) if column == 0 and row.status else None
    if role == _TOOLTIP:
        if row.tooltip:
            return row.tooltip
        return _display(value) or None
    if role == _ALIGNMENT:
        return _RIGHT_ALIGNED if isinstance(value, (int, float)) else None
    if role == _FOREGROUND:
        if column in row.colored and value:
            return QBrush(status_color(row.colored[column]).darker(115))
        return QBrush(QColor("#808080")) if column in row.muted else None
    if role == _FONT:
        if column in row.muted:
            font = QFont()
            font.setItalic(True)
            return font
        return None
    if role == _ID:
        return row.record_id
    if role == _STATUS:
        return row.status
    if role == _PAYLOAD:
        return row.payload
    return None


class RowsModel(FlatTable, QAbstractTableModel):
    """A read-only table of ``Row`` objects with fixed headers."""

    def __init__(
        self, headers: list[str], parent=None, *, header_tips: list[str] | None = None
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        #: A header's tooltip (e.g. the full name of a short column title).
        self._header_tips = list(header_tips or [])
        self._rows: Sequence[Row] = []
        self._source: Sequence[Row] | None = None  # the rows last given to ``set_rows``

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._header_tips)
        ):
            return self._header_tips[section] or None
        return super().headerData(section, orientation, role)

    #: More edits than this: a reset is cheaper than row-by-row signals.
    MAX_EDITS = 200

    def set_rows(
        self, rows: Sequence[Row], edits: tuple[Sequence[Row], list[tuple]] | None = None
    ) -> None:
        """Show ``rows``: a copy of a list or of ``BuiltRows``; another ``LazySequence``
        (rows built when read) kept as it is. ``edits`` (``dashboard_rows``'
        ``"edits"``): the list the rows follow from and, in order, ("remove", i) /
        ("insert", i, row) / ("change", i, row); applied in place — rows removed,
        inserted, changed, the views keep their scroll position and selection — when
        this model shows that very list (copied), else (or when there are many) the
        model is reset. ``BuiltRows`` also take ("insert", i, entry): the entry's row is
        built by ``rows``' build when a view reads it; their rows are then all built
        again when read (one ``dataChanged`` over them: an entry the edits left in place
        may show a changed task's labels)."""
        shown = self._rows
        if (
            edits is not None
            and edits[0] is self._source
            and (isinstance(shown, BuiltRows) or (isinstance(shown, list) and _rows_only(edits[1])))
            and len(edits[1]) <= self.MAX_EDITS
            and self._apply(shown, edits[1])
            and len(shown) == len(rows)
        ):
            self._source = rows
            if isinstance(rows, BuiltRows) and isinstance(shown, BuiltRows):
                shown.adopt(rows)  # the same rows: built from the new pass's snapshot
                if len(shown):  # (an entry left in place may read new labels: repainted)
                    last = len(self._headers) - 1
                    self.dataChanged.emit(self.index(0, 0), self.index(len(shown) - 1, last))
            return
        self.beginResetModel()
        if isinstance(rows, BuiltRows):  # edited in place later: not the caller's
            self._rows = rows.copy()
        else:
            self._rows = rows if isinstance(rows, LazySequence) else list(rows)
        self._source = rows
        self.endResetModel()

    def _apply(self, shown: list[Row] | BuiltRows, edits: list[tuple]) -> bool:
        root, last = QModelIndex(), len(self._headers) - 1
        for edit in edits:
            n = edit[1]
            if edit[0] == "remove":
                if not 0 <= n < len(shown):
                    return False
                self.beginRemoveRows(root, n, n)
                del shown[n]
                self.endRemoveRows()
            elif edit[0] == "insert":
                if not 0 <= n <= len(shown):
                    return False
                self.beginInsertRows(root, n, n)
                shown.insert(n, edit[2])
                self.endInsertRows()
            else:
                if not 0 <= n < len(shown):
                    return False
                shown[n] = edit[2]
                self.dataChanged.emit(self.index(n, 0), self.index(n, last))
        return True

    def row(self, row: int) -> Row:
        return self._rows[row]

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.record_id == record_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return _cell_data(self._rows[index.row()], index.column(), role)


@dataclass
class Group:
    key: str
    title: str
    rows: Sequence[Row] = field(default_factory=list)  # a list, or rows built when read
    status: str | None = None


class GroupTreeModel(ReadOnlyHeaders, QAbstractItemModel):
    """Two levels: groups (title with a count) and their rows.

    A group index carries internal id 0; a child carries its group number + 1.
    """

    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._groups: list[Group] = []

    def set_groups(self, groups: list[Group]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def group_index(self, key: str) -> QModelIndex:
        for number, group in enumerate(self._groups):
            if group.key == key:
                return self.createIndex(number, 0, 0)
        return QModelIndex()

    def group_rows(self, key: str) -> list[Row]:
        return next((list(g.rows) for g in self._groups if g.key == key), [])

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self._headers) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._groups):
                return QModelIndex()
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        group = parent.row()
        if group >= len(self._groups) or row >= len(self._groups[group].rows):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._groups[parent.row()].rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(self._headers)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return self.rowCount(parent) > 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = self._groups[index.row()]
            if index.column() != 0:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return with_note(group.title, len(group.rows))
            if role == Qt.ItemDataRole.DecorationRole and group.status:
                return status_icon(group.status)
            if role == ID_ROLE:
                return group.key
            if role == SORT_ROLE:
                return index.row()
            return None
        row = self._groups[index.internalId() - 1].rows[index.row()]
        return _cell_data(row, index.column(), role)
