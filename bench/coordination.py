"""Coordination figures on a province-scale database (issue 3 goals).

    python -m bench.coordination DB_PATH [--populated] [--status-only] [--edits-only]
        [--dashboard-only] [--profile FILE] [--parts]

Works on a COPY of ``DB_PATH`` (made by ``bench.generate``): adds ~20,000
milestones (some overdue, some done, some extended) and ~3,000 dependencies
through ``Store.action`` / ``Tx.insert_many`` (2 milestones and 0.3 dependencies
per task; ``--populated``: DB_PATH has them already), then prints
``name: value ms (goal …)`` lines, CPU time beside the wall time for the status
passes (``--status-only``: those alone; ``--edits-only``: only ``edit_figures``, the
window's overview job and its views after edits of several kinds, e.g. on a 100k
database that has its milestones: ``--populated --edits-only``, ``--profile FILE``
writing their cProfile, ``--parts`` printing each edit's steps' CPU; ``--dashboard-only``:
the dashboard's first paint with its own status pass). Runs offscreen.
"""

from __future__ import annotations

import gc
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.run import median_wall_cpu, report_wall_cpu
from bench.status_baseline import baseline_figures, report_ratio

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MILESTONES_PER_TASK = 2  # 20,000 milestones and 3,000 dependencies at 10,000 tasks
DEPENDENCIES_PER_TASK = 0.3
TARGET_VALUES = 5  # per target


def report(name: str, value: float, goal: str) -> None:
    print(f"{name}: {value:.1f} ms (goal {goal})", flush=True)


