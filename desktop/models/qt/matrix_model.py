"""The task × unit matrix: a lazy table model and its filter proxy.

Column 0 is the row label ("1 优化5G网络覆盖" / "14-2 以省耕作…"); columns 1..N
are units; a cell shows 牵 / 配 / 责 in the role's colours.

Memory and speed notes (issue 14: 120,000 rows × 300 units):
- the model keeps a ``matrix_rows.MatrixIndex``: per row only integers in
  ``array``s (its work item's and task's rowids, plan, section, archived, role
  bits), the role cells as flat arrays by row and by unit. Labels, texts and the
  row's work item and task ids are read from the store for the rows on screen,
  ``TEXT_BLOCK`` shown rows per query, and at most ``TEXT_CACHE_ROWS`` are kept
  (``row_text``);
- rows are filtered and sorted here: ``_order`` holds the shown data rows. The
  proxy only hides the unit columns a filter leaves empty, so Qt never calls
  Python once per row (a ``filterAcceptsRow`` override did, 120,000 times per
  filter change);
- ``index()`` is overridden so that the proxy's many ``mapToSource`` calls
  cost one Python call each (the C++ default calls ``rowCount`` and
  ``columnCount`` in Python for every index);
- the view paints unit cells with ``RoleCellDelegate`` (one ``CELL_ROLE``
  lookup per cell instead of seven data roles);
- sorting is done here in Python (one ``sorted()`` over a unit's marked rows,
  then a reset), because ``QSortFilterProxyModel`` sorting calls ``data()`` from
  C++ for every comparison (measured 1.3 s for 12,000 rows);
- filtering builds a mask over data rows with bytearray operations
  (``MatrixModel.filter_sets``) and resets the model once per filter change; the unit
  columns shown come from the shown rows' cells (few rows) or each unit's rows up to its
  first shown one (many rows), not from a map over every cell (``_units_in``).
"""

from __future__ import annotations

from array import array
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import eq, gt, lt, not_
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from sqlite_utils import Database

from desktop.models.matrix_rows import (
    ROLE_BIT,
    ROLE_CODE,
    ROLES,
    MatrixIndex,
    RowText,
    and_bytes,
    item_rowid,
    positions_of,
    row_ids_of,
    row_texts,
    task_rowid,
)
from desktop.models.qt.roles import (
    ID_ROLE,
    ROLE_RANK,
    SORT_ROLE,
    role_background,
    role_foreground,
    role_label,
    role_mark,
)
from desktop.models.qt.text import labelled, with_note
from desktop.models.queries import short_title

Index = QModelIndex | QPersistentModelIndex

# Data roles as plain ints: PySide passes ``role`` to ``data()`` as an int.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
SORT = int(SORT_ROLE)
ID = int(ID_ROLE)
#: A unit cell's assignment role ("lead" / "support" / "responsible"; "" when empty).
#: Never None: PySide6 6.12 drops a reference to None each time ``QModelIndex.data()``
#: returns an invalid QVariant, and the delegate asks for every painted cell.
CELL_ROLE = int(Qt.ItemDataRole.UserRole) + 40
#: Column 0: the work item id of the row (stable across sorting and filtering).
ITEM_ROLE = int(Qt.ItemDataRole.UserRole) + 41
_EMPTY_CELL: dict[int, object] = {SORT: 3, CELL_ROLE: ""}
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
#: Label background of a row with a lead warning (no lead / two leads).
_WARNING_BRUSH = QBrush(QColor("#fff3bf"))
_HEADER_ALIGN = int(Qt.AlignmentFlag.AlignCenter)

#: Below one shown row in this many, a filter's unit columns are read from the shown rows'
#: cells; above, from each unit's rows (``MatrixModel._units_in``).
SPARSE_SHARE = 8

# Longest unit name shown in full in the (vertical) header; longer ones are elided.
HEADER_CHARS = 10


@dataclass(frozen=True)
class MatrixFilter:
    """What the user filtered by; ``None`` / empty means "any"."""

    unit_id: str | None = None
    role: str | None = None
    section_id: str | None = None
    plan_id: str | None = None
    #: The rowids of the tasks a full-text search found (``queries.search_task_rowids``).
    task_rowids: frozenset[int] | None = None

    @property
    def active(self) -> bool:
        return any(
            v is not None for v in (self.unit_id, self.role, self.section_id, self.plan_id)
        ) or (self.task_rowids is not None)


