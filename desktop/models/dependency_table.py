"""The status cache's dependencies as columns, not a tuple per row.

After a full pass the cache kept each dependency's row ``(id, pred_kind, pred_id,
succ_kind, succ_id, lag_days)`` as a tuple (in ``inputs.dependencies`` and by id in
its graph) and its two ends' tasks as a pair by id in a second dict: at 100k tasks
30,000 rows, ~7 MB of tuples and dicts. Here one ``id -> position`` index and one list
(or ``CodedColumn``) per field, append-only: a dependency added or re-routed is
appended, a removed one leaves the index only, so the rows a ``DependencyRows`` view
was made over never change. Every read answers the tuples the dicts held.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from itertools import compress, islice
from operator import eq, itemgetter

from desktop.models.coded_column import CodedColumn
from desktop.models.lazy_sequence import LazySequence
from desktop.models.status_columns import IndexedRows

Row = tuple  # (id, pred_kind, pred_id, succ_kind, succ_id, lag_days)
Ends = tuple[str | None, str | None]  # the tasks of a dependency's two ends
_PRED, _SUCC = itemgetter(0), itemgetter(1)


class DependencyTable(IndexedRows):
    """``dependency id -> its row`` (as ``inputs.dependencies`` holds it), in the order
    rows were put (a row put again goes last, as in a dict), and each dependency's ends'
    tasks (``ends``)."""

    __slots__ = (
        "ids", "lags", "pred_ids", "pred_kinds", "pred_tasks", "succ_ids",
        "succ_kinds", "succ_tasks",
    )  # fmt: skip

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self.ids: list[str] = []
        self.pred_kinds = CodedColumn()
        self.pred_ids: list[str] = []
        self.succ_kinds = CodedColumn()
        self.succ_ids: list[str] = []
        self.lags = CodedColumn()
        self.pred_tasks: list[str | None] = []
        self.succ_tasks: list[str | None] = []

    def extend(
        self, rows: Sequence[Row], ends: Sequence[Ends], shared: Collection[int] = ()
    ) -> None:
        """Puts ``rows`` of distinct ids not in the table yet, with their ``ends``, in
        order (in bulk; the positions' int objects of ``shared`` when it has enough)."""
        start = len(self.ids)
        ids = list(map(itemgetter(0), rows))
        self.ids += ids
        self.pred_kinds.extend(list(map(itemgetter(1), rows)))
        self.pred_ids += map(itemgetter(2), rows)
        self.succ_kinds.extend(list(map(itemgetter(3), rows)))
        self.succ_ids += map(itemgetter(4), rows)
        self.lags.extend(list(map(itemgetter(5), rows)))
        self.pred_tasks += map(_PRED, ends)
        self.succ_tasks += map(_SUCC, ends)
        positions = shared if len(shared) >= start + len(ids) else range(len(self.ids))
        self._index.update(zip(ids, islice(positions, start, None), strict=False))

    def put(self, row: Row, ends: Ends) -> None:
        """The row of its dependency (after the others; ``pop`` it first when known)."""
        self.pop(row[0])
        self.extend([row], [ends])

    def pop(self, dep_id: str) -> Ends | None:
        """Removes the dependency: its ends' tasks, None when it was not in the table."""
        pos = self._index.pop(dep_id, None)
        return None if pos is None else (self.pred_tasks[pos], self.succ_tasks[pos])

    def ends(self, dep_id: str) -> Ends | tuple[()]:
        """The tasks of the dependency's ends (None where an end has none), or ()."""
        pos = self._index.get(dep_id)
        return () if pos is None else (self.pred_tasks[pos], self.succ_tasks[pos])

    def row_at(self, pos: int) -> Row:
        return (
            self.ids[pos],
            self.pred_kinds[pos],
            self.pred_ids[pos],
            self.succ_kinds[pos],
            self.succ_ids[pos],
            self.lags[pos],
        )

    def __getitem__(self, dep_id: str) -> Row:
        return self.row_at(self._index[dep_id])

    def all_rows(self) -> Iterator[Row]:
        """Every row appended, removed ones too, in position order (in C)."""
        return zip(
            self.ids,
            map(self.pred_kinds.values.__getitem__, self.pred_kinds.codes),
            self.pred_ids,
            map(self.succ_kinds.values.__getitem__, self.succ_kinds.codes),
            self.succ_ids,
            map(self.lags.values.__getitem__, self.lags.codes),
            strict=False,
        )

    def rows(self) -> list[Row]:
        """``list(self.values())`` (the rows in order), in C."""
        if len(self._index) == len(self.ids):  # (nothing removed or put again)
            return list(self.all_rows())
        alive = map(eq, map(self._index.get, self.ids), range(len(self.ids)))
        return list(compress(self.all_rows(), alive))

    def view(self) -> DependencyRows | None:
        """The rows as a read-only sequence that never changes (the rows appended so
        far), when nothing was removed or put again; else None."""
        if len(self._index) != len(self.ids):
            return None
        return DependencyRows(self, len(self.ids))


class DependencyRows(LazySequence[Row]):
    """The first ``count`` rows of a ``DependencyTable`` (append-only: they stay the
    same) as ``inputs.dependencies``' list of tuples answered, each made when read."""

    __slots__ = ("_count", "_table")

    def __init__(self, table: DependencyTable, count: int) -> None:
        self._table, self._count = table, count

    def __len__(self) -> int:
        return self._count

    def _item(self, index: int) -> Row:
        return self._table.row_at(index)

    def __iter__(self) -> Iterator[Row]:
        return islice(self._table.all_rows(), self._count)
