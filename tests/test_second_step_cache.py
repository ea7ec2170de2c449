"""The window's rule for keeping the overview's second step (``SecondStepCache``), Qt-free.

An edit of tables a part does not read keeps it; a report keeps the round and collects
the tasks to judge again; a full status pass, another table, a new day or a result whose
inputs changed while it was computed drop or refuse what would be stale."""

from __future__ import annotations

from datetime import date, timedelta

from desktop.models.second_step_cache import SecondStepCache
from desktop.models.transactions import Written

TODAY = date(2026, 11, 30)


def _overview(changed: set[str] | None = None, today: date = TODAY) -> dict:
    class Snapshot:
        pass

    snapshot = Snapshot()
    snapshot.today = today  # type: ignore[attr-defined]
    return {"period": "2026-11", "snapshot": snapshot, "missing": None, "changed": changed}


def _later(tag: str) -> dict:
    return {
        "missing": f"round {tag}", "missing_groups": [tag], "missing_counts": {tag: 1},
        "targets": None, "target_rows": [tag], "targets_missed": 0,
    }  # fmt: skip


def _computed(cache: SecondStepCache, tag: str, changed: set[str] | None = None) -> dict:
    """An overview lands, its second step runs and lands; the overview's dict."""
    result = _overview(changed)
    parts = cache.overview(result, full_pass=False)
    _again, generations = cache.request(parts)
    cache.landed(_later(tag), ("2026-11", TODAY), generations)
    return result


def test_parts_kept_by_the_tables_they_read() -> None:
    cache = SecondStepCache()
    result = _overview()
    assert cache.overview(result, full_pass=True) == ("missing", "targets")
    _computed(cache, "a")
    cache.changed({"milestone", "milestone_extension"})
    result = _overview()
    assert cache.overview(result, full_pass=False) == ()
    assert result["missing"] == "round a" and result["target_rows"] == ["a"]
    cache.changed({"target_value"})
    result = _overview()
    assert cache.overview(result, full_pass=False) == ("targets",)
    assert result["missing"] == "round a" and "target_rows" not in result
    cache.changed(())  # nothing named: any table
    assert cache.overview(_overview(), full_pass=False) == ("missing", "targets")


def test_a_report_has_its_tasks_judged_again_in_the_kept_round() -> None:
    cache = SecondStepCache()
    _computed(cache, "a")
    cache.changed({"report"})
    result = _overview(changed={"t1", "t2"})
    assert cache.overview(result, full_pass=False) == ("missing",)
    cache.changed({"report"})  # a second report before the step ran
    cache.overview(_overview(changed={"t3"}), full_pass=False)
    again, generations = cache.request(("missing",))
    assert again == ("round a", frozenset({"t1", "t2", "t3"}))
    cache.landed(_later("b"), ("2026-11", TODAY), generations)
    assert cache.request(("missing",))[0] is None  # judged: nothing left to judge again
    # after a full pass the changed tasks are not known: the round is built afresh
    cache.changed({"report"})
    assert cache.overview(_overview(changed=set()), full_pass=True) == ("missing",)
    assert cache.request(("missing",))[0] is None


def test_a_result_whose_inputs_changed_meanwhile_or_another_day_is_not_kept() -> None:
    cache = SecondStepCache()
    result = _overview()
    parts = cache.overview(result, full_pass=True)
    _again, generations = cache.request(parts)
    cache.changed({"report", "assignment"})  # while the step runs
    cache.landed(_later("a"), ("2026-11", TODAY), generations)
    assert cache.kept.keys() == {"targets"}
    _computed(cache, "b")
    tomorrow = _overview(today=TODAY + timedelta(days=1))
    assert cache.overview(tomorrow, full_pass=False) == ("missing", "targets")
    assert "missing_groups" not in tomorrow


def _renamed(*task_ids: str, columns: frozenset[str] = frozenset({"title"})) -> Written:
    """What the store names after tasks' updates of ``columns``."""
    return Written({"task", "task_change"}, {"task": dict.fromkeys(task_ids, columns)})


