"""The dashboard: task counts by status (tiles), per section and per unit; the overdue
milestones, the at-risk tasks, the blocking-units ranking and the 催报 list."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.models import dashboard_delta
from desktop.models import status as st
from desktop.models.lazy_sequence import SortedStates
from desktop.models.progress import TargetTable
from desktop.models.qt.coordination_models import (
    STATUS_COLORS,
    BuiltRows,
    GroupTreeModel,
    Row,
    RowsModel,
    status_label,
)
from desktop.models.qt.roles import ID_ROLE
from desktop.models.status_cache import StatusCache
from desktop.models.status_tables import value_of
from desktop.views.coordination import rows as R
from desktop.views.empty_hint import EmptyHeader, EmptyHint
from desktop.views.fit_width import FitColumns

#: A view property: the columns whose texts must be shown whole (the layout tests check it).
WHOLE_TEXT_COLUMNS = "wholeTextColumns"


def table(model, stretch: int = 0, *, fit_when_shown: bool = False) -> QTableView:
    """A read-only table of rows; its columns sized to their contents (continuously,
    or with ``fit_when_shown`` once per new set of rows when shown: ``FitColumns``), with
    room beside their titles while it is empty (``EmptyHeader``; its message: ``EmptyHint``)."""
    view = QTableView()
    EmptyHeader.install(view)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(40)  # size columns from the first rows only (speed)
    if fit_when_shown:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        FitColumns(view, stretch)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def tree(model, *, fit_when_shown: bool = False, stretch: int | None = None) -> QTreeView:
    """A read-only tree (see ``table`` for ``fit_when_shown``; ``stretch``: the column
    ``FitColumns`` leaves alone, the last one by default)."""
    view = QTreeView()
    EmptyHeader.install(view)
    view.setModel(model)
    view.setUniformRowHeights(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.header().setResizeContentsPrecision(40)
    if fit_when_shown:
        view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        FitColumns(view, model.columnCount() - 1 if stretch is None else stretch)
    else:
        view.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.header().setStretchLastSection(True)
    return view


def chase_tree(model: GroupTreeModel) -> QTreeView:
    """The 催报 tree (unit groups, then task and window rows): the task column takes the
    width the window column leaves (sized to its texts when shown and when a group is
    opened), so a long title is read whole where the page has room and cut last where
    it has not; a group's title (unit and contact) spans both columns."""
    view = tree(model, fit_when_shown=True, stretch=0)
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def span_groups() -> None:
        for row in range(model.rowCount()):
            view.setFirstColumnSpanned(row, QModelIndex(), True)

    model.modelReset.connect(span_groups)
    view.expanded.connect(lambda _index: view.resizeColumnToContents(1))
    return view


class CountLabel(QLabel):
    """A tile's count in bold, at 16 pt or smaller where the tile is too narrow for its
    digits (a six-digit count beside the detail panel at 1366×768 was cut: "10000")."""

    LARGEST, SMALLEST = 16, 8  # point sizes

    def __init__(self, color: str) -> None:
        super().__init__("…")  # (not counted yet: the first status pass may take seconds)
        self.setStyleSheet(f"color: {color};")
        font = self.font()
        font.setBold(True)
        font.setPointSize(self.LARGEST)
        self.setFont(font)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        font, room, text = QFont(self.font()), self.contentsRect().width(), self.text()
        size = self.LARGEST
        font.setPointSize(size)
        while size > self.SMALLEST and QFontMetrics(font).horizontalAdvance(text) > room:
            size -= 1
            font.setPointSize(size)
        if size != self.font().pointSize():
            self.setFont(font)


class Tile(QFrame):
    """A count with a short caption; ``tooltip`` (default: the caption) says it in full."""

    def __init__(self, title: str, color: str, tooltip: str = "") -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"Tile {{ border-left: 5px solid {color}; background: #fff; }}")
        self.setToolTip(tooltip or title)
        self.value = CountLabel(color)
        self.caption = caption = QLabel(title)
        caption.setStyleSheet("color: #444;")
        caption.setToolTip(tooltip or title)
        # tiles share the row equally; a caption wraps rather than being clipped
        caption.setWordWrap(True)
        for label in (self.value, caption):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(caption)


