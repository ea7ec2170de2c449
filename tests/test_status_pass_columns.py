"""A full pass's states read in bulk (``LazyStates.values_of`` over the pass's columns,
issue 14) answer exactly what the built states say: every field the columns give, for
milestones, items and tasks, with some states built (and changed) before, with tasks
and items closed (办结), on a generated database (milestones, extensions, dependencies,
a cycle, the workflow's percents, an archived task)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies

from desktop.models import status as st
from desktop.models.status_queries import compute_status, load_status_inputs
from desktop.models.status_tables import values_of
from desktop.models.store import Store
from tests.helpers.status_pass_data import generate_status_db

FIELDS = {
    "milestones": ("status", "id", "task_id", "item_id", "title", "original_due", "done_date",
                   "late_vs_original", "risks"),
    "items": ("status", "risks", "task_id"),
    "tasks": ("status", "risks", "task_id", "expected", "percent", "behind"),
}  # fmt: skip


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_status_db(tmp_path_factory.mktemp("columns") / "db.sqlite")


def _built(states: object, name: str) -> dict[str, object]:
    return {key: getattr(state, name) for key, state in states.items()}  # type: ignore[attr-defined]


def _pass(path: Path, closed: bool) -> st.StatusSnapshot:
    store = Store.open(path)
    try:
        if not closed:
            return compute_status(store.db)
        inputs = load_status_inputs(store.db)
        inputs.closed_tasks = set(list(inputs.tasks)[3:40:4])
        inputs.closed_items = set(list(inputs.items)[5:60:3])
        return st.compute(inputs, date.today())
    finally:
        store.close()


@pytest.mark.parametrize("closed", [False, True])
def test_the_columns_equal_the_built_states(db_path: Path, closed: bool) -> None:
    snap, reference = _pass(db_path, closed), _pass(db_path, closed)
    # the data has every kind of value the columns give
    statuses = set(_built(reference.milestones, "status").values())
    assert {st.DONE, st.OVERDUE, st.DUE_SOON, st.ON_TRACK} <= statuses
    assert any(_built(reference.tasks, "behind").values())
    assert any(_built(reference.items, "risks").values()) and reference.cycles
    assert st.AWAITING_SIGNOFF in _built(reference.tasks, "status").values()
    if closed:
        assert st.DONE in _built(reference.items, "status").values()
    for table, names in FIELDS.items():
        for name in names:
            expected = _built(getattr(reference, table), name)
            found = values_of(getattr(snap, table), name)
            assert list(found.items()) == list(expected.items()), (table, name)


def test_a_state_built_and_changed_before_answers_itself(db_path: Path) -> None:
    snap = _pass(db_path, closed=False)
    task_id = list(snap.tasks)[2]
    snap.tasks[task_id].status = st.DONE  # (as the roll-up changes a built state)
    snap.tasks[task_id].percent = 12.5
    ms_id = list(snap.milestones)[5]
    snap.milestones[ms_id].title = "改过"
    statuses = values_of(snap.tasks, "status")
    assert statuses[task_id] == st.DONE and list(statuses) == list(snap.tasks)
    assert values_of(snap.tasks, "percent")[task_id] == 12.5
    assert values_of(snap.milestones, "title")[ms_id] == "改过"


def test_unshared_rows_equal_the_shared_ones(db_path: Path) -> None:
    """``compute_status`` loads without sharing the strings (``share=False``): the same
    rows and fields, only not one object per distinct value."""
    store = Store.open(db_path)
    try:
        shared = load_status_inputs(store.db)
        own = load_status_inputs(store.db, share=False)
    finally:
        store.close()
    for name in st.StatusInputs.__dataclass_fields__:
        if name != "round_rows":
            assert getattr(own, name) == getattr(shared, name), name
    assert own.round_rows is not None and shared.round_rows is not None
    for name in own.round_rows.__dataclass_fields__:
        assert getattr(own.round_rows, name) == getattr(shared.round_rows, name), name
    assert own.dependencies and own.milestones and own.task_percent


@pytest.mark.parametrize("held_up", [False, True])
def test_a_root_s_title_in_its_risk_causes_is_its_own_string(db_path: Path, held_up: bool) -> None:
    """The risk causes of the status cache's full pass (``held_up``) keep a root
    milestone's title as a string of their own, equal to its row's, not the row's object
    (freed with the rows once kept as columns); another pass's (``compute_status``'s),
    whose rows live as long as its causes, the row's."""
    store = Store.open(db_path)
    try:
        if held_up:
            snap = st.compute(load_status_inputs(store.db), date.today(), held_up=True)
        else:
            snap = compute_status(store.db)
    finally:
        store.close()
    title_of = {row[0]: row[3] for row in snap.inputs.milestones}
    causes = [cause for causes in values_of(snap.milestones, "risks").values() for cause in causes]
    assert causes
    for cause in causes:
        row_title = title_of[cause.root_milestone_id]
        assert cause.root_title == row_title
        assert (cause.root_title is row_title) is not held_up


def test_the_dashboard_s_unit_counts_from_the_kept_rows_equal_a_read(db_path: Path) -> None:
    """The items per unit counted from the pass's kept assignment rows equal those
    counted from the table read again (a snapshot without kept rows)."""
    from desktop.models import workspace_queries

    store = Store.open(db_path)
    try:
        snap = compute_status(store.db, rounds=True)
        assert snap.inputs.round_rows is not None
        kept = workspace_queries.dashboard(store.db, snapshot=snap)["by_unit"]
        snap.inputs.round_rows = None
        read = workspace_queries.dashboard(store.db, snapshot=snap)["by_unit"]
    finally:
        store.close()
    assert len(kept) > 5 and list(kept.items()) == list(read.items())


