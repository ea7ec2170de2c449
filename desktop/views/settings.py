"""The GUI's settings file (window geometry, layout, sync options); never tokens."""

from __future__ import annotations

from PySide6.QtCore import QSettings

#: Bump when the default dock arrangement changes: older saved layouts are ignored.
LAYOUT_VERSION = 3


def app_settings() -> QSettings:
    """The GUI's settings file (window geometry, last folders); never tokens."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Liandong", "liandong")
