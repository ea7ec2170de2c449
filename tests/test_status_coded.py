"""What the status cache keeps per task, per item and per risk root, held compact, answers
exactly as the lists, dicts and sets it replaces: a field of few values coded
(``coded_column.exact_codes``, ``status_columns.CodedValues``: every value as it was,
type and sign included), the 序时进度 by task position (``status_kept.Schedule``), each
root's reached nodes (``status_ranking.Reach``) and the tally's per-root entries, also
under an incremental snapshot's layers (``status_merge.replaced``); none of them holds a
reference cycle (the cache freezes the collector)."""

from __future__ import annotations

import gc
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from desktop.models.coded_column import exact_codes
from desktop.models.status_columns import _ABSENT, CodedValues, Column, ItemPlaces, index_of
from desktop.models.status_kept import Schedule
from desktop.models.status_merge import Layered, replaced
from desktop.models.status_ranking import Reach

KEYS = [f"k{n}" for n in range(12)]  # k0-k9 in the index, k10 and k11 outside it
INDEX_KEYS = KEYS[:10]
SENTINEL = object()
# values told apart by type or sign though equal, and values equal to none but themselves
VALUES = hs.one_of(
    hs.sampled_from([None, "", "u1", "u2", 0, 1, 2, 0.0, -0.0, 1.0, 2.5, True, False]),
    hs.floats(allow_nan=True, allow_infinity=True),
    hs.integers(-3, 3),
    hs.text(max_size=3),
)


def _same(found: list[Any], expected: list[Any]) -> bool:
    """Equal element by element, type by type and sign by sign (a NaN as a NaN)."""
    if len(found) != len(expected):
        return False
    for one, other in zip(found, expected, strict=True):
        if type(one) is not type(other):
            return False
        if isinstance(one, float):
            if math.isnan(one) != math.isnan(other):
                return False
            if not math.isnan(one) and (
                one != other or math.copysign(1, one) != math.copysign(1, other)
            ):
                return False
        elif one is not other and one != other:
            return False
    return True


@settings(max_examples=400, deadline=None)
@given(
    hs.one_of(
        hs.lists(hs.one_of(VALUES, hs.just(SENTINEL)), max_size=40),
        hs.lists(hs.one_of(hs.floats(), hs.none(), hs.sampled_from([0.0, -0.0])), max_size=20),
    )
)
def test_exact_codes_give_back_every_value_as_it_was(values: list[Any]) -> None:
    coded = exact_codes(values)
    kinds = {type(value) for value in values}
    numbers = kinds & {int, float, bool}
    zero_signs = {math.copysign(1, v) for v in values if type(v) is float and v == 0}
    if len(numbers) > 1 or len(zero_signs) > 1:
        assert coded is None  # (1 == 1.0 == True, 0.0 == -0.0: not merged)
        return
    assert coded is not None
    distinct, codes = coded
    assert _same([distinct[code] for code in codes], values)
    assert len(codes) == len(values) and codes.typecode == "B"


def test_exact_codes_widen_and_refuse() -> None:
    many = [f"v{n}" for n in range(300)] * 2
    distinct, codes = exact_codes(many)  # type: ignore[misc]
    assert codes.typecode == "H" and [distinct[c] for c in codes] == many
    assert exact_codes(list(range(70_000))) is None  # (more than two bytes tell)
    assert exact_codes(list(range(70_000)), "I") is not None
    assert exact_codes([("a", "b"), ("a", "b")]) is None  # (a tuple: not one of the types)
    assert exact_codes([0.0, None, -0.0]) is None and exact_codes([1, 1.0]) is None
    assert exact_codes([True, 1]) is None
    zeros, zero_codes = exact_codes([-0.0, "", -0.0, None])  # type: ignore[misc]
    assert _same([zeros[code] for code in zero_codes], [-0.0, "", -0.0, None])
    assert exact_codes([]) == ([], exact_codes([])[1])  # type: ignore[index]


@settings(max_examples=400, deadline=None)
@given(
    hs.dictionaries(hs.sampled_from(KEYS), hs.one_of(VALUES.filter(lambda v: v == v), hs.none())),
    hs.lists(hs.sampled_from([*KEYS, "gone"]), max_size=12),
    hs.booleans(),
)
def test_a_coded_column_answers_as_its_dict(
    plain: dict[str, Any], asked: list[str], few: bool
) -> None:
    """``Column.of`` (coded when its values are few and exact, else a list) answers as
    the dict: item, ``get``, ``get_many``, membership, order, length, keys, equality."""
    if few:  # (few distinct values: coded)
        plain = {key: ("u1" if n % 3 else "u2") for n, key in enumerate(plain)}
    index = index_of(INDEX_KEYS)
    column = Column.of(index, plain)
    if few and sum(key in index for key in plain) > 2:
        assert isinstance(column, CodedValues)
    assert column == plain and plain == column and len(column) == len(plain)
    in_order = [key for key in INDEX_KEYS if key in plain] + [
        key for key in plain if key not in index
    ]
    assert list(column) == in_order and sorted(column.keys()) == sorted(plain)
    for key in [*KEYS, "gone"]:
        assert (key in column) == (key in plain)
        assert _same([column.get(key, SENTINEL)], [plain.get(key, SENTINEL)])
        assert _same([column.get(key)], [plain.get(key)])
        if key in plain:
            assert _same([column[key]], [plain[key]])
        else:
            with pytest.raises(KeyError):
                column[key]
    assert _same(column.get_many(asked), [plain.get(key) for key in asked])
    inside = [key for key in asked if key in index]
    assert _same(column.get_many(inside), [plain.get(key) for key in inside])
    listed = column.listed()
    assert len(listed) == len(INDEX_KEYS)
    for key, value in zip(INDEX_KEYS, listed, strict=True):
        assert _same([value], [plain[key]]) if key in plain else value is _ABSENT


