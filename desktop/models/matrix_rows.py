"""The task × unit matrix read compactly: rowids and numbers in memory, ids and text on demand.

``load_matrix_index`` reads what sorting and filtering need for every row (the work
item and task ids, the row's plan and section as small numbers, the archived flag
and the role cells as flat arrays); ``row_texts`` reads the label and text of a few
rows (the ones on screen). At 100k tasks the index is ~30 MB where the full rows
(``queries.matrix``) took ~280 MB, and it loads in a fraction of the time.

Qt-free; ``desktop.models.qt.matrix_model.MatrixModel`` shows it.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_right
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, eq, is_not, lshift, mul, ne, sub
from typing import Any

from sqlite_utils import Database

from desktop.models.queries import NO_SECTION_POSITION, row_label

#: Role codes in the cell arrays, in rank order (牵头 before 责任 before 配合).
ROLES = ("lead", "responsible", "support")
ROLE_CODE = {role: code for code, role in enumerate(ROLES)}
#: ``row_roles`` bits per role code.
ROLE_BIT = (1, 2, 4)
#: SQL for an assignment's role code (``ROLE_CODE``; NULL for an unknown role).
_ROLE_CODE_SQL = (
    "CASE role "
    + " ".join(f"WHEN '{role}' THEN {code}" for role, code in ROLE_CODE.items())
    + " END"
)

#: Raised (by the caller's check) to abandon a load; anything the check raises propagates.
CancelCheck = Callable[[], None]


@dataclass
class MatrixIndex:
    """Every matrix row as integers; data row ``r`` is position ``r``.

    No per-row strings: a row's work item and task are their SQLite rowids, mapped to
    their ids for the rows read (``row_texts``, ``row_ids_of``)."""

    #: The rowid of each row's work item.
    item_rowids: array = field(default_factory=lambda: array("q"))
    #: The rowid of each row's task (what the full-text search answers with).
    task_rowids: array = field(default_factory=lambda: array("q"))
    plan_ids: list[str] = field(default_factory=list)
    section_ids: list[str] = field(default_factory=list)
    row_plan: array = field(default_factory=lambda: array("i"))  # index into plan_ids
    row_section: array = field(default_factory=lambda: array("i"))  # -1: none
    archived: bytearray = field(default_factory=bytearray)
    #: OR of ``ROLE_BIT`` over the row's cells.
    row_roles: bytearray = field(default_factory=bytearray)
    #: Cells by row: row ``r``'s cells are ``cell_unit/cell_role[cell_start[r]:cell_start[r+1]]``.
    cell_start: array = field(default_factory=lambda: array("i", [0]))
    cell_unit: array = field(default_factory=lambda: array("i"))  # index into units
    cell_role: array = field(default_factory=lambda: array("b"))  # ROLE_CODE
    # (No copy of the cells by unit is kept: 2 MB at 100k tasks for a unit filter or sort,
    # found among the cells when asked: ``unit_cells``, ``units_with_cells``.)
    #: (id, name, kind), busiest lead units first (the matrix reads left to right).
    units: list[tuple[str, str, str]] = field(default_factory=list)
    #: Folded view (``fold_lower``): data row → first data row of its 上级任务.
    folded_under: dict[int, int] = field(default_factory=dict)
    task_count: int = 0
    #: Tasks of no known plan (their plan deleted with foreign keys off): their rows are
    #: shown with the first plan's.
    orphan_tasks: int = 0
    #: What ``units_with_cells`` derives from the cells once (each row's number of
    #: cells, how many units have a cell of each role): an index's cells are not
    #: changed once it is loaded (an update makes a new index).
    _derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.item_rowids)

    def cells(self, row: int) -> list[tuple[int, int]]:
        """(unit index, role code) of a row's cells."""
        start, end = self.cell_start[row], self.cell_start[row + 1]
        return list(zip(self.cell_unit[start:end], self.cell_role[start:end], strict=True))

    def role_at(self, row: int, unit: int) -> int:
        """The role code of a cell, or -1 when empty."""
        cell_unit = self.cell_unit
        for position in range(self.cell_start[row], self.cell_start[row + 1]):
            if cell_unit[position] == unit:
                return self.cell_role[position]
        return -1

    def unit_cells(self, unit: int) -> tuple[array, array]:
        """(data rows ascending, role codes) of a unit's cells: its cells found by a
        C-level scan of ``cell_unit`` and each one's row by bisection (~6 ms at 100k
        tasks for the busiest unit)."""
        at = positions_of(self.cell_unit, unit)
        rows = array("i", map(sub, map(bisect_right, repeat(self.cell_start), at), repeat(1)))
        return rows, array("b", map(self.cell_role.__getitem__, at))

    def units_with_cells(self, mask: bytes | bytearray, role: int | None = None) -> set[int]:
        """The units with a cell (of ``role``; ``None``: any) in a row of ``mask`` (one
        0/1 byte per data row), read a part of the rows at a time until every unit that
        has such a cell anywhere is found (with many rows shown: in the first part or
        two). In a part each row's byte is repeated once per cell of the row (a join of
        ready-made runs) and the cells' units picked by it, all in C (~20 ms at 100k
        tasks when every part has to be read)."""
        derived, starts = self._derived, self.cell_start
        if "per_row" not in derived:  # (a byte a row: a row holds fewer than 256 cells)
            counts = list(map(sub, islice(starts, 1, None), starts))
            derived["per_row"] = (
                bytes(counts) if max(counts, default=0) < 256 else array("i", counts)
            )
        key = "any" if role is None else role
        if key not in derived:  # how many units have such a cell anywhere
            units: Iterable[int] = self.cell_unit
            if role is not None:
                units = compress(units, bytes(self.cell_role).translate(_ROLE_MATCH[role]))
            derived[key] = len(set(units))
        per_row, wanted = derived["per_row"], derived[key]
        found: set[int] = set()
        for first in range(0, len(self), _ROWS_PER_PART):
            if len(found) == wanted:
                break
            last = min(first + _ROWS_PER_PART, len(self))
            shown_rows, counts = mask[first:last], per_row[first:last]
            if not shown_rows.count(1):
                continue
            if max(counts) < _RUN_MAX:
                keys = map(add, map(mul, shown_rows, repeat(_RUN_MAX)), counts)
                shown = b"".join(map(_RUNS.__getitem__, keys))
            else:  # (a row of many cells: rare)
                shown = bytes(chain.from_iterable(map(repeat, shown_rows, counts)))
            cells = slice(starts[first], starts[last])
            if role is not None:
                roles = bytes(self.cell_role[cells]).translate(_ROLE_MATCH[role])
                shown = and_bytes(shown, roles)
            found.update(compress(self.cell_unit[cells], shown))
        return found

    def lead_counts(self) -> array:
        """Each data row's number of lead (牵头) cells."""
        leads = bytes(self.cell_role).translate(_ROLE_MATCH[ROLE_CODE["lead"]])
        # leads before each cell, then at each row's start (lists: an array would parse
        # each of 408,000 ints at 100k tasks)
        before = list(accumulate(leads, initial=0))
        at_start = list(map(before.__getitem__, self.cell_start))
        return array("i", map(sub, islice(at_start, 1, None), at_start))

    def filter_plan_section(self, row: int) -> tuple[int, int]:
        """(plan, section) a row is filtered by: a folded row's are its 上级任务's."""
        parent = self.folded_under.get(row)
        if parent is not None:
            return self.row_plan[parent], self.row_section[parent]
        return self.row_plan[row], self.row_section[row]


