"""Default dock layout, saved-layout restore and the stale-tab-bar workaround.

A mixin for ``MainWindow`` (kept apart so the window module stays focused).
Qt 6 leaves an old QTabBar visible at its previous position when a tab group
of docks is rebuilt (restoreState, tabifying placed docks, moving docks);
``hide_stale_tab_bars`` hides tab bars not attached to the dock they serve.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtWidgets import QDockWidget, QTabBar

from desktop.views import settings as settings_schema
from desktop.views.settings import LAYOUT_VERSION


def _abuts(bar: QRect, dock: QRect, slack: int = 3) -> bool:
    """Whether a tab bar lies along one edge of a dock (its tabs below, above or beside it)."""
    if abs(bar.left() - dock.left()) <= slack and abs(bar.width() - dock.width()) <= slack:
        return (
            abs(bar.top() - dock.bottom() - 1) <= slack
            or abs(dock.top() - bar.bottom() - 1) <= slack
        )
    if abs(bar.top() - dock.top()) <= slack and abs(bar.height() - dock.height()) <= slack:
        return (
            abs(bar.left() - dock.right() - 1) <= slack
            or abs(dock.left() - bar.right() - 1) <= slack
        )
    return False


#: Below this window width the default layout is compact: docks split under
#: another on the right (协同 under 详情) become tabs, side columns and the
#: bottom row are narrower and the matrix label column is shorter.
COMPACT_WIDTH = 1280
#: Matrix label column width in the compact layout (the regular one: MatrixView).
COMPACT_LABEL_WIDTH = 240


class DockLayoutMixin:
    """Dock placement and layout persistence; mixed into ``MainWindow``."""

    _compact_layout = False
    #: Dock placement right after the default layout was applied (None: a saved
    #: layout was restored); while unchanged, crossing COMPACT_WIDTH switches modes.
    _default_signature: tuple | None = None

    def _dock_signature(self) -> tuple:
        return tuple(
            (
                d.objectName(),
                self.dockWidgetArea(d),
                d.isFloating(),
                d.isHidden(),
                tuple(sorted(t.objectName() for t in self.tabifiedDockWidgets(d))),
            )
            for d in self._docks
        )

    def _default_applied(self) -> None:
        self._default_signature = self._dock_signature()

    def _switch_layout_mode(self) -> None:
        """Rebuild the untouched default layout when the window crossed COMPACT_WIDTH."""
        if (
            self._default_signature is not None
            and self.is_compact() != self._compact_layout
            and self._dock_signature() == self._default_signature
        ):
            self.restore_default_layout()

    def is_compact(self) -> bool:
        """Whether the window is small enough for the compact default layout."""
        return self.width() < COMPACT_WIDTH

    def _place_dock(self, dock: QDockWidget) -> None:
        area, anchor, split = self._dock_places[dock.objectName()]
        if anchor is None:
            self.addDockWidget(area, dock)
        elif split and not (self._compact_layout and area == Qt.DockWidgetArea.RightDockWidgetArea):
            self.splitDockWidget(anchor, dock, Qt.Orientation.Vertical)
        else:
            self.tabifyDockWidget(anchor, dock)

    def _layout_key(self) -> str:
        """Identifies the dock set a saved state belongs to."""
        return f"{LAYOUT_VERSION}:" + ",".join(sorted(d.objectName() for d in self._docks))

    def restore_default_layout(self) -> None:
        """Every dock back in its default place, sized for the current window."""
        self._compact_layout = self.is_compact()
        self._rebuild_default_layout()
        self._size_docks()
        self._default_applied()
        self._tab_bar_check.start()

    def _rebuild_default_layout(self) -> None:
        # Take every dock out first: moving a tabified dock directly leaves its old
        # tab bar behind, painted at a stale place (over the menu bar, twice at the bottom).
        for dock in self._docks:
            dock.setFloating(False)
            self.removeDockWidget(dock)
        for dock in self._docks:
            self._place_dock(dock)
            dock.setFloating(False)
            dock.show()
        self._raise_first_tabs()

    def _raise_first_tabs(self) -> None:
        for dock in self._docks:
            _area, anchor, split = self._dock_places[dock.objectName()]
            if anchor is not None and (not split or self._compact_layout):
                anchor.raise_()

    def _size_docks(self) -> None:
        """Side columns and bottom row in proportion to the window; the matrix keeps the rest."""
        width, height = max(self.width(), 800), max(self.height(), 560)
        areas = Qt.DockWidgetArea
        compact = self._compact_layout
        widths = {
            areas.LeftDockWidgetArea: min(max(int(width * 0.2), 200 if compact else 220), 330),
            areas.RightDockWidgetArea: min(max(int(width * 0.29), 290 if compact else 320), 470),
        }
        if compact:
            self.matrix_view.setColumnWidth(0, COMPACT_LABEL_WIDTH)
        top_level = [
            d for d in self._docks if self._dock_places[d.objectName()][1] is None
        ]  # fmt: skip
        side = [d for d in top_level if self.dockWidgetArea(d) in widths]
        if side:
            self.resizeDocks(
                side, [widths[self.dockWidgetArea(d)] for d in side], Qt.Orientation.Horizontal
            )
        bottom = [d for d in top_level if self.dockWidgetArea(d) == areas.BottomDockWidgetArea]
        if bottom:
            size = min(max(int(height * 0.27), 170), 280)
            if compact:
                size = min(max(int(height * 0.22), 130), 280)
            self.resizeDocks(bottom, [size] * len(bottom), Qt.Orientation.Vertical)
        for dock in self._docks:
            area, anchor, split = self._dock_places[dock.objectName()]
            tabbed = compact and area == areas.RightDockWidgetArea  # see _place_dock
            if split and anchor is not None and self.dockWidgetArea(dock) == area and not tabbed:
                self.resizeDocks([anchor, dock], [40, 60], Qt.Orientation.Vertical)

    def _restore_geometry(self) -> None:
        geometry = settings_schema.get("main/geometry") if self.remember_layout else None
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1600, 1000)

    def _restore_layout(self) -> None:
        """The saved dock layout if it was saved for the same docks, else the default."""
        state = settings_schema.get("main/state") if self.remember_layout else None
        same_docks = settings_schema.get("main/layout") == self._layout_key()
        if not (
            isinstance(state, QByteArray)
            and same_docks
            and self.restoreState(state, LAYOUT_VERSION)
        ):
            if self.is_compact():
                # add_dock placed the docks for a large window: rebuild them compact
                self._compact_layout = True
                self._rebuild_default_layout()
            else:
                # add_dock already put every dock in its default place
                self._raise_first_tabs()
            self._size_docks()
            self._default_applied()
        self._tab_bar_check.start()

    def hide_stale_tab_bars(self) -> None:
        """Hide dock tab bars the layout no longer uses.

        Qt 6 leaves a tab bar behind when a tab group is rebuilt (tabifying docks
        already in the layout, ``restoreState``, dragging docks); it stays visible
        at its old place, e.g. over the menu bar. A live bar sits right against
        the dock of its current tab.
        """
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if bar.isVisible() and not self._tab_bar_is_live(bar):
                bar.hide()

    def _tab_bar_is_live(self, bar: QTabBar) -> bool:
        if bar.count() < 2:
            return False
        title = bar.tabText(bar.currentIndex())
        docks = [d for d in self._docks if d.windowTitle() == title]
        return any(
            d.isVisible() and not d.isFloating() and _abuts(bar.geometry(), d.geometry())
            for d in docks
        )

    def _fit_docks(self) -> None:
        """Keep the matrix the dominant area when the window shrinks: docks that
        kept their size from a larger window give back space."""
        self._switch_layout_mode()
        width, height = self.width(), self.height()
        central = self.centralWidget().size()
        areas = Qt.DockWidgetArea
        shown = [
            d for d in self._docks
            if d.isVisible() and not d.isFloating() and d.visibleRegion().isEmpty() is False
        ]  # fmt: skip
        changed = False
        bottom = [d for d in shown if self.dockWidgetArea(d) == areas.BottomDockWidgetArea]
        if bottom and central.height() < height * 0.4:
            size = max(int(height * 0.27), max(d.minimumSizeHint().height() for d in bottom))
            self.resizeDocks(bottom, [size] * len(bottom), Qt.Orientation.Vertical)
            changed = True
        side = [
            d for d in shown
            if self.dockWidgetArea(d) in (areas.LeftDockWidgetArea, areas.RightDockWidgetArea)
        ]  # fmt: skip
        if side and central.width() < width * 0.4:
            share = {areas.LeftDockWidgetArea: 0.2, areas.RightDockWidgetArea: 0.27}
            self.resizeDocks(
                side,
                [
                    max(int(width * share[self.dockWidgetArea(d)]), d.minimumSizeHint().width())
                    for d in side
                ],  # fmt: skip
                Qt.Orientation.Horizontal,
            )
            changed = True
        if changed:
            self.layout().activate()
