"""Refusing structurally invalid ops before anything is applied (design §4, 8a).

Every pushed op is checked against the schema registry (``sync.records``): the
table and every column must be declared (local-only columns never travel), each
value must fit its column (kind, size, control characters, real dates, finite
numbers), an insert must carry its required columns, and every reference must
name a live record the server holds, or one an earlier op of the same push
created (those are already written in the push's transaction). A refused op
is recorded like any other rejection, with its Chinese reason; the rest of the
batch proceeds and nothing of it is stored or relayed.
"""

from __future__ import annotations

from typing import Any

from sync import records
from sync.protocol import REJECTED, Op
from sync.server.batch import PushBatch


def op_problem(batch: PushBatch, op: Op) -> str | None:
    """The reason ``op`` is invalid, or ``None``."""
    problem = records.check_id(op.tbl, op.record_id) if op.tbl in records.TABLES else None
    problem = problem or records.check_fields(op.tbl, op.fields, insert=op.kind == "insert")
    if problem is None and op.kind != "delete":
        problem = records.check_references(op.tbl, op.fields, batch.is_live)
    if problem is None:
        return None
    if op.kind == "insert" and op.tbl in records.TABLES:
        return problem.about(records.describe_record(op.tbl, op.record_id, op.fields))
    return problem.message


def refuse_invalid(batch: PushBatch, op: Op) -> dict[str, Any] | None:
    """A rejection outcome for an invalid op (with the server's state), else ``None``."""
    reason = op_problem(batch, op)
    if reason is None:
        return None
    rec = batch.record(op.tbl, op.record_id)
    server = (
        {"exists": False, "deleted": False, "fields": {}}
        if rec is None
        else {
            "exists": True,
            "deleted": rec["deleted_seq"] is not None,
            "fields": dict(rec["fields"]),
        }
    )
    return {"op": op.op_id, "status": REJECTED, "seq": None, "reason": reason, "server": server}
