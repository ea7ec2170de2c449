"""督办 workflow figures on a province-scale database (issue 12 goals).

    python -m bench.duban DB_PATH [--populated]

Works on a COPY of ``DB_PATH`` (made by ``bench.generate``): adds the ~20,000
milestones of ``bench.coordination``, then the workflow: 办结 applications on a
tenth of the tasks (approved, returned or pending), reporting cycles on a fifth,
progress reports with percents on half, 签收 for half of the assignments, 2,000
extension requests and a contact per unit — all through ``Store.action`` /
``Tx.insert_many``. Prints ``name: value ms wall, value ms CPU (goal …)`` lines.
``--populated`` measures a copy of a database populated so already (one kept from
an earlier run, e.g. to compare two branches on the same data).
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.coordination import milestone_id, populate
from bench.run import median_wall_cpu, report_wall_cpu

CYCLES = ("month", "week", "2weeks", "quarter", "once")


def populate_workflow(store, seed: int = 12) -> dict[str, int]:  # noqa: ANN001
    from desktop.models.ids import stable_id

    rng = random.Random(seed)
    today = date.today()
    stamp = "2026-01-01T00:00:00.000+00:00"
    db = store.db
    tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY plan_id, no")]
    lead: dict[str, str] = {}
    for task_id, unit_id in db.execute(
        "SELECT i.task_id, a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id"
        " WHERE a.role IN ('lead', 'responsible') ORDER BY a.role, a.position"
    ):
        lead.setdefault(task_id, unit_id)
    signoffs, decisions, cycles, reports, signins = [], [], [], [], []
    for n, task_id in enumerate(tasks):
        unit = lead.get(task_id)
        if unit and n % 10 == 0:
            sid = stable_id("bench_signoff", n)  # (a UUID, as the app's)
            signoffs.append({"id": sid, "task_id": task_id, "item_id": None, "unit_id": unit,
                             "evidence": "已完成", "applied_at": stamp, "applied_by": "bench"})  # fmt: skip
            choice = rng.random()
            if choice < 0.6:
                decisions.append({"signoff_id": sid, "decision": "approved" if choice < 0.4
                                  else "returned", "reason": "" if choice < 0.4 else "补充材料",
                                  "decided_at": stamp, "decided_by": "bench"})  # fmt: skip
        if n % 5 == 0:
            every = CYCLES[n // 5 % len(CYCLES)]
            cycles.append({"id": stable_id("report_cycle", task_id), "task_id": task_id,
                           "every": every,
                           "due_day": None if every == "once" else rng.randint(1, 7),
                           "due_date": (today + timedelta(days=30)).isoformat()
                           if every == "once" else None})  # fmt: skip
        if unit and n % 2 == 0:
            reports.append({"task_id": task_id, "item_id": None, "unit_id": unit,
                            "period": today.strftime("%Y-%m"), "text": "推进中",
                            "percent": float(rng.randint(0, 100)), "figures": "{}",
                            "author": "bench", "created_at": stamp,
                            "also_supersedes": "[]"})  # fmt: skip
    for n, (task_id, item_id, unit_id) in enumerate(db.execute(
        "SELECT i.task_id, i.id, a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id"
    ).fetchall()):  # fmt: skip
        if n % 2 == 0:
            signins.append({"task_id": task_id, "item_id": item_id, "unit_id": unit_id,
                            "signed_at": stamp, "signed_by": "bench"})  # fmt: skip
    n_milestones = db.execute("SELECT count(*) FROM milestone").fetchone()[0]
    requests = [
        {"milestone_id": milestone_id(n * 10), "unit_id": next(iter(lead.values())),
         "old_due": None, "new_due": (today + timedelta(days=400)).isoformat(),
         "reason": "延期", "requested_at": stamp, "requested_by": "bench"}
        for n in range(min(2000, n_milestones // 10))  # 2,000 in the province
    ]  # fmt: skip
    contacts = [
        {"id": stable_id("unit_contact", unit_id), "unit_id": unit_id, "person": "联络员",
         "phone": "0431-88881234"}
        for (unit_id,) in db.execute("SELECT id FROM unit")
    ]  # fmt: skip
    with store.action("bench_workflow") as tx:
        tx.insert_many("signoff", signoffs)
        tx.insert_many("signoff_decision", decisions)
        tx.insert_many("report_cycle", cycles)
        tx.insert_many("report", reports)
        tx.insert_many("signin", signins)
        tx.insert_many("extension_request", requests)
        tx.insert_many("unit_contact", contacts)
    return {"signoff": len(signoffs), "signoff_decision": len(decisions),
            "report_cycle": len(cycles), "report": len(reports), "signin": len(signins),
            "extension_request": len(requests), "unit_contact": len(contacts)}  # fmt: skip


def main() -> None:
    import argparse
    import os

    from desktop.models import status_queries
    from desktop.models import unit_lights as ul
    from desktop.models.store import Store

    parser = argparse.ArgumentParser(description="督办 workflow figures (issue 12)")
    parser.add_argument("db", type=Path, help="a province database (bench.generate)")
    parser.add_argument(
        "--populated",
        action="store_true",
        help="the database has this bench's milestones and workflow data already"
        " (a copy kept from an earlier run): measure without populating",
    )
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "duban.db"
        shutil.copy(args.db, path)
        store = Store.open(path)
        db = store.db
        today = date.today()
        if not args.populated:
            started = time.perf_counter()
            populate(store)
            # the same pass before any workflow data: machines are shared, so the ratio matters
            before = median_wall_cpu(lambda: status_queries.compute_status(db, today))
            report_wall_cpu(
                "compute_status before the workflow data (milestones only)", before, "-"
            )
            before_lights = median_wall_cpu(lambda: ul.unit_lights(db, today))
            report_wall_cpu("all-units light table before the workflow data", before_lights, "-")
            counts = populate_workflow(store)
            print(f"populated in {time.perf_counter() - started:.1f} s: {counts}", flush=True)
        measure(store.db, today)
        print(f"load average {os.getloadavg()[0]:.1f} at the end", flush=True)
        store.close()


def status_and_round(db, today: date):  # noqa: ANN001, ANN201
    """The overview's way: the round reads the rows the status pass kept."""
    from desktop.models import duban_queries as dq
    from desktop.models import status_queries

    snap = status_queries.compute_status(db, today, rounds=True)
    return snap, dq.report_round(db, today, shared=snap.inputs.round_rows)


