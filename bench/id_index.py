"""What an id costs the window: a dict of id strings against a packed id index.

    python -m bench.id_index [--ids 200000]

The status snapshot the window keeps is keyed by record ids (36-character UUIDs): at
100k tasks, 100,000 task ids, 120,087 item ids and 200,000 milestone ids, each a str
object (~88 bytes), a dict entry and an int position (~130 bytes an id, the ints
shared). That is most of what the window's memory still grows by from 10k to 100k
tasks (issue 14). This bench measures the alternative a later change can adopt: the
ids of a kind in one fixed-width string and an open-addressed table of positions
(``array('i')``, at most half full), looked up by the key's own hash: ~46 bytes an id.
It prints the traced memory per id of each, and the time of a lookup (a sample of the
ids, in random order: what a view asking for a few rows' states does). Nothing in the
app uses the packed index yet: every kept structure that holds an id string (item and
milestone columns naming their task, the graph, the overview's memo) must hold
positions first, or the strings stay alive.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
import uuid
from array import array
from collections.abc import Callable, Sequence

from bench.run import bounded_int


class PackedIndex:
    """``id -> position`` of distinct fixed-width ids without a str object or dict
    entry per id: the ids in one string, positions in an open-addressed table."""

    __slots__ = ("_ids", "_mask", "_slots", "_width")

    def __init__(self, ids: Sequence[str], width: int = 36) -> None:
        self._width = width
        self._ids = "".join(ids)
        if len(self._ids) != len(ids) * width:
            raise ValueError(f"every id must be {width} characters")
        size = 1 << max(4, (len(ids) * 2 - 1).bit_length())  # (at most half full)
        self._mask = mask = size - 1
        slots = array("i", [-1]) * size
        for position, key in enumerate(ids):
            at = hash(key) & mask
            while slots[at] != -1:
                at = (at + 1) & mask
            slots[at] = position
        self._slots = slots

    def get(self, key: str, default: int | None = None) -> int | None:
        slots, mask, ids, width = self._slots, self._mask, self._ids, self._width
        at = hash(key) & mask
        while (position := slots[at]) >= 0:
            if len(key) == width and ids.startswith(key, position * width):
                return position
            at = (at + 1) & mask
        return default


def traced_bytes(build: Callable[[], object]) -> tuple[object, int]:
    """What ``build()`` returns and the traced memory it holds."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    built = build()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return built, held


def lookup_ns(get: Callable[[str], object], keys: list[str]) -> float:
    started = time.process_time()
    for _ in map(get, keys):
        pass
    return (time.process_time() - started) / len(keys) * 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=bounded_int(1_000, 5_000_000), default=200_000)
    count = parser.parse_args().ids
    rng = random.Random(5)
    ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(count)]
    probe = rng.sample(ids, min(50_000, count))
    # (each id a new string, as read from SQLite; the positions' ints made here too)
    by_dict, dict_bytes = traced_bytes(
        lambda: dict(zip((i.encode().decode() for i in ids), range(count), strict=True))
    )
    packed, packed_bytes = traced_bytes(lambda: PackedIndex(ids))
    assert isinstance(by_dict, dict) and isinstance(packed, PackedIndex)
    assert all(packed.get(key) == by_dict[key] for key in probe)
    assert packed.get("0" * 36) is None
    print(f"{count:,} ids of 36 characters")
    print(f"dict of id strings (and int positions): {dict_bytes / count:.0f} bytes an id,"
          f" lookup {lookup_ns(by_dict.get, probe):.0f} ns")  # fmt: skip
    print(f"packed index: {packed_bytes / count:.0f} bytes an id,"
          f" lookup {lookup_ns(packed.get, probe):.0f} ns")  # fmt: skip


if __name__ == "__main__":
    main()
