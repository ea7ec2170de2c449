"""Record identifiers.

Every synced row has a client-generated UUID. Rows that two offices could
create independently ("the same" plan imported twice, the same assignment)
get a name-based UUIDv5 so they converge; everything else gets a
time-ordered UUIDv7.
"""

from __future__ import annotations

import hashlib
import uuid

from sync.ids import new_id, uuid_text

__all__ = ["NAMESPACE", "new_id", "stable_id"]

NAMESPACE = uuid.UUID("6b1d2c62-3f0a-5c1e-9d7b-4c1a2e8f9a10")
_NAMESPACE_BYTES = NAMESPACE.bytes


def stable_id(*parts: object) -> str:
    """A UUIDv5 derived from natural-key parts, identical on every client."""
    name = "\x1f".join(str(p) for p in parts).encode("utf-8")
    digest = hashlib.sha1(_NAMESPACE_BYTES + name, usedforsecurity=False).digest()
    value = int.from_bytes(digest[:16], "big")
    value = (value & ~(0xF << 76)) | (0x5 << 76)  # version 5
    value = (value & ~(0b11 << 62)) | (0b10 << 62)  # RFC 4122 variant
    return uuid_text(value)  # identical to str(uuid.uuid5(NAMESPACE, name))