#: "〔", where a 发文字号's year starts (not a literal: translatable text stays in tr()).
YEAR_BRACKET = chr(0x3014)


def plan_tags(plans: list[dict]) -> dict[str, tuple[str, str]]:
    """plan id → (compact tag, full name) for telling rows of several plans apart.

    The tag is the 发文字号's year and number ("〔2024〕5号"), the whole 发文字号
    when two plans share those, else a short title; the full name is
    "title（发文字号）"."""
    compact: dict[str, str] = {}
    for plan in plans:
        doc_no = (plan.get("doc_no") or "").strip()
        if doc_no:
            cut = doc_no.find(YEAR_BRACKET)
            compact[plan["id"]] = doc_no[cut:] if cut > 0 else doc_no
        else:
            compact[plan["id"]] = short_title(plan.get("title") or "", 8)
    clashes = {tag for tag, n in Counter(compact.values()).items() if n > 1}
    tags: dict[str, tuple[str, str]] = {}
    for plan in plans:
        doc_no = (plan.get("doc_no") or "").strip()
        tag = compact[plan["id"]]
        if tag in clashes and doc_no:
            tag = doc_no
        title = plan.get("title") or ""
        tags[plan["id"]] = (tag, with_note(title, doc_no) if doc_no else title)
    return tags


#: Model role: the ledger column key of a cell or header (None for label and unit columns).
LEDGER_ROLE = int(Qt.ItemDataRole.UserRole) + 42
#: Ledger columns that can be shown beside the role cells, in display order.
LEDGER_COLUMNS = ("deadline", "status", "progress", "percent", "reported")


def ledger_title(key: str) -> str:
    """完成时限 / 状态 / 最新进展 / 完成率 / 最近填报 (translatable)."""
    titles = {
        "deadline": QCoreApplication.translate("Ledger", "完成时限"),
        "status": QCoreApplication.translate("Ledger", "状态"),
        "progress": QCoreApplication.translate("Ledger", "最新进展"),
        "percent": QCoreApplication.translate("Ledger", "完成率"),
        "reported": QCoreApplication.translate("Ledger", "最近填报"),
    }
    return titles[key]


#: Characters of a unit's abbreviated header (two lines of two, read left to right).
SHORT_CHARS = 4
_NAME_PREFIXES = "\u5e02\u53bf\u533a"  # 市 县 区 (data, not UI text)


def short_unit_name(name: str, limit: int = SHORT_CHARS) -> str:
    """A unit name abbreviated for a narrow column header: the leading 市/县/区 of a
    longer name dropped, cut to ``limit`` characters with "…" (full name: tooltip)."""
    name = name.strip()
    if len(name) > 2 and name[0] in _NAME_PREFIXES:
        name = name[1:]
    if len(name) > limit:
        name = name[: limit - 1] + "…"
    return name


def header_text(name: str) -> str:
    """The abbreviated name on two horizontal lines of two characters."""
    short = short_unit_name(name)
    return short if len(short) <= 2 else short[:2] + "\n" + short[2:]


def vertical_text(name: str, limit: int = HEADER_CHARS) -> str:
    """A unit name stacked one character per line (how Chinese reads in a narrow column)."""
    if len(name) > limit:
        name = name[: limit - 1] + "…"
    return "\n".join(name)


class RowIds(NamedTuple):
    """The task and work item of a matrix row."""

    task_id: str
    item_id: str


def read_all_row_ids(db: Database, index: MatrixIndex) -> list[RowIds]:
    """(task id, item id) of every data row of ``index``, in data-row order: one scan of
    every work item (any thread's connection). A row whose work item is gone, or whose
    rowid another task's item took since, gets empty ids."""
    ids = row_ids_of(db)
    missing = ("", "", -1)
    return [
        RowIds(task_id, item_id) if task_rowid == expected else RowIds("", "")
        for (item_id, task_id, task_rowid), expected in zip(
            map(ids.get, index.item_rowids, repeat(missing)),
            index.task_rowids,
            strict=True,
        )
    ]