_TASK_END = strategies.one_of(strategies.none(), strategies.integers(0, 14).map("t{}".format))


@given(st_edges=strategies.lists(strategies.tuples(_TASK_END, _TASK_END), max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_trimmed_task_graph_keeps_every_cycle(
    st_edges: list[tuple[str | None, str | None]],
) -> None:
    """The tasks on a cycle of the task graph (or with an edge to itself; an end None
    is no edge): the same after the edges on no cycle are trimmed away first
    (``status_graph._on_cycles``) as by a search of the whole graph."""
    from desktop.models import status_graph

    succ: dict[str, set[str]] = {}
    loops = set()
    for a, b in st_edges:
        if a is None or b is None:
            continue
        if a == b:
            loops.add(a)
        else:
            succ.setdefault(a, set()).add(b)
    whole = set().union(
        *status_graph._strong_components(lambda task: succ.get(task, ()), list(succ))
    )
    heads, tails = [a for a, _b in st_edges], [b for _a, b in st_edges]
    assert status_graph._on_cycles(heads, tails) == whole | loops
    assert heads == [a for a, _b in st_edges]  # (the caller's lists left as they were)


def _worst_codes_by_sort(
    nodes: list[str | None], codes: list[int], only: list[bool] | None = None
) -> dict[str, int]:
    """The old way: the pairs sorted by code (stably), a dict keeps each node's last."""
    order = sorted(range(len(codes)), key=codes.__getitem__)
    pairs = [(nodes[n], codes[n]) for n in order if only is None or only[n]]
    found: dict = dict(pairs)
    found.pop(None, None)
    found.pop("", None)
    return found


_NODES = strategies.sampled_from([None, "", "a", "b", "c", "d"])


@given(
    rows=strategies.lists(
        strategies.tuples(
            strategies.sampled_from(["", "s", "t", "u"]), _NODES, strategies.integers(0, 4),
            strategies.booleans(),
        ),
        max_size=60,
    )
)  # fmt: skip
@settings(max_examples=300, deadline=None)
def test_worst_codes_in_one_loop_equal_a_sort(
    rows: list[tuple[str, str | None, int, bool]],
) -> None:
    """``_per_task``: each row's code (0 done, else its effective due's: the extended one,
    each due's asked once as met, a done row's too), each task's milestones (row order, a
    tuple) and worst code, each item's worst code of its own milestones and each task's
    of its task-level ones (no item: None or ""), equal to the pairs sorted by code (a
    dict keeps each node's last)."""
    from desktop.models.status_pass import _per_task

    ids = [f"m{n}" for n in range(len(rows))]
    task_ids = [task for task, _item, _code, _ext in rows]
    item_ids = [item for _task, item, _code, _ext in rows]
    codes = [code for _task, _item, code, _ext in rows]
    # each row's effective due: code n > 1 "dn"; 1 none (not scheduled) or "d1"; 0 done,
    # due "d3"; extended: the row's own due "d9" (its code never asked)
    effective = [
        "d3" if code == 0 else None if code == 1 and n % 2 else f"d{code}"
        for n, code in enumerate(codes)
    ]
    extended = {
        ms_id: due
        for ms_id, due, (*_row, ext) in zip(ids, effective, rows, strict=True)
        if ext and due
    }
    milestones = [
        (ms_id, task, item, "title", "d9" if ms_id in extended else due, None, code == 0 or None)
        for ms_id, task, item, due, code in zip(ids, task_ids, item_ids, effective, codes, strict=True)
    ]  # fmt: skip
    asked: list[str] = []
    open_code: dict[str | None, int] = {None: 1, "": 1}

    def new_day(iso: str) -> int:
        asked.append(iso)
        open_code[iso] = int(iso[1:])
        return open_code[iso]

    found, task_ms, task_code, own_code, level_code = _per_task(
        milestones, extended, open_code, new_day
    )
    assert found == codes
    assert asked == list(dict.fromkeys(due for due in effective if due))
    assert task_code == _worst_codes_by_sort(task_ids, codes)  # type: ignore[arg-type]
    assert own_code == _worst_codes_by_sort(item_ids, codes)
    level = [not item for item in item_ids]
    assert level_code == _worst_codes_by_sort(task_ids, codes, level)  # type: ignore[arg-type]
    expected: dict[str, list[str]] = {}
    for ms_id, task_id in zip(ids, task_ids, strict=True):
        expected.setdefault(task_id, []).append(ms_id)
    # (each task's milestones a tuple: no list's spare array held through the pass)
    assert list(task_ms.items()) == [(task, tuple(found)) for task, found in expected.items()]


def test_late_against_the_original_date_in_c_equals_the_rule() -> None:
    from desktop.models.status_kept import late_vs_original

    today = "2026-06-15"
    days = [None, "", "2026-06-14", "2026-06-15", "2026-06-16", "2025-12-31"]
    rows = [("m", "t", None, "x", due, None, done) for due in days for done in days]
    found = list(late_vs_original([row[4] for row in rows], [row[6] for row in rows], today))
    expected = [(done or today) > due if due else False for *_, due, _o, done in rows]
    assert found == expected and any(found) and not all(found)


def test_task_titles_read_a_slice_at_a_time_as_every_row() -> None:
    """``TaskTitles`` fills its columns a slice of rows at a time: rows from a generator
    across several slices, each in its place."""
    from desktop.models.task_titles import TaskTitles

    rows = [(f"t{n:05d}", n % 700 + 1, f"任务{n}") for n in range(10_001)]
    titles = TaskTitles(row for row in rows)
    assert list(titles.items()) == [(task_id, (no, title)) for task_id, no, title in rows]
    assert titles["t09999"] == (9999 % 700 + 1, "任务9999") and len(titles) == 10_001
