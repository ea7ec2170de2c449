"""Schema of the coordination feature: migrations registered after the core ones."""

from __future__ import annotations

from desktop.models.schema import MIGRATIONS, run_script, synced  # noqa: F401
