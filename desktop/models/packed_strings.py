"""Columns of strings kept packed: ids of one length as one string, canonical UUIDs as
16 bytes each, each id made again when read (at 100k tasks the reporting round's 120,000
item ids and the targets' ids: ~37 or 16 bytes an id instead of ~85 for an object each);
texts of any length (titles) joined in runs (``PackedStrings``).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import accumulate, chain, islice, repeat

from desktop.models.coded_column import extend_ints
from desktop.models.lazy_sequence import LazySequence


class FixedWidthStrings(LazySequence[str]):
    """Strings of one length (the round's item ids: UUIDs) kept as one string, each
    sliced out when read: ~37 bytes an id instead of ~85 for an object each (120,000
    item ids at 100k tasks); canonical UUIDs (``compacted``) as 16 bytes each."""

    __slots__ = ("_joined", "_width", "_count")

    _joined: str | bytes

    def __init__(self, strings: Sequence[str], width: int) -> None:
        self._joined = "".join(strings)
        self._width = width
        self._count = len(strings)

    @classmethod
    def of_joined(cls, joined: str, width: int) -> FixedWidthStrings:
        """The strings of ``width`` characters ``joined`` holds one after another."""
        packed = cls((), width)
        packed._joined, packed._count = joined, len(joined) // width
        return packed

    @classmethod
    def of_runs(cls, runs: list[FixedWidthStrings], width: int) -> FixedWidthStrings:
        """The strings of ``runs`` (of one ``width``) one after another: as 16 bytes
        each when every run holds them so."""
        packed = cls((), width)
        packed._count = sum(map(len, runs))
        if all(isinstance(run._joined, bytes) for run in runs):
            packed._joined = b"".join([run._joined for run in runs])  # type: ignore[misc]
        else:
            packed._joined = "".join(text for run in runs for text in run)
        return packed

    def compacted(self) -> FixedWidthStrings:
        """These strings, as 16 bytes each when all are canonical UUIDs (lowercase,
        dashed: what ``new_id`` makes), read back as the same text (else itself)."""
        joined, count = self._joined, self._count
        if self._width != _UUID_WIDTH or not count or isinstance(joined, bytes):
            return self
        for at in _UUID_DASHES:
            if joined[at::_UUID_WIDTH] != "-" * count:
                return self
        parts = []
        step = 4096 * _UUID_WIDTH  # (in runs: no copy of them all made at once)
        for start in range(0, len(joined), step):
            hexed = joined[start : start + step].replace("-", "")
            try:
                part = bytes.fromhex(hexed)
            except ValueError:
                return self
            if part.hex() != hexed:  # upper case or spaces: not read back the same
                return self
            parts.append(part)
        packed = FixedWidthStrings((), self._width)
        packed._joined, packed._count = b"".join(parts), count
        return packed

    def __len__(self) -> int:
        return self._count

    def _item(self, index: int) -> str:
        joined = self._joined
        if isinstance(joined, bytes):
            hexed = joined[16 * index : 16 * index + 16].hex()
            return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"
        start = index * self._width
        return joined[start : start + self._width]

    def __iter__(self) -> Iterator[str]:
        joined = self._joined
        if isinstance(joined, bytes):
            return map(self._item, range(self._count))
        width, end = self._width, self._count * self._width
        return map(joined.__getitem__, map(slice, range(0, end, width),
                                           range(width, end + width, width)))  # fmt: skip


_UUID_WIDTH = 36
_UUID_DASHES = (8, 13, 18, 23)


def fixed_width(strings: Sequence[str]) -> Sequence[str]:
    """``strings`` as a ``FixedWidthStrings`` when all have one length (else as given),
    canonical UUIDs compacted."""
    if isinstance(strings, FixedWidthStrings):
        return strings.compacted()
    widths = set(map(len, strings))
    if len(widths) != 1:
        return strings
    return FixedWidthStrings(strings, widths.pop()).compacted()


class PackedIds:
    """A column of ids appended one by one, packed as they come: while every id has
    one length, in joined runs of ``RUN`` (canonical UUIDs as 16 bytes each:
    ``FixedWidthStrings.compacted``; no string of them all is made and let go: a big
    block freed leaves the allocator keeping more), ``column()`` a
    ``FixedWidthStrings``; else a list."""

    RUN = 2048

    def __init__(self) -> None:
        self._runs: list[FixedWidthStrings] = []
        self._run: list[str] = []
        self._width = -1
        self._list: list[str] | None = None

    def append(self, text: str) -> None:
        if self._list is not None:
            self._list.append(text)
            return
        if len(text) != self._width:
            if self._width >= 0 or not text:  # another length: a plain list from now on
                self._list = [*self._unpacked(), text]
                self._runs, self._run = [], []
                return
            self._width = len(text)
        self._run.append(text)
        if len(self._run) == self.RUN:
            self._close_run()

    def _close_run(self) -> None:
        self._runs.append(FixedWidthStrings(self._run, self._width).compacted())
        self._run = []

    def _unpacked(self) -> list[str]:
        return [text for run in self._runs for text in run] + self._run

    def column(self) -> Sequence[str]:
        """The ids appended (``fixed_width``'s column of them)."""
        if self._list is not None:
            return self._list
        if self._width <= 0:
            return []
        if self._run:
            self._close_run()
        runs, self._runs = self._runs, []
        return FixedWidthStrings.of_runs(runs, self._width)


class PackedStrings(LazySequence[str]):
    """Strings of any length kept packed: each run of ``RUN`` strings joined into one
    string, with every string's end in its run in an array, each string sliced out when
    read (a new object every read, equal to the one given). ~2 bytes a character and 4
    an end instead of ~75 bytes and a list slot for an object each: at 100k tasks the
    overview's 100,000 titles, the timeline's 66,000 and the 催报 round's. A run holding
    a character outside the BMP keeps 4 bytes a character (that run only).

    ``append`` adds at the end (the last, unfilled run kept as a list); ``replaced``
    gives these strings with a few of them replaced, sharing the runs (an edit's
    retitled tasks): from then on neither is appended to."""

    __slots__ = ("_runs", "_ends", "_open", "_replaced", "_shared")

    RUN = 1024

    def __init__(self, strings: Iterable[str] = ()) -> None:
        self._runs: list[str] = []  # the filled runs, each joined
        self._ends = array("I")  # per string of a filled run: its end in its run
        self._open: list[str] = []  # the last run's strings, not joined yet
        self._replaced: dict[int, str] = {}
        self._shared = False  # the runs shared with another (``replaced``): no appending
        self.extend(strings)

    def append(self, text: str) -> None:
        if self._shared:
            raise ValueError("strings are appended before any is replaced")
        if not isinstance(text, str):
            raise TypeError("a string expected")
        self._open.append(text)
        if len(self._open) == self.RUN:
            self._close_run()

    def _close_run(self) -> None:
        extend_ints(self._ends, accumulate(map(len, self._open)))
        self._runs.append("".join(self._open))
        self._open = []

    def extend(self, strings: Iterable[str]) -> None:
        """Appends ``strings`` (a run's worth at a time: no list of them all made)."""
        if self._shared:
            raise ValueError("strings are appended before any is replaced")
        found = iter(strings)
        while part := list(islice(found, self.RUN - len(self._open))):
            if not all(map(isinstance, part, repeat(str))):
                raise TypeError("strings expected")
            self._open += part
            if len(self._open) == self.RUN:
                self._close_run()

    def replaced(self, strings: Mapping[int, str]) -> PackedStrings:
        """These strings with those at the places of ``strings`` (each 0 <= place <
        len) replaced: a new sequence sharing the runs (this one is unchanged)."""
        size = len(self)
        if any(not 0 <= place < size for place in strings):
            raise IndexError("a place outside the strings")
        out = PackedStrings()
        out._runs, out._ends, out._open = self._runs, self._ends, list(self._open)
        out._replaced = {**self._replaced, **strings}
        self._shared = out._shared = True
        return out

    def __len__(self) -> int:
        return len(self._runs) * self.RUN + len(self._open)

    def _item(self, index: int) -> str:
        if self._replaced:
            text = self._replaced.get(index)
            if text is not None:
                return text
        run, at = divmod(index, self.RUN)
        if run == len(self._runs):
            return self._open[at]
        end = self._ends[index]
        return self._runs[run][self._ends[index - 1] if at else 0 : end]

    def __iter__(self) -> Iterator[str]:
        if self._replaced:
            return map(self._item, range(len(self)))
        return chain(chain.from_iterable(map(self._run_strings, range(len(self._runs)))),
                     self._open)  # fmt: skip

    def _run_strings(self, run: int) -> Iterator[str]:
        first = run * self.RUN
        ends = self._ends[first : first + self.RUN]
        return map(self._runs[run].__getitem__, map(slice, chain((0,), ends), ends))

    def __repr__(self) -> str:
        return f"PackedStrings({len(self)} strings)"
