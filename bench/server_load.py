"""Server load: many simulated desktops against PostgreSQL (4 workers) and SQLite (1).

    python -m bench.server_load [--desktops 200] [--edits 50] [--threads 32]

Each simulated desktop is a bounded in-process HTTP client (``bench.load_desktops``:
one ``requests`` session with a kept-alive connection per desktop); ``--clients``
processes (not a process per desktop) run them on ``--threads`` threads in all, so the
clients' CPU is not one GIL-bound process. A desktop logs in, pushes ``--edits``
changes in one sync (new units, the protocol's real validation and permission path) and
pulls until it has caught up, reading the pulled pages cheaply (record ids by one
regular expression into a count and a hash sum). Afterwards every desktop's pulled ids
plus its own must be exactly the server's (converged, none twice), with zero 5xx
replies and no duplicate or skipped seq. The CPU time of the server processes,
PostgreSQL and the client processes is printed separately: who is the bottleneck.
Also: initial sync (snapshot) records/s, and how long one edit takes to become visible
to a second desktop that keeps pulling.

Then the province database (``DB``, default ``/tmp/province.db``): a real desktop (its
own process, ``bench.backlog``) drains a ``--backlog`` of 100,000 ops (the province's
change log plus task edits), a second real desktop pulls and applies them, and a new
desktop downloads the province as a snapshot; peak RSS of both desktops and of the
server processes are reported. Every phase prints the CPU time of the server
processes, PostgreSQL and the desktops beside its wall time, and the load average
(the machine is shared: compare CPU times).
Prints ``name: value unit (goal …)``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import multiprocessing
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bench.cpu import cpu_of, load_average, postgres_pids, tree
from bench.load_desktops import PULL_TAIL, USERS, Desktop, client_process
from tests.helpers.postgres import Cluster, binaries
from tests.helpers.sync_helpers import PASSWORD, ServerProcess

CLUSTER: Cluster | None = None  # the bench's PostgreSQL cluster (for its CPU time)


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.1f} {unit} (goal {goal})", flush=True)


class Clients:
    """``processes`` client processes (``bench.load_desktops``) running ``desktops``
    simulated desktops between them on ``threads`` threads in all."""

    def __init__(self, url: str, desktops: int, processes: int, threads: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.pipes: list[Connection] = []
        self.procs: list[multiprocessing.process.BaseProcess] = []
        for n in range(processes):
            indices = list(range(n, desktops, processes))
            parent, child = context.Pipe()
            proc = context.Process(
                target=client_process,
                args=(child, url, indices, PASSWORD, max(1, threads // processes)),
                daemon=True,
            )
            proc.start()
            self.pipes.append(parent)
            self.procs.append(proc)
        for pipe in self.pipes:  # every desktop logged in
            if pipe.recv() != "ready":
                raise RuntimeError("a client process failed to log in")

    def pids(self) -> list[int]:
        return [proc.pid for proc in self.procs if proc.pid is not None]

    def ask(self, *word: Any) -> list[Any]:
        for pipe in self.pipes:
            pipe.send(word)
        return [pipe.recv() for pipe in self.pipes]

    def stop(self) -> None:
        for pipe in self.pipes:
            with contextlib.suppress(OSError):
                pipe.send(("stop",))
        for proc in self.procs:
            proc.join(30)
            if proc.is_alive():
                proc.kill()


def cpu_times(server: ServerProcess, *others: list[int]) -> list[float]:
    """CPU seconds so far of the server processes, of its PostgreSQL cluster (0 on
    SQLite; not the other clusters on the machine) and of each group of ``others``.
    The process lists are read afresh: PostgreSQL starts a backend per new connection."""
    assert server.proc is not None
    database = [] if CLUSTER is None or server.storage().backend != "postgresql" else (
        postgres_pids(CLUSTER.data))  # fmt: skip
    return [cpu_of(tree(server.proc.pid)), cpu_of(database), *(cpu_of(pids) for pids in others)]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * fraction) - 1)]


def run(
    label: str, server: ServerProcess, desktops: int, edits: int, processes: int, threads: int
) -> None:
    for user in range(USERS):
        server.user(f"coord{user}")
    assert server.proc is not None
    clients = Clients(server.url, desktops, processes, threads)
    try:
        print(f"# {label}: {load_average()} before the syncs", flush=True)
        cpu_before = cpu_times(server, clients.pids())
        started = time.perf_counter()
        replies = clients.ask("sync", edits)
        pushed_in = time.perf_counter() - started
        cpu_after = cpu_times(server, clients.pids())
        print(f"# {label}: {load_average()} after the syncs", flush=True)
        clients.ask("pull")  # catch up with the last pushes
        ops = server.storage().ops_since(0, 10**9)
        checks = clients.ask("check", [row[3] for row in ops])
    finally:
        clients.stop()
    used = [after - before for before, after in zip(cpu_before, cpu_after, strict=True)]
    total = desktops * edits
    report(f"{label}: wall time of the {desktops} syncs", pushed_in, "s", "-")
    report(f"{label}:   CPU of the server processes", used[0], "s", "-")
    report(f"{label}:   CPU of PostgreSQL", used[1], "s", "-")
    report(f"{label}:   CPU of the {processes} client processes (simulated desktops)",
           used[2], "s", "-")  # fmt: skip
    report(f"{label}:   server CPU per 1000 pushed ops (server + PostgreSQL)",
           (used[0] + used[1]) * 1000 / total, "s", "-")  # fmt: skip
    pulled = sum(reply["pulled"] for reply in replies)
    pulled_mb = sum(reply["pulled_bytes"] for reply in replies) / 1e6
    report(f"{label}:   ops pulled by the desktops in those syncs", pulled, "ops",
           f"- ({pulled_mb:.0f} MB)")  # fmt: skip
    report(f"{label}: pushed ops/s ({desktops} desktops × {edits})", total / pushed_in, "ops/s",
           "≥ 2000")  # fmt: skip
    # The same figure if the server had the machine's 2 cores to itself (its CPU only).
    report(f"{label}:   pushed ops per server CPU second / 2 cores",
           total / max(used[0] + used[1], 1e-9) * 2, "ops/s", "-")  # fmt: skip
    durations = [d for reply in replies for d in reply["durations"]]
    report(f"{label}: sync p50", statistics.median(durations) * 1000, "ms", "-")
    report(f"{label}: sync p95", percentile(durations, 0.95) * 1000, "ms", "≤ 2000")
    statuses: Counter[int] = Counter()
    for check in checks:
        statuses.update({int(code): n for code, n in check["statuses"].items()})
    report(f"{label}: 5xx replies", sum(n for code, n in statuses.items() if code >= 500), "", "0")
    report(f"{label}: requests resent after a dropped keep-alive connection", statuses[-1], "", "-")
    seqs = [row[0] for row in ops]
    gaps = seqs != list(range(1, len(seqs) + 1))
    dupes = len(ops) - len({row[1] for row in ops}) + abs(len(ops) - total)
    report(f"{label}: duplicates + gaps in the server log", dupes + int(gaps), "", "0")
    converged = sum(check["converged"] for check in checks)
    report(f"{label}: desktops converged (each pulled every op once)", converged, "",
           str(desktops))  # fmt: skip
    single(label, server)


def desktop(server: ServerProcess, index: int) -> Desktop:
    """One simulated desktop in this process (logged in)."""
    found = Desktop(server.url, index, PASSWORD, Counter())
    found.login()
    return found


def single(label: str, server: ServerProcess) -> None:
    """A new desktop's snapshot download; one edit seen by a second desktop."""
    fresh = desktop(server, 10_000)
    started = time.perf_counter()
    after: dict[str, str] | None = {"tbl": "", "id": ""}
    count = 0
    while after is not None:
        params = {"after_tbl": after["tbl"], "after_id": after["id"], "limit": 10000}
        body = fresh.request("GET", "/v1/snapshot", params=params).json()
        count += len(body["records"])
        after = body["after"]
    report(f"{label}: initial sync (snapshot) of {count} records",
           count / (time.perf_counter() - started), "records/s", "≥ 20000")  # fmt: skip
    visible(label, server)


