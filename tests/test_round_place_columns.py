"""The 催报 round's narrow place columns: each task by place, and each task's place in
the window's titles, as how far it is from its own place (``NearPlaces``), each unit's 未报 / 迟报 places as their low 16 bits
(``AscendingPlaces``); both answer as the array they replace."""

from __future__ import annotations

from array import array
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from desktop.models import coordination_views as cv
from desktop.models import duban_queries as dq
from desktop.models.round_places import AscendingPlaces, NearPlaces, PlacedColumn, RunCodes
from desktop.models.store import Store
from tests.helpers.coordination import load_demo


@pytest.fixture
def demo(store: Store) -> Store:
    return load_demo(store)


@settings(deadline=None)
@given(hs.lists(hs.integers(0, 3), max_size=300))
def test_behind_places_answer_as_the_array(steps: list[int]) -> None:
    """Tasks numbered as they come (each next place the same task, the next new one, or
    an earlier one when tasks interleave): read back by index and in order as given."""
    ints, seen = array("i"), 0
    for step in steps:
        if step == 0 or not ints:
            ints.append(seen)
            seen += 1
        else:
            ints.append(max(seen - step, 0))
    kept = NearPlaces.of(ints)
    assert list(kept) == list(ints)
    assert [kept[n] for n in range(len(ints))] == list(ints)
    assert len(kept) == len(ints)


def test_behind_places_are_narrower_or_the_array_itself() -> None:
    far = array("i", [0] * 70_000 + [1])  # (70,000 behind: no narrower than four bytes)
    assert NearPlaces.of(far) is far
    near = array("i", [n - n // 4 for n in range(100_000)])  # (up to 25,000 behind)
    kept = NearPlaces.of(near)
    assert isinstance(kept, NearPlaces) and kept._shift.typecode == "h"
    assert list(kept) == list(near) and kept[99_999] == 75_000
    ahead = array("i", [n + 100 - n % 7 for n in range(1_000)])  # (ahead and behind)
    assert NearPlaces.of(ahead)._shift.typecode == "b" and list(NearPlaces.of(ahead)) == list(ahead)


@settings(deadline=None)
@given(hs.lists(hs.tuples(hs.integers(0, 300), hs.integers(1, 40)), max_size=60))
def test_run_codes_answer_as_the_array(runs: list[tuple[int, int]]) -> None:
    """Runs of one code (a plan's tasks): read back by index and in order as given;
    kept as runs only when fewer bytes."""
    ints = array("H", [code for code, length in runs for _ in range(length)])
    kept = RunCodes.of(ints)
    assert len(kept) == len(ints) and list(kept) == list(ints)
    assert [kept[n] for n in range(len(ints))] == list(ints)
    assert isinstance(kept, RunCodes) or kept is ints
    if isinstance(kept, RunCodes):
        assert len(kept._starts) * 6 < 2 * len(ints)


def test_run_codes_of_a_plan_a_run() -> None:
    ints = array("H", [n // 50 for n in range(100_000)])  # (2,000 plans of 50 tasks)
    kept = RunCodes.of(ints)
    assert isinstance(kept, RunCodes) and len(kept._starts) == 2_000
    assert kept[0] == 0 and kept[49] == 0 and kept[50] == 1 and kept[-1] == 1_999
    every = array("B", [n % 2 for n in range(1_000)])  # (no runs: the codes themselves)
    assert RunCodes.of(every) is every


@settings(deadline=None)
@given(hs.sets(hs.integers(0, 300_000), max_size=200))
def test_ascending_places_answer_as_the_array(values: set[int]) -> None:
    """Places past 65,536 (several blocks of the low 16 bits) read back as given."""
    places = array("i", sorted(values))
    kept = AscendingPlaces(places)
    assert len(kept) == len(places)
    assert list(kept) == list(places)
    assert [kept.item_at(n) for n in range(len(places))] == list(places)
    assert kept._low.typecode == "H"


def test_ascending_places_past_two_bytes() -> None:
    places = array("i", [5, 65_535, 65_536, 65_537, 200_000, 200_001])
    kept = AscendingPlaces(places)
    assert kept[2] == 65_536 and kept[-1] == 200_001 and list(kept) == list(places)


def test_round_lists_and_tasks_kept_narrow(demo: Store) -> None:
    """The round's per-unit lists keep their places two bytes each and the entries
    read through them are the round's own, in order."""
    round_ = dq.report_round(demo.db, date.today())
    entries = round_.entries
    assert round_.count("missing") and isinstance(round_._table.task_at, NearPlaces)
    for state in ("missing", "late"):
        lists = dq.report_round(demo.db, date.today()).with_lists().by_unit(state)
        for unit_id, listed in lists.items():
            assert isinstance(listed._places, AscendingPlaces)
            expected = [e for e in entries if e.state == state and e.unit_id == unit_id]
            assert list(listed) == expected


def test_window_round_places_in_its_titles_kept_narrow(demo: Store) -> None:
    """The window's round has its tasks as places in the window's titles two bytes or
    less each (``NearPlaces``), a task not in the titles kept apart: the same ids,
    numbers and titles as without the titles."""
    db = demo.db
    titles = cv.task_titles(db)
    plain = dq.report_round(db, date.today())
    assert plain._table is not None and plain._table.labels is not None
    gone = plain._table.task_ids[1]  # (a task the window's titles do not hold)
    fewer = type(titles)((t, *titles[t]) for t in titles if t != gone)
    for known in (titles, fewer):
        table = dq.report_round(db, date.today(), titles=known)._table
        assert table is not None and table.labels is not None
        ids, nos = table.task_ids, table.labels.nos
        assert isinstance(ids, PlacedColumn) and isinstance(ids._at, NearPlaces)
        assert (gone in ids._own.values()) is (known is fewer)
        assert list(ids) == list(plain._table.task_ids)
        assert list(nos) == list(plain._table.labels.nos)
        assert list(table.labels.titles) == list(plain._table.labels.titles)


def test_round_state_and_open_in_one_byte(demo: Store) -> None:
    """Each place's judged state and whether its current window is open are one byte
    (``_Table.states``): each state's count and per-place mask answer as the entries."""
    round_ = dq.report_round(demo.db, date.today())
    table = round_._table
    assert table is not None and type(table.states) is bytearray
    assert len(table.states) == len(table.task_at) and not hasattr(table, "opens")
    entries = round_.entries
    for state in ("on_time", "late", "missing", "open"):
        assert table.count(state) == round_.count(state)
        assert round_.count(state) == sum(e.state == state for e in entries)
        assert sum(table.mask(state)) == round_.count(state)
    assert round_.count("missing") and round_.count("open")
