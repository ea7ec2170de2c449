"""The timeline's arrows by the rows they span (``ArrowIndex``), kept across edits.

Built whole once per list of arrows: ~40-60 ms at 30,000 arrows. After an edit that
adds, removes or re-routes a few dependencies (``updated``), the new index shares the
old one's tree and says how the tree's arrows map to their places in the new list
(``_to_now``) plus the few arrows the tree does not hold (``_extra``, checked one by
one): a few C-level passes over the arrows' ids instead of a new tree, answering
exactly as a new tree would. Past ``MAX_EXTRA`` such arrows the tree is built again.
Indexes are never changed once made (a view may paint with the previous one while a
background job makes the next).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress, repeat
from operator import mul, ne, not_, or_, sub

from desktop.models.timeline_arrows import Arrow, Arrows

__all__ = ["GONE", "MAX_EXTRA", "Arrow", "ArrowIndex", "same_rows"]

GONE = -1  # the place of a tree's arrow no longer there (or beside the tree)
#: arrows not in the tree (each checked by every ``touching``) before it is built again
MAX_EXTRA = 512


class ArrowIndex:
    """The timeline's arrows by the rows they span: which touch rows ``first`` to
    ``last`` (an end among them, or passing over them), found without walking every
    arrow — a centred interval tree for the arrows passing over ``first``, the arrows
    sorted by their upper row for the others (``updated``: after an edit, the same tree
    and a few arrows beside it)."""

    __slots__ = ("_los", "_his", "_by_lo", "_lo_sorted", "_root", "_to_now", "_extra", "size")

    def __init__(self, arrows: Sequence[Arrow]) -> None:
        # (arrays, not lists of int objects: the window keeps the index, ~30,000 arrows
        # at 100k tasks, whose indexes as int objects were ~1.5 MB)
        if isinstance(arrows, Arrows):  # (from the columns: no tuple kept)
            preds, succs = arrows.pred_rows, arrows.succ_rows
            self._los = array("i", [p if p <= s else s for p, s in zip(preds, succs, strict=True)])
            self._his = array("i", [s if p <= s else p for p, s in zip(preds, succs, strict=True)])
        else:
            self._los = array("i", [min(a[0], a[2]) for a in arrows])
            self._his = array("i", [max(a[0], a[2]) for a in arrows])
        by_lo = sorted(range(len(arrows)), key=self._los.__getitem__)
        self._lo_sorted = array("i", map(self._los.__getitem__, by_lo))
        self._root = self._node(by_lo)
        self._by_lo = array("i", by_lo)
        del by_lo
        # the tree's arrow n is arrow ``_to_now[n]`` of the list indexed (GONE: gone);
        # None: the same list. ``_extra``: (index, lower row, upper row) of the others
        self._to_now: list[int] | None = None
        self._extra: tuple[tuple[int, int, int], ...] = ()
        self.size = len(arrows)  #: how many arrows it indexes

    def _node(self, members: list[int]) -> tuple | None:
        """(centre, here by upper row, here by lower row descending, left, right) over
        ``members`` (sorted by their upper row): ``here`` holds the arrows spanning the
        centre, ``left`` / ``right`` those wholly before / after it."""
        if not members:
            return None
        los, his = self._los, self._his
        centre = los[members[len(members) // 2]]
        # sorted by their upper row: those starting after the centre are the tail, and
        # of the head those ending before it go left (one pass over half the members)
        cut = bisect_right(members, centre, key=los.__getitem__)
        head = members[:cut]
        here = [i for i in head if his[i] >= centre]
        left = [i for i in head if his[i] < centre] if len(here) < cut else []
        right = members[cut:]
        by_hi = sorted(here, key=his.__getitem__, reverse=True)
        return (centre, array("i", here), array("i", by_hi), self._node(left), self._node(right))

    def touching(self, first: int, last: int) -> list[int]:
        """Indexes (in the arrows' order) of the arrows with an end in rows ``first``
        to ``last`` or passing over them."""
        out = self._tree_touching(first, last)
        to_now = self._to_now
        if to_now is not None:
            out = [i for i in map(to_now.__getitem__, out) if i != GONE]
        if self._extra:
            out.extend(i for i, lo, hi in self._extra if lo <= last and hi >= first)
        if to_now is not None or self._extra:
            out.sort()
        return out

    def _tree_touching(self, first: int, last: int) -> list[int]:
        los, his = self._los, self._his
        out: list[int] = []
        node = self._root
        while node is not None:  # the arrows spanning row ``first``
            centre, by_lo, by_hi, left, right = node
            if first < centre:
                for i in by_lo:
                    if los[i] > first:
                        break
                    out.append(i)
                node = left
            elif first > centre:
                for i in by_hi:
                    if his[i] < first:
                        break
                    out.append(i)
                node = right
            else:
                out.extend(by_lo)
                break
        # and those starting after ``first`` up to ``last``
        start = bisect_right(self._lo_sorted, first)
        out.extend(self._by_lo[start : bisect_right(self._lo_sorted, last, start)])
        out.sort()
        return out

    def updated(
        self, before: Arrows, after: Arrows, moves: tuple[list[str], list[str]] | None = None
    ) -> ArrowIndex | None:
        """The index of ``after``'s arrows, this one being ``before``'s: the same tree,
        the arrows that kept their dependency and rows mapped to their new places, the
        others beside it. None when too many arrows are beside the tree (build a new
        one). ``moves``: (the ids of ``before`` gone, the ids appended last in
        ``after``), every other arrow in its order with its rows
        (``TimelineData.moves``): then only those are looked at."""
        if moves is not None:
            return self._moved(before, after, *moves)
        old_ids, new_ids = before.ids, after.ids
        step: list[int] | None = None  # each old arrow's new place (GONE: gone or moved)
        if old_ids == new_ids:  # the same dependencies in the same order (most edits)
            if before.same_rows(after):
                return self  # every arrow at its place with its rows
            moved = set(
                compress(
                    range(len(old_ids)),
                    map(or_, map(ne, before.pred_rows, after.pred_rows),
                        map(ne, before.succ_rows, after.succ_rows)),
                )
            )  # fmt: skip
        else:
            now_ids = set(new_ids)
            there = list(map(now_ids.__contains__, old_ids))
            kept = list(compress(old_ids, there))
            if new_ids[: len(kept)] == kept:  # the others gone, the new ones after (in C)
                step = list(map(sub, map(mul, accumulate(there), there), repeat(1)))
            else:
                place = dict(zip(new_ids, range(len(new_ids)), strict=True))
                step = list(map(place.get, old_ids, repeat(GONE)))
            moved = set()
            if new_ids:  # the arrows kept whose rows changed (``GONE`` reads any: passed)
                pred_now = map(after.pred_rows.__getitem__, step)
                succ_now = map(after.succ_rows.__getitem__, step)
                changed = map(or_, map(ne, before.pred_rows, pred_now),
                              map(ne, before.succ_rows, succ_now))  # fmt: skip
                for n in compress(range(len(old_ids)), changed):
                    if (now := step[n]) != GONE:
                        step[n] = GONE
                        moved.add(now)
        # (``moved``: the new places of the arrows whose rows changed) beside the tree,
        # with the new arrows and those beside it before
        new = map(not_, map(set(old_ids).__contains__, new_ids))
        came = moved.union(compress(range(len(new_ids)), new))
        extra = {now: after.span(now) for now in sorted(came)}
        for n, lo, hi in self._extra:
            now = n if step is None else step[n]
            if now != GONE and now not in extra:
                extra[now] = (lo, hi)
        if len(extra) > MAX_EXTRA:
            return None
        # the tree's arrows: through their places before to those now (an arrow is the
        # tree's or beside it, never both)
        to_now = self._to_now
        if step is not None:
            if to_now is not None:
                step.append(GONE)  # (``step[GONE]``: GONE)
                to_now = list(map(step.__getitem__, to_now))
            else:
                to_now = step
        elif to_now is not None:
            to_now = [GONE if n in extra else n for n in to_now]
        else:
            to_now = list(range(len(new_ids)))
            for n in extra:
                to_now[n] = GONE
        out = object.__new__(ArrowIndex)
        out._los, out._his, out._root = self._los, self._his, self._root
        out._by_lo, out._lo_sorted = self._by_lo, self._lo_sorted
        out._to_now = None if to_now == list(range(len(new_ids))) else to_now
        out._extra = tuple(sorted((now, lo, hi) for now, (lo, hi) in extra.items()))
        out.size = len(new_ids)
        return out

    def _moved(
        self, before: Arrows, after: Arrows, gone: list[str], appended: list[str]
    ) -> ArrowIndex | None:
        """``updated`` when ``gone`` went and ``appended`` came last (slices, in C)."""
        if not gone and not appended:
            return self
        old_ids = before.ids
        places = sorted(map(old_ids.index, gone))
        step: list[int] = []  # each old arrow's new place, GONE for those gone
        start = 0
        for n, place in enumerate(places):
            step.extend(range(start - n, place - n))
            step.append(GONE)
            start = place + 1
        step.extend(range(start - len(places), len(old_ids) - len(places)))
        kept = len(old_ids) - len(places)
        if kept + len(appended) != len(after):
            return None
        extra = [(step[n], lo, hi) for n, lo, hi in self._extra if step[n] != GONE]
        extra += [
            (kept + k, *after.span(after.position(dep_id))) for k, dep_id in enumerate(appended)
        ]
        if len(extra) > MAX_EXTRA:
            return None
        to_now = self._to_now
        if to_now is not None:
            step.append(GONE)  # (``step[GONE]``: GONE)
            to_now = list(map(step.__getitem__, to_now))
        elif places:
            to_now = step
        out = object.__new__(ArrowIndex)
        out._los, out._his, out._root = self._los, self._his, self._root
        out._by_lo, out._lo_sorted = self._by_lo, self._lo_sorted
        out._to_now = to_now
        out._extra = tuple(extra)
        out.size = len(after)
        return out


def same_rows(arrows: Sequence[Arrow], others: Sequence[Arrow]) -> bool:
    """Whether two lists of arrows join the same rows in the same order (their days and
    colours aside): the ``ArrowIndex`` of one answers for the other."""
    if isinstance(arrows, Arrows) and isinstance(others, Arrows):
        return arrows.same_rows(others)
    return len(arrows) == len(others) and all(
        a[0] == b[0] and a[2] == b[2] for a, b in zip(arrows, others, strict=True)
    )
