"""The reads and writes of one push transaction, set-based.

A pushed batch (up to ``MAX_OPS_PER_PUSH`` ops) is applied in one write
transaction. Instead of a few statements per op, ``PushBatch``:

- reads the first outcome of every op id of the batch with one query per 500 ids
  (an op accepted as sent has no ``outcome`` row: its ``op`` row is its outcome, found
  by op id; compaction writes the row before it deletes the op);
- reads the records the ops change, and whether the records they reference are
  live, with one query per table (per 500 ids); later lookups (permission checks
  that follow a reference further) are read once and kept for the batch;
- assigns seqs in memory from ``max(seq)`` read once under the write lock (the
  lock is held to commit, so the numbers are still gap-free and in commit order);
- audits ops accepted as sent by reference: one ``audit_log`` row per run of their
  seqs (``add_audit``; the ``audit`` view spells them out from the op rows);
- keeps new ops, changed records, outcomes and audit rows in memory and writes
  them with one bulk statement per table (``Storage.insert_rows``: ``executemany``
  on SQLite, ``COPY`` on PostgreSQL; records the database does not have yet with a
  plain insert, changed ones with an upsert) before the transaction commits, or
  before a query that must see them (``live_records``, ``live_where``).

Every read goes through the batch, so an op sees what earlier ops of the same
batch wrote, exactly as if each had been written at once.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sync.protocol import ACCEPTED, Op
from sync.server.storage import LOOKUP_FIELD, Conn, Storage, lookup_value

CHUNK = 500  # ids per IN (…) list

Key = tuple[str, str]

# The tables a push writes, with their columns' types (for PostgreSQL's arrays).
OP_COLUMNS = (
    ("seq", "bigint"), ("op_id", "text"), ("tbl", "text"), ("record_id", "text"),
    ("kind", "text"), ("fields", "text"), ("device_id", "text"),
)  # fmt: skip
RECORD_COLUMNS = (
    ("tbl", "text"), ("id", "text"), ("fields", "text"), ("versions", "text"),
    ("deleted_seq", "bigint"), ("seq", "bigint"),
)  # fmt: skip
# What a push writes of a record: its columns and ``lookup`` (``storage.lookup_value``).
RECORD_WRITE_COLUMNS = (*RECORD_COLUMNS, ("lookup", "text"))
RECORD_UPSERT = (
    " ON CONFLICT (tbl, id) DO UPDATE SET fields = excluded.fields,"
    " versions = excluded.versions, deleted_seq = excluded.deleted_seq, seq = excluded.seq,"
    " lookup = excluded.lookup"
)
OUTCOME_COLUMNS = (("op_id", "text"), ("result", "text"))
AUDIT_COLUMNS = (
    ("at", "text"), ("username", "text"), ("device_id", "text"), ("ip", "text"),
    ("op_id", "text"), ("tbl", "text"), ("record_id", "text"), ("kind", "text"),
    ("status", "text"), ("seq", "bigint"), ("reason", "text"), ("fields", "text"),
    ("last_seq", "bigint"),
)  # fmt: skip


_PLAIN_KEYS = {"op", "status", "seq"}


def plain_acceptance(op_id: str, seq: int) -> str:
    """The outcome (JSON) of an op accepted as sent: what its ``op`` row stands for."""
    return compact_json({"op": op_id, "status": ACCEPTED, "seq": seq})


# ``record.versions`` of a record whose every field is still at the version of the insert
# that created it: ``{"*": [seq, device]}`` instead of one entry per field (a third of
# the row's bytes). ``read_versions`` spells the entries out again.
EVERY_FIELD = "*"


def read_versions(text: str, fields: dict[str, Any]) -> dict[str, Any]:
    """``record.versions`` as ``{field: [seq, device], …}`` (``EVERY_FIELD`` spelled out)."""
    versions: dict[str, Any] = json.loads(text)
    every = versions.pop(EVERY_FIELD, None)
    if every is not None:
        for name in fields:
            versions.setdefault(name, every)
    return versions


# One encoder for every JSON text a push writes: ``json.dumps`` with options, and
# ``JSONEncoder.encode`` too, build a new C encoder per call; this one is made once,
# with what ``JSONEncoder(ensure_ascii=False, separators=(",", ":"),
# check_circular=False)`` gives it (the same text). What it encodes is decoded JSON or
# built here: never circular.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
_encode_chunks: Any
try:  # CPython's JSON accelerator, made once (the standard encoder makes it per call)
    from _json import encode_basestring, make_encoder

    _encode_chunks = make_encoder(
        None, _ENCODER.default, encode_basestring, None, ":", ",", False, False, True
    )
except (ImportError, TypeError):  # another Python, or another signature: the same text
    _encode_chunks = None


def compact_json(value: Any) -> str:
    """``value`` as compact JSON text (non-ASCII characters kept): ``_ENCODER.encode``."""
    if _encode_chunks is None:
        return _ENCODER.encode(value)
    if type(value) is str:
        return encode_basestring(value)
    return "".join(_encode_chunks(value, 0))


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class PushBatch:
    """Records, seqs, outcomes and audit rows of one push transaction (see module doc)."""

    def __init__(self, storage: Storage, conn: Conn) -> None:
        self.storage = storage
        self.conn = conn
        self._records: dict[Key, dict[str, Any] | None] = {}
        self._live: dict[Key, bool] = {}
        # key → its fields and versions as JSON, where already known
        self._dirty: dict[Key, tuple[str | None, str | None]] = {}
        # op id → its first outcome: JSON, or the seq of a plain acceptance (read or
        # new); None: known to have none
        self._outcomes: dict[str, str | int | None] = {}
        self._encoded: tuple[Any, str] | None = None  # the last fields encoded
        self._new_outcomes: list[tuple[str, str]] = []
        self._ops: list[tuple[Any, ...]] = []
        self._audit: list[Any] = []  # rows (tuples) and runs (lists: ``add_audit``)
        self._seq: int | None = None
        self._orphans: set[str] = set()  # attachment hashes a record stopped naming
        self._absent: set[Key] = set()  # read and not stored: written with a plain insert
        self._created: dict[Key, str] = {}  # records created here (``create``) → device
        self._device_json: dict[str, str] = {}

    # -- reads -----------------------------------------------------------------------

    def load_outcomes(self, op_ids: Iterable[str]) -> None:
        """Read the first outcomes of ``op_ids``: stored ones, and plain acceptances,
        which are not stored (their op row says it all: ``plain_acceptance``)."""
        wanted = [i for i in dict.fromkeys(op_ids) if i not in self._outcomes]
        for chunk in _chunks(wanted, CHUNK):
            among, params = self.storage.among("op_id", chunk)
            for op_id, result in self.conn.execute(
                f"SELECT op_id, result FROM outcome WHERE {among}", params
            ):
                self._outcomes[op_id] = result
            rest = [i for i in chunk if i not in self._outcomes]
            if rest:
                among, params = self.storage.among("op_id", rest)
                for op_id, seq in self.conn.execute(
                    f"SELECT op_id, seq FROM op WHERE {among}", params
                ):
                    self._outcomes[op_id] = int(seq)
            for op_id in chunk:
                self._outcomes.setdefault(op_id, None)

    def has_outcome(self, op_id: str) -> bool:
        """Whether ``op_id`` is known to have an outcome (after ``load_outcomes``)."""
        return self._outcomes.get(op_id) is not None

    def outcome(self, op_id: str) -> dict[str, Any] | None:
        """The first outcome of ``op_id`` (stored, or earlier in this batch)."""
        if op_id not in self._outcomes:
            self.load_outcomes([op_id])
        found = self._outcomes[op_id]
        if found is None:
            return None
        if isinstance(found, int):
            return {"op": op_id, "status": ACCEPTED, "seq": found}
        result: dict[str, Any] = json.loads(found)
        return result

    def load(self, keys: Iterable[Key], *, live_only: Iterable[Key] = ()) -> None:
        """Read the records ``keys`` (whole) and the liveness of ``live_only`` at once."""
        whole: dict[str, list[str]] = defaultdict(list)
        records = self._records
        for key in dict.fromkeys(keys):
            if key not in records:
                whole[key[0]].append(key[1])
        for tbl, ids in whole.items():
            for chunk in _chunks(ids, CHUNK):
                among, params = self.storage.among("id", chunk)
                rows = self.conn.execute(
                    "SELECT id, fields, versions, deleted_seq, seq FROM record"
                    f" WHERE tbl = ? AND {among}",
                    [tbl, *params],
                ).fetchall()
                for record_id, fields_json, versions, deleted_seq, seq in rows:
                    fields = json.loads(fields_json)
                    self._records[(tbl, record_id)] = {
                        "fields": fields,
                        "versions": read_versions(versions, fields),
                        "deleted_seq": deleted_seq,
                        "seq": seq,
                    }
                    self._live[(tbl, record_id)] = deleted_seq is None
            missing = [key for record_id in ids if (key := (tbl, record_id)) not in records]
            records.update(dict.fromkeys(missing))  # None: not stored
            self._live.update(dict.fromkeys(missing, False))
            self._absent.update(missing)
        flags: dict[str, list[str]] = defaultdict(list)
        for tbl, record_id in dict.fromkeys(live_only):
            if (tbl, record_id) not in self._live:
                flags[tbl].append(record_id)
        for tbl, ids in flags.items():
            for chunk in _chunks(ids, CHUNK):
                among, params = self.storage.among("id", chunk)
                for record_id, deleted_seq in self.conn.execute(
                    f"SELECT id, deleted_seq FROM record WHERE tbl = ? AND {among}",
                    [tbl, *params],
                ):
                    self._live[(tbl, record_id)] = deleted_seq is None
            for record_id in ids:
                self._live.setdefault((tbl, record_id), False)

    def record(self, tbl: str, record_id: str) -> dict[str, Any] | None:
        """The record as this batch sees it (the stored one, or as an earlier op left it)."""
        key = (tbl, record_id)
        if key not in self._records:
            self.load([key])
        rec = self._records[key]
        if rec is not None and rec["versions"] is None:
            self._versions(key, rec)
        return rec

    def is_live(self, tbl: str, record_id: str) -> bool:
        key = (tbl, record_id)
        if key not in self._live:
            self.load((), live_only=[key])
        return self._live[key]

    def all_live(self, keys: Iterable[Key]) -> bool:
        """Whether every record of ``keys`` is live (``is_live`` of each, in order)."""
        live = self._live
        for key in keys:
            flag = live.get(key)
            if flag is None:
                self.load((), live_only=[key])
                flag = live[key]
            if not flag:
                return False
        return True

    def live_records(self, tbl: str) -> list[tuple[str, dict[str, Any]]]:
        """Every live record of a table (what earlier ops of the batch wrote included)."""
        self.flush()
        return Storage.live_records(self.conn, tbl)

    def live_where(
        self, tbl: str, column: str, values: list[str]
    ) -> list[tuple[str, dict[str, Any]]]:
        """Live records of ``tbl`` whose ``column`` is one of ``values``, by index
        (``Storage.records_where``; what earlier ops of the batch wrote included)."""
        self.flush()
        return self.storage.records_where(self.conn, tbl, column, values)

    def content_may_be_orphaned(self, sha256: Any) -> None:
        """An attachment record naming ``sha256`` was deleted or changed: drop the content
        at the end of the batch if no live record names it any more."""
        if isinstance(sha256, str) and sha256:
            self._orphans.add(sha256)

    # -- writes ----------------------------------------------------------------------

    def next_seq(
        self, op_id: str, tbl: str, record_id: str, kind: str, fields_json: str, device_id: str
    ) -> int:
        """The next seq (under the write lock: in commit order, without gaps) for a new op."""
        if self._seq is None:
            self._seq = int(self.conn.execute("SELECT coalesce(max(seq), 0) FROM op").fetchone()[0])
        self._seq += 1
        self._ops.append((self._seq, op_id, tbl, record_id, kind, fields_json, device_id))
        return self._seq

    def put(
        self,
        tbl: str,
        record_id: str,
        rec: dict[str, Any],
        fields_json: str | None = None,
        versions_json: str | None = None,
    ) -> None:
        """Store the record's new state (``fields_json``, ``versions_json``: its fields and
        versions, already as JSON)."""
        key = (tbl, record_id)
        self._records[key] = rec
        self._live[key] = rec["deleted_seq"] is None
        self._dirty[key] = (fields_json, versions_json)

    def create(
        self, op_id: str, tbl: str, record_id: str, fields: dict[str, Any], device_id: str
    ) -> int:
        """The insert ``op_id`` of ``device_id`` creates the record (absent, or deleted and
        brought back) with ``fields`` (a dict of its own): its op row and the record, every
        field at the op's seq (returned). The versions are spelled out when an op of the
        batch reads the record (``record``) or at ``flush``."""
        fields_json = self.encode_fields(fields)
        seq = self.next_seq(op_id, tbl, record_id, "insert", fields_json, device_id)
        key = (tbl, record_id)
        self._records[key] = {"fields": fields, "versions": None, "deleted_seq": None, "seq": seq}
        self._created[key] = device_id
        self._live[key] = True
        self._dirty[key] = (fields_json, None)
        return seq

    def _versions(self, key: Key, rec: dict[str, Any]) -> dict[str, Any]:
        """The versions of a record created in this batch (``create``), as a dict."""
        versions = rec["versions"]
        if versions is None:
            device_id = self._created[key]
            versions = rec["versions"] = {f: [rec["seq"], device_id] for f in rec["fields"]}
        return versions

    def _versions_json(self, key: Key, rec: dict[str, Any]) -> str:
        """The versions of a record as JSON; a record created here and not changed since
        as ``{"*": [seq, device]}`` (``read_versions``)."""
        if rec["versions"] is not None:
            return compact_json(rec["versions"])
        device_id = self._created[key]
        device_json = self._device_json.get(device_id)
        if device_json is None:
            device_json = self._device_json[device_id] = compact_json(device_id)
        return f'{{"{EVERY_FIELD}":[{rec["seq"]},{device_json}]}}'

    def encode_fields(self, fields: dict[str, Any]) -> str:
        """``fields`` as JSON; the text of the last call again for the same (unchanged)
        dict: an op's fields go to its op row and its audit row."""
        last = self._encoded
        if last is not None and last[0] is fields:
            return last[1]
        text = compact_json(fields)
        self._encoded = (fields, text)
        return text

    def put_outcome(self, op_id: str, result: dict[str, Any]) -> None:
        """Keep the first outcome of ``op_id``; a plain acceptance needs no row of its own
        (its op row, found by op id, is the outcome; compaction writes the row)."""
        seq = result.get("seq")
        if result.keys() == _PLAIN_KEYS and result["status"] == ACCEPTED and seq is not None:
            self._outcomes[op_id] = int(seq)
            return
        text = compact_json(result)
        self._outcomes[op_id] = text
        self._new_outcomes.append((op_id, text))

    def add_audit(
        self, who: tuple[str, str, str, str], op: Op, status: str, seq: int | None, reason: str
    ) -> None:
        """Audit ``op``: ``who`` is (time, account, device, address), then the columns of
        ``AUDIT_COLUMNS`` after them. An op accepted as sent — its op row, just written,
        says the same: op id, table, record, kind, fields, device — is audited by
        reference: its seq joins the run (``seq`` … ``last_seq``) of the row before, or
        starts one (the ``audit`` view spells runs out)."""
        ops = self._ops
        if seq is not None and status == ACCEPTED and not reason and ops:
            op_row = ops[-1]
            if (
                op_row[0] == seq
                and op_row[1] == op.op_id
                and op_row[2] == op.tbl
                and op_row[3] == op.record_id
                and op_row[4] == op.kind
                and op_row[6] == who[2]
                and op_row[5] == self.encode_fields(op.fields)
            ):
                audit = self._audit
                run = audit[-1] if audit else None
                if (
                    run is not None
                    and run[12] == seq - 1
                    and run[0] == who[0]
                    and run[1] == who[1]
                    and run[2] == who[2]
                    and run[3] == who[3]
                ):
                    run[12] = seq  # a run is a list: extended in place
                else:
                    audit.append([*who, "", "", "", "", ACCEPTED, seq, "", "", seq])
                return
        self._audit.append(
            (*who, op.op_id, op.tbl, op.record_id, op.kind, status, seq, reason,
             self.encode_fields(op.fields), None)
        )  # fmt: skip

    def flush(self) -> None:
        """Write what the batch holds: new ops, changed records, outcomes, audit rows."""
        insert = self.storage.insert_rows
        conn = self.conn
        insert(conn, "op", OP_COLUMNS, self._ops)
        self._ops = []
        new: list[tuple[Any, ...]] = []  # records the database does not have yet
        changed: list[tuple[Any, ...]] = []
        records, absent = self._records, self._absent
        for key, (fields_json, versions_json) in self._dirty.items():
            rec = records[key]
            assert rec is not None
            fields = rec["fields"]
            (new if key in absent else changed).append(
                (
                    key[0],
                    key[1],
                    fields_json if fields_json is not None else compact_json(fields),
                    versions_json if versions_json is not None else self._versions_json(key, rec),
                    rec["deleted_seq"],
                    rec["seq"],
                    lookup_value(key[0], fields) if key[0] in LOOKUP_FIELD else None,
                )
            )
        insert(conn, "record", RECORD_WRITE_COLUMNS, new)  # PostgreSQL: COPY straight in
        insert(conn, "record", RECORD_WRITE_COLUMNS, changed, RECORD_UPSERT)
        absent.difference_update(self._dirty)
        self._dirty = {}
        insert(conn, "outcome", OUTCOME_COLUMNS, self._new_outcomes)
        self._new_outcomes = []
        insert(conn, "audit_log", AUDIT_COLUMNS, self._audit)
        self._audit = []
        if self._orphans:
            self.storage.drop_unnamed_blobs(conn, sorted(self._orphans))
            self._orphans = set()
