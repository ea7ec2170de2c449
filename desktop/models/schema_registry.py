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

from types import ModuleType

from sqlite_utils.migrations import Migrations

# The schema modules in migration order: core first, then each feature's. Append
# only; never reorder (importing a module registers its migrations, so the order of
# these imports is the order the migrations run). Plain imports, so that packagers
# (PyInstaller) see every module.
# isort: off
from desktop.models import schema
from desktop.models import schema_coordination
from desktop.models import schema_coordination_rules
from desktop.models import schema_importer
from desktop.models import schema_sync
from desktop.models import schema_authoring
from desktop.models import schema_briefing
from desktop.models import schema_meetings
from desktop.models import schema_duban
from desktop.models import schema_indexes
from desktop.models import schema_rows

# isort: on

SCHEMA_MODULES: tuple[ModuleType, ...] = (
    schema,
    schema_coordination,
    schema_coordination_rules,
    schema_importer,
    schema_sync,
    schema_authoring,
    schema_briefing,
    schema_meetings,
    schema_duban,
    schema_indexes,
    schema_rows,
)
SCHEMA_MODULE_NAMES = tuple(module.__name__.rsplit(".", 1)[1] for module in SCHEMA_MODULES[1:])

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
