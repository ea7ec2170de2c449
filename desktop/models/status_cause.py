"""Why a node is at risk: ``RiskCause``, kept compact (imported through ``status``).

A status pass makes one cause per node a root-cause milestone reaches, and each carries
the one it was reached from one step further (``onto``). As a dataclass each held the
root's five facts and its whole path (``via``, a tuple copied one key longer at every
step): 31,229 causes and their paths, 7 MB of the status cache's kept pass at 100k
tasks. Here a cause holds three references:

- ``_root``: the root's facts ``(root_milestone_id, root_title, root_unit_id,
  root_unit_name, reason)``, one tuple shared by every cause of the root that the pass
  makes (``status_pass``: one per root and reason);
- ``_prev`` and ``_last``: how ``via`` is read.
  - ``_prev`` a cause: ``via`` is its ``via`` and then ``_last``: the cause was carried
    from it to the node ``_last`` (``onto``);
  - ``_prev`` None: ``via`` is ``(("milestone", root_milestone_id), _last)``: the root's
    own dependency to ``_last`` (most first causes of a pass), the root's key made
    when read;
  - ``_prev`` a tuple: it is the whole ``via`` (``_last`` None): any other path.

Only links to causes made earlier: no reference cycle (the status cache keeps its
snapshot frozen, its collector paused). Fields, ``via``, equality, ``repr``, pickling and
copies are as the dataclass gave them (``tests/test_status_cause.py`` compares both).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    NodeKey = tuple[str, str]  # as ``status.NodeKey``

_new = object.__new__


class RiskCause:
    """Why a node is at risk: a root-cause milestone reached through ``via`` (from the
    root's node to the flagged node). ``reason``: "overdue" (the root is overdue) or
    "slip" (the root finishes too late)."""

    __slots__ = ("_last", "_prev", "_root")
    __match_args__ = (
        "root_milestone_id", "root_title", "root_unit_id", "root_unit_name", "reason", "via"
    )  # fmt: skip
    __hash__ = None  # type: ignore[assignment]  # (as a dataclass comparing its fields)

    _root: tuple[str, str, str | None, str, str]
    _prev: RiskCause | tuple[NodeKey, ...] | None
    _last: NodeKey | None

    def __init__(
        self,
        root_milestone_id: str,
        root_title: str,
        root_unit_id: str | None,
        root_unit_name: str,
        reason: str,
        via: tuple[NodeKey, ...],
    ) -> None:
        self._root = (root_milestone_id, root_title, root_unit_id, root_unit_name, reason)
        if len(via) == 2 and via[0] == ("milestone", root_milestone_id):
            self._prev, self._last = None, via[1]
        else:
            self._prev, self._last = tuple(via), None

    @classmethod
    def first(
        cls, root: tuple[str, str, str | None, str, str], pred: NodeKey | None, succ: NodeKey
    ) -> RiskCause:
        """The cause on a dependency from ``pred`` to ``succ`` (None: from the root
        milestone itself); ``root``: the shared facts, in the fields' order."""
        cause = _new(cls)
        cause._root = root
        if pred is None:
            cause._prev, cause._last = None, succ
        else:
            cause._prev, cause._last = (("milestone", root[0]), pred, succ), None
        return cause

    def onto(self, key: NodeKey) -> RiskCause:
        """The same cause carried one step further, to ``key``."""
        cause = _new(RiskCause)
        cause._root, cause._prev, cause._last = self._root, self, key
        return cause

    @property
    def root_milestone_id(self) -> str:
        return self._root[0]

    @property
    def root_title(self) -> str:
        return self._root[1]

    @property
    def root_unit_id(self) -> str | None:
        return self._root[2]

    @property
    def root_unit_name(self) -> str:
        return self._root[3]

    @property
    def reason(self) -> str:
        return self._root[4]

    @property
    def via(self) -> tuple[NodeKey, ...]:
        """The nodes from the root's to the flagged one (a new tuple at each read)."""
        after: list[NodeKey | None] = []
        cause = self
        prev = cause._prev
        while isinstance(prev, RiskCause):
            after.append(cause._last)
            cause = prev
            prev = cause._prev
        after.reverse()
        if prev is None:
            after.insert(0, cause._last)
            return (("milestone", cause._root[0]), *after)  # type: ignore[arg-type]
        return (*prev, *after)  # type: ignore[arg-type]

    def _fields(self) -> tuple[Any, ...]:
        return (*self._root, self.via)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not RiskCause:
            return NotImplemented
        return self is other or (self._root == other._root and self.via == other.via)

    def __repr__(self) -> str:
        names = self.__match_args__
        shown = ", ".join(
            f"{name}={value!r}" for name, value in zip(names, self._fields(), strict=True)
        )
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[type[RiskCause], tuple[Any, ...]]:
        """Pickled and copied (``copy``, ``dataclasses.asdict``) with its fields."""
        return RiskCause, self._fields()
