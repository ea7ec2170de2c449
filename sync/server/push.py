"""Applying a pushed batch: idempotency, permissions, conflicts, sequencing, audit.

Conflict rule (design §4): a field conflicts when the server changed it after
the op's ``base`` seq, from another device, to a value different from the
op's. Conflicting fields are not applied; both values are kept in a conflict
record and returned to the client. Other fields of the same op are applied.
Deletes leave a tombstone; edit-vs-delete in either direction is a conflict.
Wall-clock times are never compared.
"""

from __future__ import annotations

import json
from typing import Any

from sync.collector import collector_paused
from sync.protocol import (
    ACCEPTED,
    CONFLICT,
    MISSING_BASE,
    REJECTED,
    Op,
    OpError,
    op_from_wire,
    valid_text,
)
from sync.server.batch import PushBatch, compact_json
from sync.server.permissions import APPEND_ONLY, AUTHOR_FIELDS, PermissionContext
from sync.server.storage import Device, Storage, now_iso
from sync.server.validation import quick_ops, refuse_invalid, table_check

DELETED_KEY = "~deleted"  # versions entry recording who deleted the record


def _server_state(rec: dict[str, Any] | None) -> dict[str, Any]:
    if rec is None:
        return {"exists": False, "deleted": False, "fields": {}}
    # A copy: a later op of the same batch may change the record.
    return {
        "exists": True,
        "deleted": rec["deleted_seq"] is not None,
        "fields": dict(rec["fields"]),
    }


def _stamp_author(op: Op, username: str) -> dict[str, Any]:
    """Set the record's author field from the account (S2); returns what the client must adopt."""
    name = AUTHOR_FIELDS.get(op.tbl)
    if name is None or op.kind == "delete" or (op.kind == "update" and name not in op.fields):
        return {}
    changed = {name: username} if op.fields.get(name) != username else {}
    op.fields[name] = username
    return changed


def _identical(op: Op, rec: dict[str, Any]) -> bool:
    """Whether an insert only repeats what the live record already holds."""
    return all(f in rec["fields"] and rec["fields"][f] == v for f, v in op.fields.items())


def _relayed_change(op: Op, rec: dict[str, Any] | None) -> Op:
    """What a relayed record version changes here: the whole record where the
    server lacks it, else only its relayed fields that differ (an update)."""
    if op.kind == "delete" or rec is None or rec["deleted_seq"] is not None:
        return Op(op.op_id, op.tbl, op.record_id, op.kind, dict(op.fields), op.base_seq)
    names = (op.relay or {}).get("fields", [])
    stored = rec["fields"]
    fields = {f: op.fields[f] for f in names if f not in stored or stored[f] != op.fields[f]}
    return Op(op.op_id, op.tbl, op.record_id, "update", fields, op.base_seq)


