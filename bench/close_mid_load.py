"""Close the main window while it is still loading a large database (issue 14).

    python -m bench.close_mid_load DB_PATH [--reload-only | --ledger]

Opens the main window on a copy of DB_PATH (e.g. a populated 100k database, see
``bench.coordination --populated``), shows it, starts the background loads (the
status pass of the overview and a reload of every row) and closes the window while
they run. Prints how long the close took (it cancels and waits for the window's
jobs) and what is left running afterwards: jobs, worker threads, Python threads
(goal: 0 of each). ``--reload-only``: no status pass is started, only the window's
reload (cancelled at its next ``Progress.check``: between batches of rows).
``--ledger``: once every row has landed, the 台账列 are switched on (their texts are
computed on a worker for a large matrix) and the window closes while they load.
``tests/test_gui_close_mid_load.py`` checks the same on 3,000
tasks, with Qt warnings and output.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QSettings, QThreadPool
    from PySide6.QtWidgets import QApplication

    from desktop.models.store import Store
    from desktop.views import jobs
    from desktop.views.fonts import ensure_cjk_font

    app = QApplication.instance() or QApplication([])
    ensure_cjk_font(app)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        path = Path(tmp) / "copy.db"
        shutil.copy(sys.argv[1], path)
        threads = set(threading.enumerate())
        from desktop.views.main_window import MainWindow

        wall, cpu = time.perf_counter(), time.process_time()
        store = Store.open(path)
        window = MainWindow(store, remember_layout=False)
        window.show()
        hub = window.coordination
        while hub._job is not None and hub._job.held:  # the first frame: the pass starts
            app.processEvents()
        if "--ledger" in sys.argv:
            while window._reload_job is not None:  # every row landed
                app.processEvents()
                time.sleep(0.001)
            ledger = window.ledger_columns
            for action in ledger.actions.values():  # no settings written
                action.blockSignals(True)
                action.setChecked(True)
                action.blockSignals(False)
            ledger.refresh()
            print(f"ledger texts loading on a worker: {ledger.pending}", flush=True)
        else:
            window.reload_in_background()
        if "--reload-only" not in sys.argv:
            hub.refresh()
        print(f"window built and loads started: {time.perf_counter() - wall:.1f} s,"
              f" CPU {time.process_time() - cpu:.1f} s", flush=True)  # fmt: skip
        running = jobs.active_jobs()
        wall, cpu = time.perf_counter(), time.process_time()
        window.close()
        print(f"close while {running} jobs ran: {time.perf_counter() - wall:.2f} s,"
              f" CPU {time.process_time() - cpu:.2f} s", flush=True)  # fmt: skip
        window.deleteLater()
        QThreadPool.globalInstance().waitForDone(60_000)
        for _ in range(5):
            app.processEvents()
        store.close()
        left = [t.name for t in threading.enumerate() if t not in threads]
        print(f"left running: {jobs.active_jobs()} jobs,"
              f" {QThreadPool.globalInstance().activeThreadCount()} worker threads,"
              f" {len(left)} Python threads {left} (goal 0)", flush=True)  # fmt: skip


if __name__ == "__main__":
    from bench.run import database_argument

    database_argument(__doc__)
    main()
    sys.stdout.flush()
    os._exit(0)  # PySide6 can abort in interpreter teardown after offscreen windows