def lead_warnings(data: MatrixIndex) -> dict[int, int]:
    """data row → lead count of a work item with no lead (nor 责任单位) or two leads.

    Allowed (a plan may be written so), but shown: the label cell is tinted and
    its tooltip says why. Archived tasks are not warned about."""
    # C-level loops over the role bits and the lead cells (a Python loop per row
    # took ~0.15 s of the GUI thread at 100k)
    n = len(data)
    lead, responsible = ROLE_BIT[ROLE_CODE["lead"]], ROLE_BIT[ROLE_CODE["responsible"]]
    lacking = bytes(1 if not value & (lead | responsible) else 0 for value in range(256))
    unwarned = bytes(data.archived)  # archived rows are not warned about
    no_lead = compress(range(n), map(lt, unwarned, _map_bytes(bytes(data.row_roles), lacking)))
    # rows with two lead cells and more (their count of lead cells: C-level passes)
    counts = data.lead_counts()
    leads = {
        row: counts[row]
        for row in compress(range(n), map(gt, counts, repeat(1)))
        if not unwarned[row]
    }
    rows = sorted(chain(no_lead, leads))  # two ascending runs: in row order
    return dict(zip(rows, map(leads.get, rows, repeat(0)), strict=True))


def section_ancestors(data: MatrixIndex, section_parents: dict[str, str | None] | None) -> array:
    """section (index into ``data.section_ids``) → its nearest ancestor among them (-1:
    none): its parent chain (``section_parents``: id → parent id) followed through
    sections not among them, a cycle stopped where an id comes back. One int a section
    (a list of its subsections each was ~2.3 MB kept at 12,000 sections)."""
    parents = section_parents or {}
    section_of = {section_id: i for i, section_id in enumerate(data.section_ids)}
    nearest = array("i", repeat(-1, len(data.section_ids)))
    for section_id, i in section_of.items():
        parent, seen = parents.get(section_id), {section_id}
        while parent and parent not in seen:
            seen.add(parent)
            found = section_of.get(parent)
            if found is not None:
                nearest[i] = found
                break
            parent = parents.get(parent)
    return nearest


def sections_under(nearest: array, section: int) -> set[int]:
    """``section`` and the sections below it (whose ancestors, ``section_ancestors``,
    reach it): each section's chain walked once (~10 ms at 12,000 sections, when a
    section filter is set); empty for a section not among them."""
    if not 0 <= section < len(nearest):
        return set()
    inside: dict[int, bool] = {section: True}
    for start in range(len(nearest)):
        path: list[int] = []
        on_path: set[int] = set()
        node = start
        while node >= 0 and node not in inside and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = nearest[node]
        below = node >= 0 and inside.get(node, False)  # (a cycle without it: not below)
        for walked in path:
            inside[walked] = below
    return {node for node, below in inside.items() if below}


@dataclass(frozen=True)
class PreparedRows:
    """What ``MatrixModel.set_data`` derives from an index (its lead warnings and
    sections' nearest ancestors), computed where the index was loaded: on the window's worker, so the
    GUI thread does not when the rows land (~0.1 s at 100k tasks)."""

    index: MatrixIndex
    warned: dict[int, int]
    section_ancestors: array


def prepare_rows(
    data: MatrixIndex, section_parents: dict[str, str | None] | None = None
) -> PreparedRows:
    """``PreparedRows`` of an index (any thread: no Qt)."""
    return PreparedRows(data, lead_warnings(data), section_ancestors(data, section_parents))


