"""Every common store action once, at the database's size: CPU, wall and full collections.

    python -m bench.actions COPY.db [--rounds 2]

A store action is what the window runs on the GUI thread when the user saves a dialog: at
100,000 tasks it must not read the whole database (issue 14: ≤ 50 ms after an edit, the
overview job included). Each action runs on tasks, items and milestones picked from the
middle of the database, with the collector as the window has it (on, start-up objects
frozen), and prints its CPU and wall milliseconds and how many full (generation-2)
collections ran inside it — a full collection at this size walks the whole heap (0.5–3 s).
The database is changed: run it on a copy.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from collections.abc import Callable
from datetime import date, timedelta

from desktop.errors import UserError
from desktop.models import authoring, dependencies, duban, progress, remarks
from desktop.models import coordination as co
from desktop.models.store import Store


def _actions(store: Store, start: int) -> list[tuple[str, Callable[[], object]]]:
    """The actions in the order a coordinator might take them, on the task at or after
    rowid ``start`` (a fresh one per round: a period reported twice is refused)."""
    db = store.db
    middle = start
    round_no = start % 1000

    def task_at(offset: int) -> tuple[str, str]:
        return db.execute(
            "SELECT id, plan_id FROM task WHERE rowid >= ? AND archived IS NULL"
            " ORDER BY rowid LIMIT 1",
            [middle + offset],
        ).fetchone()

    task_id, plan_id = task_at(0)
    other_id, _ = task_at(40) or task_at(-40)
    item_id, unit_id = db.execute(
        "SELECT i.id, a.unit_id FROM item i JOIN assignment a ON a.item_id = i.id"
        " WHERE i.task_id = ? ORDER BY a.rowid LIMIT 1",
        [task_id],
    ).fetchone()
    today = date.today()
    due = (today + timedelta(days=30 + round_no)).isoformat()
    made: dict[str, str] = {}

    def add_milestone() -> None:
        made["milestone"] = co.add_milestone(
            store, task_id, f"基准节点{round_no}", due, confirm_before_plan_date=True
        )

    def add_report() -> None:
        made["report"] = progress.add_report(
            store, task_id, unit_id, period=f"2020-{round_no % 12 + 1:02d}", text="推进",
            percent=40, confirm_period=True,
        )  # fmt: skip

    def add_dependency() -> None:
        made["dependency"] = dependencies.add_dependency(
            store, ("task", other_id), ("task", task_id)
        )

    def add_task() -> None:
        made["task"] = authoring.add_task(store, plan_id, f"基准新增任务{round_no}")

    return [
        ("add_milestone", add_milestone),
        (
            "update_milestone (due)",
            lambda: co.update_milestone(
                store,
                made["milestone"],
                due=(today + timedelta(days=60)).isoformat(),
                confirm_before_plan_date=True,
            ),
        ),  # fmt: skip
        (
            "extend_milestone",
            lambda: co.extend_milestone(
                store, made["milestone"], (today + timedelta(days=90)).isoformat(), "延期"
            ),
        ),  # fmt: skip
        (
            "request_extension (督办)",
            lambda: duban.request_extension(
                store,
                made["milestone"],
                unit_id,
                (today + timedelta(days=120)).isoformat(),
                "申请延期",
            ),
        ),  # fmt: skip
        (
            "mark_milestone_done",
            lambda: co.mark_milestone_done(
                store, made["milestone"], today.isoformat(), confirm_before_plan_date=True
            ),
        ),  # fmt: skip
        ("add_report", add_report),
        ("correct_report", lambda: progress.correct_report(store, made["report"], percent=60)),
        ("add_dependency", add_dependency),
        ("remove_dependency", lambda: dependencies.remove_dependency(store, made["dependency"])),
        (
            "edit_task (title)",
            lambda: authoring.edit_task(store, task_id, title=f"改名的基准任务{round_no}"),
        ),  # fmt: skip
        ("add_item", lambda: made.update(item=authoring.add_item(store, task_id, "新增事项"))),
        ("edit_item", lambda: authoring.edit_item(store, made["item"], "改写的事项")),
        ("delete_item", lambda: authoring.delete_item(store, made["item"])),
        ("add_comment", lambda: remarks.add_comment(store, "task", task_id, "请加快进度")),
        ("add_task", add_task),
        ("move_task", lambda: authoring.move_task(store, made["task"], 1)),
        ("delete_task (new)", lambda: authoring.delete_task(store, made["task"])),
        ("delete_milestone", lambda: co.delete_milestone(store, made["milestone"])),
    ]


def main() -> None:
    from bench.run import bounded_int, database_argument

    path = database_argument(__doc__)  # an existing file: a mistyped one is refused
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="a copy of a database (it is changed)")
    parser.add_argument("--rounds", type=bounded_int(1, 100), default=2)
    args = parser.parse_args()
    store = Store.open(path)
    gc.collect()
    gc.freeze()  # as the window: start-up objects frozen
    worst: dict[str, float] = {}
    count = store.db.execute("SELECT max(rowid) FROM task").fetchone()[0]
    for round_no in range(args.rounds):
        start = count // 4 + random.randrange(count // 2)
        print(f"round {round_no + 1}: the task at rowid {start} and after", flush=True)
        for name, action in _actions(store, start):
            full = gc.get_stats()[2]["collections"]
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                action()
                outcome = ""
            except UserError as refused:
                outcome = f"  refused: {refused}"
            except KeyError:  # what it acts on was refused before
                outcome = "  skipped"
            cpu_ms = (time.process_time() - cpu) * 1000
            wall_ms = (time.perf_counter() - wall) * 1000
            collections = gc.get_stats()[2]["collections"] - full
            worst[name] = max(worst.get(name, 0.0), cpu_ms)
            print(
                f"round {round_no + 1}: {name:<28} {cpu_ms:8.1f} ms CPU {wall_ms:8.1f} ms wall,"
                f" {collections} full collections{outcome}",
                flush=True,
            )
    slowest = max(worst, key=worst.__getitem__)
    print(f"slowest action: {slowest} {worst[slowest]:.1f} ms CPU (goal: well under 50 ms)")
    store.close()


if __name__ == "__main__":
    main()
