"""``LazySequence``: a list's answers, items made only when read."""

from __future__ import annotations

import pytest

from desktop.models.lazy_sequence import LazySequence


class Squares(LazySequence[int]):
    def __init__(self, size: int) -> None:
        self.size, self.made = size, []

    def __len__(self) -> int:
        return self.size

    def _item(self, index: int) -> int:
        self.made.append(index)
        return index * index


def test_answers_as_a_list_and_builds_only_what_is_read() -> None:
    squares, plain = Squares(6), [n * n for n in range(6)]
    assert squares[2] == 4 and squares.made == [2]
    assert (
        squares[-1] == plain[-1] and squares[1:5:2] == plain[1:5:2] and squares[::-1] == plain[::-1]
    )
    assert list(squares) == plain and squares == plain and squares != plain[:-1]
    assert squares != "abc" and 9 in squares and squares.index(16) == 4
    for bad in (6, -7, 10**9):
        with pytest.raises(IndexError):
            squares[bad]
    with pytest.raises(TypeError):
        hash(squares)
