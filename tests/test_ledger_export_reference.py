"""The 台账 built row by row on demand (issue 14) writes the very workbook the export
wrote before (``tests/helpers/ledger_export_reference.py``), for every option, on a
generated database of several plans with milestones, reports and corrections; and
``load_ledger`` (the fill-in sheet's rows) gives the rows it gave."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop.ledger import export
from desktop.ledger.data import load_ledger
from desktop.models import progress
from desktop.models.store import Store
from tests.helpers.generated import generated_db, store_copy
from tests.helpers.ledger_export_reference import export_ledger_reference, load_ledger_reference
from tests.helpers.ledger_helpers import TODAY

PLANS = 14


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated plans with the coordination bench's milestones, and reports on every
    seventh task (on an item of a task with several, on the whole task, corrected)."""
    from bench.coordination import populate

    path = generated_db(tmp_path_factory, "ledger-reference", PLANS, migrated=True)
    store = Store.open(path)
    try:
        populate(store)
        tasks = store.db.execute(
            "SELECT t.id, min(i.id), count(*) FROM task t JOIN item i ON i.task_id = t.id"
            " GROUP BY t.id ORDER BY t.plan_id, t.no"
        ).fetchall()
        for n, (task_id, item_id, items) in enumerate(tasks[::7]):
            unit = store.db.execute(
                "SELECT unit_id FROM assignment WHERE item_id = ? ORDER BY position LIMIT 1",
                [item_id],
            ).fetchone()
            if unit is None:
                continue
            unit = unit[0]
            on_item = item_id if items > 1 and n % 2 else None
            first = progress.add_report(
                store, task_id, unit, period="2024-06", text=f"进展{n}", percent=n % 100,
                item_id=on_item, confirm_period=True,
            )  # fmt: skip
            if n % 3 == 0:
                progress.correct_report(store, first, text=f"更正{n}", percent=(n * 7) % 100)
            if items > 1 and n % 4 == 1:  # a later report on the whole task
                progress.add_report(
                    store, task_id, unit, period="2024-07", text=f"整体{n}", confirm_period=True
                )
    finally:
        store.close()
    return path


@pytest.fixture
def store(template: Path, tmp_path: Path):  # noqa: ANN201 - a Store
    with store_copy(template, tmp_path) as copy:
        yield copy


def parts(path: Path) -> dict[str, bytes]:
    """The workbook's parts but its time of writing (docProps/core.xml)."""
    with zipfile.ZipFile(path) as book:
        return {name: book.read(name) for name in book.namelist() if name != "docProps/core.xml"}


def assert_same_workbook(store: Store, folder: Path, **options: object) -> dict[str, int]:
    new, old = folder / "new.xlsx", folder / "old.xlsx"
    counts = export.export_ledger(store.db, new, today=TODAY, **options)  # type: ignore[arg-type]
    assert counts == export_ledger_reference(store.db, old, today=TODAY, **options)  # type: ignore[arg-type]
    new_parts, old_parts = parts(new), parts(old)
    assert list(new_parts) == list(old_parts)
    for name, content in old_parts.items():
        assert new_parts[name] == content, name
    return counts


def test_every_option_writes_the_workbook_it_wrote(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    plans = [r[0] for r in store.db.execute("SELECT id FROM plan ORDER BY imported_at, title")]
    corrections = store.db.execute("SELECT count(*) FROM report WHERE supersedes_id IS NOT NULL")
    assert store.db["report"].count > 50 and corrections.fetchone()[0] > 10
    # every plan by section: more sections than SECTION_SHEETS_MAX, one sheet of every row
    assert assert_same_workbook(store, tmp_path)["sheets"] == 1
    by_unit = assert_same_workbook(store, tmp_path, by="unit")
    assert by_unit["sheets"] > 1 and by_unit["rows"] > store.db["item"].count
    several = assert_same_workbook(store, tmp_path, plan_ids=plans[:3])
    assert several["sheets"] > 3  # a sheet per plan and section
    assert_same_workbook(store, tmp_path, plan_ids=plans[:3], by="unit")
    assert assert_same_workbook(store, tmp_path, plan_ids=plans[1:2])["sheets"] > 1
    assert_same_workbook(store, tmp_path, plan_ids=plans[1:2], by="unit")
    monkeypatch.setattr(export, "SECTION_SHEETS_MAX", 10**6)
    assert assert_same_workbook(store, tmp_path)["sheets"] > 60  # one per plan and section


def test_load_ledger_gives_the_rows_it_gave(store: Store) -> None:
    """Every row, one plan's and a unit's (the fill-in sheet's) equal field by field."""
    assert load_ledger(store.db, TODAY).rows == load_ledger_reference(store.db, TODAY).rows
    plan = store.db.execute("SELECT id FROM plan ORDER BY title LIMIT 1").fetchone()[0]
    unit = store.db.execute(  # the plan's busiest unit
        "SELECT a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id"
        " JOIN task t ON t.id = i.task_id WHERE t.plan_id = ?"
        " GROUP BY a.unit_id ORDER BY count(*) DESC, a.unit_id LIMIT 1",
        [plan],
    ).fetchone()[0]
    for options in ({"plan_ids": [plan]}, {"unit_id": unit}, {"plan_ids": [plan], "unit_id": unit}):
        rows = load_ledger(store.db, TODAY, **options).rows  # type: ignore[arg-type]
        assert rows and rows == load_ledger_reference(store.db, TODAY, **options).rows  # type: ignore[arg-type]
