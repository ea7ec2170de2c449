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

import math
from collections.abc import Callable, Iterator
from typing import Any

from sync import fields as kinds
from sync import protocol, records
from sync.protocol import INT64_MAX, KINDS, REJECTED, Op
from sync.server.batch import PushBatch

# -- the quick check: "certainly valid" in a few comparisons per value ----------------------
# ``records.check_fields`` names the first thing wrong (and stays the one rule); most ops
# have nothing wrong, and for them ``TableCheck.clean`` answers with plain comparisons
# instead of three calls per value. It accepts only what ``check_fields`` accepts; an op
# it does not vouch for goes through the full check, so every refusal reads as before.

ValueCheck = Callable[[Any], bool]
INT64_MIN = -INT64_MAX - 1
_suspect_line = kinds.SUSPECT_LINE.search
_suspect_multi = kinds.SUSPECT_MULTI.search


def _quick(spec: kinds.Spec) -> ValueCheck:
    """A predicate true only for values ``spec.problem`` accepts (for most kinds exactly
    those; other kinds ask ``spec.problem`` itself)."""
    nullable = spec.nullable
    if isinstance(spec, kinds.Text):
        longest, suspect = spec.max_len, _suspect_multi if spec.multiline else _suspect_line

        def text(value: Any) -> bool:
            if type(value) is str:
                return len(value) <= longest and not suspect(value)
            return value is None and nullable

        return text
    if isinstance(spec, kinds.Ref | kinds.KindRef):

        def ident(value: Any) -> bool:
            if type(value) is str:
                return 0 < len(value) <= kinds.ID_MAX and not _suspect_line(value)
            return value is None and nullable

        return ident
    if isinstance(spec, kinds.Integer) and spec.low >= INT64_MIN and spec.high <= INT64_MAX:
        low, high = spec.low, spec.high

        def integer(value: Any) -> bool:
            if type(value) is int:
                return low <= value <= high
            return value is None and nullable

        return integer
    if isinstance(spec, kinds.Real) and spec.low >= INT64_MIN and spec.high <= INT64_MAX:
        low_real, high_real = spec.low, spec.high

        def real(value: Any) -> bool:
            if type(value) is int or type(value) is float:
                return low_real <= value <= high_real and math.isfinite(value)
            return value is None and nullable

        return real
    if isinstance(spec, kinds.Choice):
        choices = frozenset(spec.choices)

        def choice(value: Any) -> bool:
            if type(value) is str:
                return value in choices
            return value is None and nullable

        return choice
    problem = spec.problem
    return lambda value: problem(value) is None and protocol.scalar(value)


ColumnCheck = Callable[[list[Any]], bool]


def _clean_text(text: str, suspect: Callable[[str], Any]) -> bool:
    """Whether ``suspect`` finds nothing in ``text``. One-line ASCII text: whether it is
    printable (the one-line pattern refuses exactly ASCII's non-printable characters,
    C0 controls and DEL; twice as fast as the search)."""
    if suspect is _suspect_line and text.isascii():
        return text.isprintable()
    return not suspect(text)


def _quick_column(spec: kinds.Spec, one: ValueCheck) -> ColumnCheck:
    """``one`` (``_quick(spec)``) for a whole column: true only if it is true for every
    value. Text and ids are judged at once (types, lengths, one search over the joined
    values: each refused character is one code point, so joining creates or hides
    none); other kinds value by value."""
    if not isinstance(spec, kinds.Text | kinds.Ref | kinds.KindRef):
        return lambda values: all(map(one, values))
    nullable = spec.nullable
    if isinstance(spec, kinds.Text):
        shortest, longest = 0, spec.max_len
        suspect = _suspect_multi if spec.multiline else _suspect_line
    else:
        shortest, longest, suspect = 1, kinds.ID_MAX, _suspect_line

    def texts(values: list[Any]) -> bool:
        if None in values:
            if not nullable:
                return False
            values = [value for value in values if value is not None]
            if not values:
                return True
        if set(map(type, values)) != {str}:
            return False
        lengths = list(map(len, values))
        if min(lengths) < shortest or max(lengths) > longest:
            return False
        return _clean_text("".join(values), suspect)

    return texts


