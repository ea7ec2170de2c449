"""Many returned fill-in sheets (files or a folder) imported as one action, or none."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from desktop.errors import UserError
from desktop.ledger.fill_batch import BatchRefused, import_fill_sheets, sheet_paths
from desktop.ledger.fill_import import import_fill_sheet
from desktop.ledger.fill_sheet import FIRST_ROW, write_fill_sheet
from desktop.ledger.report_rows import SharedLookups
from desktop.models import report_queries
from desktop.models.store import Store
from tests.helpers.ledger_helpers import (
    PERIOD,
    TODAY,
    busiest_units,
    fill,
    fill_every_item,
    seed_with_coordination,
)


@pytest.fixture
def demo(store: Store, seed_path) -> Store:
    seed_with_coordination(store, seed_path)
    return store


@pytest.fixture
def returned(demo: Store, tmp_path) -> list[Path]:
    """Three units' sheets written by the app and filled in, in a folder of their own."""
    folder = tmp_path / "returned"
    folder.mkdir()
    paths = []
    for n, name in enumerate(busiest_units(demo, 3)):
        path = folder / f"{n}-{name}.xlsx"
        write_fill_sheet(demo.db, demo.find_unit(name), PERIOD, path, today=TODAY)
        paths.append(fill_every_item(path, path))
    return paths


def counts(store: Store) -> tuple[int, int]:
    db = store.db
    return (
        db.execute("SELECT count(*) FROM report").fetchone()[0],
        db.execute("SELECT count(*) FROM change_log").fetchone()[0],
    )


def current_reports(store: Store) -> set[tuple]:
    return {
        (r["task_id"], r["item_id"], r["unit_id"], r["text"], r["percent"])
        for r in report_queries.report_history(store.db, period=PERIOD)
        if r["current"]
    }


def test_a_folder_is_one_action_with_the_single_sheet_reports(demo, returned, tmp_path) -> None:
    # a copy of the database, to import the same sheets one by one
    copy = Store.open(tmp_path / "copy.db")
    demo.db.conn.backup(copy.db.conn)
    before, log_before = counts(demo)
    result = import_fill_sheets(demo, [returned[0].parent])
    assert [r.unit for r in result.results] == busiest_units(demo, 3)
    written = result.added + result.corrected
    assert result.added > 10 and counts(demo)[0] == before + written
    assert "已导入 3 份填报表" in result.summary and f"新增填报 {result.added} 条" in result.summary
    # one action: every op logged for sync with the action's one timestamp
    logged = demo.db.execute(
        "SELECT count(*), count(DISTINCT created_at) FROM change_log"
        " WHERE action = 'fill_sheet_import' AND tbl = 'report'"
    ).fetchone()
    assert tuple(logged) == (written, 1) and counts(demo)[1] > log_before
    try:
        singles = [import_fill_sheet(copy, path) for path in returned]
        assert [(r.added, r.corrected) for r in singles] == [
            (r.added, r.corrected) for r in result.results
        ]
        assert current_reports(copy) == current_reports(demo)
    finally:
        copy.close()


def test_the_same_batch_twice_adds_nothing(demo, returned) -> None:
    first = import_fill_sheets(demo, returned)
    after = counts(demo)
    again = import_fill_sheets(demo, [*returned, returned[0].parent])  # each file once
    assert counts(demo) == after
    assert again.added == again.corrected == 0
    assert sum(r.unchanged for r in again.results) == first.added + first.corrected


def test_one_bad_sheet_refuses_the_whole_batch_by_cell(demo, returned) -> None:
    bad = returned[1]
    r = FIRST_ROW  # an item row
    title = openpyxl.load_workbook(bad)["填报表"][f"C{r}"].value
    fill(bad, bad, {f"I{r}": 130, f"C{r}": "改名"})
    before = counts(demo)
    with pytest.raises(BatchRefused) as info:
        import_fill_sheets(demo, [returned[0].parent])
    assert counts(demo) == before  # nothing written, the good sheets neither
    err = info.value
    assert list(err.refused) == [bad.name]
    assert [str(p) for p in err.refused[bad.name]] == [
        f"C{r}：此单元格不可修改（原为“{title}”，现为“改名”）。",
        f"I{r}：完成百分比应在 0 到 100 之间（现为 130）。",
    ]
    assert err.fine == [returned[0].name, returned[2].name]
    assert err.message.startswith("3 份填报表中有 1 份有问题，整批未导入")
    assert f"{bad.name}：2 处问题\n  C{r}：此单元格不可修改" in err.message
    assert returned[0].name in err.detail
    # fixed (a fresh fill of the unit's sheet) and imported again: all three go in
    unit = bad.stem.split("-", 1)[1]
    write_fill_sheet(demo.db, demo.find_unit(unit), PERIOD, bad, today=TODAY)
    fill_every_item(bad, bad)
    result = import_fill_sheets(demo, returned)
    assert len(result.results) == 3
    assert counts(demo)[0] == before[0] + result.added + result.corrected


