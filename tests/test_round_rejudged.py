"""The 催报 round judged again for the tasks whose reports changed equals a fresh round.

``round_queries.rejudged`` keeps the round's places, cycles and labels and judges the
places of the given tasks from their reports as they are now: after reports are added
(on time, late, for an item or the whole task, in the current window), corrected and
retracted, under every kind of cycle, it must give what ``report_round`` gives afresh —
entries, counts and the per-unit lists."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from desktop.models import coordination_views as cv
from desktop.models import duban, progress
from desktop.models import duban_queries as dq
from desktop.models.round_queries import rejudged
from desktop.models.store import Store
from tests.helpers.coordination import load_demo, task

STATES = ("on_time", "late", "missing", "open")


def _fresh(store: Store, today: date, titles):  # noqa: ANN001, ANN202
    return dq.report_round(store.db, today, titles=titles).with_lists()


def _same(one, other) -> None:  # noqa: ANN001
    assert one.entries == other.entries
    for state in STATES:
        assert one.count(state) == other.count(state), state
        assert one.unit_counts(state) == other.unit_counts(state), state
    for state in ("missing", "late"):  # (the units in the same order: by first place)
        assert [(u, list(e)) for u, e in one.by_unit(state).items()] == [
            (u, list(e)) for u, e in other.by_unit(state).items()
        ], state


def _units(store: Store, task_id: str) -> list[tuple[str | None, str]]:
    return store.db.execute(
        "SELECT a.item_id, a.unit_id FROM item i JOIN assignment a ON a.item_id = i.id"
        " WHERE i.task_id = ? AND a.role IN ('lead', 'responsible', 'support')"
        " ORDER BY a.rowid",
        [task_id],
    ).fetchall()


def test_rejudged_places_equal_a_fresh_round(tmp_path: Path) -> None:
    store = load_demo(Store.open(tmp_path / "demo.db"))
    try:
        today = date.today()
        cycles = {1: ("week", {}), 2: ("quarter", {}), 3: ("2weeks", {"due_day": 3})}
        cycles[4] = ("once", {"due_date": (today - timedelta(days=3)).isoformat()})
        for no, (every, extra) in cycles.items():
            duban.set_cycle(store, task(store, no), every, **extra)
        titles = cv.task_titles(store.db)
        before = _fresh(store, today, titles)
        month = f"{today:%Y-%m}"
        last_month = f"{(today.replace(day=1) - timedelta(days=1)):%Y-%m}"
        changed, reports = [], []
        for no, period in ((1, month), (2, month), (3, month), (4, month), (5, last_month),
                           (6, month), (7, last_month)):  # fmt: skip
            task_id = task(store, no)
            changed.append(task_id)
            pairs = _units(store, task_id)
            for n, (item_id, unit_id) in enumerate(pairs[:3]):
                reports.append(
                    progress.add_report(
                        store,
                        task_id,
                        unit_id,
                        period=period,
                        text="推进",
                        percent=20 + n,
                        item_id=item_id if n % 2 else None,
                        confirm_period=True,
                    )  # fmt: skip
                )
        after = rejudged(store.db, before, changed)
        assert after is not None and after is not before
        _same(after, _fresh(store, today, titles))
        assert before.count("missing") != after.count("missing")  # the reports counted

        progress.correct_report(store, reports[0], percent=90)
        progress.retract_report(store, reports[1])
        progress.retract_report(store, reports[-1])
        again = rejudged(store.db, after, changed[:1] + changed[-1:])
        assert again is not None
        _same(again, _fresh(store, today, titles))
        # a task left out keeps its places as they were (the caller names every task)
        partial = rejudged(store.db, before, changed[:2])
        assert partial is not None and partial.entries != _fresh(store, today, titles).entries
    finally:
        store.close()