def _apply_one(
    batch: PushBatch,
    op: Op,
    device: Device,
    perms: PermissionContext,
    author: Device | None = None,
    author_perms: PermissionContext | None = None,
) -> dict[str, Any]:
    """Apply one op pushed by ``device``; ``author`` wrote it (differs for a relay)."""
    author = author or device
    result: dict[str, Any] = {"op": op.op_id, "status": ACCEPTED, "seq": None}
    conn = batch.conn
    rec = batch.record(op.tbl, op.record_id)
    adopted = _stamp_author(op, author.account.username)
    if adopted:
        result["set"] = adopted
    if op.relay is not None:
        op = _relayed_change(op, rec)
        if op.kind == "update" and not op.fields:
            return result  # the server already holds this version
    live = rec is not None and rec["deleted_seq"] is None
    if op.kind == "insert" and (live or (rec is not None and op.tbl in APPEND_ONLY)):
        # An insert never merges into an existing record (it would bypass the
        # permission checks of an update and the append-only rule): an identical
        # replay changes nothing, anything else is refused. An append-only record
        # (a report) deleted by an admin is never brought back with other contents.
        if rec is not None and _identical(op, rec):
            return result
        return {
            **result,
            "status": REJECTED,
            "reason": "服务器上已有相同编号的另一条记录，新增被拒绝（已有的记录保持不变）。",
            "server": _server_state(rec),
        }
    if op.kind == "update" and rec is None:
        # The record's insert may reach the server later (e.g. relayed after a
        # restore): the client keeps this edit and retries it then (permissions are
        # checked at that time; without the record they cannot be).
        return {
            **result,
            "status": REJECTED,
            "reason": "服务器上没有该记录，无法修改；该记录到达服务器后会自动重试。",
            "code": MISSING_BASE,
            "server": _server_state(rec),
        }
    # A relay is checked for the relaying account AND the original author: it can
    # restore what both may write, never more than the relaying desktop could itself.
    reason = perms.check(op) or (author_perms.check(op) if author_perms else None)
    if reason is None and (op.kind == "insert" or live):
        after = {**rec["fields"], **op.fields} if live and rec else op.fields
        reason = perms.check_references(op, after)
    if reason:
        return {**result, "status": REJECTED, "reason": reason, "server": _server_state(rec)}

    dev = author.id  # field versions and the change log name the author
    if rec is None and op.kind == "insert":
        return _insert_new(batch, op, dev, result)
    conflicts: list[dict[str, Any]] = []

    def conflict(
        field: str | None,
        kind: str,
        mine: Any,
        theirs: Any,
        theirs_seq: int,
        theirs_device: str | None = None,
    ) -> None:
        cid = Storage.add_conflict(
            conn,
            op_id=op.op_id,
            tbl=op.tbl,
            record_id=op.record_id,
            field=field,
            kind=kind,
            mine=json.dumps(mine, ensure_ascii=False),
            theirs=json.dumps(theirs, ensure_ascii=False),
            theirs_seq=theirs_seq,
            device_id=device.id,
            theirs_device=theirs_device,
        )
        # Who holds the other value: the desktop names them (device, account).
        other_name, other_user = Storage.device_label(conn, theirs_device)
        conflicts.append(
            {
                "id": cid,
                "field": field,
                "kind": kind,
                "mine": mine,
                "theirs": theirs,
                "theirs_seq": theirs_seq,
                "theirs_device": other_name,
                "theirs_user": other_user,
            }
        )

    def changed_by_others(field: str) -> int | None:
        version = rec["versions"].get(field) if rec else None
        if version and version[0] > op.base_seq and version[1] != dev:
            return int(version[0])
        return None

    def last_writer(seq: int) -> str | None:
        """The device of the field version (or delete) at ``seq``."""
        versions = rec["versions"].values() if rec else []
        return next((v[1] for v in versions if isinstance(v, list) and v[0] == seq), None)

    if op.kind == "delete":
        if rec is None or rec["deleted_seq"] is not None:
            seq = rec["deleted_seq"] if rec else None
            if rec is None:  # keep a tombstone so a late edit is a conflict
                seq = batch.next_seq(op.op_id, op.tbl, op.record_id, "delete", "{}", dev)
                rec = {
                    "fields": {},
                    "versions": {DELETED_KEY: [seq, dev]},
                    "deleted_seq": seq,
                    "seq": seq,
                }
                batch.put(op.tbl, op.record_id, rec, "{}")
            return {**result, "seq": seq}
        edited = [s for f in rec["fields"] if (s := changed_by_others(f)) is not None]
        if edited:
            conflict(
                None, "delete_edit", None, rec["fields"], max(edited), last_writer(max(edited))
            )
            return {
                **result,
                "status": CONFLICT,
                "conflicts": conflicts,
                "server": _server_state(rec),
            }
        seq = batch.next_seq(op.op_id, op.tbl, op.record_id, "delete", "{}", dev)
        if op.tbl == "attachment":
            batch.content_may_be_orphaned(rec["fields"].get("sha256"))
        rec["deleted_seq"] = seq
        rec["seq"] = seq
        rec["versions"][DELETED_KEY] = [seq, dev]
        batch.put(op.tbl, op.record_id, rec)
        return {**result, "seq": seq}

    if rec is not None and rec["deleted_seq"] is not None:
        deleter = rec["versions"].get(DELETED_KEY, [rec["deleted_seq"], ""])
        resurrect = op.kind == "insert" and (rec["deleted_seq"] <= op.base_seq or deleter[1] == dev)
        if not resurrect:
            conflict(None, "edit_delete", op.fields, None, int(rec["deleted_seq"]), deleter[1])
            return {
                **result,
                "status": CONFLICT,
                "conflicts": conflicts,
                "server": _server_state(rec),
            }
        return _insert_new(batch, op, dev, result)  # the insert starts the record afresh
    if rec is None:  # (handled above: an insert starts it, an update was refused)
        return _insert_new(batch, op, dev, result)

    applied: dict[str, Any] = {}
    for field, value in op.fields.items():
        current = rec["fields"].get(field)
        if current == value and field in rec["fields"]:
            continue
        theirs_seq = changed_by_others(field)
        if theirs_seq is not None:
            # The device whose value stands learns of the conflict too (a notice).
            conflict(field, "field", value, current, theirs_seq, rec["versions"][field][1])
        else:
            applied[field] = value
    seq = None
    if applied:
        if op.tbl == "attachment" and "sha256" in applied:
            batch.content_may_be_orphaned(rec["fields"].get("sha256"))
        rec["fields"].update(applied)
        seq = batch.next_seq(op.op_id, op.tbl, op.record_id, "update", compact_json(applied), dev)
        for field in applied:
            rec["versions"][field] = [seq, dev]
        rec["seq"] = seq
        batch.put(op.tbl, op.record_id, rec)
    if conflicts:
        return {
            **result,
            "status": CONFLICT,
            "seq": seq,
            "conflicts": conflicts,
            "server": _server_state(rec),
        }
    return {**result, "seq": seq}


def _insert_new(batch: PushBatch, op: Op, dev: str, result: dict[str, Any]) -> dict[str, Any]:
    """Create the record (absent, or deleted and brought back): every field at the new seq."""
    result["seq"] = batch.create(op.op_id, op.tbl, op.record_id, op.fields, dev)
    return result