def _ids_clean(values: list[Any]) -> bool:
    """Every value (at least one) passes ``TableCheck.clean``'s test of a record id."""
    if set(map(type, values)) != {str}:
        return False
    lengths = list(map(len, values))
    return (
        min(lengths) > 0
        and max(lengths) <= kinds.ID_MAX
        and _clean_text("".join(values), _suspect_line)
    )


class TableCheck:
    """The quick check of one registry table, and its checked references."""

    def __init__(self, table: records.Table) -> None:
        self.columns = table.columns  # a redeclared table gets a new dict: checked again
        self.wire_name = protocol.table_name_ok(table.name)
        # Wire names only (``op_from_wire`` would refuse any other name first).
        self.values = {
            name: _quick(spec)
            for name, spec in table.columns.items()
            if name not in table.local and protocol.field_name_ok(name)
        }
        self.column_values = {
            name: _quick_column(table.columns[name], check) for name, check in self.values.items()
        }
        self.required = tuple(
            name
            for name, spec in table.columns.items()
            if spec.required and name not in table.local
        )
        # (column, referenced table, column naming the table) as ``records.references``
        self.references = tuple(
            (name, spec.table, "") if isinstance(spec, kinds.Ref) else (name, "", spec.kind_column)
            for name, spec in table.columns.items()
            if (isinstance(spec, kinds.Ref) and spec.checked) or isinstance(spec, kinds.KindRef)
        )

    def clean(self, record_id: Any, fields: dict[str, Any], insert: bool) -> bool:
        """True only if the id and ``fields`` pass ``check_id`` and ``check_fields``."""
        if type(record_id) is not str or not 0 < len(record_id) <= kinds.ID_MAX:
            return False
        if _suspect_line(record_id):
            return False
        values = self.values
        for name, value in fields.items():
            check = values.get(name)
            if check is None or not check(value):
                return False
        if insert:
            for name in self.required:
                if fields.get(name) is None:
                    return False
        return True

    def rows_clean(
        self,
        record_ids: list[Any],
        rows: list[dict[str, Any]],
        names: tuple[str, ...],
        insert: bool,
    ) -> bool:
        """``clean`` of every row at once (``rows``: fields with the keys ``names``, in
        that order; ``record_ids``: their ids), a column at a time."""
        if not _ids_clean(record_ids):
            return False
        columns = self.column_values
        required = self.required if insert else ()
        for name in names:
            check = columns.get(name)
            if check is None:
                return False
            values = [row[name] for row in rows]
            if not check(values) or (name in required and None in values):
                return False
        return all(name in names for name in required)

    def referenced(self, fields: dict[str, Any]) -> Iterator[tuple[str, str]]:
        """(table, id) of every checked reference in ``fields`` (``records.references``)."""
        for name, target, kind_column in self.references:
            value = fields.get(name)
            if not isinstance(value, str):
                continue
            if kind_column:
                kind = fields.get(kind_column)
                if not isinstance(kind, str) or kind not in records.TABLES:
                    continue
                target = kind
            yield target, value


_CHECKS: dict[str, TableCheck] = {}
_KINDS = frozenset(KINDS)


def quick_op(data: Any) -> Op | None:
    """The op ``op_from_wire`` makes of ``data`` when it is certainly valid, and passes
    ``check_id`` and ``check_fields`` (its references are still to be checked:
    ``op_problem(…, clean=True)``); ``None``: decide with the full checks, which word
    the reason. One pass over the fields instead of two."""
    return quick_ops([data])[0]