def incremental_figures(store, size: str, raw_cpu: float | None = None) -> None:  # noqa: ANN001
    """A full pass of the window's status cache, then edits that each reach a few
    tasks (a milestone moved, marked done, a dependency added), each followed by
    the cache's incremental pass and by the whole overview job of the window.
    ``raw_cpu``: the raw read's CPU ms in this run (``bench.status_baseline``), for the
    full pass's ratio to it."""
    from desktop.models import coordination as co
    from desktop.models import dependencies
    from desktop.models.status_cache import StatusCache
    from desktop.views.coordination.dashboard import overview_job

    # a new cache each run, the last one dropped untimed: the window's first pass has no
    # snapshot before it to free (freeing one at 100k is ~10 % of a pass)
    caches = [StatusCache()]

    def fresh() -> None:
        caches[:] = [StatusCache()]
        gc.collect()

    full = median_wall_cpu(lambda: caches[0].snapshot(store.db), 3, setup=fresh)
    cache = caches[0]
    report_wall_cpu(f"status cache: full pass (cold, {size})", full, "<= 300 ms at 10k, 1.5 s at 100k")  # fmt: skip
    if raw_cpu:
        report_ratio("the status cache's full pass", full[1], raw_cpu)
    db = store.db
    preds = [r[0] for r in db.execute(
        "SELECT pred_id FROM dependency WHERE pred_kind = 'milestone' ORDER BY rowid LIMIT 40")]  # fmt: skip
    tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY rowid LIMIT 40")]
    today = date.today()
    edits = iter(range(10**6))

    def edit() -> None:
        n = next(edits)
        if n % 3 == 0:
            co.update_milestone(
                store, preds[n % len(preds)], due=(today - timedelta(days=n % 9 + 1)).isoformat()
            )
        elif n % 3 == 1:
            co.mark_milestone_done(store, preds[n % len(preds)], today.isoformat())
        else:
            dependencies.add_dependency(
                store, ("task", tasks[n % 20]), ("task", tasks[20 + n % 20]), 0
            )

    components: list[int] = []

    def edit_then_pass() -> None:
        edit()
        wall, cpu = time.perf_counter(), time.process_time()
        cache.snapshot(db)
        timings.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
        assert cache.last_pass == "incremental", cache.last_pass
        components.append(len(cache.last_component))

    timings: list[tuple[float, float]] = []
    for _ in range(9):
        edit_then_pass()
    walls, cpus = sorted(t[0] for t in timings), sorted(t[1] for t in timings)
    report_wall_cpu(f"status cache: pass after one edit (incremental, {size})",
               (walls[len(walls) // 2], cpus[len(cpus) // 2]), "<= 50 ms at 100k")  # fmt: skip
    print(f"  (tasks recomputed per edit: {sorted(components)}; slowest {walls[-1]:.1f} ms,"
          f" CPU {cpus[-1]:.1f} ms)", flush=True)  # fmt: skip

    overview_job(store, cache=cache)  # the window's first overview
    timings.clear()
    for _ in range(5):
        edit()  # not timed: the store action itself
        wall, cpu = time.perf_counter(), time.process_time()
        overview_job(store, cache=cache)
        timings.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
    walls, cpus = sorted(t[0] for t in timings), sorted(t[1] for t in timings)
    report_wall_cpu(f"overview job after one edit: statuses, dashboard, timeline, rows ({size})",
               (walls[2], cpus[2]), "dashboard <= 300 ms at 10k")  # fmt: skip


EDIT_KINDS = ("due", "done", "extend", "depend", "report", "retitle")


def edit_figures(store, size: str, edits: int = 12) -> None:  # noqa: ANN001
    """The window's overview job after one edit (``overview_job`` with the window's
    ``StatusCache``: statuses, dashboard, timeline and the dashboard's rows) and the GUI
    thread's part (``Dashboard.set_overview``, the timeline's ``set_data``, both painted),
    for ``edits`` edits cycling through ``EDIT_KINDS``, each on a task with a dependency,
    then a milestone extended in the largest dependency component (the edit reaching the
    most tasks): CPU and wall per edit (median and slowest), per kind, and edit-to-view."""
    from PySide6.QtWidgets import QApplication

    from desktop.models import authoring, dependencies, progress
    from desktop.models import coordination as co
    from desktop.models.status_cache import StatusCache
    from desktop.views.coordination.dashboard import Dashboard, overview_job
    from desktop.views.coordination.timeline import TimelineWidget

    app = QApplication.instance()
    db = store.db
    picked = db.execute(
        "SELECT d.pred_id, m.task_id FROM dependency d JOIN milestone m ON m.id = d.pred_id"
        " WHERE d.pred_kind = 'milestone' AND m.done_date IS NULL ORDER BY d.rowid LIMIT 60"
    ).fetchall()
    tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY rowid LIMIT 40")]
    today = date.today()

    def unit_of(task_id: str) -> str:
        return db.execute(
            "SELECT a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id"
            " WHERE i.task_id = ? ORDER BY a.rowid LIMIT 1",
            [task_id],
        ).fetchone()[0]

    def edit(n: int) -> str:
        kind = EDIT_KINDS[n % len(EDIT_KINDS)] if n < edits else "extend"
        milestone, task_id = picked[n % len(picked)] if n < edits else largest()
        if kind == "due":
            co.update_milestone(
                store, milestone, due=(today - timedelta(days=n % 9 + 1)).isoformat(),
                confirm_before_plan_date=True,
            )  # fmt: skip
        elif kind == "done":
            co.mark_milestone_done(
                store, milestone, today.isoformat(), confirm_before_plan_date=True
            )
        elif kind == "extend":
            due = db.execute(
                "SELECT coalesce(current_due, due) FROM milestone WHERE id = ?", [milestone]
            ).fetchone()[0]
            later = date.fromisoformat(due) + timedelta(days=30)
            co.extend_milestone(store, milestone, later.isoformat(), "延期")
        elif kind == "depend":
            dependencies.add_dependency(
                store, ("task", tasks[n % 20]), ("task", tasks[20 + n % 20])
            )
        elif kind == "report":
            progress.add_report(
                store, task_id, unit_of(task_id), period=f"2020-{n % 12 + 1:02d}", text="推进",
                percent=50, confirm_period=True,
            )  # fmt: skip
        else:
            authoring.edit_task(store, task_id, title=f"改名的任务 {n}")
        return kind

    cache = StatusCache()

    def largest() -> tuple[str, str]:
        """An open milestone, and its task, in the largest dependency component: the
        edit that reaches the most tasks (the last one, after the ``edits``)."""
        seen: set[str] = set()
        best: set[str] = set()
        for task_id in cache.snapshot(db).tasks:
            if task_id not in seen:
                component = cache.component({task_id})
                seen |= component
                best = max(best, component, key=len)
        return db.execute(
            "SELECT id, task_id FROM milestone WHERE done_date IS NULL AND task_id IN"
            f" ({', '.join('?' * len(best))}) ORDER BY rowid LIMIT 1",
            sorted(best),
        ).fetchone()

    dash = Dashboard()
    dash.resize(1400, 800)
    dash.show()
    timeline = TimelineWidget()
    timeline.resize(1400, 800)
    timeline.show()

    painting: list[tuple[float, float, str]] = []

    def shown(result: dict, kind: str = "") -> None:  # as the window's ``_loaded``
        dash.set_overview(result)
        timeline.set_data(result["timeline"])
        wall, cpu = time.perf_counter(), time.process_time()
        app.processEvents()
        dash.grab()
        timeline.grab()
        painting.append(
            ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, kind)
        )

    wall, cpu = time.perf_counter(), time.process_time()
    shown(overview_job(store, cache=cache))  # the window's first overview (full pass)
    print(f"first overview, shown ({size}): {(time.perf_counter() - wall) * 1000:.0f} ms wall,"
          f" {(time.process_time() - cpu) * 1000:.0f} ms CPU", flush=True)  # fmt: skip
    job: list[tuple[float, float, str]] = []
    gui: list[tuple[float, float, str]] = []
    parts = _timed_parts() if "--parts" in sys.argv else None
    profile = None
    if "--profile" in sys.argv:  # cProfile of the timed parts, written to the named file
        import cProfile

        profile = cProfile.Profile()
    for n in range(edits + 1):  # the last one in the largest component
        kind = edit(n)  # not timed: the store action itself
        if parts is not None:
            parts.clear()  # (the collector's runs during the edit and the GUI's part)
        if profile is not None:
            profile.enable()
        wall, cpu = time.perf_counter(), time.process_time()
        result = overview_job(store, cache=cache)
        job.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, kind))
        if parts is not None:
            print(f"  {kind} ({len(cache.last_component)} tasks) {job[-1][1]:.1f} ms CPU: " + ", ".join(
                f"{name} {ms:.1f}" for name, ms in parts.items() if ms), flush=True)  # fmt: skip
        assert cache.last_pass == "incremental", (kind, cache.last_pass)
        wall, cpu = time.perf_counter(), time.process_time()
        shown(result, kind)
        gui.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, kind))
        if profile is not None:
            profile.disable()
    if profile is not None:
        profile.dump_stats(sys.argv[sys.argv.index("--profile") + 1])

    def figures(name: str, timings: list[tuple[float, float, str]]) -> None:
        walls, cpus = sorted(t[0] for t in timings), sorted(t[1] for t in timings)
        print(f"{name} ({size}, {len(timings)} edits): median {walls[len(walls) // 2]:.1f} ms"
              f" wall, {cpus[len(cpus) // 2]:.1f} ms CPU; slowest {walls[-1]:.1f} ms wall,"
              f" {cpus[-1]:.1f} ms CPU (goal <= 50 ms at 100k)", flush=True)  # fmt: skip

    figures("overview job after one edit: statuses, dashboard, timeline, rows", job)
    figures("GUI thread after one edit: dashboard and timeline updated and painted", gui)
    figures("  of which models and data set (set_overview, set_data)", [
        (a[0] - b[0], a[1] - b[1], a[2]) for a, b in zip(gui, painting[1:], strict=True)])  # fmt: skip
    figures("  of which painting both pages (grab)", painting[1:])
    figures("edit to view: overview job + GUI thread", [
        (a[0] + b[0], a[1] + b[1], a[2]) for a, b in zip(job, gui, strict=True)])  # fmt: skip
    print("  per edit (kind: job CPU + GUI CPU ms): " + ", ".join(
        f"{a[2]} {a[1]:.0f}+{b[1]:.0f}" for a, b in zip(job, gui, strict=True)), flush=True)  # fmt: skip
    timeline_paint_figures(timeline.view, size)
    dash.close()
    timeline.close()


