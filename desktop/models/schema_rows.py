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

Since ``rows_0002`` the triggers also record what a stale index needs to be updated
rather than read whole (``matrix_cache.updated_index``): the plans whose rows a delete
or update changes (``rows_dirty``), each table's deletes (``del_<table>``) and lowest
largest rowid since the index was kept (``low_<table>``), and ``whole`` when the
plans are not known (a plan or unit id changed, a plan deleted while its tasks stay).
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


def _triggers_0001() -> dict[str, str]:
    """The first migration's triggers (frozen: ``rows_0002`` replaces them)."""
    mark = (
        "WHEN (SELECT dirty FROM rows_state WHERE id = 1) = 0"
        " BEGIN UPDATE rows_state SET gen = gen + 1, dirty = 1 WHERE id = 1; END"
    )
    out: dict[str, str] = {}
    for table, columns in ROWS_TABLES:
        for event in ("delete", "update"):
            what = event.upper()
            if event == "update" and columns:
                what += " OF " + ", ".join(columns)
            name = f"rows_{table}_{event}"
            out[name] = f"CREATE TRIGGER {name} AFTER {what} ON [{table}] {mark}"
    return out


def _plans(*selects: str, many: bool = False) -> str:
    """Record the plan ids the ``selects`` (each "SELECT plan_id …", one row at most
    unless ``many``) give. Each id inserted once, when not there yet — not with
    ``INSERT OR IGNORE``: in a trigger fired by a foreign key's cascade the cascade's
    abort policy replaces it, and a plan already recorded would fail the delete."""
    distinct = "DISTINCT " if many else ""
    return " ".join(
        f"INSERT INTO rows_dirty (plan_id) SELECT {distinct}plan_id FROM ({select}) AS x"
        " WHERE plan_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM rows_dirty d WHERE d.plan_id = x.plan_id);"
        for select in selects
    )


_WHOLE = "UPDATE rows_state SET whole = 1 WHERE id = 1"
_ID_CHANGED = " AND OLD.id IS NOT NEW.id;"
_PLAN_OF_ITEM = "SELECT t.plan_id FROM item i JOIN task t ON t.id = i.task_id WHERE i.id = {}"
_PLAN_OF_UNIT = (
    "SELECT t.plan_id FROM assignment a JOIN item i ON i.id = a.item_id"
    " JOIN task t ON t.id = i.task_id WHERE a.unit_id = {}"
)

#: (table, event) → what the trigger records besides the state: the plans whose rows
#: the write changes, or the whole index.
_RECORDS: dict[tuple[str, str], str] = {
    # a deleted plan's tasks are deleted first (their triggers record it) unless the
    # foreign keys are off: then they stay, with the first plan's rows (read whole)
    ("plan", "delete"): _WHOLE + " AND EXISTS (SELECT 1 FROM task WHERE plan_id = OLD.id);",
    # its order: the plans' order is read again in any case
    ("plan", "update"): _WHOLE + _ID_CHANGED,
    ("section", "delete"): _plans("SELECT plan_id FROM task WHERE section_id = OLD.id", many=True),
    ("section", "update"): _plans(
        "SELECT plan_id FROM task WHERE section_id = OLD.id",
        "SELECT plan_id FROM task WHERE section_id = NEW.id AND NEW.id IS NOT OLD.id",
        many=True,
    ),
    ("task", "delete"): _plans("SELECT OLD.plan_id AS plan_id"),
    ("task", "update"): _plans(
        "SELECT OLD.plan_id AS plan_id",
        "SELECT NEW.plan_id AS plan_id WHERE NEW.plan_id IS NOT OLD.plan_id",
    ),
    ("item", "delete"): _plans("SELECT plan_id FROM task WHERE id = OLD.task_id"),
    ("item", "update"): _plans(
        "SELECT plan_id FROM task WHERE id = OLD.task_id",
        "SELECT plan_id FROM task WHERE id = NEW.task_id AND NEW.task_id IS NOT OLD.task_id",
    ),
    # a deleted unit's cells are deleted first (their triggers record their plans)
    # unless the foreign keys are off: then they stay, and are no longer shown
    ("unit", "delete"): _plans(_PLAN_OF_UNIT.format("OLD.id"), many=True),
    # its name or kind: the units' order is read again in any case
    ("unit", "update"): _WHOLE + _ID_CHANGED,
    ("assignment", "delete"): _plans(_PLAN_OF_ITEM.format("OLD.item_id")),
    ("assignment", "update"): _plans(
        _PLAN_OF_ITEM.format("OLD.item_id"),
        _PLAN_OF_ITEM.format("NEW.item_id") + " AND NEW.item_id IS NOT OLD.item_id",
    ),
}


def _triggers() -> dict[str, str]:
    """Trigger name → its CREATE statement (``rows_0002``): each delete counts itself
    (``rows_state.del_<table>``) and keeps the table's lowest largest rowid since the
    index was kept (``low_<table>``: a later insert's rowid is above it, even one at a
    deleted last row's rowid), and each delete or update records the plans whose rows
    it changes (``rows_dirty``), or marks the whole index (``rows_state.whole``)."""
    out: dict[str, str] = {}
    for table, columns in ROWS_TABLES:
        for event in ("delete", "update"):
            what = event.upper()
            if event == "delete":
                state = (
                    f"gen = gen + 1 - dirty, dirty = 1, del_{table} = del_{table} + 1,"
                    f" low_{table} ="
                    f" min(low_{table}, coalesce((SELECT max(rowid) FROM [{table}]), 0))"
                    " WHERE id = 1"
                )
            else:  # written once, by the first write since the index was kept
                state = "gen = gen + 1, dirty = 1 WHERE id = 1 AND dirty = 0"
                if columns:
                    what += " OF " + ", ".join(columns)
            body = f"UPDATE rows_state SET {state}; {_RECORDS[table, event]}"
            name = f"rows_{table}_{event}"
            out[name] = f"CREATE TRIGGER {name} AFTER {what} ON [{table}] BEGIN {body} END"
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
    for statement in _triggers_0001().values():
        db.execute(statement)


@MIGRATIONS(name="rows_0002_matrix_index_dirty_plans")
def _rows_matrix_index_dirty_plans(db: Database) -> None:
    """The plans a write touched (``rows_dirty``), each table's deletes and lowest
    largest rowid (``del_<table>``, ``low_<table>``) and the whole flag since the index
    was kept: the next load reads those plans' rows and splices
    them into the kept index (``matrix_update``) instead of reading every row."""
    deleted = "".join(
        f"ALTER TABLE rows_state ADD COLUMN del_{table} INTEGER NOT NULL DEFAULT 0;\n"
        f"ALTER TABLE rows_state ADD COLUMN low_{table} INTEGER;\n"
        for table, _columns in ROWS_TABLES
    )
    run_script(
        db,
        f"""
        ALTER TABLE rows_state ADD COLUMN whole INTEGER NOT NULL DEFAULT 1;
        {deleted}
        CREATE TABLE rows_dirty (plan_id TEXT PRIMARY KEY) WITHOUT ROWID;
        UPDATE rows_state SET gen = gen + 1, dirty = 1, whole = 1;
        """,
    )
    for name in _triggers_0001():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in ROWS_TRIGGERS.values():
        db.execute(statement)
