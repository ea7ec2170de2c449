"""The per-process pull cache answers exactly what the database answers."""

from __future__ import annotations

import json
import random
import threading
import time
from pathlib import Path
from typing import Any

from sync.server import admin
from sync.server.pull_cache import PullCache
from sync.server.storage import Storage, open_storage


def _storage_with_ops(tmp_path: Path, count: int) -> Storage:
    admin.init_server(tmp_path / "server", "admin", "correct-horse-1")
    storage = open_storage(tmp_path / "server")
    with storage.write() as conn:
        for n in range(count):
            device = "dev-a" if n % 3 == 0 else "dev-b"
            fields = {"name": f"单位{n}", "note": 'quote " and \\ backslash'}
            Storage.next_seq(conn, f"op-{n}", "unit", f"u{n}", "insert", fields, device)
    return storage


def _database_page(storage: Storage, since: int, limit: int, device: str) -> tuple[Any, ...]:
    """``Storage.pull_page`` with the JSON as UTF-8 (as the cache gives it)."""
    text, count, last, more = storage.pull_page(since, limit, device)
    return text.encode(), count, last, more


def test_cache_pages_equal_database_pages_in_any_order(tmp_path: Path) -> None:
    storage = _storage_with_ops(tmp_path, 60)
    identity = ("server", "epoch-1")
    cache = PullCache(max_ops=7)  # tiny: every request extends, trims or bypasses it
    rng = random.Random(4)
    for _ in range(400):
        since, limit = rng.randint(0, 65), rng.randint(1, 12)
        device = rng.choice(["dev-a", "dev-b", "dev-c"])
        assert cache.page(storage, identity, since, limit, device) == _database_page(
            storage, since, limit, device
        ), (since, limit, device)
    text, _count, _last, _more = cache.page(storage, identity, 0, 4, "dev-a")
    assert json.loads(b"[" + text + b"]") == [
        {"seq": seq, "op": op, "tbl": tbl, "id": rid, "kind": kind, "fields": json.loads(f),
         "dev": dev}
        for seq, op, tbl, rid, kind, f, dev in storage.ops_since(0, 4)
        if dev != "dev-a"
    ]  # fmt: skip
    # New ops appear at the top of the window.
    with storage.write() as conn:
        Storage.next_seq(conn, "op-new", "unit", "u-new", "insert", {"name": "新"}, "dev-b")
    assert cache.page(storage, identity, 58, 5, "dev-a") == _database_page(storage, 58, 5, "dev-a")
    text, count, last, more = cache.page(storage, identity, 60, 5, "dev-a")
    assert (count, last, more) == (1, 61, False) and b'"op":"op-new"' in text


def test_a_new_epoch_empties_the_cache(tmp_path: Path) -> None:
    storage = _storage_with_ops(tmp_path, 5)
    cache = PullCache()
    assert cache.page(storage, ("s", "e1"), 0, 10, "x")[1:] == (5, 5, False)
    with storage.write() as conn:  # as after a restore: the log is different now
        conn.execute("DELETE FROM op WHERE seq > 2")
        Storage.next_seq(conn, "op-after", "unit", "u9", "insert", {"name": "恢复后"}, "dev-b")
    text, count, last, _more = cache.page(storage, ("s", "e2"), 2, 10, "x")
    assert (count, last) == (1, 3) and b"op-after" in text


def test_pulls_on_many_threads_while_ops_arrive_get_database_pages(tmp_path: Path) -> None:
    """The cache reads the database outside its lock: threads pulling at once while new
    ops are committed must each get a page the database agrees with (a contiguous run of
    the log from their cursor, none skipped or twice)."""
    storage = _storage_with_ops(tmp_path, 40)
    read_rows = storage.pull_rows

    def slow_read(since: int, limit: int) -> list[tuple[int, str, str]]:
        time.sleep(0.002)  # a database round trip: other threads read the same ops meanwhile
        return read_rows(since, limit)

    storage.pull_rows = slow_read  # type: ignore[method-assign]
    identity = ("server", "epoch-1")
    cache = PullCache(max_ops=25)  # small: appends, trims and restarts all happen
    pages: list[tuple[int, int, str, tuple[bytes, int, int, bool]]] = []
    failures: list[BaseException] = []

    def puller(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(150):
                since, limit = rng.randint(0, 140), rng.randint(1, 15)
                device = rng.choice(["dev-a", "dev-b", "dev-c"])
                pages.append((since, limit, device, cache.page(storage, identity, since, limit,
                                                               device)))  # fmt: skip
        except BaseException as exc:  # reported below, on the test's thread
            failures.append(exc)

    def writer() -> None:
        for n in range(40, 140):
            with storage.write() as conn:
                Storage.next_seq(conn, f"op-{n}", "unit", f"u{n}", "insert", {"name": f"新{n}"},
                                 "dev-a" if n % 2 else "dev-b")  # fmt: skip

    threads = [threading.Thread(target=puller, args=(seed,)) for seed in range(6)]
    threads.append(threading.Thread(target=writer))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    assert len(pages) == 6 * 150
    for since, limit, device, (text, count, last, more) in pages:
        read = last - since
        assert 0 <= read <= limit and (not more or read == limit), (since, limit, last, more)
        if read:  # the same run of the log, as the database has it now
            assert (text, count) == _database_page(storage, since, read, device)[:2]
        else:
            assert (text, count) == (b"", 0)