def test_a_file_that_is_no_sheet_is_named_in_the_refusal(demo, returned) -> None:
    (returned[0].parent / "说明.xlsx").write_text("not a workbook")
    (returned[0].parent / "~$0-lock.xlsx").write_text("Excel's lock file: skipped")
    before = counts(demo)
    with pytest.raises(BatchRefused) as info:
        import_fill_sheets(demo, [returned[0].parent])
    assert list(info.value.refused) == ["说明.xlsx"]
    assert "说明.xlsx 不是 Excel .xlsx 文件" in info.value.message
    assert counts(demo) == before


def test_two_files_for_one_row_count_once_or_are_refused(demo, returned, tmp_path) -> None:
    copy = tmp_path / "copy" / returned[0].name
    copy.parent.mkdir()
    copy.write_bytes(returned[0].read_bytes())
    result = import_fill_sheets(demo, [*returned, copy])  # the same sheet sent twice
    first, last = result.results[0], result.results[-1]
    assert (last.added, last.corrected, last.unchanged) == (0, 0, first.added + first.corrected)
    assert last.report_ids == [] and len(first.report_ids) == first.added + first.corrected

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    name = busiest_units(demo, 1)[0]
    first, second = fresh / "a.xlsx", fresh / "b.xlsx"
    write_fill_sheet(demo.db, demo.find_unit(name), "2024-08", first, today=TODAY)
    write_fill_sheet(demo.db, demo.find_unit(name), "2024-08", second, today=TODAY)
    fill_every_item(first, first)
    fill_every_item(second, second, note="另一种说法")
    before = counts(demo)
    with pytest.raises(BatchRefused) as info:
        import_fill_sheets(demo, [fresh])
    assert list(info.value.refused) == ["b.xlsx"]
    assert "本批的 a.xlsx 也填了同一单位同一期的这一项，内容不同" in info.value.message
    assert counts(demo) == before


def test_paths_checked_before_anything_is_read(tmp_path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UserError, match="中没有 .xlsx 填报表"):
        sheet_paths([empty])
    with pytest.raises(UserError, match="文件不存在"):
        sheet_paths([tmp_path / "missing.xlsx"])


def test_unit_and_period_checks_apply_to_every_sheet(demo, returned) -> None:
    first, *others = busiest_units(demo, 3)
    before = counts(demo)
    with pytest.raises(BatchRefused) as info:
        import_fill_sheets(demo, returned, expect_unit_id=demo.find_unit(first))
    assert list(info.value.refused) == [path.name for path in returned[1:]]
    for path, name in zip(returned[1:], others, strict=True):
        assert [str(p) for p in info.value.refused[path.name]] == [
            f"A1：这是“{name}”的填报表，不是“{first}”的。"
        ]
    with pytest.raises(BatchRefused) as info:
        import_fill_sheets(demo, returned, expect_period="2024-08")
    assert len(info.value.refused) == 3 and not info.value.fine
    assert counts(demo) == before


def test_a_long_refusal_names_every_file() -> None:
    from desktop.ledger.fill_batch import MAX_LINES, PER_FILE
    from desktop.ledger.fill_import import Problem

    refused = {
        f"{n:02d}.xlsx": [Problem(f"C{row}", "此单元格不可修改。") for row in range(5, 5 + 60)]
        for n in range(30)
    }
    message = BatchRefused(refused, ["ok.xlsx"], 31).message
    lines = message.splitlines()
    assert lines[0].startswith("31 份填报表中有 30 份有问题，整批未导入（无误的 1 份也未导入）")
    assert "00.xlsx：60 处问题\n  C5：此单元格不可修改。" in message
    assert f"  C{5 + PER_FILE - 1}：" in message and f"  ……另有 {60 - PER_FILE} 处" in message
    listed = [name for name in refused if f"{name}：60 处问题" in message]
    rest = lines[-1]
    assert rest.startswith(f"……另有 {30 - len(listed)} 份有问题的表：")
    assert all(name in rest for name in refused if name not in listed)
    assert len(lines) <= MAX_LINES + PER_FILE + 3


def test_shared_lookups_write_what_the_sheets_own_queries_write(
    demo: Store, returned: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large round loads tasks, items and assignments once for all its sheets
    (``SharedLookups``); the reports, the refusals and their messages are the same."""
    other_path = tmp_path / "other.db"
    with sqlite3.connect(other_path) as target:
        demo.db.conn.backup(target)
    other = Store.open(other_path)
    (tmp_path / "bad").mkdir()
    bad = fill(returned[1], tmp_path / "bad" / returned[1].name, {f"I{FIRST_ROW}": "很多"})
    outcomes = []
    for store, shared in ((demo, False), (other, True)):
        monkeypatch.setattr(SharedLookups, "worth_it", staticmethod(lambda _s, _n, on=shared: on))
        with pytest.raises(BatchRefused) as caught:
            import_fill_sheets(store, [returned[0], bad, returned[2]])
        result = import_fill_sheets(store, returned)
        outcomes.append((caught.value.message, result.summary, current_reports(store)))
    other.close()
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][2] and f"I{FIRST_ROW}：完成百分比“很多”不是数字" in outcomes[0][0]
