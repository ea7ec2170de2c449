"""``dashboard_delta._replace`` as it was before its list was rebuilt from slices (a
``del`` / ``insert`` per edit): the reference its equality test compares against."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import Any


def replace_reference(
    entries: list[Any], key: Callable[[Any], Any], gone: list[Any], came: list[Any], tasks: bool
) -> list[tuple] | None:
    script: list[tuple] = []
    for old in gone:
        probe = (old, ()) if tasks else old
        k = key(probe)
        i = bisect_left(entries, k, key=key)
        if i < len(entries) and key(entries[i]) == k:
            if (entries[i][0] if tasks else entries[i].id) != (old if tasks else old.id):
                return None
            del entries[i]
            script.append(("remove", i))
    for new in came:
        k = key(new)
        i = bisect_left(entries, k, key=key)
        if i < len(entries) and key(entries[i]) == k:
            return None  # already listed: keys are unique
        entries.insert(i, new)
        script.append(("insert", i, new))
    return script
