"""Unit accuracy of the plan importer over the corpus of real published plans.

    python -m bench.import_accuracy [--dir tests/fixtures/plans] [--verbose]

Each corpus document is ``NAME.txt`` (first line ``来源：<address>``, then the
text as retrieved) with a hand-checked answer key ``NAME.key.json``::

    {"level": "区", "style": "…", "tasks": [
        {"match": "精简项目审批手续", "lead": [...], "support": [...], "responsible": [...]}]}

A keyed task is found by ``match`` (a phrase of its text); its predicted units
are the (role, name) pairs of all its work items. Precision / recall / F1 are
over those pairs, for the keyed tasks only (long documents key a subset; every
keyed task lists all its units). A keyed task the importer did not find counts
all its units as missed.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from desktop.errors import ImportFailed
from desktop.importer import ParsedPlan, parse_text
from desktop.importer.model import ROLES

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "plans"
SOURCE_PREFIX = "来源："


@dataclass
class Document:
    name: str
    source: str
    text: str
    key: dict


@dataclass
class Score:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tasks_found: int = 0
    tasks_keyed: int = 0
    error: str = ""
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_corpus(directory: Path = CORPUS) -> list[Document]:
    docs = []
    for path in sorted(directory.glob("*.txt")):
        first, _, text = path.read_text(encoding="utf-8").partition("\n")
        if not first.startswith(SOURCE_PREFIX):
            raise ValueError(f"{path.name}: first line must name the source ({SOURCE_PREFIX}…)")
        key = json.loads(path.with_suffix(".key.json").read_text(encoding="utf-8"))
        docs.append(Document(path.stem, first[len(SOURCE_PREFIX) :], text, key))
    return docs


def keyed_pairs(task_key: dict) -> set[tuple[str, str]]:
    return {(role, name) for role in ROLES for name in task_key.get(role, [])}


def find_task(plan: ParsedPlan, match: str):
    for task in plan.tasks:
        if match in task.text:
            return task
    return None


def predicted_pairs(task) -> set[tuple[str, str]]:
    return {(ref.role, ref.name) for item in task.items for ref in item.units}


def score_plan(name: str, plan: ParsedPlan, key: dict) -> Score:
    score = Score(name, tasks_keyed=len(key["tasks"]))
    for task_key in key["tasks"]:
        gold = keyed_pairs(task_key)
        task = find_task(plan, task_key["match"])
        got = predicted_pairs(task) if task is not None else set()
        score.tasks_found += task is not None
        score.tp += len(gold & got)
        score.fp += len(got - gold)
        score.fn += len(gold - got)
        for role, unit in sorted(gold - got):
            score.misses.append(f"{task_key['match']}: 漏 {role} {unit}")
        for role, unit in sorted(got - gold):
            score.misses.append(f"{task_key['match']}: 多 {role} {unit}")
    return score


def score_document(doc: Document) -> Score:
    try:
        plan = parse_text(doc.text, source_name=f"{doc.name}.txt")
    except ImportFailed as exc:
        score = Score(doc.name, tasks_keyed=len(doc.key["tasks"]), error=str(exc))
        score.fn = sum(len(keyed_pairs(t)) for t in doc.key["tasks"])
        return score
    return score_plan(doc.name, plan, doc.key)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=CORPUS)
    parser.add_argument("--verbose", action="store_true", help="list every missed or extra unit")
    args = parser.parse_args(argv)
    docs = load_corpus(args.dir)
    print(f"{'document':28} {'level':6} {'tasks':>9} {'P':>6} {'R':>6} {'F1':>6}")
    scores = []
    for doc in docs:
        s = score_document(doc)
        scores.append(s)
        tasks = f"{s.tasks_found}/{s.tasks_keyed}"
        print(
            f"{doc.name:28} {doc.key.get('level', ''):6} {tasks:>9} "
            f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}" + (f"  {s.error}" if s.error else "")
        )
        if args.verbose:
            for miss in s.misses:
                print(f"    {miss}")
    if scores:
        mean = sum(s.f1 for s in scores) / len(scores)
        print(f"import accuracy: mean unit F1 {mean:.3f}; min {min(s.f1 for s in scores):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
