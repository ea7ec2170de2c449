"""The status pass alone (issues 12 and 14): time and memory of ``compute_status``.

    python -m bench.status_pass DB_PATH [--runs N] [--phases] [--kept] [--baseline TREE]

DB_PATH: a database populated as ``bench.duban`` populates its copy (the milestones of
``bench.coordination`` and the 督办 workflow data); it is left as it was: a private copy,
migrated by this tree's store (its schema and indexes: two trees compared each measure
their own), is what is measured. Prints the median
wall and process CPU time of a full pass (and of one keeping a reporting round's rows, the
overview's, and of a pass whose every state is then read: states are built when first
read), then, measured in a fresh process, the peak
resident memory before and after one pass (what the pass adds at its peak) and the
memory still held while its snapshot is kept. On a shared machine judge by CPU time
and by ratios against a baseline tree measured in the same run. ``--phases``: only
where a full pass goes (loading the rows, computing, the roll-up; user and system CPU:
the system part is mostly SQLite re-reading pages its 2 MB cache cannot hold).
``--kept``: only the Python memory a status cache's full pass keeps and its peak
(tracemalloc), and what the 未达序时 count adds. ``--peaks``: where a status cache's full
pass peaks, in a fresh process (Linux): each step's resident size at its end, the peak
during it (``VmHWM``, reset at each mark through ``/proc/self/clear_refs``) and its CPU:
the loader at each of its checkpoints, the compaction, the pass, the kept columns, the
roll-up and the dependencies' links. Whichever step peaks highest sets the window's peak.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from bench.briefing import peak_mb
from bench.run import median_wall_cpu, report_wall_cpu


def _resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory_of_one_pass(path: Path) -> None:
    """(run in a fresh process) peak and resident memory around one full pass."""
    from sqlite_utils import Database

    from desktop.models.status_queries import compute_status

    db = Database(path)
    db.execute("SELECT count(*) FROM milestone").fetchone()
    before = peak_mb()
    snapshot = compute_status(db)
    print(
        f"status pass memory: peak {before:.0f} -> {peak_mb():.0f} MiB"
        f" (+{peak_mb() - before:.0f} MiB), {_resident_mb():.0f} MiB resident while the"
        f" snapshot of {len(snapshot.milestones)} milestones is kept",
        flush=True,
    )
    for table in (snapshot.milestones, snapshot.items, snapshot.tasks):
        for _state in table.values():
            pass
    print(
        f"  after every state was read: peak {peak_mb():.0f} MiB, {_resident_mb():.0f} MiB"
        " resident",
        flush=True,
    )


def kept_by_the_cache(path: Path) -> None:
    """(run in a fresh process) the Python memory a ``StatusCache`` full pass keeps (as
    the window keeps it) and its peak, traced (tracemalloc: independent of the host's
    load), then what counting the 未达序时 tile (``values_of(tasks, "behind")``) adds."""
    import gc
    import tracemalloc

    from sqlite_utils import Database

    from desktop.models.status_cache import StatusCache
    from desktop.models.status_tables import values_of

    db = Database(path)
    db.execute("SELECT count(*) FROM milestone").fetchone()
    cache = StatusCache()
    gc.collect()
    tracemalloc.start()
    snapshot = cache.snapshot(db)
    gc.collect()
    kept, peak = tracemalloc.get_traced_memory()
    print(
        f"status cache full pass: {kept / 2**20:.1f} MiB kept, {peak / 2**20:.1f} MiB at its"
        f" peak (traced; {len(snapshot.milestones)} milestones)",
        flush=True,
    )
    tracemalloc.reset_peak()
    behind = sum(1 for late in values_of(snapshot.tasks, "behind").values() if late)
    gc.collect()
    now, peak = tracemalloc.get_traced_memory()
    print(
        f"  + the 未达序时 count ({behind} tasks): {(now - kept) / 2**20:+.1f} MiB kept,"
        f" {(peak - kept) / 2**20:+.1f} MiB at its peak",
        flush=True,
    )
    tracemalloc.stop()


def peaks_of_the_cache(path: Path) -> None:
    """(run in a fresh process) a ``StatusCache`` full pass, step by step: resident MiB
    at each mark, the peak since the mark before, CPU ms (see the module)."""
    import time
    from collections.abc import Callable

    from sqlite_utils import Database

    from desktop.heap import return_large_blocks
    from desktop.models import (
        authoring_queries,
        status_cache,
        status_pass,
        status_queries,
        status_rows,
        workflow_inputs,
    )  # fmt: skip
    from desktop.models.cancellation import CancelCheck

    return_large_blocks()  # (as the window runs)
    clear_refs = Path("/proc/self/clear_refs")
    if not clear_refs.exists():
        raise SystemExit("--peaks needs Linux (/proc/self/clear_refs)")
    last = [time.process_time()]
    # a run of marks of one name (a checkpoint per batch of rows) as one line:
    # [name, times, resident at the last, the highest peak, CPU]
    run: list[Any] = []

    def flush() -> None:
        if run:
            name, times, resident, peak, cpu = run
            label = f"{name} ×{times}" if times > 1 else name
            print(f"  {label:40s} {resident:7.1f} {peak:7.1f} {cpu * 1000:7.0f}", flush=True)
            run.clear()

    def mark(name: str) -> None:
        fields = dict(
            line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
        )
        resident, peak = (int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM"))
        now = time.process_time()
        if run and run[0] == name:
            run[1:] = [run[1] + 1, resident, max(run[3], peak), run[4] + now - last[0]]
        else:
            flush()
            run[:] = [name, 1, resident, peak, now - last[0]]
        clear_refs.write_text("5")  # (the peak counted from here)
        last[0] = now

    def marked(owner: object, name: str) -> None:
        step: Callable[..., object] = getattr(owner, name)

        def run(*args: object, **kwargs: object) -> object:
            mark(f"(before {name})")
            result = step(*args, **kwargs)
            mark(name)
            return result

        setattr(owner, name, run)

    checkpoint = status_queries.check

    def check(cancelled: CancelCheck | None) -> None:  # the loader's own checkpoints
        caller = sys._getframe(1)
        mark(f"  {caller.f_code.co_name}:{caller.f_lineno}")
        checkpoint(cancelled)

    status_queries.check = status_rows.check = check
    for owner, name in (
        (workflow_inputs, "load_workflow_inputs"), (status_pass, "compute_pass"),
        (status_cache, "keep_compact"), (authoring_queries, "apply_rollup"),
        (status_cache.StatusCache, "_put_dependencies"),
    ):  # fmt: skip
        marked(owner, name)
    db = Database(path)
    db.execute("SELECT count(*) FROM milestone").fetchone()
    print("status cache full pass by step: resident MiB at the mark, peak since the mark"
          " before, CPU ms", flush=True)  # fmt: skip
    mark("start")
    status_cache.StatusCache().snapshot(db)
    mark("the snapshot returned")
    flush()


def phases(path: Path, runs: int) -> None:
    """Median CPU of a full pass's phases, as ``compute_status`` runs them."""
    from sqlite_utils import Database

    from desktop.models import status as st
    from desktop.models.authoring_queries import apply_rollup
    from desktop.models.status_queries import load_status_inputs

    db = Database(path)
    today = date.today()
    figures: dict[str, list[float]] = {}
    for run in range(runs + 1):  # (the first is a warm-up)
        marks = [("start", resource.getrusage(resource.RUSAGE_SELF))]
        with st.collector_paused(promote=True):
            inputs = load_status_inputs(db, share=False)  # (as ``compute_status``)
            marks.append(("loading the rows", resource.getrusage(resource.RUSAGE_SELF)))
            snapshot = st.compute(inputs, today)
            marks.append(("computing", resource.getrusage(resource.RUSAGE_SELF)))
            apply_rollup(db, snapshot)
            marks.append(("roll-up", resource.getrusage(resource.RUSAGE_SELF)))
        del inputs, snapshot
        marks.append(("freeing the snapshot", resource.getrusage(resource.RUSAGE_SELF)))
        if not run:
            continue
        for (_name, before), (name, after) in zip(marks, marks[1:], strict=False):
            user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
            figures.setdefault(f"{name} user", []).append(user * 1000)
            figures.setdefault(f"{name} system", []).append(system * 1000)
    for name, values in figures.items():
        print(f"  {name}: {statistics.median(values):.0f} ms CPU (median of {runs})", flush=True)


