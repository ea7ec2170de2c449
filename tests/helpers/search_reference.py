"""The full-text search as it was before it became one SQL statement (``queries.search_tasks``
before issue 14): one query per term, the terms intersected in Python, one query per
matching plan. The reference the one-statement search is tested against."""

from __future__ import annotations

from sqlite_utils import Database


def _search_term(db: Database, term: str) -> set[str]:
    """Tasks whose title or text contains ``term``, or whose plan's 发文字号/title does."""
    if len(term) >= 3:  # trigram FTS: substring match, case-insensitive
        quoted = '"' + term.replace('"', '""') + '"'
        rows = db.execute(
            "SELECT t.id FROM task_fts f JOIN task t ON t.rowid = f.rowid WHERE task_fts MATCH ?",
            [quoted],
        ).fetchall()
    elif term.lower() != term.upper():  # short, with letters: case-insensitive scan
        folded = term.lower()
        rows = db.execute(
            "SELECT id FROM task WHERE instr(lower(title), ?) > 0 OR instr(lower(text), ?) > 0",
            [folded, folded],
        ).fetchall()
    else:  # short Chinese or digits: no case to fold
        rows = db.execute(
            "SELECT id FROM task WHERE instr(title, ?) > 0 OR instr(text, ?) > 0", [term, term]
        ).fetchall()
    found = {row[0] for row in rows}
    plans = [
        row[0]
        for row in db.execute(
            "SELECT id FROM plan WHERE instr(doc_no, ?) > 0 OR instr(title, ?) > 0", [term, term]
        )
    ]
    for plan_id in plans:
        found.update(r[0] for r in db.execute("SELECT id FROM task WHERE plan_id = ?", [plan_id]))
    return found


def reference_search_tasks(db: Database, text: str) -> set[str]:
    """Ids of tasks matching every whitespace-separated term of ``text``.

    A term matches a task's title or text (SQLite FTS5 trigram index, case-
    insensitive; terms under 3 characters scan), or the 发文字号/title of its plan.
    """
    result: set[str] | None = None
    for term in text.split():
        found = _search_term(db, term)
        result = found if result is None else result & found
        if not result:
            return set()
    return result or set()
