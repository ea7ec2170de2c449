"""The timeline's arrows kept as columns (``Arrows``) read as the list of tuples and the
dict by dependency the former build kept: indexing, slices, iteration, length,
equality both ways, ``arrow_of``, ``asdict``, the arrows' index; ``picked`` (an edit's
arrows) as the dict it replaced; and an overview kept through random dependency and
milestone edits (the incremental ``timeline_after``, ``with_index``) equal to the
reference's full list-of-tuples build after each. Real SQLite files."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from desktop.errors import UserError
from desktop.models import coordination as co
from desktop.models import coordination_views as cv
from desktop.models import dependencies, status_queries
from desktop.models.arrow_index import Arrow, ArrowIndex, same_rows
from desktop.models.status_cache import StatusCache
from desktop.models.store import Store
from desktop.models.task_titles import Positions
from desktop.models.timeline_arrows import Arrows, ends_of, in_view
from tests.helpers.coordination import demo_template
from tests.helpers.generated import store_copy
from tests.helpers.timeline_reference import (
    drawn_arrows,
    in_view_reference,
    timeline_data_reference,
)

arrow = hs.tuples(
    hs.integers(0, 70_000), hs.integers(700_000, 800_000),
    hs.integers(0, 70_000), hs.integers(700_000, 800_000), hs.booleans(),
)  # fmt: skip
by_dependency = hs.dictionaries(hs.text("abcdef0123", min_size=1, max_size=6), arrow, max_size=30)


def reads_as(arrows: Arrows, expected: dict[str, Arrow]) -> None:
    """``arrows`` reads as ``list(expected.values())`` and its ``by_dependency`` as
    ``expected``, as each reader reads them."""
    listed = list(expected.values())
    assert len(arrows) == len(listed) and bool(arrows) == bool(listed)
    assert list(arrows) == listed and arrows == listed and listed == arrows
    assert (arrows != listed) is False and arrows == Arrows.of(expected)
    for n in range(-len(listed), len(listed)):
        assert arrows[n] == listed[n] and type(arrows[n][4]) is bool
    assert arrows[1:-1] == listed[1:-1] and arrows[::2] == listed[::2]
    for n in (len(listed), -len(listed) - 1):
        with pytest.raises(IndexError):
            arrows[n]
    arrow_of = arrows.by_dependency()
    assert arrow_of == expected and expected == arrow_of and len(arrow_of) == len(expected)
    assert list(arrow_of) == list(expected) and list(arrow_of.items()) == list(expected.items())
    for dep_id, value in expected.items():
        assert arrow_of[dep_id] == value == arrow_of.get(dep_id) and dep_id in arrow_of
        assert arrows.position(dep_id) == list(expected).index(dep_id)
    for unknown in ("", "zz", "x" * 7, 3, None):
        assert unknown not in arrow_of and arrow_of.get(unknown) is None  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        arrow_of["zz"]
    picks = [n % len(listed) for n in range(0, 3 * len(listed), 2)] if listed else []
    ends = [(a[0], a[2], a[3], a[4]) for a in map(listed.__getitem__, picks)]
    assert list(ends_of(arrows, picks)) == ends == list(ends_of(listed, picks))  # (a paint's)
    rows = len(listed) and max(max(a[0], a[2]) for a in listed) + 1
    assert ArrowIndex(arrows).touching(0, rows) == ArrowIndex(listed).touching(0, rows)


@settings(max_examples=200, deadline=None)
@given(by_dependency)
def test_columns_read_as_the_list_of_tuples_and_the_dict(expected: dict[str, Arrow]) -> None:
    reads_as(Arrows.of(expected), expected)
    data = cv.TimelineData(arrows=Arrows.of(expected), today=1)
    data.arrow_of = data.arrows.by_dependency()  # type: ignore[attr-defined]
    former = cv.TimelineData(arrows=list(expected.values()), arrow_of=dict(expected), today=1)
    assert data == former and former == data and asdict(data) == asdict(former)
    if expected:  # one arrow other: unequal, as the lists are
        dep_id, (pred, pred_day, succ, succ_day, risky) = next(iter(expected.items()))
        for other in ((pred + 1, pred_day, succ, succ_day, risky),
                      (pred, pred_day, succ, succ_day + 1, risky),
                      (pred, pred_day, succ, succ_day, not risky)):  # fmt: skip
            changed = Arrows.of({**expected, dep_id: other})
            assert changed != list(expected.values()) and changed != data.arrows
            assert changed.by_dependency() != expected
            assert changed.same_rows(data.arrows) == same_rows(
                list(changed), list(expected.values())
            )
        assert Arrows.of(expected)[:-1] != list(expected.values())


@settings(max_examples=300, deadline=None)
@given(by_dependency, hs.data())
def test_picked_reads_as_the_dict_it_replaces(start: dict[str, Arrow], draw: hs.DataObject) -> None:
    """An edit's arrows (``picked``: some gone, some replaced in place, some new, in
    any order; ``edited``: the others in their order) read as the dict the former
    ``timeline_after`` built; the arrows they were made from are unchanged."""
    arrows = Arrows.of(start)
    kept = draw.draw(
        hs.lists(hs.sampled_from(sorted(start)), unique=True) if start else hs.just([])
    )
    new = draw.draw(hs.dictionaries(hs.text("ghij", min_size=1, max_size=4), arrow, max_size=5))
    order = draw.draw(hs.permutations(kept + list(new)))
    mode = draw.draw(hs.sampled_from(["same", "in order", "any"]))
    if mode == "same":  # (the same ids, in place: most edits)
        order, new = list(start), {}
    elif mode == "in order":  # (some gone, new ones after: a dependency edit)
        order = [dep_id for dep_id in start if dep_id in kept] + list(new)
    replaced = draw.draw(hs.dictionaries(hs.sampled_from(order), arrow) if order else hs.just({}))
    changes = {**new, **replaced}
    expected = {dep_id: changes.get(dep_id, start.get(dep_id)) for dep_id in order}
    edited = arrows.picked(order, changes)
    reads_as(edited, expected)  # type: ignore[arg-type]
    if mode != "any":  # (the same as ``edited``: those gone, the others in order, new after)
        gone = [dep_id for dep_id in start if dep_id not in order] + ["not-here"]
        reads_as(arrows.edited(gone, changes, list(new)), expected)  # type: ignore[arg-type]
    reads_as(arrows, start)
    with pytest.raises(KeyError):
        arrows.picked(list(start), {"not-here": (0, 0, 0, 0, False)})


def seed(store: Store) -> None:
    today = date.today()
    tasks = [r[0] for r in store.db.execute("SELECT id FROM task ORDER BY rowid LIMIT 10")]
    for n, task_id in enumerate(tasks):
        for k in range(2):
            due = date.fromordinal(today.toordinal() + 9 * n - 20 + 30 * k).isoformat()
            co.add_milestone(store, task_id, f"节点{k}", due)
    for a, b in ((0, 1), (2, 3), (4, 5), (1, 6)):
        dependencies.add_dependency(store, ("task", tasks[a]), ("task", tasks[b]))
    marks = [r[0] for r in store.db.execute("SELECT id FROM milestone ORDER BY rowid")]
    for a, b in ((0, 15), (8, 3), (11, 19)):  # (an arrow's day: its milestone's due)
        dependencies.add_dependency(store, ("milestone", marks[a]), ("milestone", marks[b]))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_template(tmp_path_factory.mktemp("arrow-columns"), seed)


edits = hs.lists(
    hs.tuples(
        hs.sampled_from(["add", "add-milestone", "remove", "reroute", "due"]),
        hs.integers(0, 10**6),
        hs.integers(0, 10**6),
        hs.integers(-40, 40),
    ),  # fmt: skip
    min_size=1,
    max_size=6,
)


def deps_rows(store: Store) -> list[tuple]:
    return [tuple(r) for r in store.db.execute("SELECT pred_id, succ_id FROM dependency")]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits)
def test_an_overview_kept_through_edits_equals_the_list_of_tuples_build(
    template: Path, steps: list[tuple[str, int, int, int]]
) -> None:
    """After each edit (a dependency added between tasks or milestones, removed,
    re-routed to another successor, a milestone's due date changed) the window's
    overview (kept parts: ``timeline_after``, ``with_index``) equals the reference's
    full build as lists of tuples and a dict, and its index answers as a new one."""
    today = date.today()
    with store_copy(template) as store:
        tasks = [r[0] for r in store.db.execute("SELECT id FROM task ORDER BY rowid LIMIT 10")]
        marks = [r[0] for r in store.db.execute("SELECT id FROM milestone ORDER BY rowid")]
        cache = StatusCache()
        data = cv.overview(store.db, today, missing=False, cache=cache)["timeline"]
        for kind, a, b, shift in steps:
            deps = [r[0] for r in store.db.execute("SELECT id FROM dependency ORDER BY rowid")]
            pred, succ = tasks[a % len(tasks)], tasks[b % len(tasks)]
            try:
                if kind == "add":
                    dependencies.add_dependency(store, ("task", pred), ("task", succ), shift % 5)
                elif kind == "add-milestone":
                    ends = (
                        ("milestone", marks[a % len(marks)]),
                        ("milestone", marks[b % len(marks)]),
                    )
                    dependencies.add_dependency(store, *ends)
                elif kind == "remove" and deps:
                    dependencies.remove_dependency(store, deps[a % len(deps)])
                elif kind == "reroute" and deps:
                    dep = deps[a % len(deps)]
                    (first,) = store.db.execute(
                        "SELECT pred_kind, pred_id FROM dependency WHERE id = ?", [dep]
                    ).fetchall()
                    dependencies.remove_dependency(store, dep)
                    dependencies.add_dependency(store, tuple(first), ("task", succ))  # type: ignore[arg-type]
                elif kind == "due":  # (mostly an arrow's end: the arrow re-dated in place)
                    ends = [m for m in marks if any(m in dep for dep in deps_rows(store))]
                    mark = (ends if b % 4 else marks)[a % len(ends if b % 4 else marks)]
                    due = (today + timedelta(days=shift)).isoformat()
                    co.update_milestone(store, mark, due=due, confirm_before_plan_date=True)
            except UserError:  # (a cycle, a duplicate, an end before the plan: refused)
                continue
            previous, data = (
                data,
                cv.overview(store.db, today, missing=False, cache=cache)["timeline"],
            )
            expected = timeline_data_reference(
                store.db, status_queries.compute_status(store.db, today)
            )
            assert isinstance(data.arrows, Arrows) and isinstance(expected.arrows, list)
            assert data == expected  # (``asdict`` reads the rows as dicts: the arrows')
            ours, theirs = asdict(data), asdict(expected)
            assert (ours["arrows"], ours["arrow_of"]) == (theirs["arrows"], theirs["arrow_of"])
            assert data.arrows == expected.arrows and data.arrow_of == expected.arrow_of
            reads_as(data.arrows, expected.arrow_of)
            assert data.index is not None
            fresh = ArrowIndex(expected.arrows)
            for first in range(-1, len(data.tasks) + 1):
                assert data.index.touching(first, first + 3) == fresh.touching(first, first + 3)
            assert previous.arrows == Arrows.of(dict(previous.arrow_of))  # (not changed)


@settings(max_examples=300, deadline=None)
@given(
    hs.lists(hs.text("abcdef", min_size=1, max_size=4), unique=True, max_size=40),
    hs.lists(hs.text("ghij", min_size=1, max_size=3), unique=True, max_size=5),
    hs.data(),
)
def test_narrowed_positions_answer_as_new_ones(
    ids: list[str], new: list[str], draw: hs.DataObject
) -> None:
    """``Positions.narrowed`` (the arrows' ids after a dependency edit: some gone, new
    ones after) answers as ``Positions`` built afresh, for every id and unknown ones."""
    keep = draw.draw(hs.lists(hs.booleans(), min_size=len(ids), max_size=len(ids)))
    now = [dep_id for dep_id, kept in zip(ids, keep, strict=True) if kept] + new
    gone = [place for place, kept in enumerate(keep) if not kept]
    narrowed = Positions(ids).narrowed(now, draw.draw(hs.permutations(gone)))
    fresh = Positions(now)
    for dep_id in [*ids, *new, "", "zz", "abcdefg"]:
        assert narrowed.position(dep_id) == fresh.position(dep_id), dep_id
    assert list(narrowed) == now and len(narrowed) == len(now)
    assert (narrowed._sorted, list(narrowed._order)) == (fresh._sorted, list(fresh._order))
    if now:
        with pytest.raises(ValueError):
            Positions(ids).narrowed([*now, now[0]], gone)


@settings(max_examples=300, deadline=None)
@given(
    drawn_arrows(30, 6, 60),
    hs.data(),
)
def test_in_view_splits_as_the_former_loop(listed: list[Arrow], draw: hs.DataObject) -> None:
    """``in_view`` (a paint's split of the arrows touching the rows in view: those with
    an end near them, the last passing one at each place and colour) answers as the
    view's former loop, over ``Arrows`` and over a list (few days and rows: ties)."""
    touching = sorted(draw.draw(hs.sets(hs.integers(0, len(listed) - 1))) if listed else [])
    first = draw.draw(hs.integers(-1, 31))
    last = draw.draw(hs.integers(first, 32))
    expected = in_view_reference(listed, touching, first, last)
    columns = Arrows((f"d{n}", a) for n, a in enumerate(listed))
    assert in_view(columns, touching, first, last) == expected
    assert in_view(listed, touching, first, last) == expected
