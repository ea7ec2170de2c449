"""The filter bar's 范围 entries as ``FilterBar.set_scopes`` built them before they were
read from the plan tree (``ScopeChoiceModel``): kept as the reference its tests compare
against."""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models import queries
from desktop.models.qt.text import section_prefix


def scope_choices(db: Database) -> list[tuple[str, str]]:
    """(data, text) of every plan and section entry, in the combo's order."""
    sections: dict[str, list[dict]] = {}
    for section in db.query(
        "SELECT id, plan_id, parent_id, key, level, no, title FROM section"
        " ORDER BY plan_id, position"
    ):
        sections.setdefault(section.pop("plan_id"), []).append(section)
    choices: list[tuple[str, str]] = []
    for plan in queries.plans(db):
        choices.append((f"plan:{plan['id']}", plan["title"]))
        for section in sections.get(plan["id"], []):
            indent = "    " if section["level"] == 1 else "        "
            prefix = section_prefix(section["no"], section["level"])
            choices.append((f"section:{section['id']}", indent + prefix + section["title"]))
    return choices