def measure(db, today: date) -> None:  # noqa: ANN001 - a sqlite_utils Database
    """The issue's figures on a populated database (wall and process CPU time)."""
    from desktop.models import duban_queries as dq
    from desktop.models import status_queries
    from desktop.models import unit_lights as ul

    report_wall_cpu(
        "all statuses with sign-offs and 序时进度 (compute_status, province)",
        median_wall_cpu(lambda: status_queries.compute_status(db, today)),
        "<= 300 ms",
    )
    report_wall_cpu(
        "reporting round by cycle: 按时/迟报/未报 per unit (province)",
        median_wall_cpu(lambda: dq.report_round(db, today)),
        "-",
    )
    report_wall_cpu(
        "  the same with every entry built (CLI remind; the 催报 tab builds 未报 and 迟报)",
        median_wall_cpu(lambda: dq.report_round(db, today).entries),
        "-",
    )
    report_wall_cpu(
        "all statuses + sign-offs + cycles (status pass and reporting round)",
        median_wall_cpu(lambda: status_and_round(db, today)),
        "<= 300 ms",
    )
    report_wall_cpu(
        "all-units light table (unit_lights, own status pass included)",
        median_wall_cpu(lambda: ul.unit_lights(db, today)),
        "<= 300 ms",
    )
    snap = status_queries.compute_status(db, today, rounds=True)  # (as the overview's)
    report_wall_cpu(
        "all-units light table from a computed snapshot",
        median_wall_cpu(lambda: ul.unit_lights(db, today, snapshot=snap)),
        "-",
    )

    def overview() -> None:
        shared, round_ = status_and_round(db, today)
        ul.unit_lights(db, today, snapshot=shared, round_=round_)

    report_wall_cpu(
        "status pass, reporting round and light table on one snapshot and round (the window)",
        median_wall_cpu(overview),
        "-",
    )
    table = ul.unit_lights(db, today, snapshot=snap)
    behind = sum(n.behind for n in snap.tasks.values())
    print(f"  ({len(table.rows)} units, {behind} tasks 未达序时, "
          f"{sum(r.missing for r in table.rows)} missing reports)")  # fmt: skip


if __name__ == "__main__":
    main()