class Relabels:
    """A ``relabel`` that records its calls; the part relabelled is tagged with the
    titles (or refused: None)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, frozenset[str]]] = []
        self.refuse = False

    def __call__(self, part, values, titles, task_ids):  # noqa: ANN001, ANN204
        self.calls.append((part, frozenset(task_ids)))
        if self.refuse:
            return None
        key = "missing_groups" if part == "missing" else "target_rows"
        return {**values, key: [titles[t] for t in sorted(task_ids)]}


def _titled(titles: dict[str, str], changed: set[str] | None = None) -> dict:
    result = _overview(changed)
    result["titles"] = titles
    return result


def test_a_new_title_relabels_the_kept_parts_instead_of_dropping_them() -> None:
    relabel = Relabels()
    cache = SecondStepCache(relabel)
    _computed(cache, "a")
    generations = dict(cache.generation)
    cache.changed(_renamed("t1"))
    assert cache.generation == generations  # (a step computed meanwhile is kept too)
    result = _titled({"t1": "新名"})
    assert cache.overview(result, full_pass=False) == ()
    assert relabel.calls == [("missing", {"t1"}), ("targets", {"t1"})]
    assert result["missing_groups"] == ["新名"] and result["target_rows"] == ["新名"]
    assert result["missing"] == "round a"  # the rest of the part as it was
    # the same titles again: nothing to relabel; new titles: relabelled again
    cache.overview(_titled(result["titles"]), full_pass=False)
    assert len(relabel.calls) == 2
    cache.changed(_renamed("t2"))
    result = _titled({"t1": "新名", "t2": "二"})
    cache.overview(result, full_pass=False)
    assert relabel.calls[2:] == [("missing", {"t1", "t2"}), ("targets", {"t1", "t2"})]
    assert result["target_rows"] == ["新名", "二"]
    # a part computed again is relabelled again (it may have been read before a rename)
    _again, generations = cache.request(("targets",))
    cache.landed(_later("b"), ("2026-11", TODAY), generations)
    result = _titled(result["titles"])
    cache.overview(result, full_pass=False)
    assert relabel.calls[4:] == [("targets", {"t1", "t2"})]


def test_columns_no_part_reads_keep_it_and_others_drop_it() -> None:
    relabel = Relabels()
    cache = SecondStepCache(relabel)
    _computed(cache, "a")
    # a task's text and deadline, a single item's text: read by no part
    cache.changed(Written({"task", "item", "task_change"}, {
        "task": {"t1": frozenset({"text", "deadline"})}, "item": {"i1": frozenset({"text"})},
    }))  # fmt: skip
    assert cache.overview(_titled({}), full_pass=False) == ()
    assert relabel.calls == []
    # a title and a number: the rows may move
    cache.changed(_renamed("t1", columns=frozenset({"title", "no"})))
    assert cache.overview(_titled({}), full_pass=False) == ("missing", "targets")
    _computed(cache, "b")
    cache.changed(Written({"task"}, {}))  # a task inserted or deleted: rows not named
    assert cache.overview(_titled({}), full_pass=False) == ("missing", "targets")
    _computed(cache, "c")
    cache.changed({"task"})  # a plain set (a background job's write): anything
    assert cache.overview(_titled({}), full_pass=False) == ("missing", "targets")
    _computed(cache, "d")
    cache.changed(())  # a sync: any table
    assert cache.overview(_titled({}), full_pass=False) == ("missing", "targets")
    _computed(cache, "e")
    # an item's position: the round reads it, the targets do not
    cache.changed(Written({"item"}, {"item": {"i1": frozenset({"position"})}}))
    assert cache.overview(_titled({}), full_pass=False) == ("missing",)
    assert relabel.calls == []


def test_a_part_that_cannot_be_relabelled_or_a_cache_without_relabel_is_computed_again() -> None:
    relabel = Relabels()
    cache = SecondStepCache(relabel)
    _computed(cache, "a")
    cache.changed(_renamed("t1"))
    relabel.refuse = True  # (a task's number differs from the part's)
    generations = dict(cache.generation)
    assert cache.overview(_titled({"t1": "新名"}), full_pass=False) == ("missing", "targets")
    assert all(cache.generation[part] == generations[part] + 1 for part in generations)
    relabel.refuse = False
    _computed(cache, "b")
    result = _titled({"t1": "新名"})
    assert cache.overview(result, full_pass=False) == ()
    assert len(relabel.calls) == 2  # (dropped: renamed since it was computed, none)
    plain = SecondStepCache()
    _computed(plain, "a")
    plain.changed(_renamed("t1"))
    assert plain.overview(_titled({"t1": "新名"}), full_pass=False) == ("missing", "targets")
    plain.changed(_renamed("t1", columns=frozenset({"deadline"})))  # (read by neither)
    _computed(plain, "b")
    assert plain.overview(_titled({}), full_pass=False) == ()


def test_a_rename_then_a_report_judges_again_in_the_relabelled_round() -> None:
    relabel = Relabels()
    cache = SecondStepCache(relabel)
    _computed(cache, "a")
    cache.changed(_renamed("t1"))
    cache.changed({"report"})
    result = _titled({"t1": "新名"}, changed={"t9"})
    assert cache.overview(result, full_pass=False) == ("missing",)
    again, _generations = cache.request(("missing",))
    assert again == ("round a", frozenset({"t9"}))
    assert cache.kept["missing"]["missing_groups"] == ["新名"]  # the round handed on
