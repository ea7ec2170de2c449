"""Tabs whose titles wrap onto a second line where a narrow dock cannot show them in one
(the task panel's seven tabs need ~430 px in Chinese, ~480 px in English; its dock at
1366×768 is ~350 px wide, where a ``QTabBar`` hid the last tabs behind scroll arrows).

``FlowTabs`` is a row of exclusive, checkable tab buttons in a wrapping ``FlowLayout``
over a ``QStackedWidget``, with the part of ``QTabWidget``'s API its users need
(``addTab``, ``setTabToolTip``, ``tabText``, ``count``, ``widget``, ``indexOf``,
``currentIndex``/``setCurrentIndex``, ``currentWidget``/``setCurrentWidget`` and the
``currentChanged`` signal). Keyboard as a tab bar's: Ctrl+Tab / Ctrl+PgDn and
Ctrl+Shift+Tab / Ctrl+PgUp anywhere inside switch tabs; Tab focuses the current tab
button only, whose arrow keys (and Home / End) choose another. A screen reader hears
them as a tab bar's: the row a page tab list, each button a page tab, the current one
selected (not checkable push buttons; ``QAccessible.installFactory``)."""

from __future__ import annotations

import re

from PySide6.QtCore import QMargins, QObject, QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QAccessibleStateChangeEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QButtonGroup,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# A tab looks like one: a raised top, the current one the page's colour with a line
# in the highlight colour at its foot (no bold: the titles keep their widths).
TAB_STYLE = (
    "QToolButton { border: 1px solid palette(mid); border-bottom: 3px solid palette(button);"
    " border-top-left-radius: 4px; border-top-right-radius: 4px; padding: 2px 0px 1px 0px;"
    " background: palette(button); color: palette(button-text); }"
    " QToolButton:hover { background: palette(light); }"
    " QToolButton:checked { background: palette(base); color: palette(text);"
    " border-color: palette(dark); border-bottom: 3px solid palette(highlight); }"
    " QToolButton:focus { border-color: palette(highlight); }"
)

#: The room each side of a tab's title (its borders and a pixel to spare besides).
TAB_PADDING = 7


class FlowLayout(QLayout):
    """Lays its items out left to right, wrapping onto the next line where the width ends
    (the height depends on the width: ``heightForWidth``)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 2) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt API
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt API
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt API
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt API
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """One line of every item."""
        width = sum(i.sizeHint().width() for i in self._items)
        width += self._spacing * max(len(self._items) - 1, 0)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width, height) + _margin_size(self.contentsMargins())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt API
        """The widest item (one a line)."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size + _margin_size(self.contentsMargins())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items (``move``) or only measure; returns the height they take."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line = area.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


def _margin_size(margins: QMargins) -> QSize:
    return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())


