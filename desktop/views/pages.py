"""The page layout of the main window: a navigation list, one page at a time, a side panel.

The default window (``MainWindow`` without docking) shows the pages a coordinator
moves between — 工作台 / 台账矩阵 / 时间轴 / 总览 / 单位 — one at a time in a
``QStackedWidget``, and the task's 详情 and 协同 panels in a side panel that can be
hidden. Features keep calling ``MainWindow.add_dock``; ``PAGE_PLACES`` says where each
of their widgets goes in this layout (the docking layout stays available as a setting).

Pages are built lazily: a feature may hand over a *factory* (a callable returning the
widget) instead of a widget; the page's navigation entry is there at once, the widget
is made the first time the page is shown (or asked for with ``page(key)``), and
``page_built(key)`` says so. Start-up builds only the page shown first; pages whose
first visit is slow can be built later in idle time (``build_when_idle``), one per turn of
the event loop, so a click soon after start still finds the window responsive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QWidget,
)

#: Dock object name → (page key, part). Part "page": the widget is the page;
#: "left": a collapsible column left of the page's main widget; "side": the side panel.
PAGE_PLACES: dict[str, tuple[str, str]] = {
    "workspaceDock": ("home", "page"),
    "planDock": ("matrix", "left"),
    "timelineDock": ("timeline", "page"),
    "dashboardDock": ("dashboard", "page"),
    "unitDock": ("units", "page"),
    "unitLightsDock": ("unit_lights", "page"),  # 各单位: the all-units light table
    "detailDock": ("", "side"),
    "coordinationDock": ("", "side"),
    "syncPage": ("sync", "page"),
}

#: Pages in navigation order (a page appears once a widget was placed on it).
PAGE_ORDER = ("welcome", "home", "matrix", "timeline", "dashboard", "units", "unit_lights", "sync")


#: Pages about no particular task: the side panel stays hidden there.
NO_SIDE = frozenset({"welcome", "sync"})


#: A page's widget, or a callable that makes it on the page's first visit.
PageContent = QWidget | Callable[[], QWidget]


@dataclass
class Page:
    key: str
    title: str
    widget: QWidget  # an empty placeholder until the page is built
    item: QListWidgetItem
    factory: Callable[[], QWidget] | None = None


class PageHost(QSplitter):
    """Navigation list | current page | side panel (detail and coordination)."""

    #: The shown page changed (page key).
    page_changed = Signal(str)
    #: A lazy page's widget was made (page key).
    page_built = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("pageHost")
        self.setChildrenCollapsible(False)
        self.nav = QListWidget()
        self.nav.setObjectName("pageNavigation")
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setSpacing(2)
        self.nav.setUniformItemSizes(True)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet(
            "QListWidget#pageNavigation { background: palette(window); font-size: 11pt; }"
            "QListWidget#pageNavigation::item { padding: 8px 10px; }"
        )
        self.stack = QStackedWidget()
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.setObjectName("sidePanel")
        self.side.setChildrenCollapsible(False)
        self.addWidget(self.nav)
        self.addWidget(self.stack)
        self.addWidget(self.side)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setStretchFactor(2, 0)
        self.side.hide()  # shown once a panel is placed in it
        self._pages: dict[str, Page] = {}
        #: The user wants the side panel (pages without a task, like 开始, hide it anyway).
        self._side_wanted = True
        #: Pages still to build in idle time (``build_when_idle``), in order.
        self._idle_builds: list[str] = []
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._build_next_idle)
        self.nav.currentRowChanged.connect(self._row_changed)

    # -- building ------------------------------------------------------------------------

    def add_page(self, key: str, title: str, content: PageContent) -> Page:
        """Add a page (a widget, or a factory called on its first visit); its navigation
        entry goes in ``PAGE_ORDER`` order (unknown keys last)."""
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setSizeHint(QSize(0, self.nav.fontMetrics().height() + 18))
        rank = PAGE_ORDER.index(key) if key in PAGE_ORDER else len(PAGE_ORDER)
        row = sum(
            1
            for other in self._pages
            if (PAGE_ORDER.index(other) if other in PAGE_ORDER else len(PAGE_ORDER)) <= rank
        )
        self.nav.blockSignals(True)
        self.nav.insertItem(row, item)
        self.nav.blockSignals(False)
        if isinstance(content, QWidget):
            page = Page(key, title, content, item)
        else:
            page = Page(key, title, QWidget(), item, content)
        self.stack.addWidget(page.widget)
        self._pages[key] = page
        self._fit_navigation()
        if self.nav.currentRow() < 0:
            self.show_page(key)
        return page

    def _built(self, page: Page) -> QWidget:
        """The page's widget, made now if the page is lazy and not yet built."""
        if page.factory is None:
            return page.widget
        factory, page.factory = page.factory, None
        placeholder = page.widget
        widget = factory()
        self.stack.insertWidget(self.stack.indexOf(placeholder), widget)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        page.widget = widget
        self.page_built.emit(page.key)
        return widget

    def build_when_idle(self, keys: Iterable[str], delay_ms: int, step_ms: int = 50) -> None:
        """Build the pages ``keys`` (those not built yet) without showing them: the first
        ``delay_ms`` from now, then one every ``step_ms``; a visit before builds it then."""
        self._idle_builds = [key for key in keys if key in self._pages]
        self._idle_step_ms = step_ms
        if self._idle_builds:
            self._idle_timer.start(delay_ms)

    def cancel_idle_builds(self) -> None:
        self._idle_builds = []
        self._idle_timer.stop()

    @Slot()
    def _build_next_idle(self) -> None:
        while self._idle_builds:
            page = self._pages[self._idle_builds.pop(0)]
            if page.factory is not None:
                self._built(page)
                break
        if self._idle_builds:
            self._idle_timer.start(self._idle_step_ms)

    def is_built(self, key: str) -> bool:
        page = self._pages.get(key)
        return page is not None and page.factory is None

    def place_left(self, key: str, title: str, widget: QWidget) -> None:
        """Put ``widget`` in a collapsible column left of page ``key``'s main widget."""
        splitter = self._built(self._pages[key])
        assert isinstance(splitter, QSplitter), "a page with a left column is a QSplitter"
        splitter.insertWidget(0, widget)
        splitter.setCollapsible(0, True)
        splitter.setCollapsible(1, False)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)

    def place_side(self, widget: QWidget) -> None:
        self.side.addWidget(widget)
        self.side.setStretchFactor(self.side.count() - 1, 1)
        self._update_side()

    def _fit_navigation(self) -> None:
        metrics = self.nav.fontMetrics()
        widest = max((metrics.horizontalAdvance(p.title) for p in self._pages.values()), default=60)
        self.nav.setFixedWidth(widest + 48)

    # -- pages ---------------------------------------------------------------------------

    def page_keys(self) -> list[str]:
        """Page keys in navigation order (visible entries only)."""
        return [
            self.nav.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.nav.count())
            if not self.nav.item(r).isHidden()
        ]

    def page(self, key: str) -> QWidget:
        """Page ``key``'s widget (built now if it was not yet)."""
        return self._built(self._pages[key])

    def has_page(self, key: str) -> bool:
        return key in self._pages

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    def set_page_visible(self, key: str, visible: bool) -> None:
        page = self._pages.get(key)
        if page is not None:
            page.item.setHidden(not visible)

    def show_page(self, key: str) -> None:
        page = self._pages.get(key)
        if page is None:
            return
        page.item.setHidden(False)
        if self.nav.currentItem() is not page.item:
            self.nav.setCurrentItem(page.item)  # → _row_changed
        elif self.stack.currentWidget() is not page.widget:
            self.stack.setCurrentWidget(self._built(page))

    @Slot(int)
    def _row_changed(self, row: int) -> None:
        item = self.nav.item(row)
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        self.stack.setCurrentWidget(self._built(self._pages[key]))
        self._update_side()
        self.page_changed.emit(key)

    # -- side panel ----------------------------------------------------------------------

    def side_visible(self) -> bool:
        """Whether the user wants the side panel (it is hidden on the 开始 page)."""
        return self._side_wanted

    def set_side_visible(self, visible: bool) -> None:
        self._side_wanted = visible
        self._update_side()

    def _update_side(self) -> None:
        show = self._side_wanted and self.side.count() > 0 and self.current_key() not in NO_SIDE
        self.side.setVisible(show)

    def size_columns(self, width: int, height: int) -> None:
        """Give the page most of the window; the side panel about a quarter (≥ 320 px),
        split between 详情 and 协同; a page's left column about a seventh."""
        nav = self.nav.width()
        side = min(max(int(width * 0.26), 320), 520) if self.side_visible() else 0
        self.setSizes([nav, max(width - nav - side, 200), side])
        if self.side.count() == 2:
            self.side.setSizes([int(height * 0.42), int(height * 0.58)])
        for page in self._pages.values():
            if isinstance(page.widget, QSplitter) and page.widget.count() == 2:
                left = min(max(int(width * 0.13), 170), 300)
                page.widget.setSizes([left, max(width - left, 200)])


#: Settings key (``desktop.views.settings``): the docking layout instead of pages.
DOCKING_SETTING = "main/docking"


def docking_enabled() -> bool:
    """Whether the user chose the docking layout (default: pages)."""
    from desktop.views import settings as settings_schema

    return bool(settings_schema.get(DOCKING_SETTING))


@Slot(bool)
def set_docking_enabled(on: bool) -> None:
    from desktop.views import settings as settings_schema

    settings_schema.put(DOCKING_SETTING, bool(on))
