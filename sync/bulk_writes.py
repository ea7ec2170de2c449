"""A larger SQLite page cache for the span of one bulk write.

SQLite's default page cache is 2 MB (500 pages of 4 KiB). A bulk transaction
(a document import, ``import-json``, a pulled or snapshot page) dirties pages
scattered over every index keyed by random ids (record ids, the change log's
``(tbl, record_id)``); once more of them are dirty than the cache holds, SQLite
spills them to the WAL in the middle of the transaction, reads them back and writes
them again. At 30k tasks a single-transaction insert of the database's rows wrote
2.8 GB to the WAL and read 2.1 GB back with the default cache, 1.2 GB and 0.17 GB
with 64 MiB (issue 14). The larger cache is set for the write and the connection's
own size restored after it (restoring frees the pages above it), so a long-lived
connection (the GUI's) does not keep it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

BULK_CACHE_KIB = 64 * 1024  # the sync server's connections use the same size


def _cache_kib(conn: sqlite3.Connection, size: int) -> int:
    """``PRAGMA cache_size``'s value in KiB (negative values are KiB, positive pages)."""
    if size < 0:
        return -size
    return size * conn.execute("PRAGMA page_size").fetchone()[0] // 1024


@contextmanager
def bulk_cache(conn: sqlite3.Connection, kib: int = BULK_CACHE_KIB) -> Iterator[None]:
    """Give ``conn`` a page cache of at least ``kib`` KiB inside the block; the
    previous size comes back after it (also when the block raises)."""
    previous = conn.execute("PRAGMA cache_size").fetchone()[0]
    if _cache_kib(conn, previous) >= kib:
        yield
        return
    conn.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(previous)}")
