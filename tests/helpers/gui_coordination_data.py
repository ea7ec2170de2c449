"""Realistic coordination data on the demo plan (GUI tests and screenshots)."""

from __future__ import annotations

from desktop.demo import add_demo_coordination as add_realistic  # noqa: F401
from desktop.importer import parse_file
from desktop.models.store import Store


def seed_demo(store: Store, seed_path) -> None:  # noqa: ANN001
    store.import_plan(parse_file(seed_path))