def quick_ops(raw_ops: list[Any]) -> list[Op | None]:
    """``quick_op`` of each of ``raw_ops``: the fields of ops of one table, kind and
    shape (the same keys in the same order) checked a column at a time
    (``TableCheck.rows_clean``); a group that does not pass as a whole is checked op
    by op, so the answer for each op is the same as alone."""
    found: list[Op | None] = [None] * len(raw_ops)
    # (table, kind, field names) → the group's ops: (index, op id, record id, fields, base)
    groups: dict[tuple[str, str, tuple[str, ...]], list[tuple[int, str, str, Any, int]]] = {}
    known_kinds = _KINDS
    for index, data in enumerate(raw_ops):
        if type(data) is not dict or data.get("relay") is not None:
            continue
        get = data.get
        op_id, tbl, record_id = get("op"), get("tbl"), get("id")
        kind, fields, base = get("kind"), get("fields", {}), get("base", 0)
        if type(op_id) is not str or not 0 < len(op_id) <= 64 or not op_id.isascii():
            continue
        if type(tbl) is not str or type(fields) is not dict or kind not in known_kinds:
            continue
        if type(record_id) is not str:
            continue
        if type(base) is not int or not 0 <= base <= INT64_MAX:
            continue
        if kind == "update" and not fields:
            continue
        key = (tbl, kind, tuple(fields))
        group = groups.get(key)
        if group is None:
            group = groups[key] = []
        group.append((index, op_id, record_id, fields, base))
    for (tbl, kind, names), members in groups.items():
        check = table_check(tbl)
        if check is None or not check.wire_name:
            continue
        insert = kind == "insert"
        if len(members) > 1 and check.rows_clean(
            [member[2] for member in members], [member[3] for member in members], names, insert
        ):
            clean = members
        else:
            clean = [m for m in members if check.clean(m[2], m[3], insert)]
        for index, op_id, record_id, fields, base in clean:
            found[index] = Op(op_id, tbl, record_id, kind, dict(fields), base, None)
    return found


def table_check(tbl: str) -> TableCheck | None:
    """The quick check of a registry table (``None``: not declared)."""
    table = records.TABLES.get(tbl)
    if table is None:
        return None
    found = _CHECKS.get(tbl)
    if found is None or found.columns is not table.columns:
        found = _CHECKS[tbl] = TableCheck(table)
    return found


def _references_live(batch: PushBatch, check: TableCheck, op: Op) -> bool:
    if op.kind == "delete":
        return True
    is_live = batch.is_live
    return all(is_live(target, record_id) for target, record_id in check.referenced(op.fields))


def op_problem(
    batch: PushBatch,
    op: Op,
    *,
    clean: bool = False,
    references: list[tuple[str, str]] | None = None,
) -> str | None:
    """The reason ``op`` is invalid, or ``None``; ``clean``: it came from ``quick_op``
    (only its references are left to check); ``references``: those of a clean op, as
    ``TableCheck.referenced`` gave them (none for a delete)."""
    if clean and references is not None:
        if batch.all_live(references):
            return None
    else:
        check = table_check(op.tbl)
        if (
            check is not None
            and (clean or check.clean(op.record_id, op.fields, op.kind == "insert"))
            and _references_live(batch, check, op)
        ):
            return None
    problem = records.check_id(op.tbl, op.record_id) if op.tbl in records.TABLES else None
    problem = problem or records.check_fields(op.tbl, op.fields, insert=op.kind == "insert")
    if problem is None and op.kind != "delete":
        problem = records.check_references(op.tbl, op.fields, batch.is_live)
    if problem is None:
        return None
    if op.kind == "insert" and op.tbl in records.TABLES:
        return problem.about(records.describe_record(op.tbl, op.record_id, op.fields))
    return problem.message


def refuse_invalid(
    batch: PushBatch,
    op: Op,
    *,
    clean: bool = False,
    references: list[tuple[str, str]] | None = None,
) -> dict[str, Any] | None:
    """A rejection outcome for an invalid op (with the server's state), else ``None``
    (``clean``, ``references``: as for ``op_problem``)."""
    reason = op_problem(batch, op, clean=clean, references=references)
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
