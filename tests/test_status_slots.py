"""``status_columns.Slots`` (the dicts a status cache and the dashboard keep between
passes, held by the snapshot's task and item positions) answers as a dict under any
sequence of writes, reads and removals, keys in the index or not; the cache's task →
items map after a full pass equals the one built key by key; the dashboard's kept maps
hold what the plain dicts held."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from desktop.models import coordination_views as cv
from desktop.models.status_cache import StatusCache, _Graph
from desktop.models.status_columns import CodedSlots, ItemPlaces, Slots, index_behind, index_of
from tests.helpers.coordination import populated_demo
from tests.helpers.generated import store_copy

KEYS = ("a", "b", "c", "d", "x", "y")  # a-d in the index, x and y outside it
VALUES = (None, 0, "s", ("u", "v"))
OPERATIONS = hs.lists(
    hs.tuples(
        hs.sampled_from(("set", "del", "pop", "pop_default", "get", "update")),
        hs.sampled_from(KEYS),
        hs.sampled_from(VALUES),
    ),
    max_size=40,
)


def _group(plain: dict[str, Any], key: str, member: str) -> None:
    """The reference of ``Slots.group`` (``_Graph.add_items``'s grouping)."""
    known = plain.get(key)
    if known is None:
        plain[key] = member
    elif isinstance(known, str):
        plain[key] = (known, member)
    else:
        plain[key] = (*known, member)


@settings(max_examples=300, deadline=None)
@given(hs.dictionaries(hs.sampled_from(KEYS), hs.sampled_from(VALUES)), OPERATIONS, hs.booleans())
def test_slots_answer_as_a_dict(
    start: dict[str, Any], operations: list[tuple], coded: bool
) -> None:
    """``Slots`` and ``CodedSlots`` (the dashboard's kept sections and units) written
    and read as the dict they stand for."""
    index = index_of(["a", "b", "c", "d"])
    plain = dict(start)
    slots: Slots | CodedSlots = Slots.of(index, start)
    if coded:
        slots = CodedSlots.of_slots(slots)
    for operation, key, value in operations:
        outcomes = []
        for mapping in (plain, slots):
            try:
                if operation == "set":
                    mapping[key] = value
                    found: Any = None
                elif operation == "del":
                    del mapping[key]
                    found = None
                elif operation == "pop":
                    found = mapping.pop(key)
                elif operation == "pop_default":
                    found = mapping.pop(key, "default")
                elif operation == "get":
                    found = (mapping.get(key), mapping.get(key, "x"), key in mapping, mapping[key])
                else:
                    mapping.update([(key, value), ("y", value)])
                    found = None
                outcomes.append(("ok", found))
            except KeyError:
                outcomes.append(("KeyError", None))
        assert outcomes[0] == outcomes[1], (operation, key)
        assert dict(slots.items()) == plain and len(slots) == len(plain)
        assert sorted(slots) == sorted(plain) and slots == plain


def test_coded_slots_take_new_values_past_a_byte_each() -> None:
    """A value written the first time takes the next code: past 256 distinct values
    the codes widen, every key still reads its own value (no code wrapped)."""
    keys = [f"k{n}" for n in range(600)]
    slots = CodedSlots.of_slots(Slots.of(index_of(keys), {"k0": "first"}))
    assert slots._codes.itemsize == 1
    plain = {"k0": "first"}
    for n, key in enumerate(keys):
        slots[key] = plain[key] = ("unit", n % 400)  # (400 distinct tuples)
    assert slots._codes.itemsize == 2 and dict(slots.items()) == plain and len(slots) == 600
    for key in keys[::7]:
        assert slots.pop(key) == plain.pop(key)
    slots["outside"] = plain["outside"] = ("unit", 0)
    assert dict(slots.items()) == plain and len(slots) == len(plain)
    assert slots.keys() == plain.keys() and slots.get("k7") is None


@settings(max_examples=200, deadline=None)
@given(hs.lists(hs.tuples(hs.sampled_from(KEYS), hs.text("mn", min_size=1, max_size=2))))
def test_slots_group_members_as_the_items_of_a_task(pairs: list[tuple[str, str]]) -> None:
    slots = Slots(index_of(["a", "b", "c", "d"]))
    plain: dict[str, Any] = {}
    slots.group(pairs)
    for key, member in pairs:
        _group(plain, key, member)
    assert dict(slots.items()) == plain and len(slots) == len(plain)


def test_an_index_behind_a_column_or_none() -> None:
    index = index_of(["i1", "i2"])
    places = ItemPlaces(index, ["t1", "t1"], [0, 1])
    assert index_behind(places) is index
    assert index_behind({"i1": ("t1", 0)}) == {}
    slots = Slots(index_behind({}))
    slots["k"] = 1
    assert dict(slots) == {"k": 1}


def test_the_cache_s_items_of_a_task_after_a_full_pass(template: Path, tmp_path: Path) -> None:
    """After a full pass the cache's task → items map is slots by the pass's task index
    and holds what ``add_items`` builds key by key (a plain dict), then the incremental
    passes keep it so (``tests/test_status_cache.py`` compares their snapshots)."""
    with store_copy(template, tmp_path) as store:
        cache = StatusCache()
        snap = cache.snapshot(store.db)
        # the blocking tally read each root's unit and its tasks without keeping a state
        assert snap.roots and not snap.milestones._made and not snap.items._made
        kept = cache._graph.items_of
        assert isinstance(kept, Slots) and not kept._extra
        plain = _Graph()
        plain.add_items(dict(snap.inputs.items.items()))  # (a dict: key by key)
        assert dict(kept.items()) == plain.items_of and len(kept) == len(plain.items_of)
        assert any(isinstance(v, tuple) for v in kept.values())
        cv.overview(store.db, missing=False, cache=cache)
        dashboard = cache.memo["dashboard"]
        assert dashboard["task_items"] == {}  # (the cache's items: none differ)
        for name in ("task_section", "item_units"):  # (a byte or two a place)
            assert isinstance(dashboard[name], CodedSlots), name


@pytest.fixture
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    populated_demo(path).close()
    return path


def test_a_state_read_once_is_not_kept() -> None:
    """``state_of``: the state ``get`` would give, built but not kept by ``LazyStates``
    (a state kept before, maybe changed since, answers itself), through an incremental
    snapshot's layers too; an unknown key gives the default."""
    from desktop.models.status_merge import Layered
    from desktop.models.status_tables import LazyStates, state_of

    states = LazyStates({"a": 0, "b": 1, "c": 2}, lambda key: [key, "state"])
    assert state_of(states, "a") == ["a", "state"] and not states._made
    kept = states["b"]
    kept.append("changed")
    assert state_of(states, "b") is kept
    assert state_of(states, "gone") is None and state_of(states, "gone", 5) == 5
    layered = Layered.over(states, {"c"}, {"d": ["d", "top"]})
    assert isinstance(layered, Layered)
    assert state_of(layered, "a") == ["a", "state"] and state_of(layered, "d") == ["d", "top"]
    assert state_of(layered, "c") is None and state_of(layered, "b") is kept
    assert set(states._made) == {"b"}
    assert state_of({"k": 1}, "k") == 1 and state_of({}, "k", 2) == 2


def test_the_cache_s_load_folds_the_units_of_items_as_it_reads(
    template: Path, tmp_path: Path
) -> None:
    """The status cache's load (no reporting round) folds the assignments into each
    item's unit batch by batch when each item has one lead or responsible unit, and
    reads them all when one has several (first lead by position, then unit id): the
    same units as the reference loader either way, each id the items' and units' own
    string."""
    from desktop.models import status_queries, status_rows
    from tests.helpers.status_inputs_reference import reference_load_inputs

    with store_copy(template, tmp_path) as store:
        db = store.db
        once = db.execute(
            "SELECT count(*) = count(DISTINCT item_id) FROM assignment"
            " WHERE role IN ('lead', 'responsible')"
        ).fetchone()[0]
        if not once:  # one unit each first: the folded reading
            db.execute(
                "DELETE FROM assignment WHERE role IN ('lead', 'responsible') AND rowid NOT IN"
                " (SELECT min(rowid) FROM assignment WHERE role IN ('lead', 'responsible')"
                " GROUP BY item_id)"
            )
        items = [row[0] for row in db.execute("SELECT id FROM item ORDER BY rowid LIMIT 3")]
        units = [row[0] for row in db.execute("SELECT id FROM unit ORDER BY rowid LIMIT 3")]
        for several in (False, True):
            if several:  # a second lead at a lower position, a responsible one, another lead
                rows = [(items[0], units[1], "lead", -1), (items[1], units[2], "responsible", 0),
                        (items[2], units[0], "lead", 0), (items[2], units[2], "lead", 0)]  # fmt: skip
                for n, (item_id, unit_id, role, position) in enumerate(rows):
                    db.execute(
                        "INSERT INTO assignment (id, item_id, unit_id, role, position)"
                        " VALUES (?, ?, ?, ?, ?)",
                        [f"extra-{n}", item_id, unit_id, role, position],
                    )
            cursor = db.execute(
                "SELECT item_id, unit_id, role, position FROM assignment"
                " WHERE role IN ('lead', 'responsible') ORDER BY rowid"
            )
            folded = status_rows.one_unit_each(cursor, None, {}.get, {}.get)
            assert (folded is None) == several
            new = status_queries.load_status_inputs(db, rounds=False, compact=True)
            old = reference_load_inputs(db)
            assert dict(new.item_unit.items()) == old.item_unit and len(old.item_unit) > 3
            own_items = {id(i) for i in new.items}
            assert all(id(i) in own_items for i in new.item_unit)
            names = {id(u) for u in new.unit_names}
            assert all(id(u) in names for u in new.item_unit.values())
            # compute_status's (no string shared but the units of the items folded as read)
            plain = status_queries.load_status_inputs(db, rounds=False, share=False)
            assert plain.item_unit == old.item_unit and plain.task_unit == old.task_unit
            if not several:
                own_units = {id(u) for u in plain.unit_names}
                assert all(id(u) in own_units for u in plain.item_unit.values())


def test_risks_of_a_node_read_without_keeping_a_state(template: Path, tmp_path: Path) -> None:
    """``StatusSnapshot.risks_of`` (every arrow's successor on the timeline) answers as
    the node's state does, of a full pass and through an incremental pass's layers,
    without a state kept by the full pass's ``LazyStates``."""
    from datetime import date

    from desktop.models import coordination as co
    from desktop.models import status_queries
    from desktop.models.status_merge import Layered

    with store_copy(template, tmp_path) as store:
        today = date(2026, 6, 1)
        cache = StatusCache()
        full = cache.snapshot(store.db, today)
        keys = [("task", t) for t in full.tasks] + [("item", i) for i in full.items]
        keys += [("milestone", m) for m in full.milestones] + [("task", "gone")]
        made = len(full.tasks._made), len(full.milestones._made), len(full.items._made)
        answers = {key: full.risks_of(*key) for key in keys}
        assert any(answers.values())
        assert made == (len(full.tasks._made), len(full.milestones._made), len(full.items._made))
        task_id = min(full.tasks, key=lambda t: len(cache.component({t})))
        co.add_milestone(store, task_id, "节点", "2026-05-01")
        snap = cache.snapshot(store.db, today)
        assert cache.last_pass == "incremental" and isinstance(snap.tasks, Layered)
        fresh = status_queries.compute_status(store.db, today)
        for key in keys:
            node = fresh.node(key)
            assert list(snap.risks_of(*key)) == list(node.risks if node else ()), key
        assert made[1:] == (len(full.milestones._made), len(full.items._made))
