"""The timeline's arrows, kept as columns and made into tuples when read.

At 100k tasks with 30,000 dependencies the window kept ~30,000 arrows as five-tuples
(3.8 MB in 70,000 objects) and a dict of them by dependency id (~1 MB) for as long as
it lived (the status cache's ``memo['timeline']``, built with the first overview once the timeline page is shown).
``Arrows`` keeps each arrow as a slot of four ``'i'`` arrays (its rows and days) and a
bytearray (at risk), with its dependency id (the snapshot's string) in a list and the
ids found by bisection (``Positions``); an arrow read is an equal tuple. Never changed
once made: ``edited`` and ``picked`` give the arrows after an edit (the columns copied
in C, the ids' lookup shared or narrowed when the others keep their order).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from typing import overload

from desktop.models.lazy_sequence import LazySequence
from desktop.models.task_titles import Positions

Arrow = tuple[int, int, int, int, bool]  # (pred row, pred day, succ row, succ day, at risk)


class Arrows(LazySequence[Arrow]):
    """The timeline's arrows in order (a read-only sequence of ``Arrow`` tuples, equal
    to the list of them), each with its dependency id (``ids``; ``by_dependency``)."""

    __slots__ = ("ids", "pred_rows", "pred_days", "succ_rows", "succ_days", "risky", "_at")

    def __init__(self, arrows: Iterable[tuple[str, Arrow]] = ()) -> None:
        """From (dependency id, arrow) pairs, in order (each id once)."""
        self.ids: list[str] = []
        self.pred_rows = array("i")
        self.pred_days = array("i")
        self.succ_rows = array("i")
        self.succ_days = array("i")
        self.risky = bytearray()
        for dep_id, (pred, pred_day, succ, succ_day, risky) in arrows:
            self.ids.append(dep_id)
            self.pred_rows.append(pred)
            self.pred_days.append(pred_day)
            self.succ_rows.append(succ)
            self.succ_days.append(succ_day)
            self.risky.append(bool(risky))
        self._at = Positions(self.ids)

    @classmethod
    def of(cls, arrows: Mapping[str, Arrow]) -> Arrows:
        """From a mapping dependency id → arrow, in its order."""
        return cls(arrows.items())

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Arrow: ...
    @overload
    def __getitem__(self, index: slice) -> list[Arrow]: ...
    def __getitem__(self, index: int | slice) -> Arrow | list[Arrow]:
        if isinstance(index, slice):
            return super().__getitem__(index)
        # (no length check: the arrays check the index, negative ones too, as a list does)
        return self._item(index)

    def _item(self, index: int) -> Arrow:
        return (
            self.pred_rows[index], self.pred_days[index], self.succ_rows[index],
            self.succ_days[index], bool(self.risky[index]),
        )  # fmt: skip

    def __iter__(self) -> Iterator[Arrow]:
        return zip(
            self.pred_rows, self.pred_days, self.succ_rows, self.succ_days,
            map(bool, self.risky), strict=True,
        )  # fmt: skip

    def position(self, dep_id: str) -> int:
        """The place of ``dep_id``'s arrow; -1 when it has none."""
        return self._at.position(dep_id)

    def by_dependency(self) -> ArrowOf:
        """dependency id → its arrow (a mapping over these columns)."""
        return ArrowOf(self)

    def span(self, index: int) -> tuple[int, int]:
        """Arrow ``index``'s lower and upper row."""
        pred, succ = self.pred_rows[index], self.succ_rows[index]
        return (pred, succ) if pred <= succ else (succ, pred)

    def same_rows(self, other: Arrows) -> bool:
        """Whether ``other`` joins the same rows in the same order (in C)."""
        return self.pred_rows == other.pred_rows and self.succ_rows == other.succ_rows

    def picked(self, ids: list[str], changes: Mapping[str, Arrow]) -> Arrows:
        """The arrows of ``ids`` (each once), in that order: that of ``changes`` for its
        ids, the one here for the others (a new sequence; never a tuple per arrow: the
        columns gathered in C, copied when the ids are the same, their lookup shared)."""
        out = object.__new__(Arrows)
        if ids == self.ids:  # (most edits: arrows re-dated or re-coloured in place)
            out.ids, out._at = self.ids, self._at
            out.pred_rows, out.pred_days = array("i", self.pred_rows), array("i", self.pred_days)
            out.succ_rows, out.succ_days = array("i", self.succ_rows), array("i", self.succ_days)
            out.risky = bytearray(self.risky)
        else:
            out._gathered(self, ids)
        for dep_id, arrow in changes.items():
            out._set(out.position(dep_id), arrow)
        return out

    def edited(
        self, gone: Iterable[str], changes: Mapping[str, Arrow], appended: Sequence[str] = ()
    ) -> Arrows:
        """These arrows without those of ``gone`` (ids here), then those of ``appended``
        (ids not here), each arrow of ``changes`` (ids here or appended) at its place:
        ``picked`` when the others keep their order (most edits), the columns copied
        and cut in C, the ids' lookup narrowed (``Positions.narrowed``), not sorted again."""
        places = sorted({place for place in map(self.position, gone) if place >= 0}, reverse=True)
        if not places and not appended:
            return self.picked(self.ids, changes)
        out = object.__new__(Arrows)
        out.ids = list(self.ids)
        out.pred_rows, out.pred_days = array("i", self.pred_rows), array("i", self.pred_days)
        out.succ_rows, out.succ_days = array("i", self.succ_rows), array("i", self.succ_days)
        out.risky = bytearray(self.risky)
        for column in (out.ids, out.pred_rows, out.pred_days, out.succ_rows, out.succ_days):
            for place in places:  # (from the last: each cut leaves the places before)
                del column[place]
        for place in places:
            del out.risky[place]
        for number_column in (out.pred_rows, out.pred_days, out.succ_rows, out.succ_days):
            number_column.extend(repeat(0, len(appended)))  # (set from ``changes`` below)
        out.risky.extend(bytes(len(appended)))
        out.ids.extend(appended)
        out._at = self._at.narrowed(out.ids, places)
        for dep_id, arrow in changes.items():
            out._set(out.position(dep_id), arrow)
        return out

    def _gathered(self, source: Arrows, ids: list[str]) -> None:
        """The columns of ``ids`` from ``source``'s, each looked up (a new id's: zeros,
        for the caller to set), and the ids sorted again."""
        self.ids = ids
        self._at = Positions(ids)
        # each arrow's place in ``source`` (a new one's: any, set from the changes)
        place = dict(zip(source.ids, range(len(source.ids)), strict=True))
        at = list(map(place.get, ids, repeat(0)))
        source = source if source.ids else Arrows([("", (0, 0, 0, 0, False))])
        self.pred_rows = array("i", map(source.pred_rows.__getitem__, at))
        self.pred_days = array("i", map(source.pred_days.__getitem__, at))
        self.succ_rows = array("i", map(source.succ_rows.__getitem__, at))
        self.succ_days = array("i", map(source.succ_days.__getitem__, at))
        self.risky = bytearray(map(source.risky.__getitem__, at))

    def _set(self, index: int, arrow: Arrow) -> None:
        if index < 0:
            raise KeyError("a changed arrow's dependency is not among the ids")
        self.pred_rows[index], self.pred_days[index] = arrow[0], arrow[1]
        self.succ_rows[index], self.succ_days[index] = arrow[2], arrow[3]
        self.risky[index] = bool(arrow[4])

    def __repr__(self) -> str:
        return f"Arrows({len(self)} arrows)"


