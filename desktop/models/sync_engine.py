"""The sync engine bound to the desktop's database.

The protocol (push, pull, apply, outbox, conflicts, relays) lives in ``sync``, which
never imports the desktop; it reaches the desktop's database through the small
``sync.apply.LocalStore`` interface, which ``Store`` implements.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.models.attachment_sync import exchange_content
from desktop.models.db import known_migrations
from desktop.models.store import Store
from sync.client import SyncEngine


def sync_engine(db_path: str | Path, server_url: str | None = None, **options: Any) -> SyncEngine:
    """A ``SyncEngine`` on the desktop database at ``db_path`` (``options``: its keywords)."""
    return SyncEngine(
        db_path,
        server_url,
        open_store=Store.open,
        schema_version=len(known_migrations()),
        after_pull=exchange_content,
        **options,
    )
