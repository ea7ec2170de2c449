"""Sync speed on a loopback server with the province-scale database.

    python -m bench.sync DB_PATH [--backend postgresql]   # DB from ``python -m bench.generate``

Starts a real ``liandong serve`` on 127.0.0.1 (``tests.helpers.sync_helpers.ServerProcess``) on
SQLite, or on a private PostgreSQL cluster (``tests.helpers.postgres``), then
pushes the copy's whole change log as its author, syncs a new empty client,
then measures one edit's round trip, a 10,000-op backlog and the bytes on the
wire per changed field (request + response bodies, HTTP headers excluded).
Prints ``name: value unit (goal …)`` lines like ``bench.run``, with the CPU time of
this process (the desktops), of the server process and of PostgreSQL for the upload of
the whole log and the initial sync (the machine is shared: compare CPU).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from keyring.backends.null import Keyring as NullKeyring

from bench.cpu import cluster_pids, cpu_of, load_average, tree
from desktop.models.store import Store
from desktop.models.sync_engine import sync_engine
from sync.client import TokenStore
from tests.helpers.sync_helpers import PASSWORD, ServerProcess

ROUND_TRIPS = 21
BACKLOG = 10_000


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.1f} {unit} (goal {goal})", flush=True)


class Meter:
    """Counts request and response body bytes of one engine's HTTP session."""

    def __init__(self) -> None:
        self.up = self.down = 0

    def hook(self, response: Any, *_args: Any, **_kwargs: Any) -> Any:
        body = response.request.body or b""
        self.up += len(body.encode() if isinstance(body, str) else body)
        self.down += len(response.content)
        return response

    def reset(self) -> None:
        self.up = self.down = 0

    @property
    def total(self) -> int:
        return self.up + self.down


class Client:
    def __init__(self, path: Path, server: ServerProcess, user: str) -> None:
        self.path = path
        Store.open(path).close()  # create / migrate
        self.engine = sync_engine(path, server.url, token_store=TokenStore(NullKeyring()))
        self.engine.login(user, PASSWORD, path.stem)
        self.meter = Meter()
        self.engine.session.hooks["response"].append(self.meter.hook)

    def sync_timed(self) -> tuple[Any, float, float]:
        """One sync; returns (report, total seconds, seconds until the push finished)."""
        started = time.perf_counter()
        push_done = [started]

        def progress(phase: str, _done: int, _total: int) -> None:
            if phase == "push":
                push_done[0] = time.perf_counter()

        result = self.engine.sync(progress=progress)
        return result, time.perf_counter() - started, push_done[0] - started


class Cpu:
    """CPU seconds used so far: this process, the server's processes, PostgreSQL."""

    def __init__(self, server: ServerProcess, cluster_data: Path | None) -> None:
        self.server, self.cluster_data = server, cluster_data
        self.postgres = cluster_data is not None

    def now(self) -> tuple[float, float, float]:
        assert self.server.proc is not None
        return (
            time.process_time(),
            cpu_of(tree(self.server.proc.pid)),
            cpu_of(cluster_pids(self.cluster_data)) if self.cluster_data else 0.0,
        )

    def since(self, before: tuple[float, float, float]) -> str:
        used = [b - a for a, b in zip(before, self.now(), strict=True)]
        text = f"CPU: desktop {used[0]:.2f} s, server {used[1]:.2f} s"
        return text + (f", PostgreSQL {used[2]:.2f} s" if self.postgres else "")


def run(db_path: Path, backend: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="liandong-bench-sync-"))
    cluster: Any = None
    location: Path | str = tmp / "server"
    if backend == "postgresql":
        from tests.helpers.postgres import Cluster, binaries

        bindir = binaries()
        if bindir is None:
            raise SystemExit("PostgreSQL not installed (scripts/setup.sh)")
        cluster = Cluster(bindir)
        cluster.start()
        location = cluster.new_database()
    print(f"# {backend}; {load_average()}", flush=True)
    server = ServerProcess(location)
    server.init()
    server.user("author")
    server.user("reader")
    server.start()
    cpu = Cpu(server, cluster.data if cluster is not None else None)
    try:
        author_db = tmp / "author.db"
        shutil.copy(db_path, author_db)
        author = Client(author_db, server, "author")
        store = Store.open(author_db)
        pending = store.pending_changes()
        task_ids = [
            r[0] for r in store.db.execute("SELECT id FROM task ORDER BY id LIMIT ?", [BACKLOG])
        ]
        store.close()
        before = cpu.now()
        result, total, push = author.sync_timed()
        print(f"# change log of {db_path.name}: {pending} ops; pushed {result.pushed}", flush=True)
        report("push whole change log as author", pending / push, "ops/s", "-")
        report("  push whole change log, wall", push, "s", "<= 2 s")
        report("  (push + pull of the echo, total)", total, "s", "-")
        print(f"  ({cpu.since(before)}, push and echo pull)", flush=True)

        reader = Client(tmp / "reader.db", server, "reader")
        before = cpu.now()
        result, total, _ = reader.sync_timed()
        print(f"  ({cpu.since(before)}, initial sync)", flush=True)
        report(
            f"initial sync to a new client ({result.pulled} records)",
            result.pulled / total,
            "records/s",
            ">= 20000 records/s",
        )
        report("  initial sync bytes down", reader.meter.down / 1e6, "MB", "-")

        edit_store = Store.open(author_db)
        check = Store.open(reader.path)
        task = task_ids[0]
        times = []
        for i in range(ROUND_TRIPS):
            title = f"往返测试 {i}"
            author.meter.reset()
            reader.meter.reset()
            started = time.perf_counter()
            with edit_store.action("bench_edit") as tx:
                tx.update("task", task, {"title": title})
            author.engine.sync()
            reader.engine.sync()
            times.append((time.perf_counter() - started) * 1000)
            seen = check.db.execute("SELECT title FROM task WHERE id = ?", [task]).fetchone()
            assert seen == (title,), seen
        report(
            "one edit pushed and visible to a second client, round trip median",
            statistics.median(times),
            "ms",
            "<= 200 ms",
        )
        report("  round trip max", max(times), "ms", "-")
        report(
            "bytes on the wire per changed field (push + pull bodies, both clients)",
            author.meter.total + reader.meter.total,
            "B",
            "reported",
        )
        report("  of which author (hello, push, echo pull)", author.meter.total, "B", "-")
        report("  of which second client (hello, pull)", reader.meter.total, "B", "-")

        with edit_store.action("bench_backlog") as tx:
            for i, task_id in enumerate(task_ids):
                tx.update("task", task_id, {"text": f"积压更新 {i}"})
        edit_store.close()
        check.close()
        result, total, push = author.sync_timed()
        report(f"{len(task_ids)}-op backlog pushed", push, "s", "<= 5 s")
        report("  backlog push + echo pull, total", total, "s", "-")
        result, total, _ = reader.sync_timed()
        report(f"  second client pulls the {result.pulled} ops", total, "s", "-")
        author.engine.close()
        reader.engine.close()
    finally:
        server.stop()
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"# {load_average()}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path, help="province database from bench.generate")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"找不到数据库文件：{args.db}（先运行 python -m bench.generate {args.db}）")
        return 2
    run(args.db, args.backend)
    return 0


if __name__ == "__main__":
    sys.exit(main())
