"""Four server processes (``liandong serve --workers 4``) on one real PostgreSQL.

Desktops push and pull at the same time while a watcher pulls continuously: every
seq reaches the watcher once and in order (a pull never skips a late commit), all
desktops converge, and no change is stored twice. Retries of one push that land on
different workers get one outcome; login limits and refresh-token rotation hold
across workers (their state is in the database).
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from desktop.models.ids import new_id
from sync.server import auth
from tests.helpers.sync_helpers import ServerProcess, logged_in, new_fingerprint, raw

DESKTOPS = 4
ROUNDS = 4


@pytest.fixture(scope="module")
def workers(pg_cluster: Any, tmp_path_factory: pytest.TempPathFactory):
    server = ServerProcess(pg_cluster.new_database(), env={"LIANDONG_HASH_QUEUE": "64"})
    server.init()
    server.start(["--workers", "4"])
    yield server
    server.stop()


def _parallel(calls: list[Any]) -> list[Any]:
    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


def test_four_workers_converge_without_skipped_or_duplicate_seqs(
    tmp_path: Path, workers: ServerProcess
) -> None:
    a = logged_in(tmp_path, workers, "d0", "coord")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    desktops = [a] + [logged_in(tmp_path, workers, f"d{i}", "coord") for i in range(1, DESKTOPS)]
    for desktop in desktops[1:]:
        desktop.sync()
    tasks = [a.task_id(plan, no) for no in (1, 2)]
    watcher = logged_in(tmp_path, workers, "watcher", "watch")
    token = watcher.engine._access
    start = workers.storage().max_seq()
    seen: list[int] = []
    done = threading.Event()

    def watch() -> None:
        since = start
        while True:
            finished = done.is_set()
            reply = raw(workers, "GET", "/v1/pull", token, params={"since": since, "limit": 50})
            assert reply.status_code == 200, reply.text
            body = reply.json()
            seen.extend(op["seq"] for op in body["ops"])
            since = body["next"]
            if finished and not body["more"]:
                return

    def work(index: int) -> None:
        desktop = desktops[index]
        for round_no in range(ROUNDS):
            # Every desktop edits a (task, field) of its own: no conflicts.
            field = "title" if index < 2 else "text"
            desktop.edit("task", tasks[index % 2], {field: f"d{index} r{round_no}"})
            desktop.sync()

    watching = threading.Thread(target=watch)
    watching.start()
    errors = _parallel([lambda i=i: work(i) for i in range(DESKTOPS)])
    assert errors == [None] * DESKTOPS
    done.set()
    watching.join(60)
    assert not watching.is_alive()

    for _ in range(2):  # everybody pulls what the others pushed last
        for desktop in desktops:
            desktop.sync()
    dumps = [d.dump(plan) for d in desktops]
    assert all(dump == dumps[0] for dump in dumps[1:])
    assert all(d.pending() == 0 for d in desktops)

    ops = workers.server_ops()
    seqs = [row[0] for row in ops]
    assert seqs == list(range(1, len(seqs) + 1)), "seqs have gaps"
    pushed = [s for s in seqs if s > start]
    # The watcher got every new seq exactly once, in order: no pull skipped a late commit.
    assert seen == pushed
    # No change stored twice: each desktop change is exactly one op.
    acked = [
        row[0]
        for d in desktops
        for row in d.query("SELECT acked_seq FROM change_log WHERE acked_seq > ?", [start])
    ]
    assert sorted(acked) == pushed
    assert len({row[1] for row in ops}) == len(ops)


def test_one_push_retried_on_every_worker_is_applied_once(
    tmp_path: Path, workers: ServerProcess
) -> None:
    a = logged_in(tmp_path, workers, "p", "coord")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    task = a.task_id(plan, 1)
    before = workers.storage().max_seq()
    op = {
        "op": new_id(),
        "tbl": "task",
        "id": task,
        "kind": "update",
        "fields": {"title": "retried"},
        "base": before,
    }
    token = a.engine._access
    replies = _parallel([lambda: raw(workers, "POST", "/v1/push", token, json={"ops": [op]})] * 12)
    assert {r.status_code for r in replies} == {200}
    results = [r.json()["results"][0] for r in replies]
    assert Counter(bool(r.get("duplicate")) for r in results) == {True: 11, False: 1}
    assert {r["status"] for r in results} == {"accepted"}, results[0]
    assert len({r["seq"] for r in results}) == 1
    assert workers.storage().max_seq() == before + 1


def test_login_limit_and_token_rotation_hold_across_workers(
    tmp_path: Path, workers: ServerProcess
) -> None:
    user = workers.user("target")
    body = {"username": user, "password": "wrong-password", "device_name": "pc"}
    replies = _parallel(
        [
            lambda: raw(
                workers, "POST", "/v1/login", json=body, headers={"X-Forwarded-For": "10.0.0.9"}
            )
        ]
        * 40
    )
    codes = Counter(r.status_code for r in replies)
    assert codes == {401: auth.MAX_FAILURES, 429: 40 - auth.MAX_FAILURES}

    a = logged_in(tmp_path, workers, "r", "rotator")
    first = a.tokens.get(workers.url, "rotator", a.engine.device_id)
    replies = _parallel(
        [lambda: raw(workers, "POST", "/v1/refresh", json={"refresh_token": first})] * 8
    )
    assert {r.status_code for r in replies} == {200}
    assert len({r.json()["refresh_token"] for r in replies}) == 1
    second = replies[0].json()["refresh_token"]
    assert raw(workers, "POST", "/v1/refresh", json={"refresh_token": second}).status_code == 200
    stolen = raw(workers, "POST", "/v1/refresh", json={"refresh_token": first})
    assert stolen.status_code == 401 and stolen.json()["error"] == "revoked"


def test_metrics_sum_every_worker_and_healthz_answers(
    tmp_path: Path, workers: ServerProcess
) -> None:
    assert raw(workers, "GET", "/healthz").json() == {"status": "ok"}
    a = logged_in(tmp_path, workers, "m", "coord")
    a.import_plan(new_fingerprint())
    a.sync()
    # Every accepted change is audited once (retries answered as duplicates are not).
    accepted = (
        workers.storage()
        .conn()
        .execute(
            "SELECT count(*) FROM audit WHERE status = 'accepted'"
            " AND kind IN ('insert', 'update', 'delete')"
        )
        .fetchone()[0]
    )
    for _ in range(4):  # whichever worker answers, the sum over all workers
        text = raw(workers, "GET", "/metrics").text
        pushed = [line for line in text.splitlines() if line.startswith("liandong_push_ops_total")]
        assert f'liandong_push_ops_total{{status="accepted"}} {float(accepted)}' in pushed, pushed
        assert 'liandong_request_seconds_bucket{le="0.005",route="/v1/push"}' in text
        assert "liandong_pull_ops_total" in text
