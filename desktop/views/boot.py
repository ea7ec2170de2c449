"""The GUI's import order: the Qt-free modules the main window needs before PySide6.

Once imported, PySide6 (6.4 and later) looks at every module imported after it for its
``from __feature__ import …`` switch: it reads the module's whole source file
(``shibokensupport.feature._mod_uses_pyside`` via ``inspect.getsource``) and records the
answer per module name in its ``pyside_feature_dict``. On the GUI start that was ~300
files and 0.1–0.3 s. Modules imported before PySide6 are never read, so ``import_for_gui``
imports the Qt-free part of the window (models, sqlite-utils, the sync client) first,
then PySide6, and then records those already-loaded modules as "not using PySide" (-1,
the value PySide's own check gives a module whose source never names PySide6) so a
later ``import`` statement naming one of them does not read it either.

Liandong never selects a ``__feature__`` (snake_case, true_property): for such a program
every module's entry in that table leaves Qt's attribute look-up unchanged.

The cyclic garbage collector is off from here until the window is built (``run_gui``
turns it back on, also when the start ends early): the imports and the window load
allocate a few hundred thousand objects that all live on, and its ~300 collections
walking them cost ~45 ms of the start.
"""

from __future__ import annotations

import gc
import importlib
import sys

#: Qt-free modules the main window and its pages import at start (with what they import),
#: imported before PySide6. A module missing here still works: it is merely read once more.
QT_FREE_FIRST = (
    "sqlite_utils",
    "desktop.models.store",
    "desktop.models.queries",
    "desktop.models.matrix_rows",
    "desktop.models.coordination",
    "desktop.models.coordination_views",
    "desktop.models.status_cache",
    "desktop.models.status_queries",
    "desktop.models.round_queries",
    "desktop.models.report_queries",
    "desktop.models.matrix_ledger",
    "desktop.models.unit_names",
    "desktop.models.attachment_sync",
    "desktop.models.sync_engine",
    "desktop.models.backup",
    "desktop.importer.outline",
    "desktop.screenshot",
    "sync.client",
    "concurrent.futures",
    "logging.handlers",
)

#: PySide's table of modules and their ``__feature__`` selection (-1: ignore the module).
_FEATURE_MODULE = "shibokensupport.feature"
IGNORED = -1


def import_for_gui() -> None:
    """Import the Qt-free modules first, then PySide6, and spare them PySide's source check;
    the garbage collector stays off until ``run_gui`` built the window."""
    gc.disable()
    for name in QT_FREE_FIRST:
        importlib.import_module(name)
    importlib.import_module("PySide6.QtCore")
    mark_loaded_modules_qt_free()


def feature_table() -> dict | None:
    """PySide's ``pyside_feature_dict``, or None when this PySide has none (then nothing
    is marked and every module is checked as before)."""
    feature = sys.modules.get(_FEATURE_MODULE)
    table = getattr(feature, "pyside_feature_dict", None)
    return table if isinstance(table, dict) else None


def mark_loaded_modules_qt_free() -> int:
    """Record every loaded module PySide has not looked at as not using it; how many."""
    table = feature_table()
    if table is None:
        return 0
    marked = 0
    for name in list(sys.modules):
        if name not in table:
            table[name] = IGNORED
            marked += 1
    return marked
