"""The newest ops as their wire JSON, kept in memory by each server process for pulls.

Every desktop pulls every op the others pushed, so with hundreds of desktops the same
ops are read and turned into JSON hundreds of times. ``PullCache`` keeps the newest
ops (at most ``max_ops``) as the JSON the pull reply carries, already UTF-8 encoded
(each op once per process, not once per desktop that pulls it: a page is then one
``bytes.join``, about a third of the CPU of joining and encoding text), and answers a
pull from memory, reading only the ops it does not hold yet.

It cannot serve a stale or out-of-order op: an op never changes once committed (the
log is append-only; compaction only removes ops below the floor, which pulls refuse
before reaching the cache), the cache holds one contiguous range of seqs read from
the database, and the database shows a seq only when every lower one is committed
(see ``sync.server.storage``). A new server id or epoch (a restore) empties it.
"""

from __future__ import annotations

import threading

from sync.server.storage import Storage

DEFAULT_MAX_OPS = 100_000  # about 25 MB of JSON per server process


class PullCache:
    def __init__(self, max_ops: int = DEFAULT_MAX_OPS) -> None:
        self.max_ops = max_ops
        self._lock = threading.Lock()
        self._identity: tuple[str, str] | None = None
        self._first = 0  # seq of _texts[0]
        self._devices: list[str] = []
        self._texts: list[bytes] = []

    def _reset(self, first: int) -> None:
        self._first = first
        self._devices = []
        self._texts = []

    def _extend_down(self, storage: Storage, since: int) -> bool:
        """Read the ops from ``since`` up to the window into it, if they fit."""
        missing = self._first - since - 1
        if missing + len(self._texts) > self.max_ops:
            return False
        rows = storage.pull_rows(since, missing)
        if len(rows) != missing or (rows and rows[0][0] != since + 1):
            return False  # a gap (compacted away): let the database answer
        self._devices[:0] = [row[1] for row in rows]
        self._texts[:0] = [row[2].encode() for row in rows]
        self._first = since + 1
        return True

    def page(
        self, storage: Storage, identity: tuple[str, str], since: int, limit: int, device_id: str
    ) -> tuple[bytes, int, int, bool]:
        """As ``Storage.pull_page``, the JSON as UTF-8: (JSON of the ops of others, their
        number, last seq read, whether more follow).

        The newest ops are read from the database outside the lock: a pull at the head
        does not wait for another thread's database round trip (every desktop's pull
        after a push reads the head), only for the short appends under the lock."""
        end = since + 1 + limit + 1  # one more than the page: whether more follow
        with self._lock:
            if identity != self._identity:
                self._identity = identity
                self._reset(since + 1)
            if since + 1 < self._first and not self._extend_down(storage, since):
                text, count, last, more = storage.pull_page(since, limit, device_id)
                return text.encode(), count, last, more  # far older than the window
            if since + 1 > self._first + len(self._texts):  # beyond it: start afresh there
                self._reset(since + 1)
            held_end = self._first + len(self._texts)
            page = self._slice(since, limit) if held_end >= end else None
        if page is None:
            rows = storage.pull_rows(held_end - 1, end - held_end)
            encoded = [(seq, device, text.encode()) for seq, device, text in rows]
            with self._lock:
                if identity == self._identity:
                    self._append(encoded, since)
                page = self._slice(since, limit) if identity == self._identity else None
            if page is None:  # the window moved away meanwhile: the database answers
                text, count, last, more = storage.pull_page(since, limit, device_id)
                return text.encode(), count, last, more
        devices, texts = page
        more = len(devices) > limit
        devices = devices[:limit]
        others = [text for text, device in zip(texts, devices, strict=True) if device != device_id]
        last = since + len(devices)
        return b",".join(others), len(others), last, more

    def _append(self, rows: list[tuple[int, str, bytes]], since: int) -> None:
        """Add the rows that continue the window (another thread may have added some of
        them already; a row past a gap is not added), then trim it to ``max_ops``."""
        for seq, device, text in rows:
            held_end = self._first + len(self._texts)
            if seq < held_end:
                continue
            if seq != held_end:
                break
            self._devices.append(device)
            self._texts.append(text)
        if len(self._texts) > self.max_ops:
            drop = len(self._texts) - self.max_ops
            drop = min(drop, max(0, since + 1 - self._first))  # keep this page
            del self._devices[:drop], self._texts[:drop]
            self._first += drop

    def _slice(self, since: int, limit: int) -> tuple[list[str], list[bytes]] | None:
        """The devices (one more than the page) and texts after ``since``; None when the
        window does not start at or before ``since + 1``."""
        start = since + 1 - self._first
        if start < 0 or start > len(self._texts):
            return None
        return self._devices[start : start + limit + 1], self._texts[start : start + limit]
