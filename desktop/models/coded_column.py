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
from struct import pack
from typing import Any

_CHUNK = 4096  # ints converted a list at a time (``extend_ints``)


def extend_ints(ints: array, values: Iterable[int]) -> None:
    """``ints.extend(values)``, from lists of a few thousand: an array extended from an
    iterator converts each item ~4x slower, and one list of them all (200,000 at 100k
    tasks) left the process ~1 MiB larger once freed."""
    found = iter(values)
    while chunk := list(islice(found, _CHUNK)):
        ints.fromlist(chunk)


def narrow_codes(codes: Iterable[int], count: int) -> array:
    """``codes`` (each below ``count``) in an array of one, two or four bytes each, the
    narrowest that tells ``count`` values apart (in C: through ``bytes`` for one byte,
    ``struct`` for a list, a list of a few thousand at a time for other iterables)."""
    if isinstance(codes, array):
        codes = codes.tolist()
    if count <= 1 << 8:
        return array("B", bytes(codes))
    typecode = "H" if count <= 1 << 16 else "I"
    if isinstance(codes, list):  # (an array parses each int apart)
        return array(typecode, pack(f"{len(codes)}{typecode}", *codes))
    narrow = array(typecode)
    extend_ints(narrow, codes)
    return narrow


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

    @classmethod
    def of_codes(cls, values: list[Any], codes: array) -> CodedColumn:
        """The column of ``codes`` into ``values`` (each distinct), kept as given: its
        appends and writes go on in them (``codes`` replaced when widened)."""
        column = cls()
        column.values, column.codes = values, codes
        column._code = {value: code for code, value in reversed(list(enumerate(values)))}
        return column

    def _widen(self) -> None:
        """Wider codes once the values outnumber what the present width can tell."""
        if len(self.values) > 1 << (8 * self.codes.itemsize):
            self.codes = narrow_codes(self.codes, len(self.values))

    def code(self, value: Hashable) -> int:
        """``value``'s code, the next one when it is new (the codes widened as needed)."""
        code = self._code.get(value)
        if code is None:
            code = self._code[value] = len(self.values)
            self.values.append(value)
            self._widen()
        return code

    def append(self, value: Hashable) -> None:
        code = self._code.get(value)  # (a known value: no call, a row at a time)
        if code is None:
            code = self.code(value)  # (before ``codes`` is read: it may be widened)
        self.codes.append(code)

    def set(self, index: int, value: Hashable) -> None:
        """Row ``index``'s value becomes ``value``."""
        code = self._code.get(value)
        if code is None:
            code = self.code(value)
        self.codes[index] = code

    def codes_of(self, values: list[Any]) -> list[int]:
        """Each of ``values``' code, in C: each value looked up once when every one is
        known (the usual case after a column's first rows), else each distinct value once
        first (a new one given the next code, in the order first met)."""
        code = self._code
        try:
            return list(map(code.__getitem__, values))
        except KeyError:  # (a value met the first time: nothing changed yet)
            pass
        new = [value for value in dict.fromkeys(values) if value not in code]
        if new:
            code.update(zip(new, range(len(self.values), len(self.values) + len(new)), strict=True))
            self.values += new
            self._widen()
        return list(map(code.__getitem__, values))

    def extend(self, values: Iterable[Hashable]) -> None:
        """Appends ``values``."""
        found = values if isinstance(values, list) else list(values)
        more = narrow_codes(self.codes_of(found), len(self.values))
        if more.typecode == self.codes.typecode:
            self.codes.extend(more)  # (the same width: copied whole)
        else:  # (codes given wider than their values need)
            extend_ints(self.codes, more)

    def __getitem__(self, index: int) -> Any:
        return self.values[self.codes[index]]

    def __len__(self) -> int:
        return len(self.codes)

    def to_list(self) -> list[Any]:
        """Every row's value, in row order (in C)."""
        return list(map(self.values.__getitem__, self.codes))
