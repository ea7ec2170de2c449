"""The window's rule for keeping the overview's second step (``SecondStepCache``), Qt-free.

An edit of tables a part does not read keeps it; a report keeps the round and collects
the tasks to judge again; a full status pass, another table, a new day or a result whose
inputs changed while it was computed drop or refuse what would be stale."""

from __future__ import annotations

from datetime import date, timedelta

from desktop.models.second_step_cache import SecondStepCache

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
