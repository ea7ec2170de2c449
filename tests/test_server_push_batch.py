"""A pushed batch of the desktop's full size (2,000 ops) on both backends: a bad op in
the middle is refused alone with the reason the full check gives, nothing of it is
stored, the rest is applied in order; the quick value check never lets through what
the full check refuses; records created by a push keep their versions in the compact
form and conflicts against them are still found; the garbage collector is back on
after every push."""

from __future__ import annotations

import gc
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from sync import records
from sync.collector import collector_paused
from sync.fields import SUSPECT_LINE
from sync.protocol import op_from_wire
from sync.server import admin
from sync.server.batch import EVERY_FIELD, compact_json, read_versions
from sync.server.push import apply_push
from sync.server.storage import Device, Storage, open_storage
from sync.server.validation import quick_op, quick_ops, table_check

pytestmark = pytest.mark.both_backends

BATCH = 2000


def _op(
    op_id: str,
    tbl: str,
    record_id: str,
    fields: dict[str, Any],
    kind: str = "insert",
    base: int = 0,
) -> dict[str, Any]:
    return {"op": op_id, "tbl": tbl, "id": record_id, "kind": kind, "fields": fields, "base": base}


def _server(location: Any) -> tuple[Storage, Device, Device]:
    admin.init_server(location, "admin", "correct-horse-1")
    storage = open_storage(location)
    devices = []
    for name in ("coord-a", "coord-b"):
        storage.add_account(name, "-", "", "coordinator")
        account = storage.account(name)
        assert account is not None
        storage.add_device(account, f"dev-{name}", name)
        device = storage.device(f"dev-{name}")
        assert device is not None
        devices.append(device)
    return storage, devices[0], devices[1]


def _plan_ops(prefix: str, count: int) -> list[dict[str, Any]]:
    """A plan, a unit, then tasks with one item and one assignment each: ``count`` ops."""
    ops = [
        _op(f"{prefix}-op-plan", "plan", f"{prefix}-p", {"title": "行动计划"}),
        _op(f"{prefix}-op-unit", "unit", f"{prefix}-u", {"name": "市政数局", "aliases": "[]"}),
    ]
    n = 0
    while len(ops) < count:
        task, item = f"{prefix}-t{n}", f"{prefix}-i{n}"
        ops += [
            _op(f"{prefix}-op-t{n}", "task", task,
                {"plan_id": f"{prefix}-p", "no": n, "title": f"任务{n}", "deadline": "2026-12-31"}),
            _op(f"{prefix}-op-i{n}", "item", item,
                {"task_id": task, "position": 0, "text": f"事项{n}\n第二行"}),
            _op(f"{prefix}-op-a{n}", "assignment", f"{prefix}-a{n}",
                {"item_id": item, "unit_id": f"{prefix}-u", "role": "lead", "position": 0}),
        ]  # fmt: skip
        n += 1
    return ops[:count]


