"""``FixedWidthStrings.index`` and ``in`` (C-level searches of the joined strings, the
matrix's and the plan tree's kept ids) answer as a list's: the first place from
``start`` before ``stop``, a match straddling two strings not taken, and for canonical
UUIDs kept as 16 bytes each, any other spelling of one (upper case, no dashes, other
lengths, other types) not found."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as some

from desktop.models.packed_strings import FixedWidthStrings, fixed_width


def _no_item(self: FixedWidthStrings, index: int) -> str:
    raise AssertionError("a string made to search")


def _same_as_list(packed: FixedWidthStrings, listed: list[str], value: object) -> None:
    for start, stop in ((0, None), (1, None), (-2, None), (0, -1), (2, 3), (5, 1), (-100, 100)):
        try:
            end = len(listed) if stop is None else stop
            expected: int | None = listed.index(value, start, end)  # type: ignore[arg-type]
        except ValueError:
            expected = None
        if expected is None:
            with pytest.raises(ValueError):
                packed.index(value, start, stop)
        else:
            assert packed.index(value, start, stop) == expected, (value, start, stop)
    assert (value in packed) == (value in listed)


@settings(max_examples=300, deadline=None)
@given(
    some.integers(1, 3).flatmap(
        lambda width: some.lists(
            some.text(alphabet="ab任", min_size=width, max_size=width), max_size=12
        )  # fmt: skip
    ),
    some.data(),
)
def test_index_of_strings_of_one_width_is_the_lists(strings: list[str], data) -> None:  # noqa: ANN001
    if not strings:
        return
    packed = FixedWidthStrings(strings, len(strings[0]))
    width = len(strings[0])
    probes = [
        *strings[:3],
        data.draw(some.text(alphabet="ab任", min_size=width, max_size=width)),
        "".join(strings)[1 : 1 + width],  # (straddling two strings when width > 1)
        "x" * width,
        "a" * (width + 1),
        None,
        3,
    ]
    with pytest.MonkeyPatch.context() as patch:  # searched without a string made per place
        patch.setattr(FixedWidthStrings, "_item", _no_item)
        for value in probes:
            _same_as_list(packed, strings, value)


@settings(max_examples=100, deadline=None)
@given(some.lists(some.uuids(), min_size=1, max_size=10, unique=True), some.data())
def test_index_of_compacted_uuids_is_the_lists(ids: list[uuid.UUID], data) -> None:  # noqa: ANN001
    strings = [str(one) for one in ids]
    packed = fixed_width(strings)
    assert isinstance(packed, FixedWidthStrings) and isinstance(packed._joined, bytes)
    chosen = data.draw(some.sampled_from(strings))
    probes = [
        chosen,
        strings[-1],
        str(uuid.uuid4()),
        chosen.upper(),  # another spelling of a kept id: not the same string
        chosen.replace("-", ""),
        chosen[:8] + chosen[9:13] + "-" + chosen[8] + chosen[13:],  # a dash moved
        "g" * 36,
        chosen[:-1],
        None,
        packed._joined[:16],
    ]
    with pytest.MonkeyPatch.context() as patch:  # searched without a string made per place
        patch.setattr(FixedWidthStrings, "_item", _no_item)
        for value in probes:
            _same_as_list(packed, strings, value)


def test_compacted_uuids_iterate_as_the_list_a_block_at_a_time() -> None:
    """Iterating canonical UUIDs kept as 16 bytes makes their texts a block at a time
    (no ``_item`` call per id: the matrix's 14,000 section ids read at every load),
    across blocks, the same texts."""
    from desktop.models import packed_strings

    for count in (0, 1, 5, packed_strings._UUID_BLOCK, packed_strings._UUID_BLOCK + 3):
        strings = [str(uuid.UUID(int=(n + 1) * 0x9E3779B97F4A7C15)) for n in range(count)]
        packed = FixedWidthStrings(strings, 36).compacted()
        assert not count or isinstance(packed._joined, bytes)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(FixedWidthStrings, "_item", _no_item)
            assert list(packed) == strings