def _timed_parts() -> dict[str, float]:
    """``--parts``: the overview job's steps wrapped in CPU timers (ms per step, summed
    until the caller clears the dict): the status pass's loading, computing and merging,
    the timeline, its arrow index, the titles, the dashboard and its rows; and the
    garbage collector's runs by generation (inside those steps or not)."""
    from desktop.models import coordination_views, dashboard_delta, status_cache, status_queries
    from desktop.models import status as st
    from desktop.views.coordination import dashboard

    spent: dict[str, float] = {}

    def timed(module, name: str, label: str) -> None:  # noqa: ANN001 - a module
        inner = getattr(module, name)

        def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            cpu = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + (time.process_time() - cpu) * 1000

        setattr(module, name, wrapper)

    started: list[float] = []

    def collected(phase: str, info: dict) -> None:  # the collector's own time, by generation
        if phase == "start":
            started[:] = [time.process_time()]
        elif started:
            label = f"gc{info['generation']}"
            spent[label] = spent.get(label, 0.0) + (time.process_time() - started[0]) * 1000

    gc.callbacks.append(collected)
    timed(status_cache.StatusCache, "_recompute", "status pass")
    timed(status_queries, "load_status_inputs", "  load_status_inputs")
    timed(st, "compute", "  compute")
    timed(status_cache, "replaced", "  replaced")
    timed(status_cache, "merged_inputs", "  merged_inputs")
    timed(coordination_views, "_titles_after", "titles_after")
    timed(coordination_views, "timeline_after", "timeline_after")
    timed(coordination_views, "with_index", "with_index")
    timed(dashboard_delta, "dashboard", "dashboard_delta")
    timed(dashboard, "dashboard_rows", "dashboard_rows")
    return spent


