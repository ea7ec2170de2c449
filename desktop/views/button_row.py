"""A row of action buttons that wraps onto another line where its dock is narrow.

A ``QToolBar`` moved the buttons that did not fit into a » menu, and misjudged its room:
in English at 1600 px the milestones' last button (Links…) was in the menu beside empty
space, and in a dock at 1366 px the 督办 tab's last two. Here every button stays in view,
a second line taken when the width runs out (``FlowLayout``, as the task panel's tabs)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from desktop.views.flow_tabs import FlowLayout

BUTTON_STYLE = (
    "QToolButton { border: 1px solid #b9b9b9; border-radius: 3px; padding: 1px 6px;"
    " background: #fafafa; }"
    " QToolButton:hover { background: #e8f0fb; border-color: #7aa7d9; }"
    " QToolButton:pressed { background: #d3e3f6; }"
    " QToolButton:disabled { color: #9a9a9a; border-color: #d0d0d0; }"
)


class ButtonRow(QWidget):
    """A text button for each action, left to right, wrapping (height for width)."""

    def __init__(self, *actions: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(BUTTON_STYLE)
        layout = FlowLayout(self, spacing=3)
        layout.setContentsMargins(QMargins(0, 2, 0, 0))
        self.buttons: list[QToolButton] = []
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            layout.addWidget(button)
            self.buttons.append(button)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
