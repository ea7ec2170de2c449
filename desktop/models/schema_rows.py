"""Schema of the matrix index cache (``desktop.models.matrix_cache``): local, never synced.

``rows_state`` (one row) holds a generation number and a dirty flag; triggers on every
table the matrix index is read from (``ROWS_TRIGGERS``) mark it dirty and bump the
generation on the first delete or update of a column the index reads after the cache was
kept — any write, however it comes (an edit, a pulled sync op, an undo, plain SQL).
Inserts have no trigger (a row trigger costs ~3 µs per row, +80 % on a bulk insert into
an indexed table): the cache keeps each table's row count and largest rowid, which every
insert changes (a new row's rowid is chosen before a conflicting row is replaced).
``rows_cache`` holds the serialized index with the generation it was read at; it is used
only while that generation is current, nothing was written since and the counts agree
(see ``matrix_cache``).
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.schema import MIGRATIONS, run_script

#: (table, the columns whose update invalidates; empty: any update) of every table
#: ``matrix_rows.load_matrix_index`` reads.
ROWS_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("plan", ("id", "imported_at")),
    ("section", ("id", "position")),
    ("task", ("id", "plan_id", "section_id", "archived", "no", "parent_task_id")),
    ("item", ("id", "task_id", "position")),
    ("unit", ()),
    ("assignment", ()),
)
_MARK = (
    "WHEN (SELECT dirty FROM rows_state WHERE id = 1) = 0"
    " BEGIN UPDATE rows_state SET gen = gen + 1, dirty = 1 WHERE id = 1; END"
)


def _triggers() -> dict[str, str]:
    """Trigger name → its CREATE statement."""
    out: dict[str, str] = {}
    for table, columns in ROWS_TABLES:
        for event in ("delete", "update"):
            what = event.upper()
            if event == "update" and columns:
                what += " OF " + ", ".join(columns)
            name = f"rows_{table}_{event}"
            out[name] = f"CREATE TRIGGER {name} AFTER {what} ON [{table}] {_MARK}"
    return out


#: The triggers that keep the cache honest: the cache is not used when one is missing
#: (a later migration rebuilding a table drops its triggers).
ROWS_TRIGGERS = _triggers()


@MIGRATIONS(name="rows_0001_matrix_index_cache")
def _rows_matrix_index_cache(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE rows_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            gen INTEGER NOT NULL,
            dirty INTEGER NOT NULL
        );
        INSERT INTO rows_state (id, gen, dirty) VALUES (1, 0, 1);
        CREATE TABLE rows_cache (
            name TEXT PRIMARY KEY,
            gen INTEGER NOT NULL,
            header TEXT NOT NULL,
            data BLOB NOT NULL
        );
        """,
    )
    for statement in ROWS_TRIGGERS.values():
        db.execute(statement)
