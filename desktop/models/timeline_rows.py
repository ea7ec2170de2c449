"""The timeline's rows, kept as columns and made into objects when read.

At 100k tasks with 200,000 milestones the timeline has ~66,000 rows and ~200,000 marks:
as a ``TimelineTask`` and a ``TimelineMilestone`` each (with a label and a list per row)
they held ~44 MB for as long as the window showed them. ``TimelineRows`` keeps each row
and mark as a few slots of lists (strings shared with the status snapshot), the rows'
titles packed (``PackedStrings``: 66,000 title objects were 6.7 MB) and arrays (days,
numbers), and builds a row's ``TimelineTask`` when
read: the view reads the rows in view only (``coordination_views.timeline_data`` makes
them; ``timeline_after`` replaces a few rows without copying the columns).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from desktop.models.coded_column import CodedColumn
from desktop.models.lazy_sequence import KeptSequence
from desktop.models.packed_strings import PackedStrings
from desktop.models.task_titles import Positions


@dataclass(slots=True)
class TimelineMilestone:
    id: str
    title: str
    status: str
    day: int  # ordinal of the effective due (or done date when done)
    original_day: int | None  # ordinal of the original due when extended
    unit_name: str = ""
    at_risk: bool = False


@dataclass(slots=True)
class TimelineTask:
    task_id: str
    label: str
    status: str
    start: int  # ordinal
    finish: int
    milestones: list[TimelineMilestone] = field(default_factory=list)
    risk_text: str = ""


_NO_DAY = 0  # no original due in ``TimelineRows``' column (an ordinal is >= 1)


class _Sparse:
    """row → its text, for the few rows that have one (the rows at risk), appended in
    row order: the rows in an array, the texts packed (``PackedStrings``), a row found
    by bisection (a dict of int objects and strings was ~2.9 MB at 17,000 rows)."""

    __slots__ = ("rows", "texts")

    def __init__(self) -> None:
        self.rows = array("i")
        self.texts = PackedStrings()

    def add(self, row: int, text: str) -> None:
        if self.rows and row <= self.rows[-1]:
            raise ValueError("rows are added in order")
        self.rows.append(row)
        self.texts.append(text)

    def get(self, row: int, default: str = "") -> str:
        at = bisect_left(self.rows, row)
        if at < len(self.rows) and self.rows[at] == row:
            return self.texts[at]
        return default


class _Columns:
    """Rows and marks in columns, appended in order (``TimelineRows.add``); shared by
    the ``TimelineRows`` made from one another (``replaced``), never changed after."""

    __slots__ = (
        "task_ids", "nos", "titles", "statuses", "starts", "finishes", "risks", "first_mark",
        "mark_ids", "mark_titles", "mark_statuses", "days", "originals", "unit_names",
        "at_risk",
    )  # fmt: skip

    def __init__(self) -> None:
        self.task_ids: list[str] = []
        self.nos = array("i")
        self.titles = PackedStrings()  # the label's title part (shortened)
        self.statuses = CodedColumn()
        self.starts = array("i")
        self.finishes = array("i")
        self.risks = _Sparse()  # row → its risk text (rows at risk only)
        self.first_mark = array("i", [0])  # row → its first mark; one more at the end
        self.mark_ids: list[str] = []
        self.mark_titles = PackedStrings()  # (200,000 marks at 100k tasks)
        self.mark_statuses = CodedColumn()
        self.days = array("i")
        self.originals = array("i")  # _NO_DAY: none
        self.unit_names = CodedColumn()
        self.at_risk = bytearray()


class TimelineRows(KeptSequence[TimelineTask]):
    """The timeline's rows (a read-only sequence of ``TimelineTask``, equal to the list
    of them), built when read from columns; ``replaced`` gives the rows with a few of
    them replaced by objects (after an edit), sharing the columns."""

    __slots__ = ("_columns", "_replaced")

    #: rows made kept for the next reads (a paint reads its rows a few times, the next
    #: paint mostly the same ones), at most this many
    KEPT = 256

    def __init__(self) -> None:
        super().__init__()
        self._columns = _Columns()
        self._replaced: dict[int, TimelineTask] = {}

    def add(self, no: int, title: str, row: TimelineTask) -> None:
        """Appends ``row`` (its label ``"{no} {title}"``: the strings kept are the
        title's, the label is made when read) as columns."""
        columns = self._columns
        if self._replaced or row.label != f"{no} {title}":
            raise ValueError("a row is added before any is replaced, with its own label")
        index = len(columns.task_ids)
        columns.task_ids.append(row.task_id)
        columns.nos.append(no)
        columns.titles.append(title)
        columns.statuses.append(row.status)
        columns.starts.append(row.start)
        columns.finishes.append(row.finish)
        if row.risk_text:
            columns.risks.add(index, row.risk_text)
        for mark in row.milestones:
            columns.mark_ids.append(mark.id)
            columns.mark_titles.append(mark.title)
            columns.mark_statuses.append(mark.status)
            columns.days.append(mark.day)
            columns.originals.append(_NO_DAY if mark.original_day is None else mark.original_day)
            columns.unit_names.append(mark.unit_name)
            columns.at_risk.append(mark.at_risk)
        columns.first_mark.append(len(columns.mark_ids))

    def replaced(self, rows: Mapping[int, TimelineTask]) -> TimelineRows:
        """These rows with the rows at the places of ``rows`` replaced (a new sequence
        sharing the columns; this one is unchanged)."""
        out = TimelineRows()
        out._columns = self._columns  # (its own rows made: none yet)
        out._replaced = {**self._replaced, **rows}
        return out

    def __len__(self) -> int:
        return len(self._columns.task_ids)

    def positions(self) -> Positions:
        """task id → its row (the rows' ids, each once; replaced rows keep their id)."""
        return Positions(self._columns.task_ids)

    def start_of(self, index: int) -> int:
        """Row ``index``'s start (``self[index].start`` without building the row)."""
        row = self._replaced.get(index)
        return self._columns.starts[index] if row is None else row.start

    def finish_of(self, index: int) -> int:
        row = self._replaced.get(index)
        return self._columns.finishes[index] if row is None else row.finish

    def first_day_of(self, index: int) -> int:
        """Row ``index``'s first day (``first_day(self[index])`` without building it)."""
        row = self._replaced.get(index)
        if row is not None:
            return first_day(row)
        columns = self._columns
        first_mark = columns.first_mark
        found = [day for day in columns.originals[first_mark[index] : first_mark[index + 1]] if day]
        start = columns.starts[index]
        return min(start, *found) if found else start

    def first_days(self) -> Iterable[int]:
        """Each row's first day: its start, or an original due before it."""
        columns, replaced = self._columns, self._replaced
        originals, first_mark = columns.originals, columns.first_mark
        for index, start in enumerate(columns.starts):
            row = replaced.get(index)
            if row is not None:
                yield first_day(row)
                continue
            found = [day for day in originals[first_mark[index] : first_mark[index + 1]] if day]
            yield min(start, *found) if found else start

    def finishes(self) -> Iterable[int]:
        if not self._replaced:
            return iter(self._columns.finishes)
        return map(self.finish_of, range(len(self)))

    def _item(self, index: int) -> TimelineTask:
        row = self._replaced.get(index)
        return super()._item(index) if row is None else row

    def _make(self, index: int) -> TimelineTask:
        columns = self._columns
        first, end = columns.first_mark[index], columns.first_mark[index + 1]
        marks = [
            TimelineMilestone(
                columns.mark_ids[n],
                columns.mark_titles[n],
                columns.mark_statuses[n],
                columns.days[n],
                columns.originals[n] or None,
                columns.unit_names[n],
                bool(columns.at_risk[n]),
            )  # fmt: skip
            for n in range(first, end)
        ]
        return TimelineTask(
            columns.task_ids[index], f"{columns.nos[index]} {columns.titles[index]}",
            columns.statuses[index], columns.starts[index], columns.finishes[index], marks,
            columns.risks.get(index, ""),
        )  # fmt: skip

    def __repr__(self) -> str:
        return f"TimelineRows({len(self)} rows)"


def first_day(task: TimelineTask) -> int:
    """A row's first day: its start, or an original due date before it."""
    originals = [m.original_day for m in task.milestones if m.original_day is not None]
    return min(task.start, *originals) if originals else task.start
