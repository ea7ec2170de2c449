"""GUI start-up from process start: ``liandong --db PROVINCE`` until the window is painted.

    python -m bench.gui_startup [DB] [--runs 5] [--size 1366x768] [--baseline /work/main]

Each run is a fresh process that goes through the real entry point
(``desktop.cli.main`` → ``run_gui``: settings, single-instance guard, the start-up
database check, the main window) on a copy of the province database in a temporary
data folder, with bytecode cached (as in an installation; the first run fills the
cache and the file cache and is not counted). The child creates the ``QApplication`` itself, as a subclass whose
``exec()`` lets the window paint its first frame, paints it once more, prints the time since
the process started (wall, from ``/proc``) and the process CPU time (user + system) at the
end of the first frame, after the repaint and when every row is on screen (a database of
``BACKGROUND_LOAD_TASKS`` tasks or more reads its rows on a worker after the first
frame), and returns. (Work held for the first frame
starts between the two, so the second figure includes its first moments.) Median of
the runs (``--stale-index``: each start finds the kept matrix index stale and to be read
whole; ``--edit KIND``: before each start a real edit through the tree's own code, in
another process — ``role`` a unit's role on a work item in the middle plan (lead ↔
support), ``item`` a work item added to a task there, ``task`` a task added to that
plan, ``section`` a task moved to a new section, ``delete-plan`` that plan deleted,
``rename-unit`` a unit renamed — as a CLI command, a sync pull or a
window closed before its reload leaves it; by default a start reads the index back, kept
by the run before); ``python -X
importtime`` and ``-m cProfile`` on the child show where the time goes (``--child DB`` runs one child in this process). ``--baseline TREE`` runs
another checkout's code the same way, interleaved with this one (a loaded machine
inflates both alike: compare the ratio).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = Path(tempfile.gettempdir()) / "province.db"
#: The child: this file run as a script without its folder on the path (bench/sync.py
#: would hide the ``sync`` package), with the tree under test first on PYTHONPATH.
CHILD = (
    f"import sys; __name__ = '__main__'; __file__ = {str(Path(__file__).resolve())!r}; "
    f"exec(compile(open({str(Path(__file__).resolve())!r}).read(), 'gui_startup', 'exec'))"
)


def _since_process_start() -> float:
    fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    start_ticks = int(fields[19])
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def _now() -> tuple[float, float]:
    """(wall since process start, process CPU) in ms."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return _since_process_start() * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def child(db: str, size: str) -> None:
    """One start: print ``frame_wall frame_cpu wall cpu`` (ms): when the window's first
    frame was painted, and after one more full repaint and the pending events."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # the entry point's order (main.py → desktop.cli → the GUI's imports); the child
    # creates its QApplication subclass before calling it, so it imports them first
    from desktop.cli import main as cli_main

    try:
        from desktop.views.boot import import_for_gui
    except ImportError:  # a tree from before it: PySide6 first, as its cli did
        pass
    else:
        import_for_gui()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    width, height = (int(n) for n in size.split("x"))

    class FirstFrame(QObject):
        """The time right after the window's first frame (a 0 ms timer from its paint)."""

        def __init__(self) -> None:
            super().__init__()
            self.seen = False
            self.at: tuple[float, float] | None = None

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, self.done)
            return False

        def done(self) -> None:
            self.at = _now()

    class BenchApp(QApplication):
        def exec(self) -> int:  # type: ignore[override]
            from desktop.views.main_window import MainWindow

            window = next(w for w in self.topLevelWidgets() if isinstance(w, MainWindow))
            frame = FirstFrame()
            window.installEventFilter(frame)
            window.resize(width, height)
            self.processEvents()
            window.repaint()
            self.processEvents()
            wall, cpu = _now()
            frame_wall, frame_cpu = frame.at or (wall, cpu)
            # a large database's rows are read on a worker after the first frame
            while window._reload_job is not None:  # waiting, not spinning (1 ms sleeps)
                self.processEvents()
                time.sleep(0.001)
            rows_wall, rows_cpu = _now()
            print(
                f"{frame_wall:.0f} {frame_cpu:.0f} {wall:.0f} {cpu:.0f}"
                f" {rows_wall:.0f} {rows_cpu:.0f}",
                flush=True,
            )
            window.close()
            return 0

    BenchApp(sys.argv[:1])
    code = cli_main(["--db", db])
    sys.stdout.flush()
    os._exit(code or 0)  # skip teardown: only the start-up is measured


