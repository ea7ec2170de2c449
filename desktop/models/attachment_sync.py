"""Attachment content over sync, by SHA-256 (issue 12; server side: sync/server/blobs.py).

Bound to the sync engine by ``desktop.models.sync_engine`` (``exchange_content`` runs
after each pull): ``sync`` never imports the desktop.

A sync, after pushing records, asks the server which of the hashes this desktop holds
it lacks and uploads those (``push_content``); after pulling, it downloads the content
of attachment records this desktop lacks (``pull_content``; a hash nobody uploaded yet
is left for a later sync). ``fetch_content`` gets one attachment's content on demand
(``liandong attach get``). Content is written only through
``desktop.models.attachments.save_content`` (size limit, hash verified: a mismatch is
refused and nothing is written); a file over the limit is never sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.errors import UserError
from desktop.models import attachments as at
from desktop.models.store import Store
from sync import records

if TYPE_CHECKING:
    from sync.apply import LocalStore
    from sync.client import SyncEngine, SyncReport


def _server_lacks(engine: SyncEngine, hashes: list[str]) -> set[str]:
    if not hashes:
        return set()
    data = engine._request("POST", "/v1/blobs/missing", json={"hashes": hashes})
    return {h for h in data.get("missing") or [] if isinstance(h, str)}


def push_content(engine: SyncEngine, store: Store) -> tuple[int, list[str]]:
    """Upload content the server lacks, of records already on the server; (done, problems)."""
    unsent = {
        row[0]
        for row in store.db.execute(
            "SELECT json_extract(fields, '$.sha256') FROM change_log WHERE tbl = 'attachment'"
            " AND kind = 'insert' AND acked_seq IS NULL"
        )
    }
    hashes = [h for h in at.local_hashes(store) if h not in unsent]
    done, problems = 0, []
    for sha256 in sorted(_server_lacks(engine, hashes) & set(hashes)):
        path = at.content_path(store, sha256)
        if path.stat().st_size > records.ATTACHMENT_MAX_BYTES:
            problems.append(f"附件内容 {sha256[:8]} 超过附件上限，未上传。")
            continue
        try:
            engine._request("PUT", f"/v1/blobs/{sha256}", data=path.read_bytes())
            done += 1
        except UserError as exc:  # refused (e.g. its record was rejected): the rest go on
            problems.append(f"附件内容 {sha256[:8]} 未上传：{exc}")
    return done, problems


def fetch_content(engine: SyncEngine, store: Store, record: dict[str, Any]) -> None:
    """Download one attachment's content (``UserError`` with the server's reason)."""
    response = engine._request("GET", f"/v1/blobs/{record['sha256']}", raw=True)
    at.save_content(store, record["sha256"], response.content, name=record["name"])


def pull_content(engine: SyncEngine, store: Store) -> tuple[int, list[str]]:
    """Download the content of attachment records this desktop lacks and the server
    holds (the rest waits for a later sync); (done, problems)."""
    wanted = at.missing_content(store)
    absent = _server_lacks(engine, [r["sha256"] for r in wanted])
    done, problems = 0, []
    for record in wanted:
        if record["sha256"] in absent:
            continue
        try:
            fetch_content(engine, store, record)
            done += 1
        except UserError as exc:
            problems.append(f"附件“{record['name']}”未下载：{exc}")
    return done, problems


def exchange_content(engine: SyncEngine, store: LocalStore, report: SyncReport) -> None:
    """After a sync's pull: upload the content the server lacks, download what this
    desktop lacks (counted in ``report``)."""
    assert isinstance(store, Store)
    if store.path is None or not store.db.execute("SELECT 1 FROM attachment").fetchone():
        return
    up, problems = push_content(engine, store)
    down, more = pull_content(engine, store)
    report.content_up, report.content_down = up, down
    report.content_problems += problems + more


def fetch_one(engine: SyncEngine, record: dict[str, Any]) -> None:
    """Download one attachment's content now (``liandong attach get``, 另存为)."""
    store = Store.open(engine.db_path)
    try:
        fetch_content(engine, store, record)
    finally:
        store.close()