def visible(label: str, server: ServerProcess, rounds: int = 20) -> None:
    """One edit visible to a second desktop that keeps pulling: from the start of the
    writer's push to the reader's pull that returns it."""
    writer, reader = desktop(server, 10_001), desktop(server, 10_002)
    reader.pull()
    latencies = []
    for _ in range(rounds):
        found = threading.Event()
        marker: dict[str, bytes] = {}

        def watch(marker: dict[str, bytes] = marker, found: threading.Event = found) -> None:
            while not found.is_set():
                params = {"since": reader.since, "limit": 100}
                body = reader.request("GET", "/v1/pull", params=params).content
                tail = PULL_TAIL.search(body)
                assert tail is not None
                reader.since = int(tail.group(1))
                if "id" in marker and marker["id"] in body:
                    found.set()

        watcher = threading.Thread(target=watch)
        watcher.start()
        time.sleep(0.02)  # the reader is polling
        record_id = str(uuid.uuid4())
        marker["id"] = record_id.encode()
        op = {"op": str(uuid.uuid4()), "tbl": "unit", "id": record_id, "kind": "insert",
              "fields": {"name": f"可见{record_id[:8]}", "kind": "bureau", "aliases": "[]"},
              "base": 0}  # fmt: skip
        started = time.perf_counter()
        writer.request("POST", "/v1/push", json={"ops": [op]})
        if not found.wait(30):
            raise RuntimeError("the edit never reached the second desktop")
        latencies.append(time.perf_counter() - started)
        watcher.join()
    report(f"{label}: edit visible to a second desktop (median of {rounds})",
           statistics.median(latencies) * 1000, "ms", "≤ 200")  # fmt: skip
    report(f"{label}:   p95 of the {rounds}", percentile(latencies, 0.95) * 1000, "ms", "≤ 200")


