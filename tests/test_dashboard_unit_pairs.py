"""The dashboard's items per unit (issue 14): with one lead or responsible row per
item, the pass's kept rows are the (item, unit) pairs themselves (no pair made and
hashed); with several units on an item, each pair once as before. Both equal the
counts made a pair at a time from the table (``dashboard_counts_reference``), on a
generated database before and after items get a second (responsible) unit."""

from __future__ import annotations

from pathlib import Path

from desktop.models import workspace_queries
from desktop.models.status_queries import compute_status
from desktop.models.store import Store
from tests.helpers.dashboard_reference import dashboard_counts_reference
from tests.helpers.status_pass_data import generate_status_db


def _counts_and_kept_items(db) -> tuple[dict, dict, list[str]]:  # noqa: ANN001
    snap = compute_status(db, rounds=True)
    kept = snap.inputs.round_rows
    assert kept is not None
    found = workspace_queries.dashboard(db, snapshot=snap)["by_unit"]
    expected = dashboard_counts_reference(db, snap)["by_unit"]
    return found, expected, [row[0] for row in kept.assignments]


def test_the_unit_counts_equal_a_pair_at_a_time(tmp_path: Path) -> None:
    store = Store.open(generate_status_db(tmp_path / "db.sqlite", plans=3))
    try:
        db = store.db
        found, expected, items = _counts_and_kept_items(db)
        assert len(set(items)) == len(items)  # one unit per item: the rows themselves
        assert len(found) > 5 and list(found.items()) == list(expected.items())
        # a second unit on some items (one of them twice, as a lead and responsible)
        some = [r[0] for r in db.execute("SELECT id FROM item ORDER BY rowid LIMIT 40")]
        units = [r[0] for r in db.execute("SELECT id FROM unit ORDER BY rowid LIMIT 3")]
        with store.action("test_units") as tx:
            tx.insert_many("assignment", [
                {"id": f"extra-{n}", "item_id": item_id, "unit_id": units[n % 3],
                 "role": "responsible", "position": 5}
                for n, item_id in enumerate(some)
            ] + [{"id": "extra-again", "item_id": some[0], "unit_id": units[0],
                  "role": "lead", "position": 6}])  # fmt: skip
        found, expected, items = _counts_and_kept_items(db)
        assert len(set(items)) < len(items)
        assert list(found.items()) == list(expected.items())
    finally:
        store.close()
