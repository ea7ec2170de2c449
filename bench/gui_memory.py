"""The GUI's memory by stage at a database's size (issue 14, "memory flat").

    python -m bench.gui_memory DB [--runs 1] [--baseline TREE] [--trace]

Each run is a fresh process (this file run as a script, the tree under test first on
``PYTHONPATH``) that opens the main window on a private copy of DB at 1366×768, waits
for the row load (the status pass held back), then for the first status pass and the
overview's second step (催报 list and targets), then visits 工作台, 总览, 时间轴 and the
matrix, and prints the resident size (``VmRSS``), its peak so far (``VmHWM``) and the
process CPU time after each stage. ``--trace``: also the 25 source lines holding the most
Python memory after the overview (tracemalloc; slows the run 5-10× and adds its own
memory). ``--baseline TREE`` runs another checkout's code the same way, interleaved.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def child() -> None:
    """One run, on the database path in ``argv[-1]`` (a private copy)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    trace = "--trace" in sys.argv
    start = time.process_time()

    def say(stage: str) -> None:
        print(f"{stage:34s} {_status('VmRSS'):8.1f} {_status('VmHWM'):8.1f}"
              f" {time.process_time() - start:7.1f}", flush=True)  # fmt: skip

    try:  # as the entry point does (a tree from before desktop.views.boot has none)
        from desktop.views.boot import import_for_gui
    except ImportError:
        pass
    else:
        import_for_gui()
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
    say("imports")
    if trace:
        import tracemalloc

        tracemalloc.start(1)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()
        while jobs.active_jobs():
            app.processEvents()
            time.sleep(0.005)
        for _ in range(5):
            app.processEvents()

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
    window.coordination.refresh()
    settle()
    say("status pass + overview + 催报/targets")
    if trace:
        snapshot = tracemalloc.take_snapshot()
        for stat in snapshot.statistics("lineno")[:25]:
            frame = stat.traceback[0]
            print(
                f"    {stat.size / 2**20:6.1f} MB {stat.count:8d}  {frame.filename}:{frame.lineno}"
            )
    for key in ("home", "dashboard", "timeline", "matrix"):
        window.show_page(key)
        settle()
        say(f"page {key} shown")
    window.close()
    settle()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--baseline", help="another checkout to measure the same way")
    parser.add_argument("--trace", action="store_true")
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
                subprocess.run([*command, str(copy)], env=env, check=True)


if __name__ == "__main__":
    main()
