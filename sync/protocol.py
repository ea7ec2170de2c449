"""Wire format shared by the sync client and the central server.

An op is one change of one record of one synced table::

    {"op": op_id, "tbl": table, "id": record_id, "kind": "insert"|"update"|"delete",
     "fields": {column: value, ...}, "base": base_seq}

The envelope is table-generic (the server stores records as JSON); what a
record may hold is declared once in the schema registry ``sync.records``,
which the server checks every op against (``sync.server.validation``) and the
desktop checks every write and every pulled op against. A new synced table is
declared there, for both sides.

A *relayed* op (``"relay": {"from": device_id | null, "fields": [column, ...]}``)
offers a record version this desktop holds but did not necessarily write, after
the server lost it (a restore from backup, a re-initialised server): ``from`` is
the device that wrote the listed fields (``null``: this one), ``fields`` of the
op carry the whole record (to recreate it) and ``base`` the last seq the server
kept. Relays are inserts (or deletes); the server fills in only what it lacks.

Versions travel in headers on every request; a client whose protocol is
older than ``MIN_PROTOCOL_VERSION`` gets HTTP 426 and a Chinese
"please upgrade" message (its local data is untouched).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

PROTOCOL_VERSION = 1
MIN_PROTOCOL_VERSION = 1
# The client's local schema version (number of local migrations); informative
# for the server and its logs; servers may refuse schemas below this.
MIN_CLIENT_SCHEMA = 1

HEADER_PROTOCOL = "X-Liandong-Protocol"
HEADER_SCHEMA = "X-Liandong-Schema"
HEADER_SERVER_ID = "X-Liandong-Server-Id"
HEADER_EPOCH = "X-Liandong-Epoch"

UPGRADE_MESSAGE = "请升级联动：服务器要求更新的同步协议版本。本机数据未做任何修改。"

KINDS = ("insert", "update", "delete")
NAME_PATTERN = r"^[a-z_][a-z0-9_]{0,62}$"
_NAME = re.compile(NAME_PATTERN)
MAX_OPS_PER_PUSH = 2000
MAX_PULL_LIMIT = 10000
# Largest request body the server reads (a push of 500 changes is far below);
# larger requests are refused with HTTP 413 before their body is read.
MAX_BODY_BYTES = 20 * 1024 * 1024

# Outcome statuses of a pushed op.
ACCEPTED = "accepted"
CONFLICT = "conflict"
REJECTED = "rejected"
# ``code`` of a rejection whose only cause is that the edited record is not on the
# server (yet): the client retries the edit once the record arrives.
MISSING_BASE = "missing_base"


class OpError(ValueError):
    """A malformed op (the reason is a Chinese message)."""


@dataclass
class Op:
    op_id: str
    tbl: str
    record_id: str
    kind: str
    fields: dict[str, Any] = field(default_factory=dict)
    base_seq: int = 0
    relay: dict[str, Any] | None = None  # {"from": device id or None, "fields": [names]}

    def to_wire(self) -> dict[str, Any]:
        wire = {
            "op": self.op_id,
            "tbl": self.tbl,
            "id": self.record_id,
            "kind": self.kind,
            "fields": self.fields,
            "base": self.base_seq,
        }
        if self.relay is not None:
            wire["relay"] = self.relay
        return wire


INT64_MAX = 2**63 - 1


def scalar(value: Any) -> bool:
    """What every client's SQLite can store: text, 64-bit integers, finite reals, null."""
    kind = type(value)
    if kind is str:  # the common cases first, by exact type
        return value.isascii() or valid_text(value)
    if kind is int:
        return -INT64_MAX - 1 <= value <= INT64_MAX
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, bool) or value is None:
        return True
    if isinstance(value, int):
        return -INT64_MAX - 1 <= value <= INT64_MAX
    return isinstance(value, float) and math.isfinite(value)


def valid_text(value: str) -> bool:
    """Whether a string can be stored and sent as UTF-8 (no lone surrogates)."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clamp_int(value: int) -> int:
    """A non-negative query number SQLite can compare (larger values mean 'beyond all')."""
    return max(0, min(int(value), INT64_MAX))


_GOOD_NAMES: set[str] = set()  # field names already found valid


def table_name_ok(name: str) -> bool:
    """Whether ``op_from_wire`` accepts ``name`` as a table name."""
    return bool(_NAME.match(name))


def field_name_ok(name: str) -> bool:
    """Whether ``op_from_wire`` accepts ``name`` as a field name."""
    return bool(_NAME.match(name)) and name != "id"


def op_from_wire(data: Any) -> Op:
    """Validate and decode one op; ``OpError`` with a reason otherwise."""
    if not isinstance(data, dict):
        raise OpError("变更格式错误：不是对象")
    op_id, tbl, record_id = data.get("op"), data.get("tbl"), data.get("id")
    kind, fields, base = data.get("kind"), data.get("fields", {}), data.get("base", 0)
    if not isinstance(op_id, str) or not 1 <= len(op_id) <= 64 or not valid_text(op_id):
        raise OpError("变更缺少有效的编号")
    if not isinstance(tbl, str) or not _NAME.match(tbl):
        raise OpError(f"无效的表名：{tbl!r}")
    if not isinstance(record_id, str) or not 1 <= len(record_id) <= 64:
        raise OpError("变更缺少有效的记录编号")
    if not valid_text(record_id):
        raise OpError("变更缺少有效的记录编号")
    if kind not in KINDS:
        raise OpError(f"无效的变更类型：{kind!r}")
    if not isinstance(fields, dict):
        raise OpError("变更字段格式错误")
    for name, value in fields.items():
        if name not in _GOOD_NAMES:
            if not isinstance(name, str) or not _NAME.match(name) or name == "id":
                raise OpError(f"无效的字段名：{name!r}")
            if len(_GOOD_NAMES) < 10_000:  # bounded: names are checked once
                _GOOD_NAMES.add(name)
        if not scalar(value):
            raise OpError(
                f"字段 {name} 的值必须是文本（有效的 UTF-8 字符）、数字（64 位整数或有限小数）或空"
            )
    if kind == "update" and not fields:
        raise OpError("修改变更没有任何字段")
    if not isinstance(base, int) or isinstance(base, bool) or not 0 <= base <= INT64_MAX:
        raise OpError("变更的基准序号无效")
    return Op(op_id, tbl, record_id, kind, dict(fields), base, _relay(data, kind, fields))


def _relay(data: dict[str, Any], kind: str, fields: dict[str, Any]) -> dict[str, Any] | None:
    """The validated ``relay`` part of an op (``None`` for a desktop's own change)."""
    if data.get("relay") is None:
        return None
    relay = data["relay"]
    if not isinstance(relay, dict):
        raise OpError("转交信息格式错误")
    origin, names = relay.get("from"), relay.get("fields", [])
    if origin is not None and (
        not isinstance(origin, str) or not 1 <= len(origin) <= 64 or not valid_text(origin)
    ):
        raise OpError("转交信息中的来源设备编号无效")
    if not isinstance(names, list) or not all(isinstance(n, str) and n in fields for n in names):
        raise OpError("转交信息中的字段必须是该变更所带的字段")
    if kind == "update":
        raise OpError("转交的变更只能是新增或删除")
    return {"from": origin, "fields": list(dict.fromkeys(names))}


def version_headers(schema_version: int) -> dict[str, str]:
    return {HEADER_PROTOCOL: str(PROTOCOL_VERSION), HEADER_SCHEMA: str(schema_version)}