def _expected_reason(op: dict[str, Any]) -> str:
    """What the full check (``sync.records``) says about an op, as the server words it."""
    problem = records.check_id(op["tbl"], op["id"]) or records.check_fields(
        op["tbl"], op["fields"], insert=op["kind"] == "insert"
    )
    assert problem is not None
    return problem.about(records.describe_record(op["tbl"], op["id"], op["fields"]))


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda f: {**f, "title": "坏\x07标题"}, id="control-character"),
        pytest.param(lambda f: {**f, "title": "长" * 501}, id="too-long"),
        pytest.param(lambda f: {**f, "deadline": "2026-02-30"}, id="no-such-day"),
        pytest.param(lambda f: {**f, "no": -1}, id="below-range"),
        pytest.param(lambda f: {**f, "bogus": 1}, id="unknown-column"),
        pytest.param(lambda f: {k: v for k, v in f.items() if k != "plan_id"}, id="required"),
    ],
)
def test_a_bad_op_in_the_middle_of_a_full_batch_is_refused_alone(
    tmp_path: Path, server_location: Any, spoil: Any
) -> None:
    storage, coord, _other = _server(server_location(tmp_path / "server"))
    try:
        ops = _plan_ops("b", BATCH)
        middle = next(i for i in range(BATCH // 2, BATCH) if ops[i]["tbl"] == "task")
        bad = {**ops[middle], "fields": spoil(ops[middle]["fields"])}
        ops[middle] = bad
        results = apply_push(storage, coord, json.loads(json.dumps(ops)), "127.0.0.1")

        assert len(results) == BATCH
        refused = [r for r in results if r["status"] != "accepted"]
        # The bad task, and the item and assignment built on it (their reference is gone).
        assert [r["op"] for r in refused] == [
            bad["op"],
            ops[middle + 1]["op"],
            ops[middle + 2]["op"],
        ]
        assert refused[0]["reason"] == _expected_reason(bad)
        assert refused[0]["server"] == {"exists": False, "deleted": False, "fields": {}}
        assert "所属任务" in refused[1]["reason"] and "不存在" in refused[1]["reason"]
        # The rest in order, with consecutive seqs.
        seqs = [r["seq"] for r in results if r["status"] == "accepted"]
        assert seqs == list(range(seqs[0], seqs[0] + BATCH - 3))

        conn = storage.conn()
        assert (
            conn.execute(
                "SELECT count(*) FROM record WHERE tbl = 'task' AND id = ?", [bad["id"]]
            ).fetchone()[0]
            == 0
        )
        assert (
            conn.execute("SELECT count(*) FROM op WHERE op_id = ?", [bad["op"]]).fetchone()[0] == 0
        )
        assert conn.execute("SELECT count(*) FROM op").fetchone()[0] == BATCH - 3
        assert conn.execute("SELECT count(*) FROM record").fetchone()[0] == BATCH - 3
        audit = conn.execute(
            "SELECT status, reason FROM audit WHERE op_id = ?", [bad["op"]]
        ).fetchall()
        assert [tuple(row) for row in audit] == [("rejected", refused[0]["reason"])]

        # Sent again: every op answered as the first time (the refusals included).
        again = apply_push(storage, coord, json.loads(json.dumps(ops)), "127.0.0.1")
        assert all(r.get("duplicate") for r in again)
        assert [{k: v for k, v in r.items() if k != "duplicate"} for r in again] == results
    finally:
        storage.close()


def test_records_created_by_a_push_keep_compact_versions_and_conflicts_are_found(
    tmp_path: Path, server_location: Any
) -> None:
    storage, coord, other = _server(server_location(tmp_path / "server"))
    try:
        ops = _plan_ops("v", 5)
        first = apply_push(storage, coord, ops, "127.0.0.1")
        assert [r["status"] for r in first] == ["accepted"] * 5
        task_seq = first[2]["seq"]
        text = (
            storage.conn()
            .execute("SELECT fields, versions FROM record WHERE tbl = 'task' AND id = 'v-t0'")
            .fetchone()
        )
        assert json.loads(text[1]) == {EVERY_FIELD: [task_seq, coord.id]}
        versions = read_versions(text[1], json.loads(text[0]))
        assert versions == {name: [task_seq, coord.id] for name in ops[2]["fields"]}

        # Another device, not having seen the insert (base 0): a conflict on the changed
        # field, its other field applied.
        edit = _op("v-edit-1", "task", "v-t0", {"title": "改名", "deadline": "2027-01-31"})
        edit["kind"] = "update"
        (result,) = apply_push(storage, other, [edit], "127.0.0.1")
        assert result["status"] == "conflict"
        assert [(c["field"], c["theirs_seq"]) for c in result["conflicts"]] == [
            ("title", task_seq),
            ("deadline", task_seq),
        ]
        # The author itself edits on: accepted; the versions are written out per field.
        mine = _op("v-edit-2", "task", "v-t0", {"title": "新名"}, "update")
        (result,) = apply_push(storage, coord, [mine], "127.0.0.1")
        assert result["status"] == "accepted"
        stored = (
            storage.conn()
            .execute("SELECT versions FROM record WHERE tbl = 'task' AND id = 'v-t0'")
            .fetchone()[0]
        )
        assert json.loads(stored)["title"] == [result["seq"], coord.id]
        assert json.loads(stored)["plan_id"] == [task_seq, coord.id]
        # Created and changed in one batch: the change sees the insert's versions.
        both = [
            _op("v-new", "unit", "v-u2", {"name": "市工信局"}),
            _op("v-new-edit", "unit", "v-u2", {"name": "市工信局（新）"}, "update"),
        ]
        assert [r["status"] for r in apply_push(storage, coord, both, "127.0.0.1")] == [
            "accepted",
            "accepted",
        ]
        stored = (
            storage.conn()
            .execute("SELECT versions FROM record WHERE tbl = 'unit' AND id = 'v-u2'")
            .fetchone()[0]
        )
        assert EVERY_FIELD not in json.loads(stored)
    finally:
        storage.close()


TRICKY: list[Any] = [
    None, "", "a", "一行", "两\n行", "tab\there", "\x00", "\x1f", "\x7f", "\x9f", "\u2028",
    "\ud800", "x" * 64, "x" * 65, "字" * 200, "字" * 201, "字" * 4001, 0, 1, -1, True, False,
    2**63, -(2**63) - 1, 10**400, 0.5, float("nan"), float("inf"), -1e16, 1e15, "2026-02-28",
    "2026-02-30", "1899-12-31", "2026-11-29T10:00:00+00:00", "2026-13", "lead", "LEAD",
    "[]", '["a"]', "{}", '{"x": 1}', "13912345678",
]  # fmt: skip


class _Text(str):
    """A str subclass: the quick check leaves it to the full check."""


def test_the_quick_check_accepts_only_what_the_full_check_accepts() -> None:
    for name, table in records.TABLES.items():
        check = table_check(name)
        assert check is not None
        for column in table.columns:
            for value in [*TRICKY, _Text("x")]:
                fields = {column: value}
                for insert in (False, True):
                    if check.clean("id-1", fields, insert):
                        assert records.check_fields(name, fields, insert=insert) is None, (
                            name,
                            column,
                            value,
                        )
        for record_id in ("", "x" * 65, "a\nb", 5, None, "\ud800"):
            assert not check.clean(record_id, {}, False)
            assert records.check_id(name, record_id) is not None
    assert table_check("no_such_table") is None


def test_a_quick_op_is_exactly_what_the_full_parse_and_check_make() -> None:
    base = _op("q-1", "task", "q-t", {"plan_id": "q-p", "no": 1, "title": "任务"})
    variants: list[Any] = [base, [], "x", {**base, "relay": {"from": None, "fields": []}}]
    spoiled: dict[str, list[Any]] = {
        "op": ["", "x" * 64, "x" * 65, "编号", "\ud800", 5, None],
        "tbl": ["task", "no_such", "Task", "", 5, None],
        "id": ["", "x" * 64, "x" * 65, "a\nb", "\ud800", 5, None],
        "kind": ["insert", "update", "delete", "upsert", None],
        "base": [0, -1, 2**63, True, 1.0, "1", None],
        "fields": [{}, [], None, {"id": "x"}, {"Title": "x"}, {"title": "\ud800"}],
    }
    for key, values in spoiled.items():
        variants += [{**base, key: value} for value in values]
    variants += [{**base, "fields": {"title": value}} for value in TRICKY]
    variants += [{k: v for k, v in base.items() if k != name} for name in base]
    for raw in variants:
        quick = quick_op(raw)
        if quick is None:
            continue
        assert quick == op_from_wire(raw), raw
        assert records.check_id(quick.tbl, quick.record_id) is None
        assert records.check_fields(quick.tbl, quick.fields, insert=quick.kind == "insert") is None
    assert quick_op(base) is not None


def test_quick_ops_of_a_batch_answer_for_each_op_as_alone() -> None:
    """A batch's ops of one table, kind and shape are checked a column at a time: one
    bad value leaves the column to the op-by-op check, so every op gets the answer it
    gets alone (which the test above ties to the full parse and check)."""
    good = {"plan_id": "b-p", "no": 1, "title": "任务", "text": "说明"}
    columns = [*good, "span_start", "id", "Title"]
    batches: list[list[Any]] = [[_op(f"b-{n}", "task", f"b-t{n}", dict(good)) for n in range(5)]]
    for column in columns:
        for value in [*TRICKY, _Text("x")]:
            batch = [_op(f"b-{n}", "task", f"b-t{n}", dict(good)) for n in range(4)]
            batch[2]["fields"] = {**good, column: value}
            batch.append(_op("b-u", "task", "b-t0", {column: value}, kind="update"))
            batch.append(_op("b-u2", "task", "b-t1", {column: value}, kind="update"))
            batches.append(batch)
    for record_id in ("", "x" * 65, "a\nb", 5, None, "\ud800", _Text("x")):
        batch = [_op(f"b-{n}", "task", f"b-t{n}", dict(good)) for n in range(3)]
        batch[1]["id"] = record_id
        batches.append(batch)
    missing = [_op(f"b-{n}", "task", f"b-t{n}", dict(good)) for n in range(3)]
    missing[0]["fields"] = {k: v for k, v in good.items() if k != "title"}
    missing[1]["fields"] = {k: v for k, v in good.items() if k != "title"}
    batches.append(missing)
    seen = {True: 0, False: 0}
    for batch in batches:
        together = quick_ops(batch)
        alone = [quick_op(raw) for raw in batch]
        assert together == alone, batch
        for quick in together:
            seen[quick is None] += 1
    assert seen[True] and seen[False]
    assert all(quick_ops(batches[0]))


def test_one_line_ascii_text_is_clean_exactly_when_printable() -> None:
    """The column check reads one-line ASCII text with ``isprintable`` (validation)."""
    for code in range(128):
        text = f"ab{chr(code)}cd"
        assert (SUSPECT_LINE.search(text) is None) == text.isprintable(), code


def test_compact_json_is_the_standard_encoders_text() -> None:
    standard = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
    values: list[Any] = [
        *TRICKY, {"a": 1, "b": [1.5, None, True], "c": {"字": "行\n"}}, [], {}, 2**70, -0.0,
        1e-7, 3.0, {"x": float("nan")}, "\u2028", _Text("x"), {"k": _Text("v")},
    ]  # fmt: skip
    for value in values:
        assert compact_json(value) == standard.encode(value), value


def test_the_garbage_collector_is_back_on_after_pushes_and_errors(
    tmp_path: Path, server_location: Any
) -> None:
    assert gc.isenabled()
    storage, coord, _other = _server(server_location(tmp_path / "server"))
    try:
        apply_push(storage, coord, _plan_ops("g", 3), "127.0.0.1")
        assert gc.isenabled()
        with pytest.raises(AttributeError):
            apply_push(storage, None, [_op("g-x", "unit", "g-u9", {"name": "x"})], "::1")  # type: ignore[arg-type]
    finally:
        storage.close()
    assert gc.isenabled()
    # Threads: off while any is inside, on when the last leaves.
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with collector_paused():
            inside.set()
            leave.wait(10)

    worker = threading.Thread(target=hold)
    worker.start()
    inside.wait(10)
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread is still inside
    leave.set()
    worker.join(10)
    assert gc.isenabled()
