"""SQLite settings for the span of a bulk write (issue 14).

A bulk transaction (a document import, ``import-json``, a pulled or snapshot page)
dirties pages scattered over every index keyed by random ids (record ids, the
change log's ``(tbl, record_id)``):

- SQLite's default page cache is 2 MB (500 pages of 4 KiB). Once more pages are
  dirty than it holds, SQLite spills them to the WAL in the middle of the
  transaction, reads them back and writes them again: a single-transaction insert
  of the 30k-task database's rows wrote 2.8 GB and read 2.1 GB with the default
  cache, 1.2 GB and 0.17 GB with 64 MiB.
- A checkpoint copies every page the WAL holds back into the database (and syncs
  it, the only fsync with ``synchronous = NORMAL``). Every ~10,000 pages of WAL
  (``desktop.models.db``), a series of bulk transactions (the pages of a sync,
  document after document) copies most pages it touched once per checkpoint, and
  the larger the database the fewer pages two checkpoints share: 40 documents
  into a copy of the 100k-task database wrote 411 MB, 236 MB with no checkpoint in
  between; into the 10k-task one 255 MB against 192 MB.

Inside ``bulk_writes`` the connection gets a 64 MiB cache and checkpoints every
~100,000 pages (400 MB of WAL); its own settings come back after the block
(restoring the cache size frees the pages above it), so a long-lived connection
(the GUI's) does not keep them, and the next commit outside a bulk write
checkpoints a WAL grown past the usual size.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

BULK_CACHE_KIB = 64 * 1024  # the sync server's connections use the same size
BULK_CHECKPOINT_PAGES = 100_000  # WAL pages between automatic checkpoints


def _cache_kib(conn: sqlite3.Connection, size: int) -> int:
    """``PRAGMA cache_size``'s value in KiB (negative values are KiB, positive pages)."""
    if size < 0:
        return -size
    return size * conn.execute("PRAGMA page_size").fetchone()[0] // 1024


@contextmanager
def bulk_writes(conn: sqlite3.Connection) -> Iterator[None]:
    """Give ``conn`` a page cache of at least ``BULK_CACHE_KIB`` KiB and automatic
    checkpoints at most every ``BULK_CHECKPOINT_PAGES`` pages inside the block; its
    previous settings come back after it (also when the block raises). Nested
    blocks leave the outer one's settings alone."""
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    checkpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    restore = []
    if _cache_kib(conn, cache) < BULK_CACHE_KIB:
        conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        restore.append(f"PRAGMA cache_size = {int(cache)}")
    if 0 < checkpoint < BULK_CHECKPOINT_PAGES:
        conn.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
        restore.append(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")
    try:
        yield
    finally:
        for statement in restore:
            conn.execute(statement)
