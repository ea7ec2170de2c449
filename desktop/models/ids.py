"""Record identifiers.

Every synced row has a client-generated UUID. Rows that two offices could
create independently ("the same" plan imported twice, the same assignment)
get a name-based UUIDv5 so they converge; everything else gets a
time-ordered UUIDv7.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid

NAMESPACE = uuid.UUID("6b1d2c62-3f0a-5c1e-9d7b-4c1a2e8f9a10")
_NAMESPACE_BYTES = NAMESPACE.bytes


def _text(value: int) -> str:
    """``str(uuid.UUID(int=value))`` without building the object (imports make thousands)."""
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_id() -> str:
    """A fresh time-ordered UUIDv7 (RFC 9562) as a string."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b
    return _text(value)


def stable_id(*parts: object) -> str:
    """A UUIDv5 derived from natural-key parts, identical on every client."""
    name = "\x1f".join(str(p) for p in parts).encode("utf-8")
    digest = hashlib.sha1(_NAMESPACE_BYTES + name, usedforsecurity=False).digest()
    value = int.from_bytes(digest[:16], "big")
    value = (value & ~(0xF << 76)) | (0x5 << 76)  # version 5
    value = (value & ~(0b11 << 62)) | (0b10 << 62)  # RFC 4122 variant
    return _text(value)  # identical to str(uuid.uuid5(NAMESPACE, name))
