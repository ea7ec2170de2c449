"""Bulk inserts check a column at a time (``sync.record_batches``) and log pre-encoded
ops (``transactions.fields_json``): they refuse exactly what the per-row check
refuses, with the same message, and log the same op text (real SQLite file)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.store import Store
from desktop.models.transactions import InvalidRecord, fields_json
from sync import record_batches, records

SEED = Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"
STAMP = "2024-07-01T08:00:00.000+00:00"
SETTINGS = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop.importer import parse_file

    path = tmp_path_factory.mktemp("batches") / "seed.db"
    store = Store.open(path)
    store.import_plan(parse_file(SEED))
    store.close()
    return path


@pytest.fixture
def store(seeded: Path, tmp_path: Path):
    copy = tmp_path / "store.db"
    shutil.copy(seeded, copy)
    opened = Store.open(copy)
    yield opened
    opened.close()


def _assignments(store: Store) -> list[tuple[str, str, str]]:
    """(task, item, unit) of the seed's assignments."""
    return store.db.execute(
        "SELECT i.task_id, a.item_id, a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id"
        " ORDER BY a.rowid LIMIT 40"
    ).fetchall()


def _reports(store: Store, count: int) -> list[dict]:
    found = _assignments(store)
    return [
        {
            "task_id": found[n % len(found)][0],
            "item_id": found[n % len(found)][1],
            "unit_id": found[n % len(found)][2],
            "period": "2024-07",
            "text": f"第{n}项按计划推进\n下月完成",
            "percent": float(n % 101),
            "figures": "{}",
            "author": "测试处",
            "created_at": STAMP,
            "supersedes_id": None,
        }
        for n in range(count)
    ]


def _counts(store: Store) -> tuple[int, int]:
    return (
        store.db.execute("SELECT count(*) FROM report").fetchone()[0],
        store.db.execute("SELECT count(*) FROM change_log").fetchone()[0],
    )


def _refusal(store: Store, rows: list[dict]) -> str:
    with pytest.raises(InvalidRecord) as caught, store.action("test") as tx:
        tx.insert_many("report", rows)
    return caught.value.message


BAD_VALUES = [
    ("text", "长" * (records.REPORT_TEXT + 1)),
    ("text", "按计划\x01推进"),
    ("text", 5),
    ("author", "两行\n作者"),
    ("period", "2024-13"),
    ("period", None),
    ("percent", 100.5),
    ("percent", float("nan")),
    ("percent", True),
    ("percent", "85"),
    ("figures", "[1]"),
    ("figures", "{bad"),
    ("created_at", None),
    ("created_at", "2024-02-30T00:00:00"),
    ("task_id", "no-such-task"),
    ("task_id", ""),
    ("item_id", "no-such-item"),
    ("item_id", "a" * 65),
    ("supersedes_id", "no-such-report"),
    ("nonsense", 1),
    ("id", "bad\nid"),
]


@pytest.mark.parametrize(("column", "value"), BAD_VALUES)
def test_a_bad_value_in_row_n_of_a_bulk_insert_is_refused_as_alone(
    store: Store, column: str, value: object
) -> None:
    before = _counts(store)
    alone = _reports(store, 1)[0] | {column: value}
    expected = _refusal(store, [alone])
    for position in (0, 7, 19):
        rows = _reports(store, 20)
        rows[position][column] = value
        assert _refusal(store, rows) == expected, (column, position)
    assert _counts(store) == before  # nothing written


def test_a_row_without_a_required_column_is_refused_as_alone(store: Store) -> None:
    alone = _reports(store, 1)[0]
    del alone["created_at"]
    expected = _refusal(store, [alone])
    rows = _reports(store, 12)
    del rows[5]["created_at"]
    assert "填报时间" in expected and _refusal(store, rows) == expected


def test_the_first_bad_row_is_named_when_several_are_bad(store: Store) -> None:
    rows = _reports(store, 12)
    rows[9]["period"] = "2024-00"
    rows[4]["text"] = "坏\x02"
    alone = {k: v for k, v in rows[4].items()}
    assert _refusal(store, rows) == _refusal(store, [alone])


def test_a_clean_bulk_insert_writes_and_logs_every_row_as_before(store: Store) -> None:
    rows = _reports(store, 30)
    rows[3]["figures"] = '{"t1": 5}'
    rows[4]["percent"] = None
    rows[5]["text"] = '引号"反斜杠\\制表\t换行\n'
    assert record_batches.rows_clean("report", rows, insert=True, wire=False)  # the bulk path
    before = _counts(store)
    with store.action("test") as tx:
        ids = tx.insert_many("report", rows)
    assert _counts(store) == (before[0] + 30, before[1] + 30)
    logged = dict(
        store.db.execute(
            "SELECT record_id, fields FROM change_log WHERE tbl = 'report' AND kind = 'insert'"
        ).fetchall()
    )
    wire = records.wire_columns("report")
    for report_id, row in zip(ids, rows, strict=True):
        expected = {c: row[c] for c in wire if c in row}
        assert logged[report_id] == json.dumps(expected, ensure_ascii=False, separators=(",", ":"))