def _server_rss(pids: list[int]) -> float:
    """Resident memory of the server processes together, in MB."""
    total = 0.0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


def _desktop(db: Path, url: str, user: str, add_updates: int = 0) -> dict[str, Any]:
    """One sync of a real desktop in its own process (``bench.backlog``); ``add_updates``
    task edits are made first, in a process of their own."""
    command = [sys.executable, "-m", "bench.backlog", str(db), url, user, PASSWORD]
    if add_updates:
        subprocess.run([*command, "--add-updates", str(add_updates), "--no-sync"], check=True,
                       capture_output=True)  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def province(label: str, server: ServerProcess, db_path: Path, backlog: int) -> None:
    """The province database through the server: its whole change log (topped up with
    task edits to ``backlog`` ops) drained by a real desktop, pulled by a second real
    desktop, and downloaded as a snapshot by a new one."""
    assert server.proc is not None
    tmp = Path(tempfile.mkdtemp(prefix="liandong-bench-province-"))
    try:
        server.user("author")
        server.user("reader")
        reader_db = tmp / "reader.db"
        first = _desktop(reader_db, server.url, "reader")  # cursor past the earlier load
        print(f"# {label}: reader's first sync: {first['pulled']} records", flush=True)
        author_db = tmp / "author.db"
        shutil.copy(db_path, author_db)
        log_ops = (
            sqlite3.connect(author_db)
            .execute("SELECT count(*) FROM change_log WHERE acked_seq IS NULL")
            .fetchone()[0]
        )
        pids = tree(server.proc.pid)
        rss_before = _server_rss(pids)
        peak = [rss_before]
        stop = threading.Event()

        def watch() -> None:
            while not stop.wait(0.25):
                peak.append(_server_rss(pids))

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        print(f"# {label}: {load_average()} before the backlog", flush=True)
        cpu_before = cpu_times(server)
        drained = _desktop(author_db, server.url, "author", max(0, backlog - log_ops))
        cpu_after = cpu_times(server)
        pulled = _desktop(reader_db, server.url, "reader")
        stop.set()
        watcher.join()
        print(f"# {label}: {load_average()} after the backlog", flush=True)
        n = drained["backlog"]
        report(f"{label}: {n}-op backlog drained by a real desktop (province log + edits)",
               drained["wall"], "s", "-")  # fmt: skip
        report(f"{label}:   pushed ops/s (wall)", drained["pushed"] / drained["wall"], "ops/s", "-")
        report(f"{label}:   CPU of the desktop", drained["cpu"], "s", "-")
        report(f"{label}:   CPU of the server processes", cpu_after[0] - cpu_before[0], "s", "-")
        report(f"{label}:   CPU of PostgreSQL", cpu_after[1] - cpu_before[1], "s", "-")
        report(f"{label}:   peak RSS of the desktop", drained["peak_rss_mb"], "MB", "flat")
        print(f"#   desktop RSS (phase, done, MB) during the drain: {drained['rss_samples']}")
        report(f"{label}:   server RSS before / peak (all processes)", rss_before, "MB", "-")
        report(f"{label}:   server RSS peak during the backlog", max(peak), "MB", "flat")
        report(f"{label}: second desktop pulls the {pulled['pulled']} ops (pull + apply)",
               pulled["wall"], "s", "-")  # fmt: skip
        report(f"{label}:   its CPU", pulled["cpu"], "s", "-")
        report(f"{label}:   its peak RSS", pulled["peak_rss_mb"], "MB", "flat")
        print(f"#   its RSS (phase, done, MB): {pulled['rss_samples']}")

        # A new desktop downloads everything (snapshot pages, as the desktop asks them).
        fresh = desktop(server, 10_003)  # a coordinator sees the whole province
        cpu_before = [*cpu_times(server), time.process_time()]
        started = time.perf_counter()
        after: dict[str, str] | None = {"tbl": "", "id": ""}
        count = 0
        while after is not None:
            params = {"after_tbl": after["tbl"], "after_id": after["id"], "limit": 5000}
            body = fresh.request("GET", "/v1/snapshot", params=params).json()
            count += len(body["records"])
            after = body["after"]
        wall = time.perf_counter() - started
        cpu_after = [*cpu_times(server), time.process_time()]
        report(f"{label}: initial sync of the province ({count} records, download + parse)",
               count / wall, "records/s", "≥ 20000")  # fmt: skip
        report(f"{label}:   wall", wall, "s", "-")
        used = [after - before for before, after in zip(cpu_before, cpu_after, strict=True)]
        report(f"{label}:   CPU of server / PostgreSQL / this process",
               used[0] + used[1] + used[2], "s", f"- ({used[0]:.1f} / {used[1]:.1f} / {used[2]:.1f})")  # fmt: skip
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--desktops", type=int, default=200)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--threads", type=int, default=32, help="client threads in all")
    parser.add_argument(
        "--clients", type=int, default=3, help="client processes running the desktops"
    )
    parser.add_argument("--only", default="postgresql,sqlite")
    parser.add_argument(
        "db",
        nargs="?",
        type=Path,
        default=Path("/tmp/province.db"),
        help="province database (bench.generate) for the backlog and snapshot",
    )
    parser.add_argument(
        "--backlog",
        type=int,
        default=100_000,
        help="ops in the drained backlog (0: skip the province part)",
    )
    args = parser.parse_args()
    bindir = binaries()
    with tempfile.TemporaryDirectory() as tmp:
        if "postgresql" in args.only and bindir is not None:
            cluster = Cluster(bindir)
            cluster.start()
            global CLUSTER
            CLUSTER = cluster
            try:
                server = ServerProcess(cluster.new_database(), env={"LIANDONG_PG_POOL": "8"})
                server.init()
                server.start(["--workers", "4"])
                try:
                    run("postgresql, 4 workers", server, args.desktops, args.edits, args.clients,
                        args.threads)  # fmt: skip
                    if args.backlog and args.db.is_file():
                        province("postgresql, 4 workers", server, args.db, args.backlog)
                finally:
                    server.stop()
            finally:
                cluster.stop()
        if "sqlite" in args.only:
            server = ServerProcess(Path(tmp) / "sqlite")
            server.init()
            server.start()
            try:
                run("sqlite, 1 process", server, args.desktops, args.edits, args.clients,
                        args.threads)  # fmt: skip
                if args.backlog and args.db.is_file():
                    province("sqlite, 1 process", server, args.db, args.backlog)
            finally:
                server.stop()


if __name__ == "__main__":
    main()