class MatrixModel(QAbstractTableModel):
    """Rows: tasks and work items; columns: 0 = label, 1.. = units, then ledger columns.

    The rows are a ``MatrixIndex`` (ids and numbers); the model's rows are the
    shown ones (filtered, then sorted) as data rows in ``_order``. Labels and texts
    are read from the store for the rows on screen, ``TEXT_BLOCK`` shown rows per
    query, and at most ``TEXT_CACHE_ROWS`` are kept.
    """

    TEXT_BLOCK = 128
    TEXT_CACHE_ROWS = 2048

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._index = MatrixIndex()
        self._db: Database | None = None
        #: every data row, in the current sort (a ``range`` in data order or its reverse:
        #: no array of every row kept, ~0.5 MB at 100k tasks)
        self._sorted: Sequence[int] = range(0)
        self._sorted_in_data_order = True  # ``_sorted`` is 0, 1, 2, … (no sort applied)
        self._order: Sequence[int] = range(0)  # the shown data rows, in the current sort
        self._mask: bytearray | None = None  # shown data rows (None: all)
        self._shown_columns: set[int] | None = None
        self._filter = MatrixFilter()
        self._texts: OrderedDict[int, RowText] = OrderedDict()
        #: Every data row's ids, read once per index while ledger columns need them.
        self._all_ids: list[RowIds] | None = None
        self._headers: list[str] = []
        self._unit_column: dict[str, int] = {}
        self._columns = 1
        self._cell_values: dict[int, tuple[object, ...]] = {}
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        # per plan index, when several plans are loaded: (tag, full name)
        self._plan_tags: list[tuple[str, str]] | None = None
        #: data row → its lead count, for rows warned about (none, or two and more)
        self._warned: dict[int, int] = {}
        self._section_ancestors = array("i")  # section → its nearest ancestor (-1: none)
        #: Ledger columns after the unit columns (keys of LEDGER_COLUMNS) and their
        #: texts per work item (item id → key → text); see ``set_ledger``.
        self._ledger: tuple[str, ...] = ()
        self._ledger_values: dict[str, dict[str, str]] = {}
        self._unit_count = 0

    # -- loading ------------------------------------------------------------

    def set_data(
        self,
        data: MatrixIndex,
        section_parents: dict[str, str | None] | None = None,
        plans: list[dict] | None = None,
        *,
        db: Database,
        prepared: PreparedRows | None = None,
    ) -> None:
        """Replace everything (after an import or a store change).

        ``db`` is read for the labels and texts of the rows on screen (the GUI
        thread's connection). ``section_parents`` (section id → parent id) lets a
        section filter include the rows of its subsections. ``plans``
        (``queries.plans()``): with more than one, each row label starts with its
        plan's tag (``plan_tags``) and the tooltip names the plan.
        """
        self.beginResetModel()
        self._index = data
        self._db = db
        self._texts.clear()
        self._all_ids = None
        self._plan_tags = None
        if plans and len(plans) > 1:
            tags = plan_tags(plans)
            self._plan_tags = [tags.get(plan_id, ("", "")) for plan_id in data.plan_ids]
        self._unit_column = {unit[0]: i + 1 for i, unit in enumerate(data.units)}
        self._headers = [header_text(unit[1]) for unit in data.units]
        self._unit_count = len(data.units)
        self._columns = len(data.units) + 1 + len(self._ledger)
        self._cell_values = {
            DISPLAY: tuple(role_mark(r) for r in ROLES),
            BACKGROUND: tuple(role_background(r) for r in ROLES),
            FOREGROUND: tuple(role_foreground(r) for r in ROLES),
            SORT: tuple(ROLE_RANK[r] for r in ROLES),
            CELL_ROLE: ROLES,
        }
        if prepared is None or prepared.index is not data:
            prepared = prepare_rows(data, section_parents)
        self._warned = prepared.warned
        self._section_ancestors = prepared.section_ancestors
        self._resort()
        self._apply_filter(self._filter)
        self.endResetModel()

    def _warning_text(self, leads: int) -> str:
        if leads > 1:
            return self.tr("有 {0} 个牵头单位").format(leads)
        return self.tr("没有牵头单位")

    def warnings(self) -> dict[str, str]:
        """work item id → lead warning, for every warned row."""
        if self._db is None or not self._warned:
            return {}
        rowids, task_rowids = self._index.item_rowids, self._index.task_rowids
        ids = row_ids_of(self._db, (rowids[row] for row in self._warned))
        return {
            found[0]: self._warning_text(n)
            for row, n in self._warned.items()
            if (found := ids.get(rowids[row])) is not None and found[2] == task_rowids[row]
        }

    def warning_count(self) -> int:
        return len(self._warned)

    @property
    def matrix(self) -> MatrixIndex:
        return self._index

    def unit_id(self, column: int) -> str | None:
        return self._index.units[column - 1][0] if 1 <= column <= self._unit_count else None

    def row_ids(self, data_row: int) -> RowIds:
        """The task and work item of a data row (read with the shown rows around it)."""
        text = self.row_text(data_row)
        return RowIds(text.task_id, text.item_id)

    def all_row_ids(self) -> list[RowIds]:
        """(task id, item id) of every data row (shown or not), in data-row order: read
        from the store (the index keeps no ids) once per index — a scan of every work
        item, ~1 s at 100k tasks, that the ledger columns' refresh and each ledger sort
        would otherwise repeat on the GUI thread."""
        if self._all_ids is None:
            self._all_ids = self._read_all_row_ids()
        return self._all_ids

    def _read_all_row_ids(self) -> list[RowIds]:
        if self._db is None:
            return []
        return read_all_row_ids(self._db, self._index)

    def adopt_row_ids(self, index: MatrixIndex, ids: list[RowIds]) -> bool:
        """Keep ``ids`` (``read_all_row_ids`` of ``index``, read on a worker) as every
        row's ids, if ``index`` is still the one shown; whether it is."""
        if index is not self._index:
            return False
        if self._all_ids is None:
            self._all_ids = ids
        return True

    def total_rows(self) -> int:
        """Data rows loaded (shown or filtered out)."""
        return len(self._index)

    @property
    def task_count(self) -> int:
        return self._index.task_count

    # -- texts on demand --------------------------------------------------------

    def row_text(self, data_row: int) -> RowText:
        """Label and text of a data row (read with the shown rows around it)."""
        text = self._texts.get(data_row)
        if text is not None:
            return text
        self._fetch_texts(data_row)
        return self._texts.get(data_row) or _NO_TEXT

    def _fetch_texts(self, data_row: int) -> None:
        """Read the block of shown rows around ``data_row`` in one query."""
        rows = [data_row]
        try:
            shown = self._order.index(data_row)
        except ValueError:
            shown = -1
        if shown >= 0:
            start = shown - shown % self.TEXT_BLOCK
            rows = [r for r in self._order[start : start + self.TEXT_BLOCK] if r not in self._texts]
        rowids = self._index.item_rowids
        found = row_texts(self._db, (rowids[r] for r in rows)) if self._db is not None else {}
        texts = self._texts
        task_rowids = self._index.task_rowids
        for row in rows:
            text = found.get(rowids[row], _NO_TEXT)
            # a rowid reused by another task's new work item: not this row's (until reload)
            texts[row] = text if text.task_rowid == task_rowids[row] else _NO_TEXT
        while len(texts) > self.TEXT_CACHE_ROWS:
            texts.popitem(last=False)

    def relabel_task(self, task_id: str) -> None:
        """A task was renamed: its rows read their texts again when shown."""
        rowid = task_rowid(self._db, task_id) if self._db is not None else None
        if rowid is None:
            return
        order = self._order
        for data_row in positions_of(self._index.task_rowids, rowid):
            self._texts.pop(data_row, None)
            with suppress(ValueError):  # filtered out
                row = order.index(data_row)
                self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def cached_text_rows(self) -> int:
        """How many rows' texts are held (bounded by ``TEXT_CACHE_ROWS``)."""
        return len(self._texts)

    # -- ledger columns (完成时限, 状态, 最新进展, 完成率, 最近填报) -------------------

    @property
    def ledger(self) -> tuple[str, ...]:
        """The ledger columns shown (keys of ``LEDGER_COLUMNS``), in order."""
        return self._ledger

    def ledger_column(self, key: str) -> int | None:
        """The model column of a shown ledger column."""
        if key not in self._ledger:
            return None
        return 1 + self._unit_count + self._ledger.index(key)

    def set_ledger(self, keys: tuple[str, ...], values: dict[str, dict[str, str]]) -> None:
        """Show ledger columns ``keys`` after the units; ``values``: item id → key → text."""
        keys = tuple(k for k in LEDGER_COLUMNS if k in keys)
        if keys == self._ledger:
            self._ledger_values = values
            if keys and self._order:
                first = 1 + self._unit_count
                self.dataChanged.emit(
                    self.index(0, first), self.index(len(self._order) - 1, self._columns - 1)
                )
            return
        self.beginResetModel()
        self._ledger = keys
        self._ledger_values = values
        self._columns = self._unit_count + 1 + len(keys)
        self._apply_filter(self._filter)  # the shown columns include the ledger columns
        self.endResetModel()

    def _ledger_data(self, data_row: int, column: int, role: int):  # noqa: ANN202
        key = self._ledger[column - 1 - self._unit_count]
        if role in (DISPLAY, TOOLTIP, SORT):
            item_id = self.row_text(data_row).item_id
            return self._ledger_values.get(item_id, {}).get(key, "")
        if role == ID:
            return self.row_text(data_row).task_id
        if role == LEDGER_ROLE:
            return key
        return None

    def unit_column(self, unit_id: str) -> int | None:
        return self._unit_column.get(unit_id)

    def unit_counts(self, unit_id: str) -> tuple[int, int, int]:
        """(lead, support, responsible) rows of a unit."""
        column = self._unit_column.get(unit_id)
        if column is None:
            return 0, 0, 0
        _rows, roles = self._index.unit_cells(column - 1)
        return (
            roles.count(ROLE_CODE["lead"]),
            roles.count(ROLE_CODE["support"]),
            roles.count(ROLE_CODE["responsible"]),
        )

    def data_row(self, row: int) -> int:
        """The index into the ``MatrixIndex`` rows shown at model row ``row``."""
        return self._order[row]

    def row_of_item(self, item_id: str) -> int:
        """The model row showing a work item, or -1 (not loaded, or filtered out)."""
        rowid = item_rowid(self._db, item_id) if self._db is not None else None
        if rowid is None:
            return -1
        try:
            data_row = self._index.item_rowids.index(rowid)
            return self._order.index(data_row)
        except ValueError:
            return -1

    def rows_of_task(self, task_id: str) -> list[int]:
        """Model rows showing a task (one per work item)."""
        rowid = task_rowid(self._db, task_id) if self._db is not None else None
        if rowid is None:
            return []
        order = self._order
        # C-level scans: a task has a few rows among 100,000
        data_rows = positions_of(self._index.task_rowids, rowid)
        rows: list[int] = []
        for data_row in data_rows:
            with suppress(ValueError):  # filtered out
                rows.append(order.index(data_row))
        return sorted(rows)

    # -- filtering ------------------------------------------------------------

    @property
    def current_filter(self) -> MatrixFilter:
        return self._filter

    def set_filter(self, f: MatrixFilter) -> None:
        """Show only the rows (and unit columns) a filter accepts: one model reset."""
        self.beginResetModel()
        self._apply_filter(f)
        self.endResetModel()

    def column_shown(self, column: int) -> bool:
        return self._shown_columns is None or column in self._shown_columns

    def _apply_filter(self, f: MatrixFilter) -> None:
        self._filter = f
        self._mask, self._shown_columns = self.filter_sets(f)
        mask = self._mask
        if mask is None:
            self._order = self._sorted
        elif self._sorted_in_data_order:  # no per-row lookup: the mask is in the same order
            self._order = array("i", compress(range(len(mask)), mask))
        else:
            self._order = array("i", compress(self._sorted, map(mask.__getitem__, self._sorted)))

    def filter_sets(self, f: MatrixFilter) -> tuple[bytearray | None, set[int] | None]:
        """Accepted data rows (a mask over data rows) and accepted columns
        (``None`` = all) of a filter."""
        if not f.active:
            return None, None
        index = self._index
        n = len(index)
        masks: list[bytearray] = []
        unit = None
        wanted = ROLE_CODE.get(f.role) if f.role is not None else None
        if f.unit_id is not None:
            mask = bytearray(n)
            column = self._unit_column.get(f.unit_id)
            if column is not None:
                unit = column - 1
                rows, roles = index.unit_cells(unit)
                for row, code in zip(rows, roles, strict=True):
                    if wanted in (None, code):
                        mask[row] = 1
            masks.append(mask)
        elif wanted is not None:
            masks.append(bytearray(_map_bytes(bytes(index.row_roles), _HAS_BIT[ROLE_BIT[wanted]])))
        if f.section_id is not None or f.plan_id is not None:
            sections: set[int] | None = None
            if f.section_id is not None:
                try:
                    section = index.section_ids.index(f.section_id)
                except ValueError:
                    section = -2
                sections = sections_under(self._section_ancestors, section)
            plan: int | None = None
            if f.plan_id is not None:
                try:
                    plan = index.plan_ids.index(f.plan_id)
                except ValueError:
                    plan = -2
            masks.append(self._scope_mask(index, plan, sections))
        if f.task_rowids is not None:  # a C-level loop over integers
            masks.append(bytearray(map(f.task_rowids.__contains__, index.task_rowids)))
        mask = masks[0]
        for other in masks[1:]:  # masks hold 0 / 1
            mask = bytearray(and_bytes(mask, other))
        # A unit column shows when one of its cells (of the wanted role) is in a shown row.
        columns = {0}
        columns.update(unit + 1 for unit in self._units_in(mask, wanted))
        columns.update(range(1 + self._unit_count, self._columns))  # ledger columns stay
        return mask, columns

    def _units_in(self, mask: bytearray, role: int | None) -> Iterable[int]:
        """Units (0-based) with a cell (of ``role``; ``None``: any) in a row of ``mask``.

        Few rows shown: their cells, gathered by C-level maps over row slices. Many rows
        shown: ``MatrixIndex.units_with_cells`` (the cells picked by their rows' bytes
        in C, a part of the rows at a time until every unit is found: ~1 ms at 100k
        tasks; no copy of the cells by unit is kept for it)."""
        index = self._index
        if mask.count(1) * SPARSE_SHARE < len(index):
            starts = index.cell_start
            spans = list(map(slice, compress(starts, mask), compress(starts[1:], mask)))
            units = chain.from_iterable(map(index.cell_unit.__getitem__, spans))
            if role is not None:
                codes = chain.from_iterable(map(index.cell_role.__getitem__, spans))
                units = compress(units, map(eq, codes, repeat(role)))
            return set(units)
        return index.units_with_cells(mask, role)

    @staticmethod
    def _scope_mask(index: MatrixIndex, plan: int | None, sections: set[int] | None) -> bytearray:
        """Rows of a plan (``None``: any) and of a set of sections (``None``: any); a
        folded row also counts as in its 上级任务's plan and section."""

        def accepts(row_plan: int, row_section: int) -> bool:
            return (plan is None or row_plan == plan) and (
                sections is None or row_section in sections
            )

        # C-level loops: bools are 0 / 1 bytes
        if sections is None:
            mask = bytearray(map(plan.__eq__, index.row_plan))
        elif plan is None:
            mask = bytearray(map(sections.__contains__, index.row_section))
        else:
            in_plan = bytearray(map(plan.__eq__, index.row_plan))
            in_sections = bytearray(map(sections.__contains__, index.row_section))
            mask = bytearray(and_bytes(in_plan, in_sections))
        for row in index.folded_under:
            if accepts(*index.filter_plan_section(row)):
                mask[row] = 1
        return mask

    # -- Qt model interface -------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # One Python call per index (see module docstring); the proxy creates many.
        if 0 <= row < len(self._order) and 0 <= column < self._columns and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def data(self, index: Index, role: int = DISPLAY):
        if not index.isValid():
            return None
        column = index.column()
        data_row = self._order[index.row()]
        if column > self._unit_count:
            return self._ledger_data(data_row, column, role)
        if column:
            values = self._cell_values.get(role)
            if values is not None:
                code = self._index.role_at(data_row, column - 1)
                if code < 0:
                    return _EMPTY_CELL.get(role)
                return values[code]
            if role == ALIGNMENT:
                return _CENTER
            if role == TOOLTIP:
                code = self._index.role_at(data_row, column - 1)
                if code >= 0:
                    unit = self._index.units[column - 1][1]
                    return labelled(unit, role_label(ROLES[code]))
                return None
            if role == ID:
                return self.row_text(data_row).task_id
            return None
        if role == DISPLAY:
            label = self.row_text(data_row).label
            if self._plan_tags is not None:
                tag = self._plan_tags[self._index.row_plan[data_row]][0]
                label = f"{tag} {label}" if tag else label
                if data_row in self._index.folded_under:  # a lower-level task under its 上级任务
                    label = f"    ↳ {label}"
            return label
        if role == TOOLTIP:
            text = self.row_text(data_row).text
            if self._plan_tags is not None:
                text = f"{self._plan_tags[self._index.row_plan[data_row]][1]}\n{text}"
            leads = self._warned.get(data_row)
            return f"⚠ {self._warning_text(leads)}\n{text}" if leads is not None else text
        if role == BACKGROUND:
            return _WARNING_BRUSH if data_row in self._warned else None
        if role == ID:
            return self.row_text(data_row).task_id
        if role == ITEM_ROLE:
            return self.row_text(data_row).item_id
        if role == SORT:
            return data_row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return section + 1
            return None
        if section < 0 or section >= self._columns:
            return None
        if section == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("任务 / 工作项")
            return None
        if section > self._unit_count:
            key = self._ledger[section - 1 - self._unit_count]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return ledger_title(key)
            if role == LEDGER_ROLE:
                return key
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section - 1]
        if role == Qt.ItemDataRole.ToolTipRole:
            unit_id, name, _kind = self._index.units[section - 1]
            lead, support, responsible = self.unit_counts(unit_id)
            return self.tr(
                "{name}\n牵头 {lead} 项，配合 {support} 项，责任 {responsible} 项"
            ).format(name=name, lead=lead, support=support, responsible=responsible)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _HEADER_ALIGN
        if role == ID_ROLE:
            return self._index.units[section - 1][0]
        return None

    # flags(): the C++ default (enabled, selectable, no children) — no Python call per cell.

    # -- sorting (done here, see module docstring) ------------------------------

    def _resort(self) -> None:
        column, order = self._sort
        self._sorted = self._sorted_order(column, order)
        self._sorted_in_data_order = order == Qt.SortOrder.AscendingOrder and (
            column <= 0 or (column > self._unit_count and not self._ledger)
        )

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> Sequence[int]:
        n = len(self._index)
        reverse = order == Qt.SortOrder.DescendingOrder
        if column > self._unit_count and self._ledger:
            key = self._ledger[column - 1 - self._unit_count]
            values = self._ledger_values
            no_values: dict[str, str] = {}
            # every row's text once (the sort's keys), then C-level selections
            texts = [values.get(ids.item_id, no_values).get(key, "") for ids in self.all_row_ids()]
            # blanks last either way
            filled = sorted(compress(range(n), texts), key=texts.__getitem__, reverse=reverse)
            blanks = compress(range(n), map(not_, texts))
            return array("i", chain(filled, blanks))
        if column <= 0 or column > self._unit_count:
            return range(n - 1, -1, -1) if reverse else range(n)
        # Ascending: the unit's marked rows first (牵, 责, 配), then the blank
        # rows; descending: blanks first, then 配, 责, 牵. Data-row order is kept
        # within a rank. Only the few marked rows are sorted.
        marked_rows, codes = self._index.unit_cells(column - 1)
        sign = -1 if reverse else 1
        ranked = [
            row
            for _code, row in sorted(
                zip(codes, marked_rows, strict=True), key=lambda m: (sign * m[0], m[1])
            )
        ]
        blank = bytearray(b"\x01") * n
        for row in marked_rows:
            blank[row] = 0
        blank_rows = array("i", compress(range(n), blank))  # a C-level loop
        ranked_rows = array("i", ranked)
        return blank_rows + ranked_rows if reverse else ranked_rows + blank_rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column, order)
        self._resort()
        self._apply_filter(self._filter)
        self.endResetModel()


