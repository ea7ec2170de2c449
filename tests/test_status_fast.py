"""The fast status pass equals the straightforward one, and it can be cancelled.

``desktop.models.status._compute`` (status codes tracked per node while reading the
milestones, chunked for cancellation) is compared with the pass as first written
(``tests/helpers/status_reference.py``) on random inputs (hypothesis: dates around
today, extensions, owners, 办结, percents, dependencies with cycles and self-loops)
and on a real database with the bench's milestones and 督办 workflow data.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from desktop.models import status as st
from desktop.models import status_queries
from desktop.models.cancellation import Cancelled
from desktop.models.status_cache import StatusCache
from desktop.models.store import Store
from desktop.models.workflow_inputs import load_workflow_inputs
from tests.helpers.coordination import populated_demo
from tests.helpers.status_inputs_drawn import UNITS, draw_tasks_and_items
from tests.helpers.status_reference import reference_compute

TODAY = date(2026, 11, 29)
DAYS = [None, "", *((TODAY + timedelta(days=d)).isoformat() for d in (-30, -1, 0, 1, 14, 15, 90))]


@hs.composite
def status_inputs(draw: hs.DrawFn) -> st.StatusInputs:
    inputs = st.StatusInputs()
    tasks, items = draw_tasks_and_items(draw, inputs, 6, 3)
    units = UNITS
    milestones: list[str] = []
    for n in range(draw(hs.integers(0, 12))):
        task_id = draw(hs.sampled_from(tasks))
        own = [i for i in items if inputs.items[i][0] == task_id]
        item_id = draw(hs.sampled_from([None, *own])) if own else None
        ms_id = f"m{n}"
        due = draw(hs.sampled_from(DAYS))
        done = draw(hs.sampled_from([None, None, *DAYS[2:]]))
        owner = draw(hs.sampled_from([None, None, *units]))
        inputs.milestones.append((ms_id, task_id, item_id, f"节点{n}", due, owner, done))
        milestones.append(ms_id)
        if due and draw(hs.booleans()):
            inputs.current_due[ms_id] = draw(hs.sampled_from([None, *DAYS[2:]]))
            for k in range(draw(hs.integers(0, 2))):
                inputs.extensions.append((ms_id, due, DAYS[-1], "2026-01-01", f"x{n}-{k}"))
    nodes = [("task", t) for t in tasks] + [("item", i) for i in items]
    nodes += [("milestone", m) for m in milestones] + [("milestone", "gone")]
    for n in range(draw(hs.integers(0, 10))):
        pred, succ = draw(hs.sampled_from(nodes)), draw(hs.sampled_from(nodes))
        if pred == succ:  # refused by every way in (dependencies.add_dependency)
            continue
        lag = draw(hs.sampled_from([None, 0, 5, -3, 40]))
        inputs.dependencies.append((f"d{n}", *pred, *succ, lag))
    inputs.closed_tasks = set(draw(hs.lists(hs.sampled_from(tasks), max_size=2)))
    if items:
        inputs.closed_items = set(draw(hs.lists(hs.sampled_from(items), max_size=2)))
    percents = hs.floats(0, 100, allow_nan=False).map(lambda p: round(p, 2))
    for t in tasks:
        if draw(hs.booleans()):
            inputs.task_percent[t] = draw(percents)
        if draw(hs.booleans()):
            inputs.target_percent[t] = draw(percents)
        if draw(hs.booleans()):
            inputs.task_deadline[t] = draw(hs.sampled_from(DAYS[2:]))
        if draw(hs.booleans()):
            inputs.plan_date[t] = draw(hs.sampled_from(["2026-01-05", "2026-06-30"]))
    return inputs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=status_inputs(), window=hs.sampled_from([0, 14, 30]))
def test_fast_pass_equals_the_straightforward_pass(inputs: st.StatusInputs, window: int) -> None:
    fast = st.compute(inputs, TODAY, window)
    assert fast == reference_compute(inputs, TODAY, window)
    assert fast.cycles == reference_compute(inputs, TODAY, window).cycles


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo plan with the bench's milestones, dependencies and workflow data."""
    path = tmp_path_factory.mktemp("populated") / "demo.db"
    populated_demo(path).close()
    return path


