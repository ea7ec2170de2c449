"""The registry's record checks for many rows of one table at once (bulk inserts).

``records.check_fields`` / ``check_id`` look at one record, field by field: a
bulk insert of 16,000 progress reports (a round of returned fill-in sheets)
spent a quarter of its write time there. ``rows_clean`` answers one question
a column at a time — *would every row pass?* — and never decides a refusal:
when it says ``False`` the caller checks the rows one by one as before, so
what is refused, and the message naming the first bad record and field, stay
exactly those of the per-row check. It is sound by construction (``True`` only
when each value passes the column's own rule) and may be cautious (``False``
for a batch the per-row check accepts, e.g. rows of mixed shapes): that only
costs the per-row pass.

How a column is decided at once:

- text and record ids: every value a ``str``, the longest within the limit,
  and no refused character anywhere in the column (one search over the joined
  values: each refused character is a single code point, so joining creates
  or hides none);
- any other kind: each distinct ``(type, value)`` checked once by the column's
  own ``Spec.problem`` (a batch's period, author or percent repeat a lot);
- ``None``: allowed only where the column is nullable, and not in a column an
  insert must set.

``reference_ids`` gives the ids each checked reference column names (a column
at a time, as ``records.references`` gives them row by row), for a caller that
looks them up in one query per table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sync import fields as kinds
from sync.records import TABLES, Table


def _texts_clean(values: list[Any], max_len: int, multiline: bool, *, empty: bool) -> bool:
    """Every value a ``str`` that ``fields.text_problem`` accepts (and non-empty
    unless ``empty``)."""
    if not values:
        return True
    if set(map(type, values)) != {str}:
        return False
    lengths = list(map(len, values))
    if max(lengths) > max_len or (not empty and min(lengths) == 0):
        return False
    joined = "".join(values)  # within any length limit: only its characters are judged
    return kinds.text_problem(joined, len(joined), multiline) is None


def _ids_clean(values: list[Any]) -> bool:
    """Every value an id that ``fields.id_problem`` accepts."""
    return _texts_clean(values, kinds.ID_MAX, False, empty=False)


def _values_clean(spec: kinds.Spec, values: list[Any]) -> bool:
    """Every (non-None) value passes ``spec.problem``."""
    kind = type(spec)  # exactly these kinds (a subclass may add rules)
    if kind is kinds.Text:
        return _texts_clean(values, spec.max_len, spec.multiline, empty=True)  # type: ignore[attr-defined]
    if kind is kinds.Ref or kind is kinds.KindRef:
        return _ids_clean(values)
    try:
        distinct = {(type(value), value) for value in values}
    except TypeError:  # an unhashable value (a list, a dict): the per-row check names it
        return False
    return all(spec.problem(value) is None for _kind, value in distinct)


def rows_clean(
    table: str, rows: Sequence[Mapping[str, Any]], *, insert: bool, wire: bool = True
) -> bool:
    """``True`` only when every row passes ``records.check_id`` (its ``id``, if it
    has one) and ``records.check_fields(table, <the other columns>, insert=insert,
    wire=wire)``; ``False`` when some row may not (check them one by one then)."""
    spec_table = TABLES.get(table)
    if spec_table is None:
        return False
    local = spec_table.local if wire else frozenset()
    shapes = {tuple(row) for row in rows}
    if len(shapes) != 1:  # rows of different columns: the per-row check
        return False
    (names,) = shapes
    if len(set(names)) != len(names):
        return False
    for name in names:
        values = [row[name] for row in rows]
        if name == "id":
            if not _ids_clean(values):
                return False
            continue
        spec = spec_table.columns.get(name)
        if spec is None or name in local:
            return False
        if None in values:
            if not spec.nullable or (insert and spec.required):
                return False
            values = [value for value in values if value is not None]
        if not _values_clean(spec, values):
            return False
    if insert:
        for name, spec in spec_table.columns.items():
            if spec.required and name not in names and name not in local:
                return False
    return True


def _reference_specs(spec_table: Table) -> dict[str, tuple[str, str]]:
    """Checked reference column → (referenced table, or "" with the column naming it)."""
    found: dict[str, tuple[str, str]] = {}
    for name, spec in spec_table.columns.items():
        if isinstance(spec, kinds.Ref) and spec.checked:
            found[name] = (spec.table, "")
        elif isinstance(spec, kinds.KindRef):
            found[name] = ("", spec.kind_column)
    return found


def reference_ids(table: str, rows: Sequence[Mapping[str, Any]]) -> dict[str, set[str]]:
    """Referenced table → the ids the rows' checked references name: the same
    ``(table, id)`` pairs ``records.references`` yields for the rows one by one."""
    spec_table = TABLES.get(table)
    wanted: dict[str, set[str]] = {}
    if spec_table is None:
        return wanted
    for name, (target, kind_column) in _reference_specs(spec_table).items():
        if kind_column:
            for row in rows:
                value, kind = row.get(name), row.get(kind_column)
                if isinstance(value, str) and isinstance(kind, str) and kind in TABLES:
                    wanted.setdefault(kind, set()).add(value)
            continue
        ids = {value for row in rows if isinstance(value := row.get(name), str)}
        if ids:
            wanted.setdefault(target, set()).update(ids)
    return wanted


__all__ = ["reference_ids", "rows_clean"]
