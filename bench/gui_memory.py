"""The GUI's memory by stage at a database's size (issue 14, "memory flat").

    python -m bench.gui_memory DB [--runs 1] [--baseline TREE] [--trace] [--owners] [--step]

Each run is a fresh process (this file run as a script, the tree under test first on
``PYTHONPATH``) that opens the main window on a private copy of DB at 1366×768, waits
for the row load (the status pass held back), then for the first status pass and the
overview's second step (催报 list and targets), then visits 工作台, 总览, 时间轴 and the
matrix, and prints the resident size (``VmRSS``), its peak so far (``VmHWM``) and the
process CPU time after each stage. ``--trace``: also the 25 source lines holding the most
Python memory after the overview (tracemalloc; slows the run 5-10× and adds its own
memory); with it every stage also prints the traced Python memory held and its peak
during the stage (what a stage allocates only for a while). ``--owners``: after the
overview and at the end, the Python objects the window keeps, by owner (the matrix
model, the status snapshot, the 催报 round, the titles…: each object counted once, for
the first owner that reaches it; ``owner_sizes``; the status snapshot and the status
cache by part: each input field, each value its states' makers hold, the cache's graph,
tally and memo entries; a dict's str keys counted too). ``--baseline TREE`` runs another
checkout's code the same way, interleaved. ``--step``: instead of the window, the
overview's second step alone (``dashboard.second_step_job`` with the overview's titles):
its process CPU, then, traced, what it keeps and its peak (tracemalloc), and the resident
size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = str(Path(__file__).resolve())
CHILD = (
    f"import sys; __name__ = '__child__'; __file__ = {HERE!r}; "
    f"exec(compile(open({HERE!r}).read(), 'gui_memory', 'exec')); child()"
)


def _status(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0


def owner_sizes(window: object) -> list[tuple[str, int, int]]:
    """(owner, bytes, objects) of what the window keeps, walking each owner's Python
    objects (``gc.get_referents``; ``sys.getsizeof`` each, shared ones counted once for
    the first owner in this order); a Qt object is entered only as an owner itself (its
    attributes), not when reached from another. Last: what the collector tracks that no
    owner reached (shallow sizes: imports, Qt wrappers, caches). The walk's own set of
    seen ids raises the process's peak (~250 MB at 100k tasks): read the stages' peaks
    from a run without ``--owners``."""
    import gc
    import types

    from PySide6.QtCore import QObject

    skipped = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType,
               types.MethodType, types.CodeType, types.FrameType)  # fmt: skip
    seen: set[int] = set()

    def deep(root: object) -> tuple[int, int]:
        size = count = 0
        stack = [root]
        while stack:
            obj = stack.pop()
            if id(obj) in seen or isinstance(obj, skipped):
                continue
            seen.add(id(obj))
            if isinstance(obj, QObject):
                if obj is root and hasattr(obj, "__dict__"):
                    stack.append(obj.__dict__)
                continue
            size += sys.getsizeof(obj)
            count += 1
            stack.extend(gc.get_referents(obj))
            if type(obj) is dict:  # (a dict of str keys does not show its keys to the walk)
                stack.extend(obj)
        return size, count

    hub = window.coordination  # type: ignore[attr-defined]
    result = hub.result or {}
    roots: list[tuple[str, object]] = [
        ("matrix model", window.matrix_model),  # type: ignore[attr-defined]
        ("matrix proxy", window.matrix_proxy),  # type: ignore[attr-defined]
        ("plan tree model", window.tree_model),  # type: ignore[attr-defined]
    ]
    roots += _status_parts(hub.snapshot, hub.status_cache)
    roots.append(("status snapshot (rest)", hub.snapshot))
    for key in ("titles", "dashboard", "rows", "timeline", "missing", "missing_groups",
                "target_rows"):  # fmt: skip
        roots.append((f"overview[{key!r}]", result.get(key)))
    roots += [("overview (other keys)", result),
              ("status cache (rest)", hub.status_cache),
              ("总览 page", hub._dashboard),
              ("工作台 page", hub._workspace), ("时间轴 page", hub._timeline),
              ("the hub (rest)", hub), ("the window (rest)", window)]  # fmt: skip
    out = [(name, *deep(root)) for name, root in roots if root is not None]
    rest = count = 0
    tracked = gc.get_objects()
    seen.update((id(tracked), id(seen), id(out)))
    for obj in tracked:
        if id(obj) not in seen and not isinstance(obj, skipped):
            rest += sys.getsizeof(obj)
            count += 1
    out.append(("not reached from the window (shallow)", rest, count))
    return out


def _status_parts(snap: Any, cache: Any) -> list[tuple[str, object]]:
    """The status snapshot's and the status cache's parts, each an owner of its own
    (``--owners``): the states built so far, each input field (a column's index, values
    and keys outside the index), each value a state's maker or peeker holds (a closure's
    cells: the walk enters no function), the cache's graph and tally fields."""
    import types

    parts: list[tuple[str, object]] = []
    if snap is None:
        return parts
    for kind in ("tasks", "items", "milestones"):
        states = getattr(snap, kind)
        parts.append((f"snapshot.{kind}: states built", getattr(states, "_made", None)))
        parts.append((f"snapshot.{kind}: keys", getattr(states, "_keys", None)))
    inputs = snap.inputs
    for name in getattr(inputs, "__dataclass_fields__", {}):
        value = getattr(inputs, name)
        for slot in getattr(type(value), "__slots__", ()):
            parts.append((f"snapshot.inputs.{name}.{slot}", getattr(value, slot, None)))
        parts.append((f"snapshot.inputs.{name}", value))
    for kind in ("tasks", "items", "milestones"):
        states = getattr(snap, kind)
        functions = [getattr(states, slot, None) for slot in ("_make", "_peek", "_columns")]
        while functions:
            function = functions.pop()
            if isinstance(function, types.MethodType):  # (``status_kept.PassTables``)
                for slot in getattr(type(function.__self__), "__slots__", ()):
                    value = getattr(function.__self__, slot, None)
                    parts.append((f"snapshot.{kind}: the pass's kept {slot}", value))
                function = function.__func__
            if not isinstance(function, types.FunctionType):
                continue
            cells = zip(function.__code__.co_freevars, function.__closure__ or (), strict=True)
            for name, cell in cells:
                value = cell.cell_contents
                if isinstance(value, types.FunctionType):
                    functions.append(value)
                else:
                    parts.append((f"snapshot.{kind}: the pass's {name}", value))
    for name in ("roots", "blocking", "cycle_paths", "cycle_dependency_ids"):
        parts.append((f"snapshot.{name}", getattr(snap, name, None)))
    for owner, prefix in ((getattr(cache, "_graph", None), "graph"),
                          (getattr(cache, "_tally", None), "tally")):  # fmt: skip
        for name, value in getattr(owner, "__dict__", {}).items():
            parts.append((f"status cache: {prefix}.{name}", value))
    for name, value in getattr(cache, "memo", {}).items():
        for key, part in value.items() if isinstance(value, dict) else ():
            parts.append((f"status cache: memo[{name!r}][{key!r}]", part))
        parts.append((f"status cache: memo[{name!r}]", value))
    return parts


