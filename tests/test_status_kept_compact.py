"""What the status cache keeps per risk root and per item, held compact, answers exactly
as the dicts and sets it replaces: each root's reached nodes (``status_ranking.Reach``,
also under an incremental snapshot's layers, ``status_merge.replaced``) and an item's
place in its task (``status_columns.small_ints``); none of them holds a reference cycle
(the cache freezes the collector). The tally's one tuple per root: ``test_status_full_bulk``."""

from __future__ import annotations

import gc
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as hs

from desktop.models.status_columns import ItemPlaces, index_of
from desktop.models.status_merge import Layered, replaced
from desktop.models.status_ranking import Reach


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
        if root in roots:  # (iterated in the set's own order: the tally lists so)
            assert reach[root] == roots[root] and roots[root] == reach[root]
            assert list(reach[root]) == list(roots[root]) and len(reach[root]) == len(roots[root])
            assert all(node in reach[root] for node in NODES) == (len(roots[root]) == 5)
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
        places = ItemPlaces(index_of(["i1", "i2"]), ["t1", "t1"], [0, 1])
        reach = Reach({"m1": {("task", "t1")}, "m2": {("task", "t1"), ("item", "i1")}})
        assert places["i2"] == ("t1", 1) and reach["m1"] == {("task", "t1")}
        del places, reach
        assert gc.collect() == 0
    finally:
        gc.enable()