def test_a_coded_column_keeps_each_value_once() -> None:
    index = index_of(INDEX_KEYS)
    days = {key: "".join(["2026-", "01-01"]) for key in INDEX_KEYS}  # ten equal strings
    column = Column.of(index, days)
    assert isinstance(column, CodedValues) and column._codes.itemsize == 1
    assert column["k0"] is column["k9"] and column.get_many(["k1", "k2"]) == ["2026-01-01"] * 2
    mixed = Column.of(index, {key: (1 if n % 2 else 1.0) for n, key in enumerate(INDEX_KEYS)})
    assert not isinstance(mixed, CodedValues)  # (1 == 1.0: a list keeps each as it is)
    assert [type(mixed[key]) for key in INDEX_KEYS] == [float, int] * 5
    unique = Column.of(index, {key: key + "!" for key in INDEX_KEYS})
    assert not isinstance(unique, CodedValues)  # (as many values as keys: a list is smaller)


@settings(max_examples=200, deadline=None)
@given(
    hs.dictionaries(
        hs.sampled_from([*INDEX_KEYS, "archived"]),
        hs.tuples(
            hs.one_of(hs.none(), hs.sampled_from([0.0, 12.5, 50.0, 100.0])),
            hs.one_of(hs.none(), hs.floats(0, 100), hs.sampled_from([0, 30])),
            hs.booleans(),
        ),
    )
)
def test_the_schedule_answers_as_its_dict(schedule: dict[str, tuple]) -> None:
    index = index_of(INDEX_KEYS)
    kept = Schedule(index, schedule)
    for key in [*INDEX_KEYS, "archived", "gone"]:
        if key not in index:
            assert kept.get(key) is None
            continue
        expected = schedule.get(key, (None, None, False))
        found = kept.get(key)
        assert found is not None and _same(list(found), list(expected))
    for field in range(3):
        expected_column = [schedule.get(key, (None, None, False))[field] for key in INDEX_KEYS]
        assert _same(kept.column(field), expected_column)


@settings(max_examples=200, deadline=None)
@given(
    hs.lists(
        hs.one_of(hs.integers(0, 3), hs.integers(-2, 70_000), hs.none(), hs.just(True)),
        max_size=10,
    )
)
def test_item_places_answer_as_the_tuples_whatever_the_positions(places: list[Any]) -> None:
    """An item's place in its task kept in a byte or two when every place is a small
    int (``small_ints``), else as given: the same answers either way."""
    ids = [f"i{n}" for n in range(len(places))]
    tasks = [f"t{n % 3}" for n in range(len(places))]
    plain = dict(zip(ids, zip(tasks, places, strict=True), strict=True))
    kept = ItemPlaces(index_of(ids), tasks, places)
    assert kept == plain and list(kept.items()) == list(plain.items())
    for item_id in ids:
        assert _same(list(kept[item_id]), list(plain[item_id]))
        assert _same(list(kept.get(item_id)), list(plain[item_id]))
    if places and all(type(p) is int and 0 <= p < 1 << 16 for p in places):
        assert not isinstance(kept._positions, list)  # (an array)


NODES = [("task", "t1"), ("task", "t2"), ("item", "i1"), ("milestone", "m1"), ("milestone", "")]
ROOTS = hs.dictionaries(
    hs.sampled_from([f"m{n}" for n in range(8)]), hs.sets(hs.sampled_from(NODES), max_size=4)
)


@settings(max_examples=300, deadline=None)
@given(ROOTS, ROOTS, hs.lists(hs.sampled_from([f"m{n}" for n in range(9)]), max_size=5))
def test_the_reach_answers_as_its_sets_and_under_layers(
    roots: dict[str, set], part: dict[str, set], gone: list[str]
) -> None:
    """``Reach`` equals the dict of sets (each root's nodes, one or several or none), in
    its order; ``replaced`` over it (the incremental pass's roots) equals ``replaced``
    over the dict, flattened or not."""
    reach = Reach(roots)
    assert reach == roots and roots == reach and len(reach) == len(roots)
    assert list(reach) == list(roots) and list(reach.items()) == list(roots.items())
    for root in [*roots, "gone"]:
        assert (root in reach) == (root in roots)
        assert reach.get(root) == roots.get(root)
        if root in roots:
            assert isinstance(reach[root], frozenset) and set(reach[root]) == roots[root]
    for minimum in (Layered.MIN_CHANGES, -1):  # layers kept, or flattened at once
        flatten, Layered.MIN_CHANGES = Layered.MIN_CHANGES, minimum
        try:
            layered, plain = replaced(reach, set(gone), part), replaced(roots, set(gone), part)
        finally:
            Layered.MIN_CHANGES = flatten
        assert layered == plain and dict(layered) == dict(plain)
        assert list(layered) == list(plain)
        for root in [*roots, *part, "gone"]:
            assert (root in layered) == (root in plain) and layered.get(root) == plain.get(root)


def test_the_kept_structures_hold_no_reference_cycle() -> None:
    """Made and dropped with the collector off: nothing is left for it to free."""
    gc.collect()
    gc.disable()
    try:
        index = index_of(INDEX_KEYS)
        column = Column.of(index, dict.fromkeys(INDEX_KEYS, "u1"))
        schedule = Schedule(index, {"k1": (10.0, 5.0, True)})
        reach = Reach({"m1": {("task", "t1")}, "m2": {("task", "t1"), ("item", "i1")}})
        assert isinstance(column, CodedValues) and reach["m1"] == {("task", "t1")}
        del column, schedule, reach, index
        assert gc.collect() == 0
    finally:
        gc.enable()
