"""Shared helpers of the coordination tests: a demo store, CLI runs, database fingerprints."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop.cli import main
from desktop.models import coordination_queries as cq
from desktop.models.store import Store

SEED = Path(__file__).resolve().parents[2] / "assets" / "demo-plan-changchun-2023.txt"


def load_demo(store: Store) -> Store:
    """Import the demo plan (长府办发〔2023〕17号, written 2023-04-06) into ``store``."""
    from desktop.importer import parse_file

    store.import_plan(parse_file(SEED))
    return store


def demo_template(folder: Path, seed: Callable[[Store], None] | None = None) -> Path:
    """A module's template database: the demo plan in ``folder/demo.db``, then ``seed``'s
    writes (milestones, dependencies…) when given; closed, for tests to copy
    (``tests.helpers.generated.store_copy``)."""
    path = folder / "demo.db"
    store = Store.open(path)
    try:
        load_demo(store)
        if seed is not None:
            seed(store)
    finally:
        store.close()
    return path


def task(store: Store, no: int) -> str:
    return cq.resolve_task(store.db, no)


def run_cli(capsys, db: Path, *argv: str) -> tuple[int, str, str]:
    """``liandong ARGV --db DB`` in process; (exit code, stdout, stderr)."""
    code = main([*argv, "--db", str(db)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def fingerprint(path: Path) -> list[tuple]:
    """Every row of every table (sorted): equal before and after means nothing was written."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        rows: list[tuple] = []
        for table in tables:
            rows += sorted(
                ((table, *map(repr, r)) for r in conn.execute(f"SELECT * FROM [{table}]")),
            )
        return rows
    finally:
        conn.close()


def populated_demo(path: Path) -> Store:
    """The demo plan at ``path`` with the benches' milestones, dependencies and 督办
    workflow data (``bench.coordination.populate``, ``bench.duban.populate_workflow``)."""
    from bench.coordination import populate
    from bench.duban import populate_workflow

    store = load_demo(Store.open(path))
    populate(store)
    populate_workflow(store)
    return store


def run_drawn(name: str, run: Callable[[], object]) -> None:
    """Runs a drawn operation of a property test; a refusal (``UserError``) is recorded
    as a hypothesis event, not a failure."""
    from hypothesis import event

    from desktop.errors import UserError

    try:
        run()
    except UserError:
        event(f"{name} refused")