def _time_gui_thread_steps() -> dict[str, list[tuple[float, float]]]:
    """Wraps the window's GUI-thread steps of an overview (the pass's result shown, the
    second step shown, a page built in idle time, a hidden table's columns sized) to
    time each call: name → [(wall ms, CPU ms)]."""
    import functools

    from desktop.views.coordination.dashboard import FitColumns
    from desktop.views.coordination.integration import CoordinationHub
    from desktop.views.coordination.timeline import TimelineView
    from desktop.views.pages import PageHost

    blocks: dict[str, list[tuple[float, float]]] = {}

    def timing(step: Any, name: Callable[..., str]) -> Any:
        @functools.wraps(step)
        def timed(*args: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return step(*args)
            finally:
                took = (1000 * (time.perf_counter() - wall), 1000 * (time.process_time() - cpu))
                blocks.setdefault(name(*args), []).append(took)

        return timed

    steps = [(CoordinationHub, "_loaded", lambda *_: "first overview shown"),
             (CoordinationHub, "_missing_done", lambda *_: "second step shown (催报, targets)"),
             (PageHost, "_built", lambda _host, page: f"page {page.key} built"),
             # (its first paint built the arrows' index before the overview's job did)
             (TimelineView, "paintEvent", lambda *_: "timeline painted"),
             (FitColumns, "_fit_while_hidden",
              lambda fit: f"columns sized while hidden ({type(fit.view.model()).__name__})")]  # fmt: skip
    for owner, attr, name in steps:
        if hasattr(owner, attr):  # (an older tree may not have it)
            setattr(owner, attr, timing(getattr(owner, attr), name))
    return blocks


def second_step_child(path: str) -> None:
    """``--step``: the overview's second step alone (see the module docstring)."""
    import gc
    import tracemalloc

    from desktop.models import coordination_views as cv
    from desktop.models.store import Store
    from desktop.views.coordination.dashboard import second_step_job

    store = Store.open(path)
    titles = cv.task_titles(store.db)
    gc.freeze()
    period = cv.current_period()
    cpu = []
    for _ in range(2):
        start = time.process_time()
        later = second_step_job(store, period, None, titles)
        cpu.append(1000 * (time.process_time() - start))
        del later
    tracemalloc.start(1)
    later = second_step_job(store, period, None, titles)
    held, peak = tracemalloc.get_traced_memory()  # (with its result alive)
    tracemalloc.stop()
    del later
    print(f"second step: CPU {cpu[0]:.0f} / {cpu[1]:.0f} ms; traced: kept {held / 2**20:.1f} MB,"
          f" peak {peak / 2**20:.1f} MB; RSS {_status('VmRSS'):.1f} MB", flush=True)  # fmt: skip
    store.close()


def child() -> None:
    """One run, on the database path in ``argv[-1]`` (a private copy)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if "--step" in sys.argv:
        second_step_child(sys.argv[-1])
        return
    trace = "--trace" in sys.argv
    owners = "--owners" in sys.argv
    start = time.process_time()

    def say(stage: str) -> str:
        traced = ""
        if trace:
            held, peak = tracemalloc.get_traced_memory()
            tracemalloc.reset_peak()
            traced = f"   traced {held / 2**20:6.1f} MB, peak in the stage {peak / 2**20:6.1f} MB"
        print(f"{stage:34s} {_status('VmRSS'):8.1f} {_status('VmHWM'):8.1f}"
              f" {time.process_time() - start:7.1f}{traced}", flush=True)  # fmt: skip
        return stage

    def by_owner(when: str) -> None:
        if owners:
            print(f"  kept by owner, {when}: MB, objects", flush=True)
            for name, size, count in owner_sizes(window):
                print(f"    {size / 2**20:7.1f} {count:9d}  {name}", flush=True)

    try:  # as the entry point does (a tree from before desktop.views.boot has none)
        from desktop.views.boot import import_for_gui
    except ImportError:
        pass
    else:
        import_for_gui()
    try:  # as run_gui does (glibc's large blocks given back; a tree before it has none)
        from desktop.heap import return_large_blocks
    except ImportError:
        pass
    else:
        return_large_blocks()
    import gc

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.models.store import Store
    from desktop.views import jobs
    from desktop.views.coordination.integration import CoordinationHub
    from desktop.views.fonts import ensure_cjk_font
    from desktop.views.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    ensure_cjk_font(app)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    if trace:
        import tracemalloc

        tracemalloc.start(1)
    say("imports")

    def settle() -> None:
        for _ in range(5):
            app.processEvents()
        while jobs.active_jobs():
            app.processEvents()
            time.sleep(0.005)
        for _ in range(5):
            app.processEvents()

    blocks = _time_gui_thread_steps()
    store = Store.open(sys.argv[-1])
    gc.freeze()  # as run_gui
    refresh = CoordinationHub.refresh
    CoordinationHub.refresh = lambda self: None  # type: ignore[method-assign]
    window = MainWindow(store, remember_layout=False)
    gc.enable()
    say("MainWindow() built")
    window.resize(1366, 768)
    window.show()
    settle()
    say(f"rows loaded ({window.matrix_model.rowCount()} rows)")
    CoordinationHub.refresh = refresh  # type: ignore[method-assign]
    hub = window.coordination
    # the resident size when the first overview lands, before its second step starts
    first: list[str] = []
    if hasattr(hub, "missing_loaded"):
        hub.loaded.connect(lambda: first or first.append(say("status pass + first overview")))
    hub.refresh()
    settle()
    say("… + second step (催报/targets)" if first else "status pass + overview + 催报/targets")
    if trace:
        snapshot = tracemalloc.take_snapshot()
        for stat in snapshot.statistics("lineno")[:25]:
            frame = stat.traceback[0]
            print(
                f"    {stat.size / 2**20:6.1f} MB {stat.count:8d}  {frame.filename}:{frame.lineno}"
            )
    by_owner("after the overview")
    for key in ("home", "dashboard", "timeline", "matrix"):
        window.show_page(key)
        settle()
        say(f"page {key} shown")
    by_owner("every page visited")
    print("GUI thread blocked by (ms, wall / CPU; the longest calls of each step):")
    for name, times in blocks.items():
        worst = sorted(times, reverse=True)[:3]
        shown = ", ".join(f"{wall:.0f} / {cpu:.0f}" for wall, cpu in worst)
        print(f"    {name:44s} {len(times):3d} calls: {shown}", flush=True)
    window.close()
    settle()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--baseline", help="another checkout to measure the same way")
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--owners", action="store_true")
    parser.add_argument("--step", action="store_true")
    args = parser.parse_args()
    trees = [("this tree", ROOT)]
    if args.baseline:
        trees.insert(0, ("baseline", Path(args.baseline).resolve()))
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy.db"
        for run in range(args.runs):
            for name, tree in trees:
                shutil.copy(args.db, copy)
                env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
                print(
                    f"-- {name} ({tree}), run {run + 1}: stage, RSS MB, peak MB, CPU s", flush=True
                )
                command = [sys.executable, "-P", "-c", CHILD]
                command += ["--trace"] if args.trace else []
                command += ["--owners"] if args.owners else []
                command += ["--step"] if args.step else []
                subprocess.run([*command, str(copy)], env=env, check=True)


if __name__ == "__main__":
    main()
