"""Wire sync into the main window: ``install_sync(window)``.

Adds the 同步 menu (登录… / 立即同步 F9 / 冲突… / 被拒绝的更改… / 同步设置…),
the status bar item, and the conflicts and rejected-changes windows
(non-modal dialogs, created on first use).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QVBoxLayout, QWidget

from desktop.views.sync.controller import SyncController
from desktop.views.sync.rejected_view import RejectedView
from desktop.views.sync.settings_dialog import SyncSettingsDialog
from sync.client import TokenStore

if TYPE_CHECKING:
    from desktop.views.sync.conflicts_view import ConflictsView


def make_token_store() -> TokenStore:
    """The OS keyring (tests replace this with a memory-only store)."""
    return TokenStore()


def default_settings() -> QSettings:
    from desktop.views.settings import app_settings

    return app_settings()


class _ViewDialog(QDialog):
    def __init__(self, title: str, view: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.view = view
        self.setWindowTitle(title)
        self.resize(900, 360)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)


class SyncHub(QObject):
    """The sync menu, status item and views of one main window."""

    def __init__(
        self, window: Any, settings: QSettings | None = None, tokens: TokenStore | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = SyncController(
            window, settings or default_settings(), tokens or make_token_store()
        )
        self.conflicts_dialog: _ViewDialog | None = None
        self.rejected_dialog: _ViewDialog | None = None
        window.add_status_widget(self.controller.status)
        self.controller.status.conflicts_requested.connect(self.show_conflicts)
        window.store_changed.connect(self._store_changed)
        self._build_menu()

    def _action(self, text: str, slot: Any, key: str = "") -> QAction:
        action = QAction(text, self.window)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def _build_menu(self) -> None:
        window = self.window
        self.menu = QMenu(self.tr("同步(&S)"), window)
        window.menuBar().insertMenu(window.menu("help").menuAction(), self.menu)
        self.login_action = self._action(self.tr("登录…"), self.controller.show_login)
        self.sync_action = self._action(self.tr("立即同步"), self.controller.sync_now, "F9")
        self.menu.addSeparator()
        self.conflicts_action = self._action(self.tr("冲突…"), self.show_conflicts)
        self.rejected_action = self._action(self.tr("被拒绝的更改…"), self.show_rejected)
        self.menu.addSeparator()
        self.settings_action = self._action(self.tr("同步设置…"), self.show_settings)

    def _show_view(self, dialog: _ViewDialog | None, make: Any, title: str) -> _ViewDialog:
        """Show (creating on first use) the non-modal window around a view, refreshed."""
        if dialog is None:
            dialog = _ViewDialog(title, make(self.window.store), self.window)
        dialog.view.refresh()  # type: ignore[attr-defined]
        dialog.show()
        dialog.raise_()
        return dialog

    @Slot()
    def show_conflicts(self) -> ConflictsView:
        from desktop.views.sync.conflicts_view import ConflictsView  # when asked

        self.conflicts_dialog = self._show_view(
            self.conflicts_dialog, ConflictsView, self.tr("同步冲突")
        )
        view = self.conflicts_dialog.view
        assert isinstance(view, ConflictsView)
        return view

    @Slot()
    def show_rejected(self) -> RejectedView:
        def make(store: Any) -> RejectedView:
            view = RejectedView(store)
            view.dismissed.connect(self.controller.refresh_counts)
            return view

        self.rejected_dialog = self._show_view(self.rejected_dialog, make, self.tr("被拒绝的更改"))
        view = self.rejected_dialog.view
        assert isinstance(view, RejectedView)
        return view

    @Slot()
    def show_settings(self) -> SyncSettingsDialog:
        dialog = SyncSettingsDialog(self.controller, self.window)
        dialog.open()
        return dialog

    @Slot(str, object)
    def _store_changed(self, _action: str, _tables: object) -> None:
        for dialog in (self.conflicts_dialog, self.rejected_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.view.refresh()  # type: ignore[attr-defined]


def install_sync(window: Any) -> SyncHub:
    """Add the sync menu, status item and views to ``window`` (as ``window.sync``)."""
    hub = SyncHub(window)
    window.sync = hub
    return hub