class TabButton(QToolButton):
    """One tab's title: checkable; its arrow keys and Home / End choose another tab."""

    def __init__(self, tabs: FlowTabs, text: str) -> None:
        super().__init__()
        self._tabs = tabs
        self.setText(text)
        self.setCheckable(True)
        self.setAutoRaise(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        tabs, key = self._tabs, event.key()
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}
        if key in steps:
            tabs.step(steps[key], focus=True)
        elif key == Qt.Key.Key_Home:
            tabs.choose(0, focus=True)
        elif key == Qt.Key.Key_End:
            tabs.choose(tabs.count() - 1, focus=True)
        else:
            super().keyPressEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """The title and ``TAB_PADDING`` each side (a QToolButton adds two spaces' width
        besides: seven English titles then wanted ~580 px, not ~480)."""
        text = self.fontMetrics().horizontalAdvance(self.text())
        return QSize(text + 2 * TAB_PADDING + 4, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.sizeHint()


class TabStrip(QWidget):
    """The row of tab buttons (a page tab list to a screen reader)."""


class TabAccessible(QAccessibleWidget):
    """A tab button as a screen reader tells it: a page tab, selected when current, that
    the press action makes current (as ``QTabBar``'s tabs: not a checkable button)."""

    def __init__(self, button: TabButton) -> None:
        super().__init__(button, QAccessible.Role.PageTab)
        self.button = button

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:  # the title without its mnemonic's &
            return self.button.accessibleName() or re.sub("&(.)", r"\1", self.button.text())
        return super().text(kind)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.selectable = True
        state.selected = self.button.isChecked()
        return state

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt API
        return [self.pressAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:  # noqa: N802 - Qt API
        if name == self.pressAction():
            self.button.click()
        else:
            super().doAction(name)


def _accessible(_class_name: str, widget: QObject) -> QAccessibleInterface | None:
    """``QAccessible``'s factory: the tab strip's and the tab buttons' interfaces."""
    if isinstance(widget, TabButton):
        return TabAccessible(widget)
    if isinstance(widget, TabStrip):
        return QAccessibleWidget(widget, QAccessible.Role.PageTabList)
    return None


_factory_installed: list[bool] = []


class FlowTabs(QWidget):
    """Tabs whose titles wrap (see the module)."""

    currentChanged = Signal(int)  # noqa: N815 - QTabWidget's name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if not _factory_installed:
            QAccessible.installFactory(_accessible)
            _factory_installed.append(True)
        self.bar = TabStrip()
        self.bar.setObjectName("flowTabBar")
        self.bar.setAccessibleName(self.tr("页签"))
        self.bar.setStyleSheet(TAB_STYLE)
        self.flow = FlowLayout(self.bar)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self.setCurrentIndex)
        self.stack = QStackedWidget()
        self.stack.setFrameShape(QStackedWidget.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        for keys, step in (
            ((QKeySequence.StandardKey.NextChild, "Ctrl+Tab", "Ctrl+PgDown"), 1),
            ((QKeySequence.StandardKey.PreviousChild, "Ctrl+Shift+Backtab", "Ctrl+PgUp"), -1),
        ):
            sequences: list[QKeySequence] = []
            for key in keys:
                found = (
                    QKeySequence.keyBindings(key)
                    if isinstance(key, QKeySequence.StandardKey)
                    else [QKeySequence(key)]
                )
                sequences += [s for s in found if s not in sequences]
            for sequence in sequences:
                shortcut = QShortcut(sequence, self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda s=step: self.step(s))

    # -- QTabWidget's API -----------------------------------------------------------------

    def addTab(self, page: QWidget, title: str) -> int:  # noqa: N802 - QTabWidget's name
        index = self.stack.addWidget(page)
        button = TabButton(self, title)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.group.addButton(button, index)
        self.flow.addWidget(button)
        if self.stack.count() == 1:
            self.setCurrentIndex(0)
        return index

    def count(self) -> int:
        return self.stack.count()

    def widget(self, index: int) -> QWidget | None:
        return self.stack.widget(index)

    def indexOf(self, page: QWidget) -> int:  # noqa: N802 - QTabWidget's name
        return self.stack.indexOf(page)

    def tab_button(self, index: int) -> QToolButton:
        button = self.group.button(index)
        assert isinstance(button, QToolButton), index
        return button

    def tabText(self, index: int) -> str:  # noqa: N802 - QTabWidget's name
        return self.tab_button(index).text()

    def tabToolTip(self, index: int) -> str:  # noqa: N802 - QTabWidget's name
        return self.tab_button(index).toolTip()

    def setTabToolTip(self, index: int, tip: str) -> None:  # noqa: N802 - QTabWidget's name
        button = self.tab_button(index)
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)

    def currentIndex(self) -> int:  # noqa: N802 - QTabWidget's name
        return self.stack.currentIndex()

    def currentWidget(self) -> QWidget | None:  # noqa: N802 - QTabWidget's name
        return self.stack.currentWidget()

    @Slot(int)
    def setCurrentIndex(self, index: int) -> None:  # noqa: N802 - QTabWidget's name
        if not 0 <= index < self.count():
            return
        previous = self.stack.currentIndex()
        changed = index != previous or not self.tab_button(index).isChecked()
        self.stack.setCurrentIndex(index)
        for i in range(self.count()):  # only the current tab takes the keyboard focus
            button = self.tab_button(i)
            button.setChecked(i == index)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus if i == index else Qt.FocusPolicy.NoFocus)
        if changed:
            # the buttons say "checked" changed (and a click checks them before this);
            # a screen reader hears a tab's "selected"
            selected = QAccessible.State()
            selected.selected = True
            for i in dict.fromkeys((previous, index)):
                if 0 <= i < self.count():
                    event = QAccessibleStateChangeEvent(self.tab_button(i), selected)
                    QAccessible.updateAccessibility(event)
            self.currentChanged.emit(index)

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802 - QTabWidget's name
        self.setCurrentIndex(self.indexOf(page))

    # -- keyboard ---------------------------------------------------------------------------

    def choose(self, index: int, *, focus: bool = False) -> None:
        """Make tab ``index`` current (and give its button the focus)."""
        self.setCurrentIndex(index)
        if focus:
            self.tab_button(self.currentIndex()).setFocus(Qt.FocusReason.TabFocusReason)

    def step(self, step: int, *, focus: bool = False) -> None:
        """The next (``step`` 1) or previous (-1) tab, around the end."""
        if self.count():
            self.choose((self.currentIndex() + step) % self.count(), focus=focus)
