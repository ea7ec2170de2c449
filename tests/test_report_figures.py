"""A report's figures become dated target values with the report as their source (issue 12):
entered once, kept in step with corrections and retractions, shown in the value history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import target_queries
from desktop.models.progress import figure_date
from desktop.models.store import Store
from tests.helpers.coordination import load_demo, run_cli


def _values(store: Store, target: str) -> list[tuple]:
    return store.db.execute(
        "SELECT as_of, value, unit_id, report_id FROM target_value WHERE target_id = ?"
        " ORDER BY as_of, id",
        [target],
    ).fetchall()


def test_figure_date_is_the_period_end_or_today() -> None:
    assert figure_date("2024-06", date(2026, 1, 1)) == "2024-06-30"
    assert figure_date("2024-02", date(2026, 1, 1)) == "2024-02-29"
    assert figure_date("2024-12", date(2026, 1, 1)) == "2024-12-31"
    assert figure_date("2026-11", date(2026, 11, 29)) == "2026-11-29"


def test_report_figures_become_target_values(store: Store) -> None:
    load_demo(store)
    t1 = cq.resolve_task(store.db, 1)
    target = cq.resolve_target(store.db, t1)
    lead = store.find_unit("市城管局")
    report = co.add_report(store, t1, lead, period="2024-06", percent=40, figures={target: 9000})
    assert _values(store, target) == [("2024-06-30", 9000.0, lead, report)]
    progress = target_queries.target_progress(store.db, target)
    assert progress["latest"]["report_id"] == report and progress["latest"]["value"] == 9000
    # both were written in one action (one transaction, both logged for sync)
    value_id = store.db.execute(
        "SELECT id FROM target_value WHERE report_id = ?", [report]
    ).fetchone()[0]
    logged = store.db.execute(
        "SELECT tbl, action FROM change_log WHERE record_id IN (?, ?) ORDER BY seq",
        [report, value_id],
    ).fetchall()
    assert [row[0] for row in logged] == ["report", "target_value"]
    assert len({row[1] for row in logged}) == 1

    # a correction replaces the values of the report it corrects
    fixed = co.correct_report(store, report, figures={target: 9500})
    assert _values(store, target) == [("2024-06-30", 9500.0, lead, fixed)]
    # a correction without figures carries the old ones over (still one value)
    again = co.correct_report(store, fixed, percent=45)
    assert _values(store, target) == [("2024-06-30", 9500.0, lead, again)]
    # a hand-entered value stays apart from the reports
    co.add_target_value(store, target, 11000, "2024-07-15")
    assert [v[3] for v in _values(store, target)] == [again, None]


def test_retracting_a_report_takes_its_values_and_undo_brings_them_back(store: Store) -> None:
    load_demo(store)
    t1 = cq.resolve_task(store.db, 1)
    target = cq.resolve_target(store.db, t1)
    lead = store.find_unit("市城管局")
    report = co.add_report(store, t1, lead, period="2024-06", figures={target: 8000})
    snapshot = co.retract_report(store, report)
    assert _values(store, target) == []
    co.restore(store, snapshot)
    assert _values(store, target) == [("2024-06-30", 8000.0, lead, report)]


def test_cli_history_names_the_source_report(db_path: Path, capsys) -> None:
    store = Store.open(db_path)
    load_demo(store)
    store.close()
    code, out, err = run_cli(capsys, db_path, "report", "add", "--task", "1", "--unit", "市城管局",
                             "--period", "2024-06", "--figure", "1=12600")  # fmt: skip
    assert code == 0, err
    code, out, err = run_cli(capsys, db_path, "target", "show", "--task", "1")
    assert code == 0, err
    assert "2024-06-30  12600" in out and "来自进展报告" in out
