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
    """A fresh time-ordered UUIDv7 (RFC 9562) as a string: 48 bits of Unix
    milliseconds, the version 7, 12 random bits, the variant ``10``, 62 random bits
    (written as hex digits directly: a bulk import makes tens of thousands)."""
    stamp = f"{(time.time_ns() // 1_000_000) & _MS_MASK:012x}"
    rand = os.urandom(10).hex()  # 80 random bits; 74 of them used
    variant = _VARIANT_DIGITS[int(rand[3], 16) & 3]  # "10" then two random bits
    return f"{stamp[:8]}-{stamp[8:]}-7{rand[:3]}-{variant}{rand[4:7]}-{rand[7:19]}"


_MS_MASK = (1 << 48) - 1
_VARIANT_DIGITS = "89ab"
_last_now: tuple[int, str] = (-1, "")


def utc_now() -> str:
    """Now, in UTC, as ISO 8601 with milliseconds (what every synced timestamp uses).
    The text is made once per millisecond (a bulk import stamps thousands of rows)."""
    global _last_now
    ms = time.time_ns() // 1_000_000
    last_ms, text = _last_now
    if ms != last_ms:
        seconds, millis = divmod(ms, 1000)
        moment = datetime.fromtimestamp(seconds, UTC).replace(microsecond=millis * 1000)
        text = moment.isoformat(timespec="milliseconds")
        _last_now = (ms, text)
    return text
