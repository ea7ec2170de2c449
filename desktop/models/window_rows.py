"""Which edits the main window's rows (the matrix, the plan tree, the unit lists) must be
read again for, and which only rename tasks (their labels are read on demand: the window
relabels those rows instead of reloading). Qt-free."""

from __future__ import annotations

from desktop.models.transactions import Written

# The tables the window's rows are read from: an edit writing none of them leaves them.
MATRIX_TABLES = frozenset(
    {"plan", "section", "task", "item", "unit", "assignment", "target", "plan_goal"}
)
# Columns of those tables that only label the rows (read on demand, not kept)
LABEL_ONLY = {"task": frozenset({"title"})}


def renamed_tasks(tables: object) -> frozenset[str]:
    """The tasks an edit renamed when it changed nothing else the window's rows read
    (``transactions.Written.updated``: the columns of each updated row); empty otherwise
    (rows inserted or deleted, another column, or a plain set of tables: a background
    job's or a sync's)."""
    if not isinstance(tables, Written) or not tables.updated:
        return frozenset()
    updated = tables.updated
    touched = tables & MATRIX_TABLES
    if not touched or not touched <= set(LABEL_ONLY):
        return frozenset()
    renamed: set[str] = set()
    for table in touched:
        rows = updated.get(table)
        if rows is None:  # rows inserted or deleted, or too many updated to name
            return frozenset()
        for record_id, columns in rows.items():
            if not columns <= LABEL_ONLY[table]:
                return frozenset()
            renamed.add(record_id)
    return frozenset(renamed)
