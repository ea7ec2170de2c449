"""The store: the only code that writes SQL.

One user action = one ``Store.action(...)`` block = one transaction, in
which every insert/update/delete of a synced table also appends an op to
``change_log`` (the sync outbox; see ``transactions.Tx``). If the log row
cannot be written, the edit is not written either.

The store is plain Python (no Qt); one ``Store`` per thread (sqlite3
connections are per thread; WAL lets a background job write while the GUI
reads through its own connection). Its actions live in focused mixins:
``plan_actions`` (import/delete plans) and ``unit_actions`` (units); the
coordination and sync features add module-level actions taking a ``Store``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlite_utils import Database

from desktop.models.db import open_database
from desktop.models.plan_actions import ImportResult, PlanActions, target_fields
from desktop.models.transactions import Tx, Written, utc_now
from desktop.models.unit_actions import UnitActions
from sync.bulk_writes import bulk_writes

__all__ = ["ImportResult", "Listener", "Store", "Tx", "Written", "target_fields", "utc_now"]

log = logging.getLogger(__name__)

Listener = Callable[[str, frozenset[str]], None]


class Store(PlanActions, UnitActions):
    """The local database of one user profile."""

    def __init__(self, db: Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        self._listeners: list[Listener] = []

    @classmethod
    def open(cls, path: str | Path) -> Store:
        return cls(open_database(path), Path(path))

    def close(self) -> None:
        self.db.conn.close()

    # -- transactions and change notification ---------------------------------

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(action, tables)`` after each committed action (``tables``: a
        ``Written``, which also names the columns of the rows it only updated)."""
        self._listeners.append(listener)

    @contextmanager
    def action(self, name: str, *, bulk: bool = False) -> Iterator[Tx]:
        """One user action: one transaction, every write logged for sync.

        ``bulk``: the action writes thousands of rows (an import); SQLite gets a
        larger page cache and fewer checkpoints for it (``sync.bulk_writes``), the
        usual settings after it."""
        if self.db.conn.in_transaction:
            raise RuntimeError("store actions do not nest")
        tx = None
        with bulk_writes(self.db.conn) if bulk else nullcontext(), self.db.atomic():
            tx = Tx(self.db, name)
            yield tx
        tables = tx.written()
        for listener in list(self._listeners):
            listener(name, tables)

    def pending_changes(self) -> int:
        return self.db.execute(
            "SELECT count(*) FROM change_log WHERE acked_seq IS NULL"
        ).fetchone()[0]

    def _link_imported_tasks(self, tx: Tx, task_rows: list[dict], links: dict[int, str]) -> int:
        """The import's accepted 上级任务 links (``PlanActions.import_plan``), written in
        its transaction by the authoring actions (built on the store)."""
        from desktop.models.authoring import link_imported_tasks

        return link_imported_tasks(self, tx, task_rows, links)
