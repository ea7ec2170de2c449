"""``RiskCause`` as the dataclass it was (before ``desktop.models.status_cause`` kept
it compact): each cause holds the root's five facts and its whole path. Tests compare
the two (fields, ``via``, equality, ``repr``). Never used by the application."""

from __future__ import annotations

from dataclasses import dataclass

NodeKey = tuple[str, str]


@dataclass(slots=True)
class RiskCause:
    """Why a node is at risk: a root-cause milestone reached through ``via``."""

    root_milestone_id: str
    root_title: str
    root_unit_id: str | None
    root_unit_name: str
    reason: str  # "overdue" (root is overdue) or "slip" (root finishes too late)
    via: tuple[NodeKey, ...]  # from the root's node to the flagged node

    def onto(self, key: NodeKey) -> RiskCause:
        """The same cause carried one step further, to ``key``."""
        return RiskCause(
            self.root_milestone_id, self.root_title, self.root_unit_id, self.root_unit_name,
            self.reason, (*self.via, key),
        )  # fmt: skip
