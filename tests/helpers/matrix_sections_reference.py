"""The matrix model's sections below each section as it kept them before
(``section_rows_of``: a list per section of itself and its subsections; a reference
for the equality tests)."""

from __future__ import annotations

from collections.abc import Sequence


def section_rows_reference(
    section_ids: Sequence[str], section_parents: dict[str, str | None] | None
) -> dict[int, list[int]]:
    """section (index into ``section_ids``) → itself and its subsections."""
    parents = section_parents or {}
    section_of = {section_id: i for i, section_id in enumerate(section_ids)}
    rows: dict[int, list[int]] = {}
    for section_id, i in section_of.items():
        rows.setdefault(i, []).append(i)
        parent, seen = parents.get(section_id), {section_id}
        while parent and parent not in seen:
            seen.add(parent)
            if parent in section_of:
                rows.setdefault(section_of[parent], []).append(i)
            parent = parents.get(parent)
    return rows