def main() -> None:
    from bench.run import bounded_int, database_argument

    path = database_argument(__doc__)  # (an existing file: a mistyped one is refused)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--runs", type=bounded_int(1, 100), default=5)
    parser.add_argument("--phases", action="store_true")
    parser.add_argument("--kept", action="store_true")
    parser.add_argument("--peaks", action="store_true")
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--rounds", type=bounded_int(1, 20), default=3)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)  # (child)
    parser.add_argument("--peaks-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()  # (a usage error for a bad value, before any work)
    if args.baseline is not None and not (args.baseline / "desktop" / "models").is_dir():
        parser.error(f"--baseline: {args.baseline} is not a Liandong checkout")
    if args.memory:  # (the fresh process below, given the migrated copy)
        memory_of_one_pass(path)
        return
    if args.peaks_child:
        peaks_of_the_cache(path)
        return
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        from desktop.models.store import Store

        Store.open(copy).close()  # migrated as this tree migrates
        measure(copy, args)


def compare_trees(path: Path, baseline: Path, runs: int, rounds: int) -> None:
    """``compute_status``'s CPU by this tree and by ``baseline``, each round a fresh
    process per tree (``runs`` passes each), and the ratio of the medians of all runs."""
    import json
    import os

    child = Path(__file__).with_name("status_of_tree.py")
    trees = {"this tree": Path(__file__).resolve().parent.parent, "baseline": baseline.resolve()}
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    times: dict[str, list[float]] = {name: [] for name in trees}
    for number in range(rounds):
        for name, tree in trees.items():
            done = subprocess.run(
                [sys.executable, str(child), str(tree), str(path), str(runs)],
                env=env, capture_output=True, text=True,
            )  # fmt: skip
            if done.returncode:  # (a tree that cannot read this database: its last words)
                last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
                raise SystemExit(f"compute_status of {tree} failed: {last}")
            found = json.loads(done.stdout.splitlines()[-1])["cpu_ms"]
            times[name] += found
            print(f"  round {number + 1}, {name}: median {statistics.median(found):.0f} ms CPU"
                  f" (min {min(found):.0f})", flush=True)  # fmt: skip
    mine, theirs = (statistics.median(times[name]) for name in trees)
    print(f"compute_status, this tree: {mine:.0f} ms CPU; the baseline {trees['baseline']}:"
          f" {theirs:.0f} ms CPU (medians of {rounds} x {runs});"
          f" ratio {mine / theirs:.2f}", flush=True)  # fmt: skip


def measure(path: Path, args: argparse.Namespace) -> None:
    """The figures ``args`` ask for, on ``path`` (a migrated private copy)."""
    if args.kept:
        kept_by_the_cache(path)
        return
    if args.peaks:  # (a fresh process: this one's imports and copy are not counted)
        command = [sys.executable, "-m", "bench.status_pass", str(path), "--peaks-child"]
        subprocess.run(command, check=True)
        return
    runs = args.runs
    if args.baseline is not None:
        compare_trees(path, args.baseline, runs, args.rounds)
        return
    if args.phases:
        phases(path, runs)
        return
    from sqlite_utils import Database

    from desktop.models.status_queries import compute_status

    db = Database(path)
    tasks = db.execute("SELECT count(*) FROM task").fetchone()[0]
    today = date.today()
    report_wall_cpu(
        f"compute_status: full pass ({tasks // 1000}k tasks, {path.name})",
        median_wall_cpu(lambda: compute_status(db, today), runs),
        "<= 300 ms at 10k, 1.5 s at 100k",
    )
    report_wall_cpu(
        "compute_status keeping a reporting round's rows (rounds=True: the overview's)",
        median_wall_cpu(lambda: compute_status(db, today, rounds=True), runs),
        "-",
    )

    def every_state() -> None:
        """A pass, then every state read (as the dashboard and the all-units table
        do): the states are built when first read."""
        snapshot = compute_status(db, today)
        for table in (snapshot.milestones, snapshot.items, snapshot.tasks):
            for _state in table.values():
                pass

    report_wall_cpu(
        "compute_status + every milestone, item and task state read",
        median_wall_cpu(every_state, runs),
        "-",
    )
    subprocess.run([sys.executable, "-m", "bench.status_pass", str(path), "--memory"], check=True)


if __name__ == "__main__":
    main()
