"""A generated database for a test module (``bench.generate``: deterministic plans written
through the real store API), in a folder of its own."""

from __future__ import annotations

from pathlib import Path

import pytest


def generated_db(
    tmp_path_factory: pytest.TempPathFactory, name: str, plans: int, *, migrated: bool = False
) -> Path:
    """``plans`` generated plans in ``<tmp>/<name>/generated.db``; ``migrated``: opened
    once with the store, so copies need no migration."""
    from bench.generate import generate
    from desktop.models.store import Store

    path = tmp_path_factory.mktemp(name) / "generated.db"
    generate(path, plans=plans)
    if migrated:
        Store.open(path).close()
    return path
