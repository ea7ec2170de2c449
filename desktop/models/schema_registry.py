"""The assembled local schema: every schema module, in migration order, in one place.

``desktop.models.schema`` holds the core tables and the building blocks
(``MIGRATIONS``, ``synced``, ``references_unit``, ``append_only``); each feature's
``schema_*`` module declares its tables with them. ``SCHEMA_MODULES`` below is the
one list of those modules: their migrations run in this order (append new modules
at the end; ``tests/test_schema_registry.py`` checks that every ``schema_*`` module
is listed and that the migrations follow the list).

Code outside the schema modules imports the schema from here, never from a single
schema module, so it always sees every feature's tables, columns, unit references
and append-only marks (import-linter keeps the schema modules from importing this
module, and ``schema`` from importing the feature modules).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from sqlite_utils.migrations import Migrations

from desktop.models import schema

# Feature schema modules (``desktop.models.<name>``), in migration order: core first
# (``schema``), then these. Append only; never reorder.
SCHEMA_MODULE_NAMES = (
    "schema_coordination",
    "schema_coordination_rules",
    "schema_importer",
    "schema_sync",
    "schema_authoring",
    "schema_briefing",
    "schema_meetings",
    "schema_duban",
)
SCHEMA_MODULES: tuple[ModuleType, ...] = (schema,) + tuple(
    importlib.import_module(f"desktop.models.{name}") for name in SCHEMA_MODULE_NAMES
)

MIGRATION_SET = schema.MIGRATION_SET
MIGRATIONS: Migrations = schema.MIGRATIONS
SYNCED_TABLES = schema.SYNCED_TABLES
LOCAL_COLUMNS = schema.LOCAL_COLUMNS
APPEND_ONLY = schema.APPEND_ONLY
UNIT_REFERENCES = schema.UNIT_REFERENCES
wire_columns = schema.wire_columns


def migration_names() -> list[str]:
    """Every migration this build knows, in the order they run."""
    return [m.name for m in MIGRATIONS._migrations]