class ArrowOf(Mapping[str, Arrow]):
    """dependency id → its arrow, in the arrows' order (over an ``Arrows``' columns;
    an arrow read is made), equal to the dict of them."""

    __slots__ = ("_arrows",)

    def __init__(self, arrows: Arrows) -> None:
        self._arrows = arrows

    def __getitem__(self, dep_id: str) -> Arrow:
        n = self._arrows.position(dep_id)
        if n < 0:
            raise KeyError(dep_id)
        return self._arrows.item_at(n)

    def get(self, dep_id: str, default: Arrow | None = None) -> Arrow | None:  # type: ignore[override]
        n = self._arrows.position(dep_id)
        return default if n < 0 else self._arrows.item_at(n)

    def __contains__(self, dep_id: object) -> bool:
        return isinstance(dep_id, str) and self._arrows.position(dep_id) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._arrows.ids)

    def __len__(self) -> int:
        return len(self._arrows)

    def __repr__(self) -> str:
        return f"ArrowOf({len(self)} arrows)"


def in_view(
    arrows: Sequence[Arrow], touching: list[int], first: int, last: int
) -> tuple[list[int], list[int]]:
    """Of the arrows at ``touching`` (ascending, as ``ArrowIndex.touching`` gives them):
    those with an end in rows ``first`` to ``last``, and of the others the last one at
    each place and colour (succ day, at risk), in order. Read from the columns when
    ``Arrows`` (a paint reads thousands of arrows at 100k: no tuple made)."""
    pred_rows: Sequence[int] | Mapping[int, int]
    succ_rows: Sequence[int] | Mapping[int, int]
    succ_days: Sequence[int] | Mapping[int, int]
    risky: Sequence[int] | Mapping[int, int]
    if isinstance(arrows, Arrows):
        pred_rows, succ_rows = arrows.pred_rows, arrows.succ_rows
        succ_days, risky = arrows.succ_days, arrows.risky
    else:  # (arrows listed by hand: the columns of those touching)
        picked = {i: arrows[i] for i in touching}
        pred_rows, succ_rows = (
            {i: a[0] for i, a in picked.items()},
            {i: a[2] for i, a in picked.items()},
        )
        succ_days, risky = (
            {i: a[3] for i, a in picked.items()},
            {i: int(a[4]) for i, a in picked.items()},
        )
    ends: list[int] = []
    last_at: dict[tuple[int, int], int] = {}  # place and colour → its last arrow
    for i in touching:
        if first <= pred_rows[i] <= last or first <= succ_rows[i] <= last:
            ends.append(i)
        else:
            last_at[succ_days[i], risky[i]] = i
    # (in the order of those last ones: ascending, as ``touching`` is)
    return ends, sorted(last_at.values())


def ends_of(arrows: Sequence[Arrow], indexes: list[int]) -> Iterator[tuple[int, int, int, int]]:
    """(pred row, succ row, succ day, at risk: 0 or 1) of the arrows at ``indexes``, in
    order: from the columns when ``Arrows`` (a paint reads thousands: no tuple made
    per arrow)."""
    if isinstance(arrows, Arrows):
        return zip(
            map(arrows.pred_rows.__getitem__, indexes), map(arrows.succ_rows.__getitem__, indexes),
            map(arrows.succ_days.__getitem__, indexes), map(arrows.risky.__getitem__, indexes),
            strict=True,
        )  # fmt: skip
    return ((a[0], a[2], a[3], int(a[4])) for a in map(arrows.__getitem__, indexes))
