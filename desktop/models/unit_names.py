"""Unit names as people type them: "did you mean" suggestions for a name that matches no unit.

One function for every place a unit is named (CLI arguments through ``Store.find_unit``,
authoring, coordination): exact names and aliases, then names containing what was typed
(or contained in it), abbreviations (the typed characters in order: 城管局 → 市城市管理局),
then names that merely look alike (difflib).
"""

from __future__ import annotations

import difflib
import json

from sqlite_utils import Database

from sync.errors import Message

DEFAULT_LIMIT = 3


def unit_name_index(db: Database) -> dict[str, str]:
    """Every unit name and alias → the unit's name."""
    names: dict[str, str] = {}
    for canonical, aliases in db.execute("SELECT name, aliases FROM unit ORDER BY name"):
        names[canonical] = canonical
        for alias in json.loads(aliases or "[]"):
            names.setdefault(alias, canonical)
    return names


def is_abbreviation(short: str, full: str) -> bool:
    """Whether the characters of ``short`` appear in ``full`` in order (城管局 in 市城市管理局)."""
    rest = iter(full)
    return len(short) >= 2 and all(char in rest for char in short)


def similar_unit_names(db: Database, name: str, limit: int = DEFAULT_LIMIT) -> list[str]:
    """Unit names close to ``name``, best first, at most ``limit``."""
    text = name.strip()
    if not text:
        return []
    names = unit_name_index(db)
    contains = [names[n] for n in names if text in n or n in text]
    abbreviations = [names[n] for n in names if is_abbreviation(text, n)]
    close = [names[n] for n in difflib.get_close_matches(text, list(names), limit, 0.4)]
    return list(dict.fromkeys(contains + abbreviations + close))[:limit]


def did_you_mean(db: Database, name: str, limit: int = DEFAULT_LIMIT) -> Message | str:
    """ "您是否要找：市城管局、市住建局？" (a ``Message``: a value of an error's message, the
    names kept whole in English) — or "" when nothing is close. The error's message
    has a template with the hint and one without: the English joins the hint with a
    space ("… (by name or alias). Did you mean: …?"), which an absent hint must not leave."""
    hints = similar_unit_names(db, name, limit)
    return Message("您是否要找：{}？", hints) if hints else ""