def _wanted(
    ops: list[Op],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], dict[int, list[tuple[str, str]]]]:
    """The records a batch changes (read whole), those it references (liveness), and
    the references of each op (by ``id``; none for a delete)."""
    whole: list[tuple[str, str]] = []
    live: list[tuple[str, str]] = []
    references: dict[int, list[tuple[str, str]]] = {}
    for op in ops:
        whole.append((op.tbl, op.record_id))
        if op.kind == "delete":
            references[id(op)] = []
            continue
        check = table_check(op.tbl)
        if check is not None:
            refs = references[id(op)] = list(check.referenced(op.fields))
            live += refs
        item = op.fields.get("item_id")
        if op.tbl in ("milestone", "report", "target") and isinstance(item, str) and item:
            whole.append(("item", item))  # its task is compared (check_references)
    return whole, live, references


def apply_push(
    storage: Storage, device: Device, raw_ops: list[Any], ip: str
) -> list[dict[str, Any]]:
    """Apply a batch in one transaction; returns one outcome per op, in order.

    Set-based (``PushBatch``): the batch's outcomes and records are read with a few
    queries, its rows written with one multi-row insert per table; each op is still
    validated, permission-checked and decided on its own, in order. The cyclic
    garbage collector is paused meanwhile (``collector_paused``).
    """
    with collector_paused():
        return _apply_push(storage, device, raw_ops, ip)


def _apply_push(
    storage: Storage, device: Device, raw_ops: list[Any], ip: str
) -> list[dict[str, Any]]:
    parsed: list[Op | dict[str, Any]] = []
    clean: set[int] = set()  # ids of the ops ``quick_ops`` vouched for
    for raw, quick in zip(raw_ops, quick_ops(raw_ops), strict=True):
        if quick is not None:
            parsed.append(quick)
            clean.add(id(quick))
            continue
        try:
            parsed.append(op_from_wire(raw))
        except OpError as exc:
            op_id = raw.get("op") if isinstance(raw, dict) else None
            # Echoed back only when it is text the reply can carry.
            if not isinstance(op_id, str) or not valid_text(op_id):
                op_id = None
            parsed.append({"op": op_id, "status": REJECTED, "seq": None, "reason": str(exc)})
    ops = [op for op in parsed if isinstance(op, Op)]
    results: list[dict[str, Any]] = []
    at = now_iso()
    own = (at, device.account.username, device.id, ip)  # who: the audit's first columns
    with storage.write() as conn:
        batch = PushBatch(storage, conn)
        batch.load_outcomes(op.op_id for op in ops)
        whole, live, references = _wanted([op for op in ops if not batch.has_outcome(op.op_id)])
        batch.load(whole, live_only=live)
        perms = PermissionContext(batch, device.account)
        authors: dict[str, tuple[Device, PermissionContext | None]] = {}
        epoch_base = int(storage.meta("epoch_base") or 0)
        restored = epoch_base > 0

        def author_of(op: Op) -> tuple[Device, PermissionContext | None, str]:
            """The original author of a relayed op (the pusher for its own ops)."""
            origin = (op.relay or {}).get("from")
            if op.relay is None:
                return device, None, ""
            note = f"由设备 {device.id}（{device.account.username}）转交"
            if not origin or origin == device.id:
                return device, None, note
            if not restored:
                # Another author's version is relayed only to a server restored from a
                # backup; otherwise it is the relaying device's own write.
                return device, None, f"{note}；服务器未从备份恢复，记在转交者名下"
            if origin not in authors:
                found = storage.device(origin)
                authors[origin] = (
                    (found, PermissionContext(batch, found.account)) if found else (device, None)
                )
            found, found_perms = authors[origin]
            if found is device:
                return device, None, f"{note}；原设备 {origin} 不在服务器上，记在转交者名下"
            return found, found_perms, note

        for op in parsed:
            if not isinstance(op, Op):
                results.append(op)
                continue
            first = batch.outcome(op.op_id)
            if first is not None:
                results.append({**first, "duplicate": True})
                continue
            if op.relay is None:  # a desktop's own change (most ops)
                author, author_perms, note = device, None, ""
            else:
                author, author_perms, note = author_of(op)
            if author is not device:
                # Another author's version fills in only what the restored data holds:
                # a field changed since the restore by someone else is a conflict.
                op.base_seq = min(op.base_seq, epoch_base)
            key = id(op)
            refused = (
                None  # a clean op whose references are live (``op_problem``'s first case)
                if key in clean
                and (refs := references.get(key)) is not None
                and batch.all_live(refs)
                else refuse_invalid(batch, op, clean=key in clean, references=references.get(key))
            )
            result = refused or _apply_one(batch, op, device, perms, author, author_perms)
            batch.put_outcome(op.op_id, result)
            results.append(result)
            reason = result.get("reason", "")
            if note:
                reason = f"{reason}；{note}" if reason else note
            who = own if author is device else (at, author.account.username, author.id, ip)
            batch.add_audit(who, op, result["status"], result.get("seq"), reason)
        batch.flush()
    return results