_TEXT = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["", "名" * 201, "a\nb", "a\tb", "a\x00", "\x1b", "\ud800", "\u2028",
                     "2024-07", "2024-13", "2025-02-30", "2024-02-29", "2026-11-29T08:00:00",
                     "[]", '["x"]', "{}", '{"a": 1}', '{"a": "x"}', "lead", "task", "item"]),
)  # fmt: skip
_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**65), max_value=2**65),
    st.floats(allow_nan=True, allow_infinity=True),
    _TEXT,
)


VALID = {
    "report": {"id": "r1", "task_id": "t1", "item_id": None, "unit_id": "u1",
               "period": "2024-07", "text": "进展\n说明", "percent": 50.0, "figures": '{"g": 2}',
               "author": "处", "created_at": STAMP, "supersedes_id": None, "also_supersedes": "[]"},
    "unit": {"id": "u1", "name": "市政数局", "kind": "bureau", "aliases": '["数局"]'},
    "milestone": {"id": "m1", "task_id": "t1", "item_id": "i1", "title": "完成", "due": "2024-07-31",
                  "owner_unit_id": None, "done_date": None, "note": "", "position": 3,
                  "current_due": "2024-08-31"},
    "dependency": {"id": "d1", "pred_kind": "task", "pred_id": "t1", "succ_kind": "milestone",
                   "succ_id": "m1", "lag_days": -3},
    "assignment": {"id": "a1", "item_id": "i1", "unit_id": "u1", "role": "lead", "position": 0},
    "comment": {"id": "c1", "node_kind": "report", "node_id": "r1", "reply_to": None,
                "text": "好", "author": "甲", "created_at": STAMP},
}  # fmt: skip


@st.composite
def _rows(draw: st.DrawFn, table: str) -> list[dict]:
    """1–6 rows of one shape: a valid row of ``table`` (or some of its columns and an
    unknown one), with up to two cells replaced by any value."""
    valid = VALID[table]
    shape = list(valid)
    if draw(st.integers(min_value=0, max_value=3)) == 0:
        names = st.sampled_from([*valid, "nonsense"])
        shape = draw(st.lists(names, unique=True, max_size=len(valid) + 1))
    count = draw(st.integers(min_value=1, max_value=6))
    rows = [{name: valid.get(name) for name in shape} for _ in range(count)]
    for _ in range(draw(st.integers(min_value=0, max_value=2)) if shape else 0):
        row = rows[draw(st.integers(min_value=0, max_value=count - 1))]
        row[draw(st.sampled_from(shape))] = draw(_VALUE)
    return rows


@pytest.mark.parametrize("table", ["report", "unit", "milestone", "dependency", "assignment"])
def test_rows_clean_only_when_every_row_passes_the_per_row_check(table: str) -> None:
    seen = {True: 0, False: 0}

    @SETTINGS
    @given(rows=_rows(table), wire=st.booleans())
    def check(rows: list[dict], wire: bool) -> None:
        clean = record_batches.rows_clean(table, rows, insert=True, wire=wire)
        seen[clean] += 1
        if clean:
            for row in rows:
                fields = {k: v for k, v in row.items() if k != "id"}
                assert records.check_fields(table, fields, insert=True, wire=wire) is None, row
                if "id" in row:
                    assert records.check_id(table, row["id"]) is None, row

    check()
    assert seen[True] >= 5 and seen[False] >= 5, seen  # both answers were tried


def test_rows_clean_accepts_a_typical_batch() -> None:
    rows = [
        {"id": f"r-{n}", "task_id": "t1", "item_id": None, "unit_id": "u1", "period": "2024-07",
         "text": f"第{n}项\n进展", "percent": float(n), "figures": '{"t": 1.5}', "author": "处",
         "created_at": STAMP, "supersedes_id": None}
        for n in range(50)
    ]  # fmt: skip
    assert record_batches.rows_clean("report", rows, insert=True, wire=False)
    rows[20]["percent"] = 100.01
    assert not record_batches.rows_clean("report", rows, insert=True, wire=False)


@pytest.mark.parametrize("table", ["report", "dependency", "comment"])
def test_reference_ids_are_what_references_names_row_by_row(table: str) -> None:
    @SETTINGS
    @given(rows=_rows(table))
    def check(rows: list[dict]) -> None:
        expected: dict[str, set[str]] = {}
        for row in rows:
            for _column, target, ref_id in records.references(table, row):
                expected.setdefault(target, set()).add(ref_id)
        assert record_batches.reference_ids(table, rows) == expected

    check()


@SETTINGS
@given(
    rows=st.lists(
        st.fixed_dictionaries({"a": _VALUE, "b": _VALUE, "名称": _VALUE}), min_size=0, max_size=5
    ),
    columns=st.lists(st.sampled_from(["a", "b", "名称", "missing"]), unique=True),
)
def test_fields_json_is_the_per_row_json(rows: list[dict], columns: list[str]) -> None:
    expected = [
        json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False, separators=(",", ":"))
        for row in rows
    ]
    assert fields_json(columns, rows) == expected
