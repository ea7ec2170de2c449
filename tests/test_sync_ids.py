"""Fresh ids and timestamps (``sync.ids``): UUIDv7 text and ISO 8601 milliseconds, as
``uuid`` and ``datetime`` write them."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

from sync.ids import new_id, utc_now


def test_new_ids_are_uuid7_of_now_with_random_bits() -> None:
    before = time.time_ns() // 1_000_000
    ids = [new_id() for _ in range(2000)]
    after = time.time_ns() // 1_000_000
    assert len(set(ids)) == len(ids)
    for text in ids:
        value = uuid.UUID(text)
        assert str(value) == text  # lower-case hex, hyphens where uuid puts them
        assert value.version == 7 and value.variant == uuid.RFC_4122
        assert before <= value.int >> 80 <= after
    # the two random bits after the variant take every value
    assert {text[19] for text in ids} == set("89ab")


def test_utc_now_is_the_current_millisecond_in_iso_8601() -> None:
    for _ in range(300):
        before = datetime.now(UTC).isoformat(timespec="milliseconds")
        now = utc_now()
        after = datetime.now(UTC).isoformat(timespec="milliseconds")
        assert before <= now <= after
    assert datetime.fromisoformat(now).tzinfo == UTC
    assert len(now) == len("2026-11-30T03:50:26.598+00:00")
    time.sleep(0.003)
    assert utc_now() > now  # a later millisecond: a new text
