"""One real desktop draining a sync backlog, in its own process (for its peak memory).

    python -m bench.backlog DB SERVER_URL USER PASSWORD [--add-updates N [--no-sync]]

Logs ``DB`` in as ``USER`` (a null keyring: nothing is stored), optionally adds ``N``
task edits to its outbox (cycling over its tasks), then runs one sync with the desktop's
own engine (``sync.client.SyncEngine``: outbox read in batches, push, pull pages) and
prints one JSON line: ops pushed and pulled, wall and CPU seconds, peak RSS, and the
resident memory sampled as the sync went on (flat memory: the samples do not grow
with the backlog). Used by ``bench.server_load``.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

from keyring.backends.null import Keyring as NullKeyring


def rss_mb(key: str = "VmRSS") -> float:
    """Resident memory now (``VmHWM``: the peak) of this process, in MB. (``ru_maxrss``
    would include the parent's peak: Linux keeps it across ``exec``.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("url")
    parser.add_argument("user")
    parser.add_argument("password")
    parser.add_argument("--add-updates", type=int, default=0)
    parser.add_argument("--no-sync", action="store_true", help="only add the edits (and exit)")
    args = parser.parse_args(argv)

    from desktop.models.store import Store
    from desktop.models.sync_engine import sync_engine
    from sync.client import TokenStore

    store = Store.open(args.db)
    if args.add_updates:
        tasks = [r[0] for r in store.db.execute("SELECT id FROM task ORDER BY id")]
        with store.action("bench_backlog") as tx:
            for n in range(args.add_updates):
                tx.update("task", tasks[n % len(tasks)], {"text": f"积压更新 {n}"})
    backlog = store.pending_changes()
    store.close()
    if args.no_sync:  # the sync runs in a new process: its peak memory is the sync's own
        print(json.dumps({"backlog": backlog}))
        return 0
    engine = sync_engine(args.db, args.url, token_store=TokenStore(NullKeyring()))
    engine.login(args.user, args.password, args.db.stem)

    samples: list[tuple[str, int, float]] = []
    stop = threading.Event()
    progress_at: list[tuple[str, int]] = [("start", 0)]

    def sample() -> None:
        while not stop.wait(0.25):
            phase, done = progress_at[-1]
            samples.append((phase, done, round(rss_mb(), 1)))

    def progress(phase: str, done: int, _total: int) -> None:
        progress_at.append((phase, done))

    sampler = threading.Thread(target=sample, daemon=True)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    sampler.start()
    report = engine.sync(progress=progress)
    stop.set()
    sampler.join()
    engine.close()
    # A few samples across the sync (first, quarter, half, three quarters, last).
    picked = [samples[int(i * (len(samples) - 1) / 4)] for i in range(5)] if samples else []
    print(
        json.dumps(
            {
                "backlog": backlog,
                "pushed": report.pushed,
                "pulled": report.pulled,
                "wall": time.perf_counter() - wall0,
                "cpu": time.process_time() - cpu0,
                "peak_rss_mb": rss_mb("VmHWM"),
                "rss_samples": picked,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
