"""A generated database for a test module (``bench.generate``: deterministic plans written
through the real store API), in a folder of its own; a store on a copy of a module's
template database (``store_copy``)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from desktop.models.store import Store


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


@contextmanager
def store_copy(template: Path, folder: Path | None = None) -> Iterator[Store]:
    """A store on a fresh copy of a module's ``template`` database (``db.sqlite`` in
    ``folder``, else in a temporary folder removed afterwards), closed after use: each
    test or hypothesis example starts from the same data and leaves the template as it
    was."""
    from desktop.models.store import Store

    with tempfile.TemporaryDirectory() if folder is None else nullcontext(str(folder)) as place:
        path = Path(place) / "db.sqlite"
        shutil.copy(template, path)
        store = Store.open(path)
        try:
            yield store
        finally:
            store.close()