def test_fast_pass_equals_the_straightforward_pass_on_a_database(populated: Path) -> None:
    store = Store.open(populated)
    try:
        inputs = status_queries.load_status_inputs(store.db)
        assert inputs.milestones and inputs.dependencies and inputs.task_percent
        for today in (date.today(), date.today() + timedelta(days=200)):
            fast = st.compute(inputs, today)
            assert fast == reference_compute(inputs, today, st.DEFAULT_WINDOW_DAYS)
            assert any(n.behind for n in fast.tasks.values())
            assert any(n.risks for n in fast.tasks.values())
    finally:
        store.close()


def test_plan_dates_read_per_plan_equal_the_joined_query(populated: Path) -> None:
    store = Store.open(populated)
    try:
        db = store.db
        task_plans = dict(db.execute("SELECT id, plan_id FROM task").fetchall())
        joined, per_plan = st.StatusInputs(), st.StatusInputs()
        load_workflow_inputs(db, joined)
        load_workflow_inputs(db, per_plan, task_plans=(list(task_plans), [*task_plans.values()]))
        assert joined.plan_date and per_plan.plan_date == joined.plan_date
    finally:
        store.close()


class Countdown:
    """``cancelled`` that says stop at its ``n``-th question."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked >= self.n


def test_a_cancelled_status_pass_raises_and_a_kept_one_is_unchanged(populated: Path) -> None:
    store = Store.open(populated)
    try:
        db = store.db
        today = date.today()
        plain = status_queries.compute_status(db, today)
        asked = Countdown(10**9)
        assert status_queries.compute_status(db, today, cancelled=asked) == plain
        assert asked.asked >= 8  # between the queries and in the pass
        for n in (1, 3, asked.asked):  # at the first question, while loading, in the pass
            with pytest.raises(Cancelled):
                status_queries.compute_status(db, today, cancelled=Countdown(n))
        inputs = status_queries.load_status_inputs(db)
        with pytest.raises(Cancelled):
            st.compute(inputs, today, cancelled=lambda: True)
        assert st.compute(inputs, today, cancelled=lambda: False) == st.compute(inputs, today)
    finally:
        store.close()


def test_a_cancelled_cache_pass_leaves_the_cache_cold(populated: Path) -> None:
    store = Store.open(populated)
    try:
        db = store.db
        today = date.today()
        cache = StatusCache()
        with pytest.raises(Cancelled):
            cache.snapshot(db, today, cancelled=lambda: True)
        first = cache.snapshot(db, today, cancelled=lambda: False)
        assert cache.last_pass == "full"
        milestone = next(iter(first.milestones))
        from desktop.models import coordination as co

        co.mark_milestone_done(store, milestone, today.isoformat())
        with pytest.raises(Cancelled):  # the incremental pass is cancelled too
            cache.snapshot(db, today, cancelled=lambda: True)
        again = cache.snapshot(db, today)
        assert cache.last_pass == "full"  # forgotten, so computed afresh
        fresh = status_queries.compute_status(db, today)
        assert again.milestones == fresh.milestones and again.tasks == fresh.tasks
        assert again.milestones[milestone].status == st.DONE
    finally:
        store.close()


def test_fast_reporting_round_equals_the_straightforward_one(populated: Path) -> None:
    from desktop.models import duban_queries as dq
    from tests.helpers.report_round_reference import reference_report_round

    store = Store.open(populated)
    try:
        db = store.db
        for as_of in (date.today(), date.today() + timedelta(days=45)):
            for ordered in (True, False):
                fast = dq.report_round(db, as_of, ordered=ordered)
                plain = reference_report_round(db, as_of, ordered=ordered)
                assert fast.entries == plain.entries and fast.contacts == plain.contacts
                assert {e.state for e in fast.entries} >= {"missing", "open"}
    finally:
        store.close()


def test_a_cancelled_overview_raises_and_the_next_one_is_whole(populated: Path) -> None:
    from desktop.models import coordination_views as cv

    store = Store.open(populated)
    try:
        cache = StatusCache()
        with pytest.raises(Cancelled):
            cv.overview(store.db, missing=False, cache=cache, cancelled=lambda: True)
        with pytest.raises(Cancelled):
            cv.overview(store.db, missing=False, cancelled=lambda: True)
        result = cv.overview(store.db, missing=False, cache=cache, cancelled=lambda: False)
        assert cache.last_pass == "full"
        fresh = status_queries.compute_status(store.db, result["snapshot"].today)
        assert result["snapshot"].tasks == fresh.tasks
    finally:
        store.close()


def test_a_cancelled_pass_turns_the_collector_back_on_and_frees_its_rows(populated: Path) -> None:
    import gc

    store = Store.open(populated)
    try:
        assert gc.isenabled()
        with pytest.raises(Cancelled) as caught:  # while loading the inputs
            status_queries.compute_status(store.db, cancelled=Countdown(5))
        assert gc.isenabled()
        # the frames of the cancelled pass hold none of its rows any more (the collector
        # would walk them all, seconds at 100k, just after the user asked to stop)
        frames = []
        tb = caught.value.__traceback__
        while tb is not None:
            frames.append(tb.tb_frame)
            tb = tb.tb_next
        assert not any("inputs" in f.f_locals or "rows" in f.f_locals for f in frames[1:])
    finally:
        store.close()


def test_streamed_rows_ask_every_few_thousand_and_stop_when_told(tmp_path: Path) -> None:
    import sqlite3

    from desktop.models.cancellation import CHECK_EVERY, streamed

    con = sqlite3.connect(tmp_path / "rows.db")
    con.execute("CREATE TABLE t (n INTEGER)")
    con.executemany("INSERT INTO t VALUES (?)", ((n,) for n in range(CHECK_EVERY * 2 + 5)))
    query = "SELECT n FROM t ORDER BY n"
    every = list(con.execute(query))
    assert list(streamed(con.execute(query), None)) == every
    asked = Countdown(10**9)
    assert list(streamed(con.execute(query), asked)) == every
    assert asked.asked == 2  # after each CHECK_EVERY rows, not per row
    seen = []
    with pytest.raises(Cancelled):
        for row in streamed(con.execute(query), Countdown(2)):
            seen.append(row)
    assert seen == every[: CHECK_EVERY * 2 - 1]  # stopped at the second question
    con.close()


def test_a_finished_pass_leaves_its_objects_out_of_the_young_generations(populated: Path) -> None:
    import gc

    store = Store.open(populated)
    try:
        snapshot = status_queries.compute_status(store.db)
        assert gc.isenabled()
        young = gc.get_objects(generation=0) + gc.get_objects(generation=1)
        # what the pass keeps: its rows and the states it built (the ranking's roots,
        # the rolled-up tasks); the rest are built when read
        kept_rows = {
            id(row) for row in [*snapshot.inputs.milestones, *snapshot.inputs.dependencies]
        }
        assert not [o for o in young if id(o) in kept_rows]
        # frozen: in no generation (no collection walks them again), not thawed into the
        # oldest one either
        assert not [o for o in gc.get_objects() if id(o) in kept_rows]
        assert gc.get_freeze_count() >= len(kept_rows)
        assert not [o for o in young if isinstance(o, (st.MilestoneState, st.NodeState))]
        del young
        gc.collect()  # a full collection leaves them be
        assert snapshot.milestones and all(m.status for m in snapshot.milestones.values())
    finally:
        store.close()


@pytest.mark.parametrize("fan", [3, 15, 16, 17, 60])
def test_a_root_reaching_many_nodes_flags_each_once(
    fan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An overdue milestone many tasks wait for (directly, through an item and through
    a chain: each node reached on several paths) flags each node once, in the order
    reached, however many it reaches (the pass scans a root's few nodes and keeps a set
    for a root reaching more than its ``_SCAN``: the same nodes in the same order as
    scanning them all)."""
    from desktop.models import status_pass

    inputs = st.StatusInputs()
    tasks = [f"t{n}" for n in range(fan + 1)]
    inputs.tasks = {t: n + 1 for n, t in enumerate(tasks)}
    for t in tasks:
        inputs.items[f"{t}-i0"] = (t, 0)
        inputs.item_counts[t] = 1
    inputs.milestones.append(("m0", "t0", None, "枢纽", (TODAY - timedelta(days=30)).isoformat(), None, None))  # fmt: skip
    for n, t in enumerate(tasks[1:], 1):
        inputs.dependencies.append((f"a{n}", "milestone", "m0", "task", t, None))
        inputs.dependencies.append((f"b{n}", "milestone", "m0", "item", f"{t}-i0", None))
        if n > 1:  # (and each task after the one before: a chain through all of them)
            inputs.dependencies.append((f"c{n}", "task", tasks[n - 1], "task", t, None))
    fast = st.compute(inputs, TODAY)
    assert fast == reference_compute(inputs, TODAY, st.DEFAULT_WINDOW_DAYS)
    nodes = list(fast.roots["m0"])
    assert len(nodes) == len(set(nodes)) == 2 * fan  # every task and item once
    monkeypatch.setattr(status_pass, "_SCAN", 10**9)  # (every root's nodes scanned)
    assert list(st.compute(inputs, TODAY).roots["m0"]) == nodes