def timeline_paint_figures(view, size: str, runs: int = 7) -> None:  # noqa: ANN001 - a TimelineView
    """The timeline (window 1366x768) painted again and scrolled by a page, at its top
    and its middle rows: CPU and wall (median of ``runs``), rows and arrows drawn."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    view.window().resize(1366, 768)
    app.processEvents()
    bar = view.verticalScrollBar()

    def timed(step) -> tuple[float, float]:  # noqa: ANN001
        out = []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            step()
            out.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
        return sorted(out, key=lambda t: t[1])[len(out) // 2]

    def scroll() -> None:
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()

    for where, top in (("top", 0), ("middle", bar.maximum() // 2)):
        bar.setValue(top)
        paint = timed(view.viewport().repaint)
        bar.setValue(top)
        page = timed(scroll)
        print(f"timeline at its {where} ({size}, 1366x768): a paint {paint[0]:.1f} ms wall,"
              f" {paint[1]:.1f} ms CPU; scroll by a page {page[0]:.1f} ms wall,"
              f" {page[1]:.1f} ms CPU ({view.painted_rows} rows,"
              f" {getattr(view, 'painted_arrows', '?')} arrows drawn; goal <= 100 ms)",
              flush=True)  # fmt: skip


def dashboard_figure(db, runs: int = 3):  # noqa: ANN001, ANN201 - a Database, a Dashboard
    """The dashboard's first paint with its own status pass (median of ``runs``)."""
    from desktop.models import coordination_views as cv
    from desktop.views.coordination.dashboard import Dashboard

    dash = Dashboard()
    dash.resize(1400, 800)

    def dashboard_shown() -> None:
        # first paint: the 催报 list follows in a second background step
        result = cv.overview(db, timeline=False, missing=False)
        dash.set_overview(result)
        dash.grab()

    report_wall_cpu(
        "dashboard: status pass + counts + lists + shown (province, background job)",
        median_wall_cpu(dashboard_shown, runs),
        "<= 300 ms",
    )
    from desktop.views.coordination.dashboard import dashboard_rows

    # as the window: the overview job builds the rows, the GUI thread sets and paints them
    result = cv.overview(db, timeline=False, missing=False)
    result["rows"] = dashboard_rows(result)
    report_wall_cpu(
        "  of which the GUI thread: set_overview + shown (rows from the job)",
        median_wall_cpu(lambda: (dash.set_overview(result), dash.grab()), runs),
        "-",
    )
    return dash


def cancel_figures(db, size: str) -> None:  # noqa: ANN001
    """How long a status pass runs on after its ``cancelled`` starts saying stop (the
    window closed mid-load waits for this), at a few points of the pass."""
    from desktop.models import status_queries
    from desktop.models.cancellation import Cancelled

    wall, cpu = time.perf_counter(), time.process_time()
    status_queries.compute_status(db, cancelled=lambda: False)
    whole = time.perf_counter() - wall
    report_wall_cpu(f"status pass asking cancelled() (never true, {size})",
                    ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000), "-")  # fmt: skip
    waits = []
    for share in (0.1, 0.3, 0.5, 0.7, 0.9):
        stop_at = time.perf_counter() + share * whole
        try:
            status_queries.compute_status(
                db, cancelled=lambda at=stop_at: time.perf_counter() >= at
            )
        except Cancelled:
            waits.append((time.perf_counter() - stop_at) * 1000)
        else:
            waits.append(float("nan"))  # finished before it was asked to stop
    print(f"status pass: ran on after cancel at 10/30/50/70/90 % ({size}): "
          + " / ".join(f"{w:.0f}" for w in waits) + " ms wall", flush=True)  # fmt: skip