#: Byte-for-byte mapping through a 256-byte table (``bytes.translate``, C speed; a plain
#: name, not a ``.translate`` call, which is how Qt's translation calls look).
_map_bytes = bytes.translate

#: ``_map_bytes`` tables: role bits → 1 where a bit is set, else 0.
_HAS_BIT = {bit: bytes(1 if value & bit else 0 for value in range(256)) for bit in ROLE_BIT}


#: A row whose work item is gone (deleted since the load; a reload follows).
_NO_TEXT = RowText("", "")


class MatrixProxy(QSortFilterProxyModel):
    """Hides the unit columns a filter leaves empty; rows are filtered and sorted by the
    source (``MatrixModel.set_filter`` / ``sort``), never row by row here."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._model: MatrixModel | None = None

    def setSourceModel(self, model: MatrixModel) -> None:  # noqa: N802 - Qt API
        self._model = model
        super().setSourceModel(model)

    @property
    def current_filter(self) -> MatrixFilter:
        assert self._model is not None
        return self._model.current_filter

    def index_of_item(self, item_id: str, column: int = 0) -> QModelIndex:
        """The proxy index of a work item's row (invalid when filtered out)."""
        assert self._model is not None
        row = self._model.row_of_item(item_id)
        if row < 0:
            return QModelIndex()
        return self.mapFromSource(self._model.index(row, column))

    def set_filter(self, f: MatrixFilter) -> None:
        """Apply a filter: one set computation, one model reset (of the source).

        A reset, not ``invalidateFilter()``: the incremental path emits one
        rowsRemoved per gap, and each makes both matrix views (main and frozen
        column) relayout their headers: 670 ms for 12,000 → 158 rows; the
        reset takes a few ms.
        """
        assert self._model is not None
        self._model.set_filter(f)

    def filterAcceptsColumn(self, source_column: int, source_parent: Index) -> bool:  # noqa: N802
        return self._model is None or self._model.column_shown(source_column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source_column = column
        model = self._model
        if model is None:
            return
        if column > 0 and model._shown_columns is not None:
            visible = sorted(model._shown_columns)
            if column >= len(visible):
                return
            source_column = visible[column]
        model.sort(source_column, order)
