"""Fresh record ids and timestamps written by the sync and the desktop alike.

Every synced row has a client-generated UUID; a new one is a time-ordered UUIDv7
(name-based UUIDv5 ids for rows two offices may create independently are the
desktop's, ``desktop.models.ids.stable_id``).
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime


def uuid_text(value: int) -> str:
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
    return uuid_text(value)


def utc_now() -> str:
    """Now, in UTC, as ISO 8601 with milliseconds (what every synced timestamp uses)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")
