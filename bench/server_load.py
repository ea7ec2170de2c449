"""Server load: many simulated desktops against PostgreSQL (4 workers) and SQLite (1).

    python -m bench.server_load [--desktops 200] [--edits 50] [--threads 32]

Each simulated desktop is a bounded in-process HTTP client (one ``requests`` session
per desktop, run by a pool of ``--threads`` threads — not a process per desktop): it
logs in, pushes ``--edits`` changes in one sync (new units, the protocol's real
validation and permission path) and pulls until it has caught up. Afterwards every
desktop's view must equal the server's (converge), with zero 5xx replies and no
duplicate or skipped seq. Also: initial sync (snapshot) records/s, and how long one
edit takes to become visible to a second desktop that keeps pulling.

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
import json
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from bench.cpu import cpu_of, load_average, postgres_pids, tree
from sync.protocol import version_headers
from tests.helpers.postgres import Cluster, binaries
from tests.sync_helpers import PASSWORD, ServerProcess

USERS = 20  # desktops share these coordinator accounts (several devices each)


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.1f} {unit} (goal {goal})", flush=True)


class Desktop:
    def __init__(self, server: ServerProcess, index: int, statuses: Counter[int]) -> None:
        self.base = server.url
        self.session = requests.Session()
        self.session.headers.update(version_headers(3))
        self.index = index
        self.statuses = statuses
        self.since = 0
        self.seen: set[str] = set()
        self.own: set[str] = set()
        self.pulled = 0

    def call(self, method: str, path: str, **kw: Any) -> Any:
        try:
            reply = self.session.request(method, self.base + path, timeout=120, **kw)
        except requests.ConnectionError:
            # A kept-alive connection the server closed as idle just then: send again
            # (as the desktop does; pushes are idempotent by op id).
            self.statuses[-1] += 1
            reply = self.session.request(method, self.base + path, timeout=120, **kw)
        self.statuses[reply.status_code] += 1
        if reply.status_code >= 400:
            raise RuntimeError(f"{path}: {reply.status_code} {reply.text[:200]}")
        return reply.json()

    def login(self) -> None:
        body = {
            "username": f"coord{self.index % USERS}",
            "password": PASSWORD,
            "device_name": f"bench-{self.index}",
        }
        for _ in range(20):  # the hashing limit answers 429 busy under a login storm
            try:
                reply = self.session.post(self.base + "/v1/login", json=body, timeout=120)
            except requests.ConnectionError:  # as in call(): a dropped idle connection
                self.statuses[-1] += 1
                continue
            if reply.status_code != 429:
                break
            time.sleep(float(reply.headers.get("Retry-After", 1)))
        self.statuses[reply.status_code] += 1
        reply.raise_for_status()
        self.session.headers["Authorization"] = f"Bearer {reply.json()['access_token']}"

    def sync(self, edits: int) -> float:
        started = time.perf_counter()
        ops = []
        for n in range(edits):
            record_id = str(uuid.uuid4())
            self.own.add(record_id)
            ops.append(
                {
                    "op": str(uuid.uuid4()),
                    "tbl": "unit",
                    "id": record_id,
                    "kind": "insert",
                    "fields": {"name": f"单位{self.index}-{n}", "kind": "bureau", "aliases": "[]"},
                    "base": self.since,
                }
            )
        if ops:
            results = self.call("POST", "/v1/push", json={"ops": ops})["results"]
            bad = [r for r in results if r["status"] != "accepted"]
            if bad:
                raise RuntimeError(f"push refused: {bad[0]}")
        self.pull()
        return time.perf_counter() - started

    def pull(self) -> None:
        while True:
            body = self.call("GET", "/v1/pull", params={"since": self.since, "limit": 5000})
            self.seen.update(op["id"] for op in body["ops"])
            self.pulled += len(body["ops"])
            self.since = body["next"]
            if not body["more"]:
                return


def run(label: str, server: ServerProcess, desktops: int, edits: int, threads: int) -> None:
    for user in range(USERS):
        server.user(f"coord{user}")
    statuses: Counter[int] = Counter()
    clients = [Desktop(server, i, statuses) for i in range(desktops)]
    assert server.proc is not None
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(Desktop.login, clients))
        print(f"# {label}: {load_average()} before the syncs", flush=True)
        server_pids = tree(server.proc.pid)
        cpu_before = (cpu_of(server_pids), cpu_of(postgres_pids()), time.process_time())
        started = time.perf_counter()
        durations = list(pool.map(lambda d: d.sync(edits), clients))
        pushed_in = time.perf_counter() - started
        cpu_after = (cpu_of(server_pids), cpu_of(postgres_pids()), time.process_time())
        print(f"# {label}: {load_average()} after the syncs", flush=True)
        list(pool.map(Desktop.pull, clients))  # catch up with the last pushes
    used = [after - before for before, after in zip(cpu_before, cpu_after, strict=True)]
    report(f"{label}: wall time of the {desktops} syncs", pushed_in, "s", "-")
    report(f"{label}:   CPU of the server processes", used[0], "s", "-")
    report(f"{label}:   CPU of PostgreSQL", used[1], "s", "-")
    report(f"{label}:   CPU of the simulated desktops (this process)", used[2], "s", "-")
    pulled = sum(d.pulled for d in clients)
    report(f"{label}:   ops pulled by the desktops in those syncs", pulled, "ops", "-")
    storage = server.storage()
    ops = storage.ops_since(0, 10**9)
    seqs = [row[0] for row in ops]
    everything = {row[3] for row in ops}
    converged = all(d.seen | d.own == everything for d in clients)
    total = desktops * edits
    report(f"{label}: pushed ops/s ({desktops} desktops × {edits})", total / pushed_in, "ops/s",
           "≥ 2000")  # fmt: skip
    durations.sort()
    report(f"{label}: sync p50", statistics.median(durations) * 1000, "ms", "-")
    report(f"{label}: sync p95", durations[int(len(durations) * 0.95) - 1] * 1000, "ms", "≤ 2000")
    server_errors = sum(n for code, n in statuses.items() if code >= 500)
    report(f"{label}: 5xx replies", server_errors, "", "0")
    report(f"{label}: requests resent after a dropped keep-alive connection", statuses[-1], "", "-")
    gaps = seqs != list(range(1, len(seqs) + 1))
    dupes = len(ops) - len({row[1] for row in ops}) + (len(ops) - total)
    report(f"{label}: duplicates + gaps", dupes + int(gaps), "", "0")
    report(f"{label}: all desktops converged", float(converged), "(1 = yes)", "1")

    # Initial sync of a new desktop: the whole snapshot, page by page.
    fresh = Desktop(server, desktops, statuses)
    fresh.login()
    started = time.perf_counter()
    after: dict[str, str] | None = {"tbl": "", "id": ""}
    count = 0
    while after is not None:
        params = {"after_tbl": after["tbl"], "after_id": after["id"], "limit": 10000}
        body = fresh.call("GET", "/v1/snapshot", params=params)
        count += len(body["records"])
        after = body["after"]
    report(f"{label}: initial sync (snapshot) of {count} records",
           count / (time.perf_counter() - started), "records/s", "≥ 20000")  # fmt: skip

    # One edit visible to a second desktop that keeps pulling.
    writer, reader = clients[0], clients[1]
    reader.pull()
    latencies = []
    for _ in range(10):
        found = threading.Event()
        marker = {}

        def watch(marker: dict[str, str] = marker, found: threading.Event = found) -> None:
            while "id" not in marker or marker["id"] not in reader.seen:
                reader.pull()
            found.set()

        watcher = threading.Thread(target=watch)
        started = time.perf_counter()
        watcher.start()
        before = set(writer.own)
        writer.sync(1)
        marker["id"] = next(iter(writer.own - before))
        found.wait(30)
        latencies.append(time.perf_counter() - started)
        watcher.join()
    report(f"{label}: edit visible to a second desktop (median of 10)",
           statistics.median(latencies) * 1000, "ms", "≤ 200")  # fmt: skip


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
        cpu_before = (cpu_of(pids), cpu_of(postgres_pids()))
        drained = _desktop(author_db, server.url, "author", max(0, backlog - log_ops))
        cpu_after = (cpu_of(pids), cpu_of(postgres_pids()))
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
        fresh = Desktop(server, 0, Counter())
        fresh.session.headers.pop("Authorization", None)
        reply = fresh.session.post(server.url + "/v1/login", json={"username": "reader",
            "password": PASSWORD, "device_name": "snapshot"}, timeout=120)  # fmt: skip
        reply.raise_for_status()
        fresh.session.headers["Authorization"] = f"Bearer {reply.json()['access_token']}"
        cpu_before = (cpu_of(pids), cpu_of(postgres_pids()), time.process_time())
        started = time.perf_counter()
        after: dict[str, str] | None = {"tbl": "", "id": ""}
        count = 0
        while after is not None:
            params = {"after_tbl": after["tbl"], "after_id": after["id"], "limit": 5000}
            body = fresh.call("GET", "/v1/snapshot", params=params)
            count += len(body["records"])
            after = body["after"]
        wall = time.perf_counter() - started
        cpu_after = (cpu_of(pids), cpu_of(postgres_pids()), time.process_time())
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
    parser.add_argument("--threads", type=int, default=32)
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
            try:
                server = ServerProcess(cluster.new_database(), env={"LIANDONG_PG_POOL": "8"})
                server.init()
                server.start(["--workers", "4"])
                try:
                    run("postgresql, 4 workers", server, args.desktops, args.edits, args.threads)
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
                run("sqlite, 1 process", server, args.desktops, args.edits, args.threads)
                if args.backlog and args.db.is_file():
                    province("sqlite, 1 process", server, args.db, args.backlog)
            finally:
                server.stop()


if __name__ == "__main__":
    main()
