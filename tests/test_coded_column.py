"""``CodedColumn``: the one way values are coded (the status cache's fields, the
dashboard's slots, the round's and the timeline's columns): appended, extended, written
by row and looked up, it reads back as the list of its values, its codes as narrow as
its distinct values allow, however many come."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as hs

from desktop.models.coded_column import CodedColumn, narrow_codes

VALUES = hs.one_of(hs.integers(0, 70_000), hs.sampled_from(("", "甲", "乙", None)))


@settings(max_examples=200, deadline=None)
@given(
    hs.lists(VALUES, max_size=300),
    hs.lists(
        hs.tuples(hs.sampled_from(("append", "extend", "set")), hs.lists(VALUES, max_size=400))
    ),
)
def test_a_coded_column_reads_as_its_list(start: list[Any], steps: list[tuple]) -> None:
    column, plain = CodedColumn(start), list(start)
    for operation, values in steps:
        if operation == "append" and values:
            column.append(values[0])
            plain.append(values[0])
        elif operation == "extend":
            column.extend(values)
            plain.extend(values)
        elif plain and values:
            row = len(values) % len(plain)
            column.set(row, values[0])
            plain[row] = values[0]
        assert column.to_list() == plain and len(column) == len(plain)
    assert column.codes.itemsize == narrow_codes([], len(column.values)).itemsize
    assert len(set(column.values)) == len(column.values)  # (each value once)
    assert column.codes_of(plain) == list(column.codes)


def test_a_column_of_given_codes_goes_on_in_them() -> None:
    values = [f"u{n}" for n in range(256)]
    codes = narrow_codes([0, 255, 7], len(values))
    column = CodedColumn.of_codes(values, codes)
    assert column.to_list() == ["u0", "u255", "u7"] and column.codes is codes
    column.set(1, "new")  # (the 257th value: the codes widened, the rows kept)
    column.append("u3")
    assert column.to_list() == ["u0", "new", "u7", "u3"] and column.codes.itemsize == 2
    assert column.values is values and column.codes_of(["u3", "other"]) == [3, 257]
