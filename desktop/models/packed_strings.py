"""Columns of ids kept packed: strings of one length as one string, canonical UUIDs as
16 bytes each, each id made again when read (at 100k tasks the reporting round's 120,000
item ids and the targets' ids: ~37 or 16 bytes an id instead of ~85 for an object each).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

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