#: The edit (``--edit``): a separate process on the tree's own code (its store and
#: authoring API), argv: database, kind, run number.
EDIT = """
import sys
from desktop.models import authoring
from desktop.models.store import Store

db, kind, run = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = Store.open(db)
plans = [r[0] for r in store.db.execute("SELECT id FROM plan ORDER BY imported_at, rowid")]
plan = plans[len(plans) // 2]
task, item = store.db.execute(
    "SELECT t.id, i.id FROM task t JOIN item i ON i.task_id = t.id WHERE t.plan_id = ?"
    " ORDER BY t.no, i.position LIMIT 1",
    [plan],
).fetchone()
if kind == "role":
    unit = store.db.execute("SELECT id FROM unit ORDER BY name LIMIT 1").fetchone()[0]
    authoring.set_unit_role(store, item, unit, ("lead", "support")[run % 2])
elif kind == "item":
    authoring.add_item(store, task, f"基准新增的工作事项 {run}。")
elif kind == "task":
    authoring.add_task(store, plan, f"基准新增任务 {run}", text="基准新增任务的正文。")
elif kind == "section":
    section = authoring.add_section(store, plan, f"基准新的一节 {run}")
    authoring.edit_task(store, task, section_id=section)
elif kind == "delete-plan":
    from desktop.models import plan_undo

    plan_undo.delete_plan(store, plan)
elif kind == "rename-unit":
    unit = store.db.execute("SELECT id FROM unit ORDER BY name LIMIT 1").fetchone()[0]
    store.rename_unit(unit, f"基准改名的单位 {run}")
else:
    raise SystemExit(f"unknown edit {kind}")
store.close()
"""
EDITS = ("role", "item", "task", "section", "delete-plan", "rename-unit")


def _edit(tree: Path, db: Path, kind: str, run: int) -> None:
    """One ``--edit`` on ``db`` through ``tree``'s code."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", EDIT, str(db), kind, str(run)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"the edit failed ({tree}): {out.stderr[-2000:]}")


def _mark_index_stale(db: Path) -> None:
    """As a matrix write does (``schema_rows``): the kept index is read again, whole."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute("UPDATE rows_state SET gen = gen + 1, dirty = 1")
        with conn:
            conn.execute("UPDATE rows_state SET whole = 1")
    except sqlite3.OperationalError:  # a tree without the cache, or its first version
        pass
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", nargs="?", default=str(DEFAULT_DB))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--baseline", help="another checkout to time the same way")
    parser.add_argument(
        "--stale-index",
        action="store_true",
        help="mark the kept matrix index stale before every run (a start after an edit)",
    )
    parser.add_argument(
        "--edit",
        choices=EDITS,
        help="a real matrix edit before every run, through each tree's code (see above)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.db, args.size)
        return
    if not Path(args.db).exists():
        from bench.generate import generate

        generate(Path(args.db), plans=200)
    trees = {"this tree": ROOT}
    if args.baseline:
        trees["baseline " + args.baseline] = Path(args.baseline)
    #: (wall, CPU) pairs per moment of the start and per tree
    moments = ("first frame of the main window", "main window painted", "every row on screen")
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {
        moment: {name: [] for name in trees} for moment in moments
    }
    with tempfile.TemporaryDirectory() as data:
        # a copy per tree: a tree's migrations (and the cache it keeps) are its own, and
        # an older tree would stop at a database with a newer migration
        copies = {name: Path(data) / f"{name.split()[0]}.db" for name in trees}
        for db in copies.values():
            shutil.copyfile(args.db, db)
        for run in range(args.runs + 1):  # the first run fills the caches: not counted
            for name, tree in trees.items():
                db = copies[name]
                if args.stale_index:
                    _mark_index_stale(db)
                if args.edit:
                    _edit(tree, db, args.edit, run)
                env = {
                    **os.environ,
                    "PYTHONPATH": str(tree),
                    "LIANDONG_DATA_DIR": str(Path(data) / name.split()[0]),
                    "XDG_CONFIG_HOME": str(Path(data) / name.split()[0]),  # fresh settings
                    "QT_QPA_PLATFORM": "offscreen",
                    # bytecode cached as in an installation (this machine sets DONTWRITEBYTECODE)
                    "PYTHONPYCACHEPREFIX": str(Path(data) / "pycache"),
                }
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                out = subprocess.run(
                    [sys.executable, "-c", CHILD, str(db), "--child", "--size", args.size],
                    cwd=tree,
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if out.returncode != 0 or not out.stdout.strip():
                    print(f"start-up run FAILED ({name}): {out.stderr[-2000:]}", flush=True)
                    return
                numbers = [float(n) for n in out.stdout.split()[-6:]]
                if run:
                    for i, moment in enumerate(moments):
                        samples[moment][name].append((numbers[2 * i], numbers[2 * i + 1]))
    load = os.getloadavg()[0]
    notes = {
        "main window painted": f"goal <= 1500 ms; load average {load:.1f}; ",
        "every row on screen": "a database of BACKGROUND_LOAD_TASKS tasks or more reads them "
        "after the first frame; ",
    }
    for moment in moments:
        for name, pairs in samples[moment].items():
            walls, cpus = [w for w, _ in pairs], [c for _, c in pairs]
            print(
                f"{moment} at {args.size}, from process start ({Path(args.db).name}, {name}): "
                f"{statistics.median(walls):.0f} ms wall, {statistics.median(cpus):.0f} ms CPU "
                f"({notes.get(moment, '')}median of {len(walls)}; "
                f"wall {min(walls):.0f}–{max(walls):.0f}, CPU {min(cpus):.0f}–{max(cpus):.0f})",
                flush=True,
            )


if __name__ == "__main__":
    main()
