"""A column of few distinct values kept as codes: each value once, each row's place
among them in an array as narrow as the values' count allows (a byte each up to 256
values, two up to 65,536, else four), not an eight-byte pointer per row. The kept
status snapshot's milestone dates and owners (200,000 rows at 100k tasks, ~1,000
distinct days) and the timeline's statuses and unit names are such columns.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable
from itertools import islice
from typing import Any

_WIDER = {"B": "H", "H": "I"}
_CHUNK = 4096  # ints converted a list at a time (``extend_ints``)


def extend_ints(ints: array, values: Iterable[int]) -> None:
    """``ints.extend(values)``, from lists of a few thousand: an array extended from an
    iterator converts each item ~4x slower, and one list of them all (200,000 at 100k
    tasks) left the process ~1 MiB larger once freed."""
    found = iter(values)
    while chunk := list(islice(found, _CHUNK)):
        ints.fromlist(chunk)


class CodedColumn:
    """Values appended in order, read back by row: ``column[n]`` is the n-th value.
    ``values`` (each distinct value once, in first-seen order) and ``codes`` (each row's
    place in ``values``) are public for readers that look up in C
    (``map(values.__getitem__, codes)``) or inline."""

    __slots__ = ("_code", "codes", "values")

    def __init__(self, values: Iterable[Hashable] = ()) -> None:
        self.values: list[Any] = []
        self.codes = array("B")
        self._code: dict[Any, int] = {}
        self.extend(values)

    def _widen(self) -> None:
        """Wider codes once the values outnumber what the present width can tell."""
        while len(self.values) > 1 << (8 * self.codes.itemsize):
            self.codes = array(_WIDER[self.codes.typecode], self.codes)

    def append(self, value: Hashable) -> None:
        code = self._code.get(value)
        if code is None:
            code = self._code[value] = len(self.values)
            self.values.append(value)
            self._widen()
        self.codes.append(code)

    def extend(self, values: Iterable[Hashable]) -> None:
        """Appends ``values`` (their codes looked up in C)."""
        found = values if isinstance(values, list) else list(values)
        code = self._code
        for value in dict.fromkeys(found):
            if value not in code:
                code[value] = len(self.values)
                self.values.append(value)
        self._widen()
        extend_ints(self.codes, map(code.__getitem__, found))

    def __getitem__(self, index: int) -> Any:
        return self.values[self.codes[index]]

    def __len__(self) -> int:
        return len(self.codes)

    def to_list(self) -> list[Any]:
        """Every row's value, in row order (in C)."""
        return list(map(self.values.__getitem__, self.codes))
