"""The task × unit matrix: a lazy table model and its filter proxy.

Column 0 is the row label ("1 优化5G网络覆盖" / "14-2 以省耕作…"); columns 1..N
are units; a cell shows 牵 / 配 / 责 in the role's colours.

Speed notes (province scale: 12,000 rows × 300 units):
- the model keeps ``MatrixData`` as loaded by ``queries.matrix()`` plus, per
  data row, a ``{column: role}`` dict; ``data()`` is one list index, one dict
  lookup and a per-role value table (roles arrive as plain ints);
- ``index()`` is overridden so that the proxy's many ``mapToSource`` calls
  cost one Python call each (the C++ default calls ``rowCount`` and
  ``columnCount`` in Python for every index);
- the view paints unit cells with ``RoleCellDelegate`` (one ``CELL_ROLE``
  lookup per cell instead of seven data roles);
- sorting is done here in Python (one ``sorted()`` over row keys, then a
  reset), because ``QSortFilterProxyModel`` sorting calls ``data()`` from C++
  for every comparison (measured 1.3 s for 12,000 rows);
- filtering computes the accepted row/column sets once with set operations
  (``MatrixModel.filter_sets``); the proxy's ``filterAcceptsRow`` is a set
  lookup and the proxy is invalidated once per filter change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

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
from desktop.models.queries import MatrixData, short_title

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

# Longest unit name shown in full in the (vertical) header; longer ones are elided.
HEADER_CHARS = 10


@dataclass(frozen=True)
class MatrixFilter:
    """What the user filtered by; ``None`` / empty means "any"."""

    unit_id: str | None = None
    role: str | None = None
    section_id: str | None = None
    plan_id: str | None = None
    task_ids: frozenset[str] | None = None  # full-text search result

    @property
    def active(self) -> bool:
        return any(
            v is not None for v in (self.unit_id, self.role, self.section_id, self.plan_id)
        ) or (self.task_ids is not None)


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
    clashes = {tag for tag in compact.values() if list(compact.values()).count(tag) > 1}
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


class MatrixModel(QAbstractTableModel):
    """Rows: tasks and work items; columns: 0 = label, 1.. = units."""

    def __init__(self, data: MatrixData | None = None, parent=None) -> None:
        super().__init__(parent)
        self._data = MatrixData()
        self._order: list[int] = []
        self._headers: list[str] = []
        self._unit_column: dict[str, int] = {}
        self._counts: dict[str, list[int]] = {}
        self._row_cells: list[dict[int, str]] = []
        self._row_of_item: dict[str, int] = {}
        self._columns = 1
        self._cell_values: dict[int, dict[str, object]] = {}
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        # per data row, when several plans are loaded: (display label, tooltip)
        self._plan_labels: list[tuple[str, str]] | None = None
        self._row_warnings: dict[int, str] = {}
        #: Ledger columns after the unit columns (keys of LEDGER_COLUMNS) and their
        #: texts per work item (item id → key → text); see ``set_ledger``.
        self._ledger: tuple[str, ...] = ()
        self._ledger_values: dict[str, dict[str, str]] = {}
        self._unit_count = 0
        if data is not None:
            self.set_data(data)

    # -- loading ------------------------------------------------------------

    def set_data(
        self,
        data: MatrixData,
        section_parents: dict[str, str | None] | None = None,
        plans: list[dict] | None = None,
    ) -> None:
        """Replace everything (after an import or a store change).

        ``section_parents`` (section id → parent id) lets a section filter
        include the rows of its subsections. ``plans`` (``queries.plans()``):
        with more than one, each row label starts with its plan's tag
        (``plan_tags``) and the tooltip names the plan.
        """
        self.beginResetModel()
        self._data = data
        self._plan_labels = None
        if plans and len(plans) > 1:
            tags = plan_tags(plans)
            self._plan_labels = []
            for row in data.rows:
                tag, full = tags.get(row.plan_id, ("", ""))
                label = f"{tag} {row.label}" if tag else row.label
                if row.folded_under:  # a lower-level task shown under its 上级任务
                    label = f"    ↳ {label}"
                self._plan_labels.append((label, f"{full}\n{row.text}"))
        self._unit_column = {unit[0]: i + 1 for i, unit in enumerate(data.units)}
        self._headers = [header_text(unit[1]) for unit in data.units]
        counts: dict[str, list[int]] = {unit[0]: [0, 0, 0] for unit in data.units}
        slot = {"lead": 0, "support": 1, "responsible": 2}
        by_unit: dict[str, list[tuple[int, str]]] = {}
        row_of_item = {row.item_id: i for i, row in enumerate(data.rows)}
        unit_column = self._unit_column
        row_cells: list[dict[int, str]] = [{} for _ in data.rows]
        for item_id, cell in data.cells.items():
            row = row_of_item.get(item_id)
            if row is None:
                continue
            cells_of_row = row_cells[row]
            for unit_id, role in cell.items():
                by_unit.setdefault(unit_id, []).append((row, role))
                if unit_id in counts:
                    counts[unit_id][slot[role]] += 1
                    cells_of_row[unit_column[unit_id]] = role
        self._row_cells = row_cells
        self._row_of_item = row_of_item
        self._unit_count = len(data.units)
        self._columns = len(data.units) + 1 + len(self._ledger)
        self._cell_values = {
            DISPLAY: {r: role_mark(r) for r in ROLE_RANK},
            BACKGROUND: {r: role_background(r) for r in ROLE_RANK},
            FOREGROUND: {r: role_foreground(r) for r in ROLE_RANK},
            SORT: dict(ROLE_RANK),
            CELL_ROLE: {r: r for r in ROLE_RANK},
        }
        self._counts = counts
        self._row_warnings = self._lead_warnings(data, row_cells)
        self._rows_by_unit = by_unit
        self._rows_by_role: dict[str, set[int]] = {r: set() for r in ROLE_RANK}
        for rows in by_unit.values():
            for row, role in rows:
                self._rows_by_role[role].add(row)
        self._rows_by_section: dict[str, set[int]] = {}
        self._rows_by_plan: dict[str, set[int]] = {}
        self._rows_by_task: dict[str, list[int]] = {}
        where = {row.task_id: (row.plan_id, row.section_id) for row in data.rows}
        for i, row in enumerate(data.rows):
            self._rows_by_plan.setdefault(row.plan_id, set()).add(i)
            self._rows_by_task.setdefault(row.task_id, []).append(i)
            if row.section_id:
                self._rows_by_section.setdefault(row.section_id, set()).add(i)
            if row.folded_under in where:  # folded rows show with their 上级任务's plan
                plan_id, section_id = where[row.folded_under]
                self._rows_by_plan.setdefault(plan_id, set()).add(i)
                if section_id:
                    self._rows_by_section.setdefault(section_id, set()).add(i)
        self._add_section_parents(section_parents or {})
        self._order = self._sorted_order(*self._sort)
        self.endResetModel()

    def _lead_warnings(self, data: MatrixData, row_cells: list[dict[int, str]]) -> dict[int, str]:
        """data row → warning for a work item with no lead (nor 责任单位) or two leads.

        Allowed (a plan may be written so), but shown: the label cell is tinted and
        its tooltip says why. Archived tasks are not warned about."""
        warnings: dict[int, str] = {}
        for i, row in enumerate(data.rows):
            if row.archived:
                continue
            roles = list(row_cells[i].values())
            leads = roles.count("lead")
            if leads > 1:
                warnings[i] = self.tr("有 {0} 个牵头单位").format(leads)
            elif not leads and "responsible" not in roles:
                warnings[i] = self.tr("没有牵头单位")
        return warnings

    def warnings(self) -> dict[str, str]:
        """work item id → lead warning, for every warned row."""
        return {self._data.rows[i].item_id: text for i, text in self._row_warnings.items()}

    def _add_section_parents(self, parents: dict[str, str | None]) -> None:
        for section_id, rows in list(self._rows_by_section.items()):
            parent = parents.get(section_id)
            seen: set[str] = set()
            while parent and parent not in seen:
                seen.add(parent)
                self._rows_by_section.setdefault(parent, set()).update(rows)
                parent = parents.get(parent)

    @property
    def matrix(self) -> MatrixData:
        return self._data

    def unit_id(self, column: int) -> str | None:
        return self._data.units[column - 1][0] if 1 <= column <= self._unit_count else None

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
        self.endResetModel()

    def _ledger_data(self, data_row: int, column: int, role: int):  # noqa: ANN202
        key = self._ledger[column - 1 - self._unit_count]
        if role in (DISPLAY, TOOLTIP, SORT):
            item_id = self._data.rows[data_row].item_id
            return self._ledger_values.get(item_id, {}).get(key, "")
        if role == ID:
            return self._data.rows[data_row].task_id
        if role == LEDGER_ROLE:
            return key
        return None

    def unit_column(self, unit_id: str) -> int | None:
        return self._unit_column.get(unit_id)

    def unit_counts(self, unit_id: str) -> tuple[int, int, int]:
        """(lead, support, responsible) rows of a unit."""
        lead, support, responsible = self._counts.get(unit_id, [0, 0, 0])
        return lead, support, responsible

    def data_row(self, row: int) -> int:
        """The index into ``matrix.rows`` shown at model row ``row``."""
        return self._order[row]

    def row_of_item(self, item_id: str) -> int:
        """The model row showing a work item, or -1."""
        data_row = self._row_of_item.get(item_id)
        return -1 if data_row is None else self._order.index(data_row)

    def rows_of_task(self, task_id: str) -> list[int]:
        """Model rows showing a task (one per work item)."""
        wanted = set(self._rows_by_task.get(task_id, []))
        return [row for row, data_row in enumerate(self._order) if data_row in wanted]

    # -- filtering ------------------------------------------------------------

    def filter_sets(self, f: MatrixFilter) -> tuple[set[int] | None, set[int] | None]:
        """Accepted data rows and accepted columns for a filter (``None`` = all)."""
        if not f.active:
            return None, None
        candidates: list[set[int]] = []
        if f.unit_id is not None:
            candidates.append(
                {
                    row
                    for row, role in self._rows_by_unit.get(f.unit_id, [])
                    if f.role in (None, role)
                }
            )
        elif f.role is not None:
            candidates.append(self._rows_by_role.get(f.role, set()))
        if f.section_id is not None:
            candidates.append(self._rows_by_section.get(f.section_id, set()))
        if f.plan_id is not None:
            candidates.append(self._rows_by_plan.get(f.plan_id, set()))
        if f.task_ids is not None:
            candidates.append(
                {row for task in f.task_ids for row in self._rows_by_task.get(task, [])}
            )
        candidates.sort(key=len)
        rows = set(candidates[0]).intersection(*candidates[1:])
        row_cells = self._row_cells
        if f.role is None:
            columns = {0}.union(*[row_cells[row] for row in rows])
        else:
            wanted = f.role
            columns = {0}
            for row in rows:
                columns.update(c for c, role in row_cells[row].items() if role == wanted)
        columns.update(range(1 + self._unit_count, self._columns))  # ledger columns stay
        return rows, columns

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

    def _role_at(self, row: int, column: int) -> str | None:
        return self._row_cells[self._order[row]].get(column)

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
                cell_role = self._row_cells[data_row].get(column)
                if cell_role is None:
                    return _EMPTY_CELL.get(role)
                return values[cell_role]
            if role == ALIGNMENT:
                return _CENTER
            if role == TOOLTIP:
                cell_role = self._row_cells[data_row].get(column)
                if cell_role:
                    unit = self._data.units[column - 1][1]
                    return labelled(unit, role_label(cell_role))
                return None
            if role == ID:
                return self._data.rows[data_row].task_id
            return None
        if role == DISPLAY:
            if self._plan_labels is not None:
                return self._plan_labels[data_row][0]
            return self._data.rows[data_row].label
        if role == TOOLTIP:
            text = self._data.rows[data_row].text
            if self._plan_labels is not None:
                text = self._plan_labels[data_row][1]
            warning = self._row_warnings.get(data_row)
            return f"⚠ {warning}\n{text}" if warning else text
        if role == BACKGROUND:
            return _WARNING_BRUSH if data_row in self._row_warnings else None
        if role == ID:
            return self._data.rows[data_row].task_id
        if role == ITEM_ROLE:
            return self._data.rows[data_row].item_id
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
            unit_id, name, _kind = self._data.units[section - 1]
            lead, support, responsible = self.unit_counts(unit_id)
            return self.tr(
                "{name}\n牵头 {lead} 项，配合 {support} 项，责任 {responsible} 项"
            ).format(name=name, lead=lead, support=support, responsible=responsible)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _HEADER_ALIGN
        if role == ID_ROLE:
            return self._data.units[section - 1][0]
        return None

    # flags(): the C++ default (enabled, selectable, no children) — no Python call per cell.

    # -- sorting (done here, see module docstring) ------------------------------

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        n = len(self._data.rows)
        reverse = order == Qt.SortOrder.DescendingOrder
        if column > self._unit_count and self._ledger:
            key = self._ledger[column - 1 - self._unit_count]
            rows_data = self._data.rows
            values = self._ledger_values

            def text(row: int) -> str:
                return values.get(rows_data[row].item_id, {}).get(key, "")

            # blanks last either way
            filled = sorted((r for r in range(n) if text(r)), key=text, reverse=reverse)
            return filled + [r for r in range(n) if not text(r)]
        if column <= 0 or column > len(self._data.units):
            rows = list(range(n))
            return rows[::-1] if reverse else rows
        # Ascending: the unit's marked rows first (牵, 责, 配), then the blank
        # rows; descending: blanks first, then 配, 责, 牵. Data-row order is kept
        # within a rank. Only the few marked rows are sorted.
        marked = self._rows_by_unit.get(self._data.units[column - 1][0], [])
        sign = -1 if reverse else 1
        ranked = [
            row for row, _role in sorted(marked, key=lambda m: (sign * ROLE_RANK[m[1]], m[0]))
        ]
        marked_rows = set(ranked)
        blank = [row for row in range(n) if row not in marked_rows]
        return blank + ranked if reverse else ranked + blank

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.beginResetModel()
        self._sort = (column, order)
        self._order = self._sorted_order(column, order)
        self.endResetModel()


class MatrixProxy(QSortFilterProxyModel):
    """Filters the matrix by precomputed row/column sets; sorting is delegated to the source."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: set[int] | None = None
        self._columns: set[int] | None = None
        self._model: MatrixModel | None = None
        self._filter = MatrixFilter()

    def setSourceModel(self, model: MatrixModel) -> None:  # noqa: N802 - Qt API
        self._model = model
        super().setSourceModel(model)

    @property
    def current_filter(self) -> MatrixFilter:
        return self._filter

    def index_of_item(self, item_id: str, column: int = 0) -> QModelIndex:
        """The proxy index of a work item's row (invalid when filtered out)."""
        assert self._model is not None
        row = self._model.row_of_item(item_id)
        if row < 0:
            return QModelIndex()
        return self.mapFromSource(self._model.index(row, column))

    def set_filter(self, f: MatrixFilter) -> None:
        """Apply a filter: one set computation, one model reset.

        A reset, not ``invalidateFilter()``: the incremental path emits one
        rowsRemoved per gap, and each makes both matrix views (main and frozen
        column) relayout their headers: 670 ms for 12,000 → 158 rows; the
        reset takes a few ms.
        """
        assert self._model is not None
        self.beginResetModel()
        self._filter = f
        self._rows, self._columns = self._model.filter_sets(f)
        self.endResetModel()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        # Filter sets hold data rows, which are stable when the source re-sorts.
        return self._rows is None or self._model._order[source_row] in self._rows

    def filterAcceptsColumn(self, source_column: int, source_parent: Index) -> bool:  # noqa: N802
        return self._columns is None or source_column in self._columns

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source_column = column
        if column > 0 and self._columns is not None:
            visible = sorted(self._columns)
            if column >= len(visible):
                return
            source_column = visible[column]
        model = self.sourceModel()
        if isinstance(model, MatrixModel):
            model.sort(source_column, order)
