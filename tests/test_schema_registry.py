"""The schema is assembled in one place: every schema module listed once, migrations in
the listed order, and the store no longer sits in an import loop."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.models import schema_registry
from desktop.models.db import known_migrations

ROOT = Path(__file__).resolve().parent.parent


def test_every_schema_module_is_listed_once() -> None:
    on_disk = {p.stem for p in (ROOT / "desktop" / "models").glob("schema_*.py")}
    on_disk.discard("schema_registry")
    listed = list(schema_registry.SCHEMA_MODULE_NAMES)
    assert sorted(listed) == sorted(on_disk)
    assert len(set(listed)) == len(listed)


def test_migrations_run_in_the_listed_module_order() -> None:
    owner = {}
    for module in schema_registry.SCHEMA_MODULES:
        for value in vars(module).values():
            if callable(value) and getattr(value, "__module__", "") == module.__name__:
                owner[value] = module.__name__
    order = [owner.get(m.fn) for m in schema_registry.MIGRATIONS._migrations]
    assert None not in order
    modules = [m.__name__ for m in schema_registry.SCHEMA_MODULES]
    positions = [modules.index(name) for name in order]
    assert positions == sorted(positions)  # each module's migrations together, in list order
    assert known_migrations() == schema_registry.migration_names()
    assert known_migrations()[:3] == ["0001_core", "0002_plan_goals", "0100_coordination"]


def test_the_store_imports_without_the_coordination_actions() -> None:
    """store → plan_actions no longer reaches coordination (which imports the store)."""
    probe = (
        "import sys; import desktop.models.store; "
        "print(sorted(m for m in sys.modules if m.startswith('desktop.models.coordination')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_schema_module_alone_has_only_the_core_tables() -> None:
    probe = "import desktop.models.schema as s; print([m.name for m in s.MIGRATIONS._migrations])"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    assert out.strip() == "['0001_core', '0002_plan_goals']"
