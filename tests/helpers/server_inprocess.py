"""The sync server's push path in-process: a real SQLite server database in a temp folder,
accounts and devices, and ``apply_push`` called as the HTTP endpoint calls it."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from sync.server.push import apply_push
from sync.server.storage import Device, SqliteStorage

_ops = itertools.count(1)


def op(tbl: str, record_id: str, fields: dict[str, Any], kind: str = "insert") -> dict[str, Any]:
    """One wire op (a fresh op id)."""
    return {"op": f"op-{next(_ops)}", "tbl": tbl, "id": record_id, "kind": kind,
            "fields": fields, "base": 0}  # fmt: skip


class InProcessServer:
    def __init__(self, folder: Path) -> None:
        self.storage = SqliteStorage(folder)
        self.storage.create_private()
        self.storage.migrate()
        self.storage.init_identity()

    def device(self, username: str, role: str = "coordinator", unit: str = "") -> Device:
        self.storage.add_account(username, "-", unit, role)
        account = self.storage.account(username)
        assert account is not None
        self.storage.add_device(account, f"dev-{username}", username)
        device = self.storage.device(f"dev-{username}")
        assert device is not None
        return device

    def push(self, device: Device, *ops: dict[str, Any]) -> list[dict[str, Any]]:
        return apply_push(self.storage, device, list(ops), "127.0.0.1")

    def reasons(self, device: Device, *ops: dict[str, Any]) -> list[str | None]:
        """Each op's rejection reason (``None`` where accepted)."""
        return [r.get("reason") if r["status"] == "rejected" else None
                for r in self.push(device, *ops)]  # fmt: skip
