"""The register of issued 通报 (第N期): numbering rule and the store action.

Rule: an issue is identified by its plans and its meeting date. Generating the
overview again for the same plans and meeting date is the same issue: it keeps
its number (and its 工作要求 and issuing office, unless new ones are given,
which replace them). A new meeting date gets the next number of that plan set
and year (the year of the meeting date): 第1期 for the first of a year.

A plan set is stored as its ids, sorted and joined by ","; a set too large for the
record's limit (about 100 plans, e.g. a province overview of every plan) is stored as
``sha256:COUNT:DIGEST`` of that text instead, the same on every desktop.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from desktop.errors import UserError
from desktop.models.ids import stable_id
from desktop.models.store import Store, utc_now

MAX_REQUIREMENTS = 20_000
MAX_ISSUER = 200
#: The longest plan key stored as the joined ids (``briefing_issue.plan_key``'s limit).
MAX_JOINED_KEY = 4_000
DIGEST_PREFIX = "sha256:"


@dataclass(frozen=True)
class Issue:
    id: str
    number: int
    year: int
    meeting_date: str
    requirements: str
    issuer: str
    new: bool  # True when this call numbered it


def plan_key(plan_ids: list[str]) -> str:
    """The plan set's key: the sorted ids joined by ",", or their digest when too long."""
    joined = ",".join(sorted(plan_ids))
    if len(joined) <= MAX_JOINED_KEY:
        return joined
    digest = hashlib.sha256(joined.encode()).hexdigest()
    return f"{DIGEST_PREFIX}{len(plan_ids)}:{digest}"


def key_plan_ids(key: str) -> list[str] | int:
    """The plan ids a key names, or only how many when it is a digest. A key that only
    looks like a digest (a synced record is any text) names what it says: no plan."""
    if key.startswith(DIGEST_PREFIX):
        count = key[len(DIGEST_PREFIX) :].split(":", 1)[0]
        if count.isascii() and count.isdigit() and len(count) <= 9:
            return int(count)
    return key.split(",")


def find_issue(store: Store, plan_ids: list[str], meeting_date: date) -> Issue | None:
    row: tuple[str, int, int, str, str, str] | None = store.db.execute(
        "SELECT id, number, year, meeting_date, requirements, issuer FROM briefing_issue"
        " WHERE id = ?",
        [stable_id("briefing_issue", plan_key(plan_ids), meeting_date.isoformat())],
    ).fetchone()
    return Issue(*row, new=False) if row else None


def peek_issue(store: Store, plan_ids: list[str], meeting_date: date) -> Issue:
    """The issue ``issue_briefing`` would record, without writing anything."""
    found = find_issue(store, plan_ids, meeting_date)
    if found is not None:
        return found
    last = store.db.execute(
        "SELECT max(number) FROM briefing_issue WHERE plan_key = ? AND year = ?",
        [plan_key(plan_ids), meeting_date.year],
    ).fetchone()[0]
    issue_id = stable_id("briefing_issue", plan_key(plan_ids), meeting_date.isoformat())
    return Issue(
        issue_id, (last or 0) + 1, meeting_date.year, meeting_date.isoformat(), "", "", True
    )


def issues(store: Store) -> list[dict]:
    """The register, newest first (for the CLI and the GUI)."""
    return list(
        store.db.query(
            "SELECT * FROM briefing_issue ORDER BY year DESC, number DESC, meeting_date DESC"
        )
    )


def issue_briefing(
    store: Store,
    plan_ids: list[str],
    meeting_date: date,
    *,
    requirements: str = "",
    issuer: str = "",
) -> Issue:
    """Number (or find) the 通报 of ``plan_ids`` for ``meeting_date`` (see the rule above)."""
    requirements = (requirements or "").strip()
    issuer = (issuer or "").strip()
    if len(requirements) > MAX_REQUIREMENTS:
        raise UserError(f"工作要求过长（{len(requirements)} 字，最多 {MAX_REQUIREMENTS} 字）。")
    if len(issuer) > MAX_ISSUER:
        raise UserError(f"发文单位名称过长（最多 {MAX_ISSUER} 字）。")
    key = plan_key(plan_ids)
    issue_id = stable_id("briefing_issue", key, meeting_date.isoformat())
    with store.action("issue_briefing") as tx:
        row = store.db.execute(
            "SELECT number, requirements, issuer FROM briefing_issue WHERE id = ?", [issue_id]
        ).fetchone()
        if row is not None:
            number, old_requirements, old_issuer = row
            changes = {}
            if requirements and requirements != old_requirements:
                changes["requirements"] = requirements
            if issuer and issuer != old_issuer:
                changes["issuer"] = issuer
            if changes:
                tx.update("briefing_issue", issue_id, changes)
            return Issue(
                issue_id, number, meeting_date.year, meeting_date.isoformat(),
                requirements or old_requirements, issuer or old_issuer, False,
            )  # fmt: skip
        last = store.db.execute(
            "SELECT max(number) FROM briefing_issue WHERE plan_key = ? AND year = ?",
            [key, meeting_date.year],
        ).fetchone()[0]
        number = (last or 0) + 1
        tx.insert(
            "briefing_issue",
            {
                "id": issue_id,
                "plan_key": key,
                "year": meeting_date.year,
                "number": number,
                "meeting_date": meeting_date.isoformat(),
                "requirements": requirements,
                "issuer": issuer,
                "created_at": utc_now(),
            },
        )
    return Issue(
        issue_id, number, meeting_date.year, meeting_date.isoformat(), requirements, issuer, True
    )
