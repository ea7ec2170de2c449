"""The blocking ranking after an incremental pass (``status_merge.Tally.ranking``): the
changed units' entries made again — or kept from the ranking before when the unit holds
up the same tasks by the same root milestones — equal a ranking made afresh from every
unit's tasks and roots (``status_ranking.blocking_unit``, ``rank_order``)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as hs

from desktop.models.status_merge import Tally
from desktop.models.status_ranking import BlockingUnit, blocking_unit, rank_order

UNITS = [f"u{n}" for n in range(6)]
NAMES = {unit: f"单位{n}" for n, unit in enumerate(UNITS)}  # distinct: no ties in the order
TASKS = [f"t{n}" for n in range(8)]
ROOTS = [f"m{n}" for n in range(5)]

holding = hs.tuples(hs.sets(hs.sampled_from(TASKS)), hs.sets(hs.sampled_from(ROOTS), min_size=1))


def afresh(state: dict[str, tuple[set[str], set[str]]]) -> list[BlockingUnit]:
    ranking = [
        blocking_unit(unit, tasks, roots, NAMES) for unit, (tasks, roots) in state.items() if tasks
    ]
    rank_order(ranking)
    return ranking


@settings(max_examples=300, deadline=None)
@given(
    before=hs.fixed_dictionaries({unit: holding for unit in UNITS}),
    now=hs.dictionaries(hs.sampled_from(UNITS), holding),
    also=hs.sets(hs.sampled_from(UNITS)),
)
def test_the_ranking_kept_equals_one_made_afresh(before, now, also) -> None:  # noqa: ANN001
    tally = Tally()
    state = {**before, **now}
    for unit, (tasks, roots) in state.items():
        if tasks:
            tally.per_unit[unit] = Counter(tasks)
            tally.roots[unit] = set(roots)
    # the units an edit reached: those changed, and some whose tasks are the same
    changed: set[str | None] = set(now) | also
    assert tally.ranking(afresh(before), changed, NAMES) == afresh(state)
