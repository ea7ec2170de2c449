"""Qt side of the 督办 workflow: the all-units table (红黄绿灯表) as a table model,
and the configurable colours of the three-colour scheme (蓝 临近时限 · 黄 未达序时 ·
红 逾期未办结; a text mark is always shown beside the colour)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.models import status as st
from desktop.models import unit_lights as ul
from desktop.models.qt.base import FlatTable, Index
from desktop.models.qt.roles import ID_ROLE, SORT_ROLE

#: Built-in colours of the lights; the user's choice (settings ``duban/colour_red`` etc.,
#: declared in ``desktop.views.settings``) is handed in with ``use_colours``.
COLOUR_DEFAULTS = {"red": "#d9372b", "yellow": "#e0a800", "blue": "#1c7ed6", "green": "#2f9e44"}
_chosen: dict[str, QColor] = {}


def use_colours(chosen: dict[str, str]) -> None:
    """The colours to show instead of the built-in ones (name → colour text); an
    unknown name or a text that is no colour is ignored (the built-in one shows)."""
    _chosen.clear()
    for name, value in chosen.items():
        color = QColor(str(value))
        if name in COLOUR_DEFAULTS and value and color.isValid():
            _chosen[name] = color


def is_colour(value: str) -> bool:
    """Whether ``value`` names a colour (#rrggbb, or a name such as ``red``)."""
    return bool(value) and QColor(value).isValid()


def colour(name: str) -> QColor:
    """The colour of ``red`` / ``yellow`` / ``blue`` / ``green`` (the chosen or built-in one)."""
    return QColor(_chosen.get(name) or QColor(COLOUR_DEFAULTS[name]))


def colour_mark(name: str | None) -> str:
    """红·逾期未办结 / 黄·未达序时 / 蓝·临近时限 (translatable); '' for none."""
    marks = {
        "red": QCoreApplication.translate("Duban", "红·逾期未办结"),
        "yellow": QCoreApplication.translate("Duban", "黄·未达序时"),
        "blue": QCoreApplication.translate("Duban", "蓝·临近时限"),
        "green": QCoreApplication.translate("Duban", "绿·正常"),
    }
    return marks.get(name or "", "")


def headers() -> list[str]:
    return [
        QCoreApplication.translate("Duban", "单位"),
        QCoreApplication.translate("Duban", "灯"),
        QCoreApplication.translate("Duban", "联络员"),
        QCoreApplication.translate("Duban", "电话"),
        QCoreApplication.translate("Duban", "任务"),
        QCoreApplication.translate("Status", "逾期"),
        QCoreApplication.translate("Status", "临期"),
        QCoreApplication.translate("Status", "正常"),
        QCoreApplication.translate("Status", "未排期"),
        QCoreApplication.translate("Status", "待销号"),
        QCoreApplication.translate("Status", "已完成"),
        QCoreApplication.translate("Duban", "受阻"),
        QCoreApplication.translate("Duban", "未达序时"),
        QCoreApplication.translate("Duban", "未报"),
        QCoreApplication.translate("Duban", "迟报"),
        QCoreApplication.translate("Duban", "待审办结"),
        QCoreApplication.translate("Duban", "待批延期"),
    ]


class UnitLightsModel(FlatTable, QAbstractTableModel):
    """One row per unit (``unit_lights.UnitRow``); column 1 is the light as a
    coloured cell with its text mark."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._headers = headers()
        self._rows: list[ul.UnitRow] = []
        self.today = ""

    def set_table(self, table: ul.UnitLights) -> None:
        self.beginResetModel()
        self._rows = list(table.rows)
        self.today = table.today.isoformat()
        self.endResetModel()

    def unit_row(self, row: int) -> ul.UnitRow:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        values = ul.row_values(row)
        value = values[column] if column < len(values) else None
        if column == 1:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
                return colour_mark(row.light)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(colour(row.light))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#ffffff"))
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and isinstance(value, int) and value:
            key = {5: "red", 6: "blue", 12: "yellow", 13: "red", 14: "yellow"}.get(column)
            if key:
                return QBrush(colour(key).darker(120))
        if role == ID_ROLE:
            return row.unit_id
        return None


def node_colour(node: st.NodeState | None) -> str | None:
    return node.colour if node is not None else None