def positions_of(values: array, wanted: int) -> list[int]:
    """The positions of ``values`` that hold ``wanted``, ascending: its bytes searched in
    the values' bytes (C-level, a match not at a value's start skipped; ~3× faster than
    ``array.index``, which makes an int of each value it passes)."""
    try:
        pattern = array(values.typecode, [wanted]).tobytes()
    except OverflowError:  # (no value of this column can be it)
        return []
    size, raw = values.itemsize, values.tobytes()
    found: list[int] = []
    at = raw.find(pattern)
    while at >= 0:
        if at % size:  # (inside a value: the bytes of two values)
            at = raw.find(pattern, at + 1)
        else:
            found.append(at // size)
            at = raw.find(pattern, at + size)
    return found


#: Rows read at a time by ``units_with_cells``.
_ROWS_PER_PART = 8192
#: Rows of up to this many cells are repeated by ready-made runs (``units_with_cells``).
_RUN_MAX = 64
#: ``_RUNS[shown * _RUN_MAX + cells]``: ``cells`` bytes of ``shown`` (0 or 1).
_RUNS = [bytes([shown]) * cells for shown in (0, 1) for cells in range(_RUN_MAX)]
#: Per role code, the translation of role codes to 1 (that role) or 0.
_ROLE_MATCH = [bytes(int(code == role) for code in range(256)) for role in range(len(ROLES))]


def and_bytes(left: bytes | bytearray, right: bytes | bytearray) -> bytes:
    """The bytewise AND of two byte strings of one length (0 / 1 masks: as big integers,
    in C)."""
    both = int.from_bytes(left, "little") & int.from_bytes(right, "little")
    return both.to_bytes(len(left), "little")


def load_matrix_index(
    db: Database,
    fold_lower: bool = False,
    check: CancelCheck | None = None,
    *,
    first_rows: int | None = None,
    plans: list[str] | None = None,
) -> MatrixIndex:
    """Read the matrix rows compactly (see the module docstring).

    ``fold_lower``: tasks linked to a 上级任务 follow that task's rows. ``check`` is
    called between the steps (a job's ``Progress.check``: it raises to cancel).
    ``first_rows``: only the rows of the leading plans (in document order) holding at
    least that many tasks — the first rows of the whole index, the same plans, sections
    and unit columns — to show a first page while the whole index loads (not folded).
    ``plans``: only the rows of these plans (ids), the same way (``matrix_update``
    splices them into a kept index); tasks of no known plan are left out."""

    def checkpoint() -> None:
        if check is not None:
            check()

    index = MatrixIndex()
    index.plan_ids = [
        row[0] for row in db.execute("SELECT id FROM plan ORDER BY imported_at, rowid")
    ]
    plan_of = {plan_id: i for i, plan_id in enumerate(index.plan_ids)}
    section_of: dict[str, int] = {}
    section_position: dict[str, int] = {}
    for section_id, position in db.execute("SELECT id, position FROM section"):
        section_of[section_id] = len(index.section_ids)
        index.section_ids.append(section_id)
        section_position[section_id] = position
    checkpoint()
    # only the tasks of some plans: "WHERE <alias>.plan_id IN (…)" and its parameters
    in_plans = ""
    if first_rows is not None:
        assert plans is None, "a first page or some plans"
        plans = _leading_plans(db, index.plan_ids, first_rows)
    if plans is not None:
        assert not fold_lower, "some plans' rows are not folded"
        in_plans = f" WHERE {{}}.plan_id IN ({', '.join('?' * len(plans))})"
    # Tasks and items are scanned apart (no join: a probe of the task ids' index per item
    # cost more than reading each item's task id) and matched here by C-level maps.
    t_rowids, t_ids, t_plan_ids, t_section_ids, t_archived, t_nos = _scan_all(
        db,
        (("rowid", INTEGER), ("id", TEXT), ("plan_id", TEXT),
         ("coalesce(section_id, '')", TEXT), ("coalesce(archived, '') != ''", DIGIT),
         ("no", STORED_INTEGER)),
        "task",
        "FROM task" + in_plans.format("task"),
        plans or [],
        checkpoint,
    )  # fmt: skip
    task_at = dict(zip(t_ids, range(len(t_ids)), strict=True))
    task_at.pop(None, None)  # (an id NULL: its items have no task, with foreign keys off)
    del t_ids
    index.orphan_tasks = len(t_plan_ids) - sum(map(plan_of.__contains__, t_plan_ids))
    t_plans = list(map(plan_of.get, t_plan_ids, repeat(0)))
    t_sections = list(map(section_of.get, t_section_ids, repeat(-1)))
    t_section_positions = list(
        map(section_position.get, t_section_ids, repeat(NO_SECTION_POSITION))
    )
    del t_plan_ids, t_section_ids, section_position
    of_plans = f" JOIN task t ON t.id = i.task_id{in_plans.format('t')}" if plans else ""
    items, item_ids, item_task_ids, positions = _scan_all(
        db,
        (("i.rowid", INTEGER), ("i.id", TEXT), ("i.task_id", TEXT), ("i.position", STORED_INTEGER)),
        "item",
        f"FROM item i{of_plans}",
        plans or [],
        checkpoint,
        "i.rowid",
    )
    item_tasks = list(map(task_at.get, item_task_ids))
    del item_task_ids, task_at
    if None in item_tasks:  # an item of a missing task (foreign keys off) is not a row
        kept = list(map(is_not, item_tasks, repeat(None)))
        items, item_ids, positions, item_tasks = (
            list(compress(column, kept)) for column in (items, item_ids, positions, item_tasks)
        )
    # (the columns being put in order are lists: their ints are read back as they are,
    # where an array would make each again)
    task_of_row = item_tasks
    del item_tasks
    # document order: plan, section, number (numbering may restart in every section), item
    row_plans = list(map(t_plans.__getitem__, task_of_row))
    keys = list(
        zip(
            row_plans,
            map(t_section_positions.__getitem__, task_of_row),
            map(t_nos.__getitem__, task_of_row),
            positions,
            items,
            strict=True,
        )
    )
    del positions, t_section_positions
    order = sorted(range(len(keys)), key=keys.__getitem__)
    del keys
    ordered_tasks = list(map(task_of_row.__getitem__, order))
    del task_of_row
    index.item_rowids = array("q", map(items.__getitem__, order))
    index.task_rowids = array("q", map(t_rowids.__getitem__, ordered_tasks))
    index.row_plan = array("i", map(row_plans.__getitem__, order))
    index.row_section = array("i", map(t_sections.__getitem__, ordered_tasks))
    index.archived = bytearray(map(t_archived.__getitem__, ordered_tasks))
    index.task_count = len(set(ordered_tasks))
    del row_plans, ordered_tasks
    # each work item's data row by its id: where the sort put it (the inverse of the
    # order), or where the folding put its rowid
    row_at = [0] * len(order)
    deque(map(row_at.__setitem__, order, range(len(order))), maxlen=0)
    del order
    if fold_lower:
        _fold(db, index)
        row_of_rowid = dict(zip(index.item_rowids, range(len(index)), strict=True))
        row_at = list(map(row_of_rowid.__getitem__, items))
        del row_of_rowid
    checkpoint()
    row_of = dict(zip(item_ids, row_at, strict=True))
    del row_at, item_ids, items
    _load_cells(db, index, row_of, checkpoint, of_plans, plans)
    narrow_index(index)
    return index


#: The integer typecodes an index's id and number columns are kept in, narrowest first.
_TYPECODES = ("h", "i", "q")
#: The columns ``narrow_index`` narrows: rowids, plan, section and unit numbers (a
#: column of data rows or cell positions keeps ``"i"``: it is read and written as one).
NARROWED_FIELDS = ("item_rowids", "task_rowids", "row_plan", "row_section", "cell_unit")


def narrowed(values: array, bounds: tuple[int, int] | None = None) -> array:
    """``values`` in the narrowest of ``"h"``, ``"i"``, ``"q"`` that holds them all (a
    copy; ``values`` itself when none is narrower): at 100k tasks the rowids fit in 4
    bytes, the plan, section and unit numbers in 2 (~2 MB less kept by the matrix).
    ``bounds``: (lowest, highest) the values may be, when the caller knows (no scan)."""
    if bounds is not None:
        low, high = bounds
    else:
        low, high = (min(values), max(values)) if values else (0, 0)
    for code in _TYPECODES:
        size = array(code).itemsize
        if size >= values.itemsize:
            return values
        if -(1 << (8 * size - 1)) <= low and high < 1 << (8 * size - 1):
            return low_bytes(values, code)
    return values


def low_bytes(values: array, code: str) -> array:
    """Each value's low bytes as ``code``'s (narrower) items: the value itself where it
    fits (two's complement keeps its sign), else its low bits (``byte_field``)."""
    return byte_field(values, code, 0, array(code).itemsize)


def byte_field(values: array, code: str, first: int, size: int) -> array:
    """Bytes ``first`` to ``first + size`` (counted from the lowest) of each of
    ``values``' items as the items of an array of ``code`` (at least ``size`` bytes
    wide; the bytes above the field zero). Copied by strided slices of the values'
    little-endian bytes (C-level: ~1 ms at 116,000 values where converting each value
    took ~10 ms)."""
    if sys.byteorder != "little":  # (the values' bytes in little-endian order first)
        values = array(values.typecode, values)
        values.byteswap()
    raw = values.tobytes()
    out = array(code)
    width, step = out.itemsize, values.itemsize
    field = bytearray(width * len(values))
    for byte in range(size):
        field[byte::width] = raw[first + byte :: step]
    out.frombytes(field)
    if sys.byteorder != "little":
        out.byteswap()
    return out


def narrow_index(index: MatrixIndex) -> None:
    """Each of the index's ``NARROWED_FIELDS`` ``narrowed``: the same values, fewer
    bytes. Whoever extends such a column widens its own copy first (``matrix_update``).
    The plan, section and unit numbers are narrowed by their lists' lengths (no scan of
    408,000 cells at 100k tasks)."""
    known = {
        "row_plan": (0, len(index.plan_ids)),
        "row_section": (-1, len(index.section_ids)),
        "cell_unit": (0, len(index.units)),
    }
    for name in NARROWED_FIELDS:
        setattr(index, name, narrowed(getattr(index, name), known.get(name)))


#: Separates the values of a column read whole (``_scan``): a control character no id,
#: number or flag holds (a value that does is read row by row).
_SEPARATOR = "\x1f"

#: The kinds of a scanned column (``_scan``): text; an integer expression (a rowid, a
#: comparison, a CASE of integers: NULL at most, which ``group_concat`` leaves out, so
#: the part is read row by row); a stored column meant to hold integers (each part
#: checks its values' type: sorting compares the values stored); an expression of one
#: digit (a flag, a code: NULL at most), read as ``bytes`` of those numbers (no int
#: object made per value).
TEXT, INTEGER, STORED_INTEGER, DIGIT = "text", "integer", "stored integer", "digit"
#: A joined digit column's characters → the digits' values (``DIGIT``).
_DIGIT_VALUES = bytes((byte - 48) % 256 for byte in range(256))

#: Rows per part of a scan (``_scan``): the memory of one part's values at a time.
SCAN_PART_ROWS = 32_768


def _scan(
    db: Database,
    columns: tuple[tuple[str, str], ...],
    table: str,
    from_sql: str,
    params: list[str],
    checkpoint: Callable[[], None],
    rowid: str = "rowid",
) -> Iterator[list[list]]:
    """The values of ``columns`` ((SQL expression, kind) pairs) of a scan of ``table``
    (``from_sql``: "FROM <table> … [WHERE …]", in which ``rowid`` is the table's rowid),
    one list per column, in parts of up to ``SCAN_PART_ROWS`` of the table's rows, each
    part a range of its rowids (``_rowid_ranges``); a scan of some plans' rows
    (``params``: their ids, searched through their index) in one part.

    Each part is one ``group_concat`` per column, split and parsed in C (no tuple per
    row: ~40 % less CPU than fetching rows at 100k tasks), over the range itself (no
    subquery sorting and limiting the rows: ~20 % less SQLite time). A part is read row
    by row instead, the same values, when a value is NULL (``group_concat`` skips it),
    holds the separator, or a stored integer column holds another type."""
    where = " AND " if " WHERE " in from_sql else " WHERE "
    inner = ", ".join(f"{expression} AS c{i}" for i, (expression, _) in enumerate(columns))
    rows = f"SELECT {inner} {from_sql}{where}{rowid} > ? AND {rowid} <= ?"
    separator = f"char({ord(_SEPARATOR)})"
    whole = ", ".join(f"group_concat(c{i}, {separator})" for i in range(len(columns)))
    not_int = " + ".join(
        f"coalesce(sum(typeof(c{i}) != 'integer'), 0)"
        for i, (_, kind) in enumerate(columns)
        if kind == STORED_INTEGER
    )
    # (some plans' rows: one part, not each range searching the plans' rows again)
    ranges = _rowid_ranges(db, table) if not params else [(-(2**63), 2**63 - 1)]
    for after, high in ranges:
        count, odd, *texts = db.execute(
            f"SELECT count(*), {not_int or 0}, {whole} FROM ({rows})", [*params, after, high]
        ).fetchone()
        checkpoint()
        values: list[Any] | None = None
        if count and not odd:
            values = [
                _digits(text, count) if kind == DIGIT else _split(text, count)
                for text, (_, kind) in zip(texts, columns, strict=True)
            ]
            if None not in values:
                yield [
                    list(map(int, column)) if kind in (INTEGER, STORED_INTEGER) else column
                    for column, (_, kind) in zip(values, columns, strict=True)
                ]
            else:
                values = None
        if count and values is None:
            names = ", ".join(f"c{i}" for i in range(len(columns)))
            found = db.execute(f"SELECT {names} FROM ({rows})", [*params, after, high]).fetchall()
            yield [list(column) for column in zip(*found, strict=True)]


def _split(text: str | None, count: int) -> list[str] | None:
    """A column joined by ``group_concat``: its ``count`` values, None when it holds
    fewer (a NULL left out) or more (a value holding the separator)."""
    values = text.split(_SEPARATOR) if text is not None else []
    return values if len(values) == count else None


def _digits(text: str | None, count: int) -> bytes | None:
    """A ``DIGIT`` column joined by ``group_concat``: its ``count`` values as bytes, None
    unless it is ``count`` single characters (a NULL left out, a longer value)."""
    if text is None or len(text) != 2 * count - 1:
        return None
    return text.encode("ascii")[::2].translate(_DIGIT_VALUES)


def rowid_bounds(db: Database, table: str) -> tuple[int, int, int]:
    """(smallest rowid, largest rowid, row count) of ``table`` ((0, 0, 0) when empty). Each its own subquery: the rowids at the b-tree's edges, the count by the
    smallest index; asked together in one statement SQLite scans every row (~40 ms
    for the 408,000 assignments at 100k tasks, against 9 ms)."""
    low, high, count = db.execute(
        f"SELECT (SELECT min(rowid) FROM [{table}]), (SELECT max(rowid) FROM [{table}]),"
        f" (SELECT count(*) FROM [{table}])"
    ).fetchone()
    return int(low or 0), int(high or 0), int(count)


def _rowid_ranges(db: Database, table: str) -> Iterator[tuple[int, int]]:
    """(after, last) ranges of ``table``'s rowids (``rowid > after AND rowid <= last``),
    in order, of up to ``SCAN_PART_ROWS`` rows each, the last one open (rows added
    meanwhile in it). The usual table's rowids are dense (at most twice as many rowids
    as rows up to its largest): ranges of ``SCAN_PART_ROWS`` rowids; else each range's
    end is found by walking the rowids (~4 ms a range at 100k tasks)."""
    low, high, count = rowid_bounds(db, table)
    after, last = -(2**63), 2**63 - 1
    if not count:
        return
    if high - low < 2 * count:
        after = low - 1
        while after + SCAN_PART_ROWS < high:
            yield after, after + SCAN_PART_ROWS
            after += SCAN_PART_ROWS
        yield after, last
        return
    bound = f"SELECT rowid FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT 1 OFFSET ?"
    while (end := db.execute(bound, [after, SCAN_PART_ROWS - 1]).fetchone()) is not None:
        yield after, end[0]
        after = end[0]
    yield after, last


def _scan_all(
    db: Database,
    columns: tuple[tuple[str, str], ...],
    table: str,
    from_sql: str,
    params: list[str],
    checkpoint: Callable[[], None],
    rowid: str = "rowid",
) -> list[list]:
    """``_scan`` with its parts joined: one list per column."""
    whole: list[list] = [[] for _ in columns]
    for part in _scan(db, columns, table, from_sql, params, checkpoint, rowid):
        for column, values in zip(whole, part, strict=True):
            column.extend(values)
    return whole


def _leading_plans(db: Database, plan_ids: list[str], tasks: int) -> list[str]:
    """The first plans (in document order) that hold at least ``tasks`` tasks together."""
    counts = dict(db.execute("SELECT plan_id, count(*) FROM task GROUP BY plan_id"))
    leading: list[str] = []
    total = 0
    for plan_id in plan_ids:
        if total >= tasks:
            break
        leading.append(plan_id)
        total += counts.get(plan_id, 0)
    return leading


def _load_cells(
    db: Database,
    index: MatrixIndex,
    row_of: dict[str, int],
    checkpoint: Callable[[], None],
    of_plans: str = "",
    plans: list[str] | None = None,
) -> None:
    """The role cells of the index's rows (``row_of``: each work item's data row by its
    id; ``of_plans``: " JOIN task t ON t.id = i.task_id WHERE t.plan_id IN (…)" when the
    rows are some plans' only, with ``plans``)."""
    # Busiest lead units first, then by name (as the full matrix query orders them).
    # (each unit's lead cells counted in the index on (unit, role): only those entries
    # walked, not every assignment grouped: 27 -> 7 ms at 100k tasks)
    units = db.execute(
        "SELECT id, name, kind, (SELECT count(*) FROM assignment a"
        " WHERE a.unit_id = u.id AND a.role = 'lead') FROM unit u"
    ).fetchall()
    units.sort(key=lambda u: (-u[3], u[2] == "group", u[1]))
    index.units = [tuple(u[:3]) for u in units]
    unit_of = {unit[0]: i for i, unit in enumerate(index.units)}
    if of_plans:
        from_sql = f"FROM assignment a JOIN item i ON i.id = a.item_id{of_plans}"
    else:
        from_sql = "FROM assignment a"
    # (lists and bytes: ``set_cells`` reads them once, as ints)
    rows: list[int] = []
    cell_units: list[int] = []
    roles = bytearray()
    for items, units_of_cells, codes in _scan(
        db,
        (("a.item_id", TEXT), ("a.unit_id", TEXT), (_ROLE_CODE_SQL, DIGIT)),
        "assignment",
        from_sql,
        plans or [],
        checkpoint,
        "a.rowid",
    ):
        try:  # C-level loops; the foreign keys make every id known
            part_rows = list(map(row_of.__getitem__, items))
            part_units = list(map(unit_of.__getitem__, units_of_cells))
            part_roles = bytes(codes)
        except (KeyError, TypeError):  # a dangling id or an unknown role: skip that cell
            known = [
                (row_of[i], unit_of[u], c)
                for i, u, c in zip(items, units_of_cells, codes, strict=True)
                if i in row_of and u in unit_of and c is not None
            ]
            part_rows = [cell[0] for cell in known]
            part_units = [cell[1] for cell in known]
            part_roles = bytes(cell[2] for cell in known)
        rows.extend(part_rows)
        cell_units.extend(part_units)
        roles.extend(part_roles)
    row_of.clear()
    checkpoint()
    set_cells(index, rows, cell_units, roles)


#: A cell's key (``set_cells``): its role code in the lowest byte, its unit in the next
#: three, its data row in the high four (sorted as an int: by row, unit, role).
_KEY_UNIT_SHIFT, _KEY_ROW_SHIFT = 8, 32
#: Units a cell key holds (three bytes).
MAX_UNITS = 1 << 24


def set_cells(
    index: MatrixIndex,
    rows: Sequence[int],
    cell_units: Sequence[int],
    roles: Sequence[int],
) -> None:
    """The index's cells (``cell_*``, ``row_roles``) from its cells as
    (data row, unit index, role code) columns in any order; a unit named twice on a row
    keeps its strongest role."""
    n = len(index)
    if len(index.units) > MAX_UNITS:
        raise ValueError(f"more than {MAX_UNITS} units")
    # Each cell as one integer key, sorted as plain ints (no key function); its fields
    # read back from the keys' bytes by strided copies (C-level, no int made per field)
    keys = array(
        "q",
        sorted(
            map(
                add,
                map(lshift, rows, repeat(_KEY_ROW_SHIFT)),
                map(add, map(lshift, cell_units, repeat(_KEY_UNIT_SHIFT)), roles),
            )
        ),
    )
    del rows, cell_units, roles
    cells = byte_field(keys, "q", 1, 7)  # (row, unit) of each key: the role byte dropped
    if any(map(eq, cells, islice(cells, 1, None))):  # rare: a unit named twice on an item
        # keeps its strongest role (the lowest code: the first of its cells)
        firsts = [0, *compress(range(1, len(cells)), map(ne, cells, islice(cells, 1, None)))]
        keys = array("q", map(keys.__getitem__, firsts))
    del cells
    cell_rows = byte_field(keys, "i", 4, 4)
    index.cell_unit = byte_field(keys, "i", 1, 3)
    index.cell_role = byte_field(keys, "b", 0, 1)
    del keys
    # where each row's cells start: the running sum of the cells per row (counted in C)
    per_row = Counter(cell_rows)
    index.cell_start = array("i", accumulate(map(per_row.get, range(n), repeat(0)), initial=0))
    del per_row
    # role bits per row: one 0/1 byte per row and role (set in C at the rows of that
    # role's cells), shifted into place as big integers
    bits = 0
    role_bytes = bytes(index.cell_role)
    for code, bit in enumerate(ROLE_BIT):
        having = bytearray(n)
        of_role = compress(cell_rows, role_bytes.translate(_ROLE_MATCH[code]))
        deque(map(having.__setitem__, of_role, repeat(1)), maxlen=0)
        bits |= int.from_bytes(having, "little") * bit
    index.row_roles = bytearray(bits.to_bytes(n, "little"))


def _fold(db: Database, index: MatrixIndex) -> None:
    """Reorder the rows so lower-level tasks follow their 上级任务 (recursively)."""
    parents: dict[int, int] = dict(
        db.execute("SELECT t.rowid, p.rowid FROM task t JOIN task p ON p.id = t.parent_task_id")
    )
    task_ids = index.task_rowids
    shown = set(task_ids)
    children: dict[int, list[int]] = {}
    top: list[int] = []
    for row, task_id in enumerate(task_ids):
        parent = parents.get(task_id)
        if parent is not None and parent in shown and parent != task_id:
            children.setdefault(parent, []).append(row)
        else:
            top.append(row)
    out: list[int] = []
    placed: set[int] = set()
    parent_row: dict[int, int] = {}

    # depth first, a lower task's rows right after its 上级任务's last row (a stack, not
    # a recursive closure: no reference cycle kept until a full collection, no depth limit)
    stack: list[tuple[list[int], int]] = [(top, 0)]
    while stack:
        group, i = stack.pop()
        while i < len(group):
            row = group[i]
            out.append(row)
            task_id = task_ids[row]
            i += 1
            last_of_task = i == len(group) or task_ids[group[i]] != task_id
            if last_of_task and task_id not in placed:
                placed.add(task_id)
                lower = children.get(task_id)
                if lower:
                    for child in lower:
                        parent_row[child] = task_id
                    stack.append((group, i))
                    group, i = lower, 0
    if len(out) < len(task_ids):  # links in a loop: show the rest where they are
        seen = set(out)
        out.extend(row for row in range(len(task_ids)) if row not in seen)
    new_of_old = {old: new for new, old in enumerate(out)}
    first_row_of_task: dict[int, int] = {}
    for new, old in enumerate(out):
        first_row_of_task.setdefault(task_ids[old], new)
    index.item_rowids = array("q", (index.item_rowids[old] for old in out))
    index.task_rowids = array("q", (task_ids[old] for old in out))
    index.row_plan = array("i", (index.row_plan[old] for old in out))
    index.row_section = array("i", (index.row_section[old] for old in out))
    index.archived = bytearray(index.archived[old] for old in out)
    index.folded_under = {
        new_of_old[child]: first_row_of_task[task] for child, task in parent_row.items()
    }


def document_tasks(index: MatrixIndex) -> list[tuple[int, str, str | None]]:
    """(task rowid, plan id, section id) of every task with rows, in the rows' order
    (document order unless folded)."""
    seen: set[int] = set()
    tasks: list[tuple[int, str, str | None]] = []
    plan_ids, section_ids = index.plan_ids, index.section_ids
    for task_rowid, plan, section in zip(
        index.task_rowids, index.row_plan, index.row_section, strict=True
    ):
        if task_rowid not in seen:
            seen.add(task_rowid)
            tasks.append(
                (task_rowid, plan_ids[plan], section_ids[section] if section >= 0 else None)
            )
    return tasks


@dataclass(frozen=True, slots=True)
class RowText:
    """What a row shows: its label ("14-2 推动直播带货…") and its work item's text, with
    the ids of its work item and task."""

    label: str
    text: str
    item_id: str = ""
    task_id: str = ""
    #: The task's rowid now: a reader compares it with the index's, so a rowid reused
    #: by a new work item (SQLite may hand out a deleted last row's rowid again) before
    #: the window's reload lands is not shown as the old row.
    task_rowid: int = -1


def row_texts(db: Database, item_rowids: Iterable[int]) -> dict[int, RowText]:
    """Label, text and ids of the given work items (a few hundred at a time), by rowid."""
    wanted = list(item_rowids)
    out: dict[int, RowText] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for (
            rowid,
            item_id,
            task_id,
            no,
            position,
            count,
            title,
            text,
            is_archived,
            t_rowid,
        ) in db.execute(
            "SELECT i.rowid, i.id, t.id, t.no, i.position,"
            " (SELECT count(*) FROM item c WHERE c.task_id = t.id), t.title, i.text,"
            " t.archived, t.rowid"
            f" FROM item i JOIN task t ON t.id = i.task_id WHERE i.rowid IN ({marks})",
            chunk,
        ):
            out[rowid] = RowText(
                row_label(no, position, count, title, text, bool(is_archived)),
                text,
                item_id,
                task_id,
                t_rowid,
            )
    return out


def row_ids_of(
    db: Database, item_rowids: Iterable[int] | None = None
) -> dict[int, tuple[str, str, int]]:
    """(work item id, task id, task rowid) by item rowid: of the given rowids, or of
    every work item (``None``: one scan). A reader compares the task rowid with its
    index's (see ``RowText.task_rowid``)."""
    sql = "SELECT i.rowid, i.id, i.task_id, t.rowid FROM item i JOIN task t ON t.id = i.task_id"
    if item_rowids is None:
        return {row[0]: row[1:] for row in db.execute(sql)}
    wanted = list(item_rowids)
    out: dict[int, tuple[str, str, int]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in db.execute(f"{sql} WHERE i.rowid IN ({marks})", chunk):
            out[row[0]] = row[1:]
    return out


def item_rowid(db: Database, item_id: str) -> int | None:
    """The rowid of a work item (None when there is none)."""
    row = db.execute("SELECT rowid FROM item WHERE id = ?", [item_id]).fetchone()
    return None if row is None else int(row[0])


def task_rowid(db: Database, task_id: str) -> int | None:
    """The rowid of a task (None when there is none)."""
    row = db.execute("SELECT rowid FROM task WHERE id = ?", [task_id]).fetchone()
    return None if row is None else int(row[0])
