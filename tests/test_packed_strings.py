"""``PackedStrings`` (texts of any length joined in runs, each sliced out when read)
reads as the list of the strings given: by index, negative index, slice, iteration,
length and equality, across several runs (a small ``RUN``), with empty strings and
characters of every width (ASCII, CJK, outside the BMP); ``replaced`` reads as the list
with those places replaced, the packed strings unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as some

from desktop.models.packed_strings import PackedStrings

texts = some.lists(some.text(alphabet="ab 任务落实😀\u00e9\x00", max_size=6), max_size=40)


@settings(max_examples=300, deadline=None)
@given(texts, some.sampled_from([1, 2, 3, 7, 1024]), some.data())
def test_packed_strings_read_as_the_list(strings: list[str], run: int, data) -> None:  # noqa: ANN001
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PackedStrings, "RUN", run)
        packed = PackedStrings(strings)
        appended = PackedStrings()
        for text in strings:
            appended.append(text)
        extended = PackedStrings()
        half = len(strings) // 2
        extended.extend(strings[:half])
        extended.extend(iter(strings[half:]))
        for made in (packed, appended, extended):
            assert len(made) == len(strings) and list(made) == strings and made == strings
            assert [made[n] for n in range(len(strings))] == strings
            assert [made[-n] for n in range(1, len(strings) + 1)] == strings[::-1][: len(strings)]
            assert made[1:-1:2] == strings[1:-1:2]
        with pytest.raises(IndexError):
            packed[len(strings)]
        if not strings:
            return
        places = data.draw(some.dictionaries(
            some.integers(0, len(strings) - 1), some.text(alphabet="xy题😀", max_size=4)
        ))  # fmt: skip
        again = packed.replaced(places)
        expected = [places.get(n, text) for n, text in enumerate(strings)]
        assert list(again) == expected and [again[n] for n in range(len(again))] == expected
        more = {0: "首"}
        assert list(again.replaced(more)) == [*"首", *expected[1:]][: len(expected)]
        assert list(packed) == strings  # unchanged
        for shared in (packed, again):  # (the runs shared: neither appended to)
            with pytest.raises(ValueError):
                shared.append("late")
            with pytest.raises(ValueError):
                shared.extend(["late"])
        with pytest.raises(IndexError):
            packed.replaced({len(strings): "x"})


def test_packed_strings_take_strings_only() -> None:
    with pytest.raises(TypeError):
        PackedStrings(["a", None])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        PackedStrings().append(3)  # type: ignore[arg-type]
