"""Role labels and colours shared by the matrix, the unit view and the import preview."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

ROLE_RANK = {"lead": 0, "responsible": 1, "support": 2}

# Data role carrying a plain sort key (int or tuple-free value) for every model.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# Data role carrying the record id of a row (task id, unit id, ...).
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_BACKGROUND = {
    "lead": QBrush(QColor("#a61e1e")),
    "responsible": QBrush(QColor("#f08c00")),
    "support": QBrush(QColor("#cfe3f7")),
}
_FOREGROUND = {
    "lead": QBrush(QColor("#ffffff")),
    "responsible": QBrush(QColor("#ffffff")),
    "support": QBrush(QColor("#173f66")),
}


def role_mark(role: str) -> str:
    """The one-character cell mark: 牵 / 配 / 责."""
    marks = {
        "lead": QCoreApplication.translate("Roles", "牵"),
        "support": QCoreApplication.translate("Roles", "配"),
        "responsible": QCoreApplication.translate("Roles", "责"),
    }
    return marks.get(role, "")


def role_label(role: str) -> str:
    """The full role name: 牵头 / 配合 / 责任."""
    labels = {
        "lead": QCoreApplication.translate("Roles", "牵头"),
        "support": QCoreApplication.translate("Roles", "配合"),
        "responsible": QCoreApplication.translate("Roles", "责任"),
    }
    return labels.get(role, role)


def role_background(role: str) -> QBrush | None:
    return _BACKGROUND.get(role)


def role_foreground(role: str) -> QBrush | None:
    return _FOREGROUND.get(role)


def role_color_hex(role: str) -> tuple[str, str]:
    """(background, foreground) colours as hex, for HTML in the detail panel."""
    return _BACKGROUND[role].color().name(), _FOREGROUND[role].color().name()