def milestone_id(n: int) -> str:
    """The id of the ``n``-th milestone ``populate`` adds: a 36-character UUID, as the
    app gives every milestone (15-character ids made the window's kept milestone ids
    ~25 MB smaller at 200,000 milestones than a user's would be)."""
    from desktop.models.ids import stable_id

    return stable_id("bench_milestone", n)


def populate(store, seed: int = 3) -> None:  # noqa: ANN001
    """Milestones on ~2/3 of the tasks, extensions, and forward dependencies."""
    rng = random.Random(seed)
    today = date.today()
    tasks = [r[0] for r in store.db.execute("SELECT id FROM task ORDER BY plan_id, no")]
    items: dict[str, list[str]] = {}
    for item_id, task_id in store.db.execute("SELECT id, task_id FROM item"):
        items.setdefault(task_id, []).append(item_id)
    scheduled = tasks[: len(tasks) * 2 // 3]
    milestones, extensions = [], []
    total_milestones = MILESTONES_PER_TASK * len(tasks)
    total_dependencies = int(DEPENDENCIES_PER_TASK * len(tasks))
    for n in range(total_milestones):
        task_id = scheduled[n % len(scheduled)]
        due = today + timedelta(days=rng.randint(-200, 500))
        done = (
            (due - timedelta(days=rng.randint(0, 20))).isoformat() if rng.random() < 0.2 else None
        )
        row = {
            "id": milestone_id(n),
            "task_id": task_id,
            "item_id": rng.choice(items[task_id]) if rng.random() < 0.3 else None,
            "title": f"节点{n}",
            "due": due.isoformat(),
            "owner_unit_id": None,
            "done_date": done,
            "note": "",
            "position": n // len(scheduled),
            "current_due": None,
        }
        milestones.append(row)
        if not done and rng.random() < 0.05:
            row["current_due"] = (due + timedelta(days=60)).isoformat()
            extensions.append(
                {
                    "milestone_id": row["id"],
                    "old_due": row["due"],
                    "new_due": (due + timedelta(days=60)).isoformat(),
                    "reason": "延期",
                    "recorded_at": "2025-01-01T00:00:00.000+00:00",
                    "recorded_by": "",
                }
            )
    deps, seen = [], set()
    while len(deps) < total_dependencies:  # forward only (pred before succ): no cycles
        a = rng.randrange(0, total_milestones - 50)
        b = a + rng.randint(len(scheduled) + 1, len(scheduled) * 3)
        if b >= total_milestones or (a, b) in seen:
            continue
        seen.add((a, b))
        succ = ("milestone", milestones[b]["id"])
        if rng.random() < 0.5:
            succ = ("task", milestones[b]["task_id"])
        if succ == ("task", milestones[a]["task_id"]):
            continue
        deps.append(
            {
                "pred_kind": "milestone",
                "pred_id": milestones[a]["id"],
                "succ_kind": succ[0],
                "succ_id": succ[1],
                "lag_days": rng.choice((0, 0, 5, 10)),
            }
        )
    # a few dated values per target, for the target states (未达标 / 逾期达成 …)
    values = [
        {"target_id": target_id, "unit_id": None, "value": rng.random() * 2 * (goal or 1),
         "as_of": (today - timedelta(days=rng.randint(0, 900))).isoformat(), "note": ""}
        for target_id, goal in store.db.execute("SELECT id, value FROM target")
        for _ in range(TARGET_VALUES)
    ]  # fmt: skip
    with store.action("bench_populate") as tx:
        tx.insert_many("milestone", milestones)
        tx.insert_many("milestone_extension", extensions)
        tx.insert_many("dependency", deps)
        tx.insert_many("target_value", values)


def main() -> None:
    from bench.run import database_argument

    source = database_argument(__doc__)
    from PySide6.QtWidgets import QApplication

    from bench.run import median_ms
    from desktop.models import coordination_views as cv
    from desktop.models import status_queries
    from desktop.models.store import Store
    from desktop.views.fonts import ensure_cjk_font

    app = QApplication.instance() or QApplication([])
    ensure_cjk_font(app)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "coordination.db"
        shutil.copy(source, path)
        store = Store.open(path)
        started = time.perf_counter()
        if "--populated" not in sys.argv:  # a copy populated by an earlier run
            populate(store)
        counts = {
            t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("task", "milestone", "milestone_extension", "dependency", "target_value")
        }
        print(f"populated in {time.perf_counter() - started:.1f} s: {counts}", flush=True)
        db = store.db
        tasks = counts["task"]
        size = f"{tasks // 1000}k tasks"
        if "--edits-only" in sys.argv:
            edit_figures(store, size)
            store.close()
            return

        if "--dashboard-only" in sys.argv:
            dashboard_figure(db, 5)
            store.close()
            return

        _wall, raw_cpu = baseline_figures(path)  # (the host's speed, for the ratios)
        full = median_wall_cpu(lambda: status_queries.compute_status(db), 3)
        report_wall_cpu(
            f"compute_status: every status and risk flag ({size}, full pass)",
            full,
            "<= 300 ms at 10k, 1.5 s at 100k",
        )
        report_ratio("compute_status", full[1], raw_cpu)
        snap = status_queries.compute_status(db)
        print(
            f"  ({len(snap.milestones)} milestones, {len(snap.at_risk('task'))} tasks at risk,"
            f" {len(snap.blocking)} blocking units)"
        )

        cancel_figures(db, size)
        incremental_figures(store, size, raw_cpu)
        if "--status-only" in sys.argv:
            store.close()
            return
        report(
            "target states: every target against its deadline (province)",
            median_ms(lambda: cv.target_overview(db)),
            "-",
        )

        from desktop.views.coordination.dashboard import dashboard_rows, later_rows

        dash = dashboard_figure(db)
        titles = cv.task_titles(db)
        report(
            "overview job: status + dashboard + 催报 + timeline rows (background, all tasks)",
            median_ms(lambda: cv.overview(db), 3),
            "-",
        )

        def second_step() -> None:  # as the window's second step: the round, the targets
            later = cv.second_step(db, cv.current_period(snap.today), snap.today, titles)
            later.update(later_rows(later, titles))  # (in the job, as the window's)
            dash.set_missing(later["missing"], later["missing_groups"], later["missing_counts"])
            dash.set_targets([], later["target_rows"], later["targets_missed"])
            dash.grab()

        report(
            "dashboard 催报 list and target states: second background step + shown",
            median_ms(second_step, 3),
            "-",
        )
        result = cv.overview(db)
        result["rows"] = dashboard_rows(result)  # built in the background job
        report(
            "dashboard: view filled from a computed snapshot (GUI thread)",
            median_ms(lambda: (dash.set_overview(result), dash.grab()), 3),
            "-",
        )

        from desktop.views.coordination.timeline import TimelineWidget

        first_1000 = {
            r[0]
            for r in db.execute(
                "SELECT DISTINCT task_id FROM milestone ORDER BY task_id LIMIT 1000"
            )
        }
        widget = TimelineWidget()
        widget.resize(1600, 1000)
        widget.show()

        def timeline_painted() -> None:
            data = cv.timeline_data(db, snap, first_1000)
            widget.set_data(data)
            widget.grab()

        report(
            "timeline: 1,000 tasks built and painted (window 1600x1000)",
            median_ms(timeline_painted),
            "<= 1000 ms",
        )
        data = cv.timeline_data(db, snap, first_1000)
        assert len(data.tasks) == 1000, len(data.tasks)
        view = widget.view
        widget.set_data(data)
        full = view.row_height * 1000 + 60
        widget.resize(1600, full)

        def timeline_all_rows() -> None:
            widget.grab()

        report(
            f"timeline: all 1,000 rows painted at once (1600 x {full} px)",
            median_ms(timeline_all_rows, 3),
            "<= 1000 ms",
        )
        print(f"  (rows painted: {view.painted_rows}, arrows: {len(data.arrows)})")
        widget.close()
        dash.close()
        widget.deleteLater()
        dash.deleteLater()
        app.processEvents()
        store.close()


if __name__ == "__main__":
    main()
    # PySide6 6.12 can abort in interpreter teardown after offscreen grabs
    # ("none_dealloc"); every figure is printed by now, so leave directly.
    sys.stdout.flush()
    os._exit(0)