#: The dashboard's sorted lists: their rows' key → the dashboard's key.
LISTS = {"overdue": "overdue", "late": "late_vs_original", "at_risk": "at_risk"}


def dashboard_rows(result: dict[str, Any], memo: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every table's rows from an ``overview()`` result. Plain Python, so a
    background job can build them and the GUI thread only sets models. The overdue,
    late and at-risk lists (thousands of entries at the province size) are
    ``BuiltRows``: a row is built when a view reads it (the page shown), not all here.

    ``memo`` (the window's ``StatusCache.memo``) keeps the rows between passes: when
    the dashboard says how its lists follow from the one these rows were built from
    (``dashboard_delta``'s ``edits``), ``"edits"`` tells the dashboard's models how to
    update in place (``RowsModel.set_rows``; the long lists' edits carry entries, their
    rows built when read; the changed sections' rows are built here). The other rows
    equal fresh ones."""
    dash, snap, titles = result["dashboard"], result["snapshot"], result["titles"]
    before: dict[str, Any] | None = (memo or {}).get("rows")
    edits: dict[str, Any] | None = dash.get("edits")
    follows = before is not None and edits is not None and before["version"] == edits["base"]

    # the milestone lists' rows built from their sorted keys, each ending with the
    # milestone's id (``SortedStates``' own list, not copied: no state built until a
    # row is read), its state read from this pass's snapshot
    build: dict[str, Callable[[Any], Any]] = {
        "overdue": lambda key: R.milestone_row(snap, snap.milestones[key[-1]], titles),
        "late": lambda key: R.late_row(snap, snap.milestones[key[-1]], titles),
        "at_risk": lambda entry: R.at_risk_row(snap, titles, entry[0], entry[1][0]),
    }
    rows: dict[str, Any] = {}
    row_edits: dict[str, tuple[Any, list[tuple]]] = {}
    for key, name in LISTS.items():
        # each row built when a view reads it, from the dashboard's own list (not
        # copied: no pass changes a list it handed out)
        listed = dash[name]
        keyed = isinstance(listed, SortedStates)
        rows[key] = BuiltRows(listed.keys if keyed else listed, build[key], shared=True)
        if not follows:
            continue
        assert before is not None and edits is not None
        script = edits[name]
        if keyed:  # (an inserted state by a key ending with its id: all its row reads)
            script = [e if e[0] == "remove" else (*e[:2], (e[2].id,)) for e in script]
        # the model applies the dashboard's edits to the rows it shows (the rows before:
        # an entry the edit did not reach reads the same in both passes), an inserted
        # entry's row built when a view reads it: no row built and no edit applied to a
        # 45,000-entry list in this job (and none built when the model resets instead)
        row_edits[key] = (before[key], script)
    sections: set[Any] | None = edits.get("by_section") if follows and edits else None
    # the sections' rows built when read from the dashboard's entries (12,000 sections at
    # 100k tasks: a ``Row`` with its name and cells each was ~6 MB kept)
    section_row = _section_row(dash["by_section"])
    if sections is None or before is None:
        # (the sections in their rows' order, kept: a changed section's place is found
        # in it, not in a dict of 12,000 kept places)
        section_keys = list(dash["by_section"])
        rows["sections"] = BuiltRows(section_keys, section_row, shared=True)
        totals = dict.fromkeys(st.STATUSES, 0)  # every task is counted in its section
        for entry in dash["by_section"].values():
            for status, count in entry["counts"].items():
                totals[status] += count
    else:  # the changed sections' rows, in their places (the others read as before)
        section_keys, totals, script = before["section_keys"], dict(before["totals"]), []
        shown: BuiltRows = before["sections"]
        place = places_in(section_keys, sections)
        for section in sections:
            n = place[section]
            row = section_row(section)
            counts = zip(st.STATUSES, shown[n].cells[1:], row.cells[1:], strict=False)
            for status, was, now in counts:  # (the cells end with the total)
                totals[status] += now - was
            script.append(("change", n, row))
        rows["sections"] = BuiltRows(shown.entries(), section_row, shared=True)
        row_edits["sections"] = (shown, script)
    units: set[Any] | None = edits.get("by_unit") if follows and edits else None
    if units is None or before is None:
        rows["units"] = R.count_rows(R.unit_entries(dash))
    else:  # the rows of the units whose counts changed built again, then sorted again
        kept = {row.record_id: row for row in before["units"]}
        by_unit = dash["by_unit"]
        fresh = {u: R.count_rows([(u, by_unit[u]["name"], by_unit[u]["counts"])])[0] for u in units}
        unit_rows = [fresh[u] if u in fresh else kept[u] for u in by_unit]
        unit_rows.sort(  # as ``unit_entries``: overdue, due soon, on track, name, id
            key=lambda r: (-r.cells[1], -r.cells[2], -r.cells[3], r.cells[0], r.record_id)
        )
        rows["units"] = unit_rows
    rows["blocking"], blocking_keys = _blocking_rows(
        snap, dash["blocking"], before, result.get("changed")
    )
    if before is not None:  # short lists: changed in place when the same rows stay
        for key in ("units", "blocking"):
            script = _changed_places(before[key], rows[key])
            if script is not None:
                row_edits[key] = (before[key], script)
    rows["totals"] = totals
    # tasks 未达序时 (kept by ``dashboard_delta`` between passes)
    rows["behind"] = dash["behind"] if "behind" in dash else dashboard_delta.behind(snap)
    if memo is not None:
        memo["rows"] = {
            **rows, "version": dash.get("version"), "section_keys": section_keys,
            "blocking_keys": blocking_keys,
        }  # fmt: skip
    rows["edits"] = row_edits
    return rows


def places_in(keys: list[Any], wanted: Collection[Any]) -> dict[Any, int]:
    """Each of ``wanted``'s place in ``keys`` (distinct; one not there: no entry): a
    scan of the list per key for a few (an edit's sections), one pass for many."""
    if len(wanted) <= 8:
        return {key: keys.index(key) for key in wanted if key in keys}
    return {key: n for n, key in enumerate(keys) if key in wanted}


def _section_row(by_section: dict[Any, dict[str, Any]]) -> Callable[[Any], Row]:
    """A section's count row (``rows.count_rows``) from the dashboard's ``by_section``."""

    def row(section: Any) -> Row:
        return R.count_row(*R.section_entry(section, by_section[section]))

    return row


def _blocking_rows(
    snap: Any, blocking: list[Any], before: dict[str, Any] | None, changed: set[str] | None
) -> tuple[list[Any], list[tuple]]:
    """``rows.blocking_rows`` and each row's key (rank, unit, its name, count, first root
    milestones): a row of the rows ``before`` is kept when its key is the same and no
    edit reached those milestones' tasks (their labels are the same)."""
    keys = [
        (rank, unit.unit_id, unit.unit_name, len(unit.blocked_task_ids),
         tuple(unit.root_milestone_ids[:3]))
        for rank, unit in enumerate(blocking, 1)
    ]  # fmt: skip
    if before is None or changed is None:
        return R.blocking_rows(snap, blocking), keys
    kept = dict(zip(before["blocking_keys"], before["blocking"], strict=True))
    # the milestones of the tasks the edit reached (a set look-up per root, not a
    # milestone's task read for every root of every unit)
    reached = {
        m for t in changed if t in snap.tasks for m in value_of(snap.tasks, t, "milestone_ids")
    }
    rows = []
    for key, unit in zip(keys, blocking, strict=True):
        row = kept.get(key)
        if row is None or not reached.isdisjoint(key[4]):
            row = R.blocking_row(snap, key[0], unit)
        rows.append(row)
    return rows, keys


def _changed_places(old: list[Any], new: list[Any]) -> list[tuple] | None:
    """("change", i, row) for every row of ``new`` that differs from ``old``'s at its
    place; None when the rows are not the same records in the same order."""
    if len(old) != len(new):
        return None
    pairs = list(zip(old, new, strict=True))
    if any(a.record_id != b.record_id for a, b in pairs):
        return None
    # (a row kept is the same object: not compared field by field)
    return [("change", n, b) for n, (a, b) in enumerate(pairs) if a is not b and a != b]


def overview_job(
    store: Any,
    window_days: int = st.DEFAULT_WINDOW_DAYS,
    cache: StatusCache | None = None,
    check: Callable[[], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    timeline: bool = True,
    dashboard: bool = True,
) -> dict[str, Any]:
    """Query op body (the worker's own ``Store``): the overview without the 催报 list,
    with its rows built (statuses from the window's ``cache``: only what changed is
    recomputed). ``check`` (a job's ``Progress.check``) raises ``Cancelled`` once the
    window closes: the pass stops between its steps; ``cancelled`` is asked inside the
    status pass itself (every few thousand rows, ``desktop.models.cancellation``).
    ``timeline``: the 时间轴's rows too (else ``result["timeline"]`` is None: the window
    asks for them once the page is first shown); ``dashboard``: the 总览's counts and
    lists, the same way (``result["dashboard"]`` and ``result["rows"]`` None)."""
    from desktop.models import coordination_views as cv

    def checkpoint() -> None:
        if check is not None:
            check()

    checkpoint()
    result = cv.overview(
        store.db, missing=False, window_days=window_days, cache=cache, cancelled=cancelled,
        timeline=timeline, dashboard=dashboard,
    )  # fmt: skip
    checkpoint()
    result["rows"] = dashboard_rows(result, cache.memo if cache else None) if dashboard else None
    return result


def status_pass_job(
    store: Any,
    progress: Any,
    window_days: int,
    cache: StatusCache | None,
    timeline: bool = True,
    dashboard: bool = True,
) -> dict[str, Any]:
    """Query op body with progress (``QueryOp(..., pass_progress=True)``): the window's
    status pass, cancelled through ``progress.check`` when the window closes; the
    timeline's rows only when ``timeline``, the 总览's counts and lists only when
    ``dashboard`` (their page was shown)."""
    return overview_job(
        store, window_days, cache, check=progress.check, cancelled=lambda: progress.cancelled,
        timeline=timeline, dashboard=dashboard,
    )  # fmt: skip


def second_step_job(
    store: Any,
    period: str,
    today: date | None = None,
    titles: dict[str, tuple[int, str]] | None = None,
    parts: tuple[str, ...] = ("missing", "targets"),
    again: tuple[Any, Iterable[str]] | None = None,
) -> dict[str, Any]:
    """Query op body: the overview's second step (``coordination_views.second_step``:
    the 催报 list by each task's reporting cycle and the target states, or the ``parts``
    named; ``again``: the round before and the tasks whose reports changed since), with
    the dashboard's rows for them built here (``later_rows``), not on the GUI thread."""
    from desktop.models import coordination_views as cv

    # the targets as columns (``progress.target_table``), not a dict per target (~30,000
    # at 100k tasks): the window shows their rows and the 未达标 count
    later = cv.second_step(store.db, period, today, titles, parts, again)
    later.update(later_rows(later, titles or {}))
    if "targets" in later:
        later["targets"] = None
    return later


def missing_counts(missing: Any) -> dict[str, int]:
    """The 催报 figures the dashboard shows: units with something 未报, and the tasks
    due this round (按时, 迟报, 未报)."""
    return {
        "units": len(missing.by_unit("missing")),
        # the judged entries (every entry not 未到期), counted without building them
        "due": sum(missing.count(state) for state in ("on_time", "late", "missing")),
        "on_time": missing.count("on_time"),
        "late": missing.count("late"),
        "missing": missing.count("missing"),
    }


def later_rows(later: dict[str, Any], titles: Mapping[str, tuple[int, str]]) -> dict[str, Any]:
    """The 催报 tree, its figures and the target rows of a second step (plain Python;
    its ``"targets"`` a ``progress.TargetTable``), of the parts it has."""
    rows: dict[str, Any] = {}
    if "missing" in later:
        rows["missing_groups"] = R.round_groups(later["missing"])
        rows["missing_counts"] = missing_counts(later["missing"])
    if "targets" in later:
        targets: TargetTable = later["targets"]
        rows["target_rows"] = R.TargetRows.of_table(targets, titles)
        rows["targets_missed"] = targets.count("missed")
    return rows


def relabelled(
    part: str,
    values: dict[str, Any],
    titles: Mapping[str, tuple[int, str]],
    task_ids: Iterable[str],
) -> dict[str, Any] | None:
    """A part of the second step the window keeps (its ``later_rows`` values) after the
    tasks ``task_ids`` were renamed, nothing else it reads changed
    (``SecondStepCache``): their labels as in ``titles`` (the overview's), the rest
    kept; ``values`` themselves when no label differs; None when it cannot be (a task's
    number differs: the part is computed again)."""
    from desktop.models import round_queries

    if part == "missing":
        round_ = round_queries.relabelled(values["missing"], titles, task_ids)
        if round_ is None:
            return None
        if round_ is values["missing"]:
            return values
        return {"missing": round_, **later_rows({"missing": round_}, titles)}
    rows = values["target_rows"].relabelled(titles, task_ids)
    if rows is None:
        return None
    return values if rows is values["target_rows"] else {**values, "target_rows": rows}


def missed_targets(targets: list[dict[str, Any]]) -> int:
    """The 未达标 tile: targets whose deadline passed short of their value."""
    return sum(1 for t in targets if t["state"] == "missed")


#: Below this page width, in widths of "中", the counts and the lists are stacked rather
#: than side by side (the 总览 page at 1366×768 is ~75 wide with the detail panel, ~105
#: without; at 1920×1080, ~110 and ~150): side by side, the lists get 2/5 of the width,
#: and the 晚于原定 list's dates and states leave its milestones room only from ~120.
STACK_BELOW_EMS = 120


class Dashboard(QWidget):
    """``set_overview(result)`` with ``coordination_views.overview()``; when that
    came without the 催报 list, ``set_missing(report_round())`` adds it later."""

    #: A row naming a task was activated (task id).
    task_activated = Signal(str)
    #: The user changed the due-soon window (days).
    window_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[str, Tile] = {}
        self._today = ""
        self._window = 0
        self._titles: dict[str, tuple[int, str]] = {}
        #: An overview was shown (before: its tiles say "…", the caption 正在计算状态…).
        self.has_overview = False
        self._shown_groups: list[Any] | None = None  # the second step's rows shown
        self._shown_target_rows: list[Any] | None = None
        tiles = QHBoxLayout()
        for status in st.STATUSES:
            self.tiles[status] = Tile(self.tr("任务 · {0}").format(status_label(status)),
                                      STATUS_COLORS[status])  # fmt: skip
            tiles.addWidget(self.tiles[status])
        self.tiles["at_risk"] = Tile(self.tr("受阻任务"), "#b42318")
        self.tiles["missing"] = Tile(
            self.tr("未填报单位"),
            "#7048e8",
            self.tr("按各任务的报送周期，已过报送期限仍未填报的单位数（迟报另列）"),
        )
        self.tiles["missed"] = Tile(
            self.tr("目标未达标"), "#c92a2a", self.tr("期限已过仍未达到的量化目标数")
        )
        tiles.addWidget(self.tiles["at_risk"])
        from desktop.models.qt.unit_lights_model import colour

        self.tiles["behind"] = Tile(
            self.tr("未达序时"), colour("yellow").name(),
            self.tr("完成进度（填报或目标）低于序时进度的任务数（黄）"),
        )  # fmt: skip
        tiles.addWidget(self.tiles["behind"])
        tiles.addWidget(self.tiles["missed"])
        tiles.addWidget(self.tiles["missing"])
        counts, tips = R.count_headers(), ["", *R.count_header_tips()]
        self.sections = RowsModel([self.tr("章节"), *counts], self, header_tips=tips)
        self.units = RowsModel([self.tr("单位（牵头/责任事项）"), *counts], self, header_tips=tips)
        # (the milestone lists name each one's task by number and title, the task
        # column taking the room the others leave)
        self.overdue = RowsModel(
            [self.tr("任务"), self.tr("里程碑"), self.tr("截止"), self.tr("状态"),
             self.tr("单位")], self,
        )  # fmt: skip
        self.late = RowsModel(
            [self.tr("任务"), self.tr("里程碑"), self.tr("截止"), self.tr("状态"),
             self.tr("单位")], self,
        )  # fmt: skip
        self.at_risk = RowsModel([self.tr("任务"), self.tr("原因"), self.tr("传导链")], self)
        self.blocking = RowsModel(
            [self.tr("单位"), self.tr("阻碍任务数"), self.tr("源头里程碑")], self
        )
        self.missing = GroupTreeModel([self.tr("单位 / 任务"), self.tr("报送截止")], self)
        self.targets = RowsModel(
            [self.tr("任务"), self.tr("目标"), self.tr("期限"), self.tr("最新值"),
             self.tr("状态")], self,
        )  # fmt: skip
        left = QTabWidget()
        self.sections_view = table(self.sections, fit_when_shown=True)
        self.units_view = table(self.units, fit_when_shown=True)
        for view in (self.sections_view, self.units_view):
            # the name column takes the room; the counts stay narrow
            header = view.horizontalHeader()
            header.setMinimumSectionSize(28)
            view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            # names are read whole at office screen sizes (tests/helpers/screen_fit.py)
            view.setProperty(WHOLE_TEXT_COLUMNS, [0])
        left.addTab(self.sections_view, self.tr("按章节"))
        left.addTab(self.units_view, self.tr("按单位"))
        right = QTabWidget()
        self.overdue_view = table(self.overdue, fit_when_shown=True)
        right.addTab(self.overdue_view, self.tr("逾期里程碑"))
        self.late_view = table(self.late, fit_when_shown=True)
        right.addTab(self.late_view, self.tr("晚于原定"))
        self.at_risk_view = table(self.at_risk, 2, fit_when_shown=True)
        right.addTab(self.at_risk_view, self.tr("受阻任务"))
        self.blocking_view = table(self.blocking, 2, fit_when_shown=True)
        right.addTab(self.blocking_view, self.tr("阻碍排名"))
        self.targets_view = table(self.targets, 1, fit_when_shown=True)
        right.addTab(self.targets_view, self.tr("量化目标"))
        self.missing_view = chase_tree(self.missing)
        right.addTab(self.missing_view, self.tr("催报"))
        self.right_tabs = right
        for view in (*left.findChildren(QTableView), *right.findChildren(QTableView)):
            view.activated.connect(self._activated)
            view.setSortingEnabled(False)
        self.missing_view.activated.connect(self._activated)
        # each list says what an empty one means, "正在载入…" until its rows come
        empty_texts = {
            "sections": self.tr("没有章节"),
            "units": self.tr("没有单位"),
            "overdue": self.tr("没有逾期里程碑"),
            "late": self.tr("没有晚于原定的里程碑"),
            "at_risk": self.tr("没有受阻任务"),
            "blocking": self.tr("没有阻碍其他任务的单位"),
            "targets": self.tr("没有量化目标"),
            "missing": self.tr("没有需要催报的单位"),
        }
        #: Model name → its view's ``EmptyHint``.
        self.hints: dict[str, EmptyHint] = {}
        for key, text in empty_texts.items():
            view = getattr(self, f"{key}_view")
            self.hints[key] = EmptyHint(view, text, loading=True)
            # a short bottom dock must not push the window taller (the views only: their
            # headers, views too, were 36 high on the right, a line taller than the left's)
            view.setMinimumHeight(36)
        # (the day, the due-soon window and the 催报 counts; "正在计算状态…" until the
        # first overview lands)
        self.caption = QLabel(self.tr("正在计算状态…"))
        self.caption.setStyleSheet("color: #555;")
        self.caption.setWordWrap(True)  # the 催报 counts make it long on a small screen
        self.window_spin = QSpinBox()
        self.window_spin.setRange(0, 365)
        self.window_spin.setValue(st.DEFAULT_WINDOW_DAYS)
        self.window_spin.setPrefix(self.tr("临期窗口 "))
        self.window_spin.setSuffix(self.tr(" 天"))
        self.window_spin.setToolTip(
            self.tr("截止日期在此天数内（含当天）的里程碑显示为临期（黄灯）")
        )
        self.window_spin.setKeyboardTracking(False)
        self.window_spin.valueChanged.connect(self.window_changed)
        caption_row = QHBoxLayout()
        caption_row.addWidget(self.caption, 1)
        caption_row.addWidget(self.window_spin)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        # side by side, the counts by section and unit get the larger part (their names
        # are read whole); stacked on a narrow page (``resizeEvent``), the lists do
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([660, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(tiles)
        layout.addLayout(caption_row)
        layout.addWidget(splitter, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_orientation()

    def _fit_orientation(self) -> None:
        """Counts and lists side by side on a wide page, stacked on a narrow one (1366×768
        with the detail panel: side by side, the lists' milestone column showed little
        more than "任务35“…", and their tabs were cut)."""
        em = self.fontMetrics().horizontalAdvance("中")
        wanted = (
            Qt.Orientation.Vertical
            if self.width() < em * STACK_BELOW_EMS
            else Qt.Orientation.Horizontal
        )
        splitter = self.splitter
        if splitter.orientation() == wanted:
            return
        splitter.setOrientation(wanted)
        vertical = wanted == Qt.Orientation.Vertical
        # (stacked: the lists below get the larger part; the space is shared in these
        # proportions, whatever the splitter's size)
        splitter.setStretchFactor(0, 2 if vertical else 3)
        splitter.setStretchFactor(1, 3 if vertical else 2)
        splitter.setSizes([400, 600] if vertical else [660, 440])

    def set_overview(self, result: dict[str, Any]) -> None:
        self.has_overview = True
        snap = result["snapshot"]
        rows = result.get("rows") or dashboard_rows(result)
        for status, count in rows["totals"].items():
            self.tiles[status].value.setText(str(count))
        self.tiles["at_risk"].value.setText(str(len(rows["at_risk"])))
        self.tiles["behind"].value.setText(str(rows["behind"]))
        self._titles = result["titles"]
        if result.get("target_rows") is not None or result.get("targets") is not None:
            self.set_targets(
                result.get("targets") or [],
                result.get("target_rows"),
                result.get("targets_missed"),
            )
        else:
            self.tiles["missed"].value.setText("…")
        edits = rows.get("edits") or {}  # in place when the models show the rows before
        for key in ("sections", "units", "overdue", "late", "at_risk", "blocking"):
            getattr(self, key).set_rows(rows[key], edits.get(key))
            self.hints[key].set_loading(False)
        self._today = snap.today.isoformat()
        self._window = snap.window_days
        missing = result.get("missing")
        if missing is not None:
            self.set_missing(missing, result.get("missing_groups"), result.get("missing_counts"))
        else:
            self.tiles["missing"].value.setText("…")
            self.caption.setText(
                self.tr("{today} · 临期窗口 {window} 天 · 正在统计填报情况…").format(
                    today=self._today, window=self._window
                )
            )

    def set_missing(
        self,
        missing: Any,
        groups: list[Any] | None = None,
        counts: dict[str, int] | None = None,
    ) -> None:
        """The 催报 list (``duban_queries.report_round``, as the CLI's ``remind``): each
        task by its reporting cycle, 未报 and 迟报 apart; its tab, tile and the caption.
        ``groups`` and ``counts`` are ``later_rows``' (built in the background), else
        built here."""
        counts = counts or missing_counts(missing)
        self.tiles["missing"].value.setText(str(counts["units"]))
        if groups is None or groups is not self._shown_groups:  # (an edit kept the round)
            self.missing.set_groups(R.round_groups(missing) if groups is None else groups)
            self._shown_groups = groups
        self.hints["missing"].set_loading(False)
        self.caption.setText(
            self.tr(
                "{today} · 临期窗口 {window} 天 · 已到报送期限 {due} 项：按时 {on_time}，"
                "迟报 {late}，未报 {missing}"
            ).format(
                today=self._today,
                window=self._window,
                due=counts["due"],
                on_time=counts["on_time"],
                late=counts["late"],
                missing=counts["missing"],
            )
        )

    def set_targets(
        self,
        targets: list[dict[str, Any]],
        rows: list[Any] | None = None,
        missed: int | None = None,
    ) -> None:
        """The target states (``target_overview``): their tab and the 未达标 tile
        (``rows`` and ``missed``: ``later_rows``' target rows and count, else built
        here from ``targets``)."""
        if rows is None:
            rows = [R.target_row(self._titles, t) for t in targets]
        if rows is not self._shown_target_rows:  # (an edit kept the second step: shown)
            self.targets.set_rows(rows)
            self._shown_target_rows = rows
        self.hints["targets"].set_loading(False)
        if missed is None:
            missed = missed_targets(targets)
        self.tiles["missed"].value.setText(str(missed))

    def status_totals(self) -> dict[str, int]:
        return {s: int(self.tiles[s].value.text()) for s in st.STATUSES}

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.model() is self.missing and not index.parent().isValid():
            return  # a unit group
        task_id = index.siblingAtColumn(0).data(ID_ROLE)
        if task_id and index.model() is not self.units and index.model() is not self.sections:
            if index.model() is self.blocking:
                return
            self.task_activated.emit(task_id)
