"""Speed of revised-plan updates (content-matched diff and apply) by plan size.

    python -m bench.authoring [--sizes 50 200 500] [--suggest-db PROVINCE.db]

Prints, per plan size: the diff time (every stored task compared with every
revised task, by text similarity), the number of changes found and the time to
apply them all in one action.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import random
import tempfile
import time
from pathlib import Path

from bench.generate import TOPICS, VERBS, unit_pool
from desktop.importer.model import ParsedItem, ParsedPlan, ParsedSection, ParsedTask, ParsedUnitRef
from desktop.models import revision as rv
from desktop.models.store import Store


def make_plan(rng: random.Random, size: int, units: list[tuple[str, str]]) -> ParsedPlan:
    tasks = []
    for no in range(1, size + 1):
        title = f"{rng.choice(VERBS)}{rng.choice(TOPICS)}（{no}）"
        lead, support = rng.sample(units, 2)
        text = (
            f"{title}。围绕{rng.choice(TOPICS)}和{rng.choice(TOPICS)}，在第{no}批试点中"
            f"推进{rng.choice(TOPICS)}，到{2024 + no % 3}年形成{no * 7 % 97}项成果。"
        )
        refs = [
            ParsedUnitRef(lead[0], "lead", lead[1]),
            ParsedUnitRef(support[0], "support", support[1]),
        ]
        tasks.append(ParsedTask(no, title, text, "二", [ParsedItem(text, "…", refs)]))
    return ParsedPlan(
        title=f"基准行动计划（{size}项）",
        doc_no=f"基准〔2024〕{size}号",
        fingerprint=hashlib.sha256(f"bench-{size}".encode()).hexdigest(),
        source_text="…",
        sections=[ParsedSection("二", 1, "二", "主要任务")],
        tasks=tasks,
    )


def revise(rng: random.Random, plan: ParsedPlan, units: list[tuple[str, str]]) -> ParsedPlan:
    """Drop 5 % of the tasks, add 5 %, change 5 % of the leads, renumber."""
    revised = copy.deepcopy(plan)
    revised.fingerprint += "-revised"
    drop = set(rng.sample(range(len(revised.tasks)), max(1, len(revised.tasks) // 20)))
    tasks = [t for i, t in enumerate(revised.tasks) if i not in drop]
    for t in rng.sample(tasks, max(1, len(tasks) // 20)):
        t.items[0].units[0] = ParsedUnitRef(rng.choice(units)[0], "lead", "bureau")
    for k in range(max(1, len(plan.tasks) // 20)):
        text = f"新增任务{k}：建立{rng.choice(TOPICS)}统计监测制度，按季度开展第{k}次运行分析。"
        lead = rng.choice(units)
        tasks.insert(
            rng.randrange(len(tasks)),
            ParsedTask(0, f"新增任务{k}", text, "二",
                       [ParsedItem(text, "…", [ParsedUnitRef(lead[0], "lead", lead[1])])]),
        )  # fmt: skip
    for no, t in enumerate(tasks, 1):
        t.no = no
    revised.tasks = tasks
    return revised


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument(
        "--suggest-db", type=Path, help="a bench.generate database: time 上级任务 suggestions"
    )
    args = parser.parse_args()
    if args.suggest_db:
        from desktop.models.authoring_queries import suggest_links

        store = Store.open(args.suggest_db)
        plan_id = store.db.execute("SELECT id FROM plan LIMIT 1").fetchone()[0]
        tasks = store.db.execute("SELECT count(*) FROM task").fetchone()[0]
        started = time.perf_counter()
        found = suggest_links(store.db, plan_id)
        elapsed = (time.perf_counter() - started) * 1000
        print(
            f"link suggestions for one plan among {tasks} tasks: {elapsed:.0f} ms, {len(found)} found"
        )
        store.close()
    rng = random.Random(7)
    units = unit_pool(rng, 120)
    print(f"{'tasks':>6} {'diff ms':>9} {'changes':>8} {'apply ms':>9}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            store = Store.open(Path(folder) / "bench.db")
            plan = make_plan(rng, size, units)
            plan_id = store.import_plan(plan).plan_id
            revised = revise(rng, plan, units)
            started = time.perf_counter()
            diff = rv.diff_plan(store, plan_id, revised)
            diff_ms = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            rv.apply_revision(store, diff)
            apply_ms = (time.perf_counter() - started) * 1000
            assert rv.diff_plan(store, plan_id, revised).changes == []
            store.close()
        print(f"{size:>6} {diff_ms:>9.0f} {len(diff.changes):>8} {apply_ms:>9.0f}")


if __name__ == "__main__":
    main()
