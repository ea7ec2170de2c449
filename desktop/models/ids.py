"""Record identifiers.

Every synced row has a client-generated UUID. Rows that two offices could
create independently ("the same" plan imported twice, the same assignment)
get a name-based UUIDv5 so they converge; everything else gets a
time-ordered UUIDv7.
"""

from __future__ import annotations

import os
import time
import uuid

NAMESPACE = uuid.UUID("6b1d2c62-3f0a-5c1e-9d7b-4c1a2e8f9a10")


def new_id() -> str:
    """A fresh time-ordered UUIDv7 (RFC 9562) as a string."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b
    return str(uuid.UUID(int=value))


def stable_id(*parts: object) -> str:
    """A UUIDv5 derived from natural-key parts, identical on every client."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(p) for p in parts)))
