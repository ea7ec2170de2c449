"""Property: whatever values reach the store's Tx, it either writes a valid record or
refuses with a UserError and writes nothing (real SQLite file; issue 7 items 6, 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.errors import UserError
from desktop.exchange import export_data, import_data
from desktop.models.store import Store
from desktop.models.transactions import InvalidRecord
from sync import records

_TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "名" * 201, "a\nb", "a\x00", "\x1b[2J", "\ud800", "2025-02-30",
                     "2024-02-29", "2026-11", "[]", '["别名"]', "{}", "lead", "task"]),
)  # fmt: skip
_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    _TEXT,
)
_COLUMNS = {t: sorted(records.TABLES[t].columns) for t in ("unit", "milestone", "dependency")}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    from desktop.importer import parse_file

    path = tmp_path_factory.mktemp("prop") / "demo.db"
    with_store = Store.open(path)
    with_store.import_plan(parse_file(seed_path))
    with_store.close()
    return path


@pytest.fixture(scope="module")
def seed_path() -> Path:
    return Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"


def _counts(store: Store) -> tuple[int, ...]:
    tables = ("unit", "milestone", "dependency", "change_log")
    return tuple(store.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), table=st.sampled_from(sorted(_COLUMNS)))
def test_tx_writes_valid_records_or_nothing(demo: Path, data, table: str) -> None:
    store = Store.open(demo)
    try:
        task = store.db.execute("SELECT id FROM task ORDER BY no LIMIT 1").fetchone()[0]
        names = data.draw(st.lists(st.sampled_from(_COLUMNS[table]), unique=True, max_size=4))
        row = {name: data.draw(_VALUE) for name in names}
        # Mostly-valid starting points, so that accepted writes happen too.
        base = {
            "unit": {"name": f"单位{data.draw(st.integers(0, 10**9))}"},
            "milestone": {"task_id": task, "title": "里程碑"},
            "dependency": {"pred_kind": "task", "pred_id": task, "succ_kind": "task",
                           "succ_id": task, "lag_days": 0},
        }[table]  # fmt: skip
        row = {**base, **row}
        before = _counts(store)
        try:
            with store.action("prop") as tx:
                record_id = tx.insert(table, row)
        except UserError as err:
            assert isinstance(err, InvalidRecord) and err.message
            assert _counts(store) == before  # nothing written, nothing logged
            return
        fields = {k: v for k, v in row.items() if k != "id"}  # insert added the id
        problem = records.check_fields(table, fields, insert=True, wire=False)
        assert problem is None, problem
        stored = store.db.execute(
            f"SELECT {', '.join(row)} FROM [{table}] WHERE id = ?", [record_id]
        ).fetchone()
        assert stored is not None
        export_data(store.db)  # never raises on what was accepted
    finally:
        store.close()


def test_everything_accepted_re_imports(demo: Path, tmp_path: Path) -> None:
    """After the property run, the database still exports and re-imports into an empty one."""
    store = Store.open(demo)
    data = export_data(store.db)
    store.close()
    empty = Store.open(tmp_path / "empty.db")
    try:
        import_data(empty, data)
        again = export_data(empty.db)
        assert again["coordination"] == data["coordination"]
        assert [u["id"] for u in again["units"]] == [u["id"] for u in data["units"]]
    finally:
        empty.close()
