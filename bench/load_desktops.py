"""Simulated desktops for ``bench.server_load``: one client process drives a share of them.

Each simulated desktop is a bounded in-process HTTP client (a ``requests`` session with
a kept-alive connection); a pool of threads runs the desktops of this process. The
parent (``bench.server_load``) starts a few such processes (``--clients``, not one per
desktop) so that the clients' own CPU is not one GIL-bound process, and tells them when
to log in, sync, catch up and check.

Pulled pages are read cheaply: the record ids are taken out of the reply with one
regular expression (the ops' JSON is built by the server with ``"id"`` once per op)
and folded into a per-desktop count and sum of hashes; the cursor comes from the few
bytes at the end. At the end every desktop's count and hash sum (pulled ids plus its
own) must equal those of the server's record ids: an op missed or pulled twice shows.
"""

from __future__ import annotations

import re
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

import requests

from sync.protocol import version_headers

USERS = 20  # desktops share these coordinator accounts (several devices each)
PULL_LIMIT = 5000
_RECORD_ID = re.compile(rb'"id":"([^"]*)"')
PULL_TAIL = re.compile(rb'\],"next":(\d+),"more":(true|false)\}$')


class Desktop:
    def __init__(self, url: str, index: int, password: str, statuses: Counter[int]) -> None:
        self.base = url
        self.session = requests.Session()
        self.session.headers.update(version_headers(3))
        self.index = index
        self.password = password
        self.statuses = statuses
        self.since = 0
        self.own: list[bytes] = []
        self.count = 0  # ids pulled
        self.digest = 0  # sum of their hashes (this process's ``hash``)
        self.pulled_bytes = 0

    def request(self, method: str, path: str, **kw: Any) -> requests.Response:
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
        return reply

    def login(self) -> None:
        body = {
            "username": f"coord{self.index % USERS}",
            "password": self.password,
            "device_name": f"bench-{self.index}",
        }
        for _ in range(20):  # the hashing limit answers 429 busy under a login storm
            try:
                reply = self.session.post(self.base + "/v1/login", json=body, timeout=120)
            except requests.ConnectionError:  # as in request(): a dropped idle connection
                self.statuses[-1] += 1
                continue
            if reply.status_code != 429:
                break
            time.sleep(float(reply.headers.get("Retry-After", 1)))
        self.statuses[reply.status_code] += 1
        reply.raise_for_status()
        self.session.headers["Authorization"] = f"Bearer {reply.json()['access_token']}"

    def sync(self, edits: int) -> float:
        """Push ``edits`` new units in one request, then pull until caught up; seconds."""
        started = time.perf_counter()
        ops = []
        for n in range(edits):
            record_id = str(uuid.uuid4())
            self.own.append(record_id.encode())
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
            results = self.request("POST", "/v1/push", json={"ops": ops}).json()["results"]
            bad = [r for r in results if r["status"] != "accepted"]
            if bad:
                raise RuntimeError(f"push refused: {bad[0]}")
        self.pull()
        return time.perf_counter() - started

    def pull(self) -> None:
        while True:
            params = {"since": self.since, "limit": PULL_LIMIT}
            body = self.request("GET", "/v1/pull", params=params).content
            self.pulled_bytes += len(body)
            tail = PULL_TAIL.search(body)
            if tail is None or not body.startswith(b'{"ops":['):
                raise RuntimeError(f"unexpected pull reply: {body[:100]!r}…{body[-100:]!r}")
            ids = _RECORD_ID.findall(body, 0, tail.start())
            self.count += len(ids)
            self.digest += sum(map(hash, ids))
            self.since = int(tail.group(1))
            if tail.group(2) == b"false":
                return

    def converged(self, count: int, digest: int) -> bool:
        """Its pulled ids and its own are exactly the server's (none missing or twice)."""
        return (
            self.count + len(self.own) == count and self.digest + sum(map(hash, self.own)) == digest
        )


def client_process(
    pipe: Connection, url: str, indices: list[int], password: str, threads: int
) -> None:
    """One client process: its desktops log in, then sync, catch up and check on the
    parent's word: ``("sync", edits)``, ``("pull",)``, ``("check", server_ids)``, ``("stop",)``."""
    statuses: Counter[int] = Counter()
    desktops = [Desktop(url, index, password, statuses) for index in indices]
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(Desktop.login, desktops))
        pipe.send("ready")
        while True:
            word = pipe.recv()
            if word[0] == "stop":
                break
            if word[0] == "sync":
                cpu = time.process_time()
                durations = list(pool.map(Desktop.sync, desktops, [word[1]] * len(desktops)))
                pipe.send(
                    {
                        "durations": durations,
                        "cpu": time.process_time() - cpu,
                        "pulled": sum(d.count for d in desktops),
                        "pulled_bytes": sum(d.pulled_bytes for d in desktops),
                    }
                )
            elif word[0] == "pull":
                list(pool.map(Desktop.pull, desktops))
                pipe.send("pulled")
            elif word[0] == "check":
                ids = [record_id.encode() for record_id in word[1]]
                count, digest = len(ids), sum(map(hash, ids))
                converged = sum(d.converged(count, digest) for d in desktops)
                pipe.send({"converged": converged, "statuses": dict(statuses)})
    for desktop in desktops:
        desktop.session.close()
