"""Edits in the real window at a database's size: what each costs, and the collector's pauses.

    python -m bench.window_edits DB_PATH [--edits 12] [--all-kinds]

Opens the main window on a private copy of DB_PATH as ``liandong`` does (start-up objects
frozen, the collector off until the window is built), waits for every load, visits
工作台, 总览, 时间轴 and the matrix, then makes ``--edits`` edits through the window's
own actions (a milestone's due date, 完成, 延期, a new dependency, in turn) and waits
each time until the views show it. Per edit it prints the GUI thread's CPU for the store
action and its listeners, the background jobs' CPU (the overview job; the second step
when the edit changed what it reads; the matrix's reload when it wrote a matrix table),
each read job's body by name, the GUI thread's CPU applying the overview and then the
second step (the 总览 tabs' rows set), and the wall time until the views were updated (after the window's debounce, ``REFRESH_DELAY_MS``). Every full
(generation-2) collection is printed as it happens, with its length and the phase it fell
in: a full collection holds the interpreter, so the window freezes meanwhile.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# The edits made in turn: a milestone's due date, 完成, 延期, a new dependency; with
# ``--all-kinds`` also a progress report (the 催报 round's tasks judged again) and a task's
# new title (the kept round and target rows relabelled; the matrix reloaded).
KINDS = ("due", "done", "extend", "depend", "report", "title")


# The milestones edited: open ones that another node depends on (the edit reaches it).
EDITED_MILESTONES = (
    "SELECT d.pred_id FROM dependency d JOIN milestone m ON m.id = d.pred_id"
    " WHERE d.pred_kind = 'milestone' AND m.done_date IS NULL ORDER BY d.rowid LIMIT 60"
)


class Recorder:
    """The phase the window is in, the full collections and the jobs' CPU of each."""

    def __init__(self) -> None:
        self.phase = "start"
        self.full: list[tuple[str, float]] = []
        self.job_ms: dict[str, float] = {}
        # per phase: each read job's body by name and its CPU (ms)
        self.bodies: dict[str, dict[str, float]] = {}
        self._started = 0.0

    def collection(self, stage: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if stage == "start":
            self._started = time.perf_counter()
            return
        ms = (time.perf_counter() - self._started) * 1000
        self.full.append((self.phase, ms))
        print(f"   full collection: {ms:.0f} ms during {self.phase}", flush=True)

    def timed_job(self, deliver: Callable[[Any], None]) -> Callable[[Any], None]:
        def run(runnable: Any) -> None:
            started = time.thread_time()
            try:
                deliver(runnable)
            finally:
                used = (time.thread_time() - started) * 1000
                self.job_ms[self.phase] = self.job_ms.get(self.phase, 0.0) + used

        return run

    def timed_body(self, snapshot: Callable[..., Any]) -> Callable[..., Any]:
        """``ops._in_one_snapshot`` that also records each read body's CPU by name."""

        def wrapped(body: Callable[..., Any]) -> Callable[..., Any]:
            read = snapshot(body)
            name = getattr(body, "__name__", "?")

            def run(store: Any, *args: Any) -> Any:
                phase, started = self.phase, time.thread_time()
                try:
                    return read(store, *args)
                finally:
                    mine = self.bodies.setdefault(phase, {})
                    mine[name] = mine.get(name, 0.0) + (time.thread_time() - started) * 1000

            return run

        return wrapped


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(path: str, edits: int, all_kinds: bool = False) -> None:
    from desktop.views.boot import import_for_gui

    import_for_gui()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.models.store import Store
    from desktop.views import jobs, ops
    from desktop.views.fonts import ensure_cjk_font
    from desktop.views.main_window import MainWindow

    recorder = Recorder()
    gc.callbacks.append(recorder.collection)
    jobs._Runnable._deliver = recorder.timed_job(jobs._Runnable._deliver)  # type: ignore[method-assign]
    ops._in_one_snapshot = recorder.timed_body(ops._in_one_snapshot)
    app = QApplication.instance() or QApplication([])
    ensure_cjk_font(app)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())

    def settle() -> None:
        """Until the debounce timers fired and no job runs (twice: a job may start one)."""
        for _ in range(2):
            until = time.perf_counter() + 0.4
            while time.perf_counter() < until or jobs.active_jobs():
                app.processEvents()
                time.sleep(0.002)

    started = time.process_time()
    store = Store.open(path)
    gc.freeze()  # as ``run_gui``
    window = MainWindow(store, remember_layout=False)
    gc.enable()
    window.resize(1366, 768)
    window.show()
    recorder.phase = "load"
    settle()
    for key in ("home", "dashboard", "timeline", "matrix"):
        recorder.phase = f"page {key}"
        window.show_page(key)
        settle()
    print(f"loaded, every page visited: {time.process_time() - started:.1f} s CPU,"
          f" RSS {_rss_mb():.0f} MB", flush=True)  # fmt: skip

    hub = window.coordination
    applied: list[float] = []
    loaded = hub._loaded

    def timed_loaded(result: object) -> None:
        cpu = time.thread_time()
        loaded(result)
        applied.append((time.thread_time() - cpu) * 1000)

    hub._loaded = timed_loaded  # type: ignore[method-assign]
    step_landed = hub._missing_done

    def timed_step(*args: Any) -> None:  # (the second step's rows set in the 总览 tabs)
        cpu = time.thread_time()
        step_landed(*args)
        applied.append((time.thread_time() - cpu) * 1000)

    hub._missing_done = timed_step  # type: ignore[method-assign]
    hub._job = None  # (the connection is made per job: the next one uses the wrapper)
    db = store.db
    picked = db.execute(EDITED_MILESTONES).fetchall()
    tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY rowid LIMIT 80")]
    today = date.today()
    kinds = KINDS if all_kinds else KINDS[:4]
    rows: list[tuple[str, float, float, float, float]] = []
    for n in range(edits):
        kind = kinds[n % len(kinds)]
        milestone = picked[n % len(picked)][0]
        recorder.phase = f"edit {n + 1} ({kind})"
        applied.clear()
        wall, cpu = time.perf_counter(), time.thread_time()
        if kind == "due":
            due = (today - timedelta(days=n % 9 + 1)).isoformat()
            hub.actions.update_milestone(milestone, due=due, confirm_before_plan_date=True)
        elif kind == "done":
            hub.actions.mark_done(milestone, today.isoformat(), confirm_before_plan_date=True)
        elif kind == "extend":
            due = db.execute(
                "SELECT coalesce(current_due, due) FROM milestone WHERE id = ?", [milestone]
            ).fetchone()[0]
            hub.actions.extend(
                milestone, (date.fromisoformat(due) + timedelta(days=30)).isoformat(), "延期"
            )
        elif kind == "depend":
            hub.actions.add_dependency(("task", tasks[n % 40]), ("task", tasks[40 + n % 40]))
        elif kind == "report":
            period = f"{today:%Y-%m}"
            task_id, unit_id = db.execute(
                "SELECT i.task_id, a.unit_id FROM task t CROSS JOIN item i ON i.task_id = t.id"
                " CROSS JOIN assignment a ON a.item_id = i.id WHERE t.rowid > ?"
                " AND t.archived IS NULL AND NOT EXISTS (SELECT 1 FROM report r"
                " WHERE r.task_id = i.task_id AND r.unit_id = a.unit_id AND r.period = ?)"
                " LIMIT 1",
                [1000 * (n + 1), period],
            ).fetchone()
            hub.actions.add_report(task_id, unit_id, period=period, text="推进", percent=50)
        else:  # a task's title: the titles every list shows
            from desktop.models import authoring

            authoring.edit_task(store, tasks[n % 80], title=f"改名的任务 {n}")
        action_ms = (time.thread_time() - cpu) * 1000
        while not applied:  # the overview landed and was applied
            app.processEvents()
            time.sleep(0.001)
        shown_ms = (time.perf_counter() - wall) * 1000
        settle()  # the second step, when it runs
        rows.append(
            (kind, action_ms, recorder.job_ms.get(recorder.phase, 0.0), sum(applied), shown_ms)
        )
        bodies = sorted(recorder.bodies.get(recorder.phase, {}).items(), key=lambda b: -b[1])
        print(f"edit {n + 1} ({kind}): action {action_ms:.0f} ms, jobs {rows[-1][2]:.0f} ms"
              f" ({', '.join(f'{name} {ms:.0f}' for name, ms in bodies)}),"
              f" applied {applied[0]:.0f} ms (+ {sum(applied[1:]):.0f} ms the second step's)"
              f" (CPU); shown after {shown_ms:.0f} ms wall;"
              f" RSS {_rss_mb():.0f} MB", flush=True)  # fmt: skip
    recorder.phase = "close"
    window.close()
    settle()
    for kind in kinds:
        mine = sorted(r[1] + r[2] + r[3] for r in rows if r[0] == kind)
        if mine:
            print(f"  {kind}: {', '.join(f'{ms:.0f}' for ms in mine)} ms CPU", flush=True)
    totals = sorted(r[1] + r[2] + r[3] for r in rows)
    print(f"per edit, CPU of action + jobs + applying (ms): median {totals[len(totals) // 2]:.0f},"
          f" slowest {totals[-1]:.0f}", flush=True)  # fmt: skip
    later = [(phase, ms) for phase, ms in recorder.full if phase.startswith(("edit", "close"))]
    print(f"full collections: {len(recorder.full)} ({sum(ms for _, ms in recorder.full):.0f} ms);"
          f" longest while loading {max((ms for p, ms in recorder.full if not p.startswith(('edit', 'close'))), default=0):.0f} ms;"
          f" during the edits and the close: {len(later)} ({sum(ms for _, ms in later):.0f} ms)",
          flush=True)  # fmt: skip
    store.close()


def main() -> None:
    from bench.run import bounded_int, database_argument

    source = database_argument(__doc__)  # an existing file: a mistyped one is refused
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="the database (a private copy is opened)")
    parser.add_argument("--edits", type=bounded_int(1, 200), default=12)
    parser.add_argument("--all-kinds", action="store_true")
    args = parser.parse_args()
    import sqlite3

    probe = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        found = probe.execute(EDITED_MILESTONES).fetchone()
    except sqlite3.Error:
        found = None
    finally:
        probe.close()
    if found is None:
        parser.exit(2, f"{source}: no open milestone with a dependency to edit; populate a copy"
                       " first (python -m bench.coordination COPY --populated)\n")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.db"
        shutil.copy(source, copy)
        child(str(copy), args.edits, args.all_kinds)


if __name__ == "__main__":
    main()
