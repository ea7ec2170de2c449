"""Why a node is at risk: ``RiskCause``, kept compact (imported through ``status``).

A status pass makes one cause per node a root-cause milestone reaches, and carries each
one step further (``onto``) to the nodes it reaches next. As a dataclass each cause held
its whole path (``via``, a tuple copied one key longer at every step, its first key the
root's own ``("milestone", id)`` made anew for each first cause): at ssu-100k 31,229
causes, 31,229 paths of 2 to 4 keys and ~20,000 root keys, 7.2 MB with the causes. Here
a cause keeps the five fields and two references, ``_prev`` and ``_last``, from which
``via`` is read:

- ``_prev`` a cause: ``via`` is its ``via`` and then the key ``_last``: the cause was
  carried from it (``onto``);
- ``_prev`` None: ``via`` is ``(("milestone", root_milestone_id), _last)``: the root
  milestone's own dependency to ``_last`` (two first causes in three);
- ``_prev`` a tuple: it is the whole ``via`` (``_last`` None): any other path.

(The five fields as one tuple shared by a root's causes was tried: at ssu-100k a root
has 1.7 causes, and the 18,425 tuples cost more than the fields they spared: 3.2 MB
against 2.75 MB of causes.) A cause links only to causes made before it: no reference
cycle (the status cache keeps its snapshot frozen, its collector paused). Fields,
``via``, equality, ``repr``, pickles and copies are as the dataclass gave them
(``tests/test_status_cause.py`` compares both).
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

    __slots__ = (
        "root_milestone_id", "root_title", "root_unit_id", "root_unit_name", "reason",
        "_prev", "_last",
    )  # fmt: skip
    __match_args__ = (
        "root_milestone_id", "root_title", "root_unit_id", "root_unit_name", "reason", "via"
    )  # fmt: skip
    __hash__ = None  # type: ignore[assignment]  # (as a dataclass comparing its fields)

    root_milestone_id: str
    root_title: str
    root_unit_id: str | None
    root_unit_name: str
    reason: str
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
        self.root_milestone_id, self.root_title = root_milestone_id, root_title
        self.root_unit_id, self.root_unit_name, self.reason = root_unit_id, root_unit_name, reason
        if len(via) == 2 and via[0] == ("milestone", root_milestone_id):
            self._prev, self._last = None, via[1]
        else:
            self._prev, self._last = tuple(via), None

    @classmethod
    def first(
        cls,
        root_milestone_id: str,
        root_title: str,
        root_unit_id: str | None,
        root_unit_name: str,
        reason: str,
        pred: NodeKey | None,
        succ: NodeKey,
    ) -> RiskCause:
        """The cause on a dependency from ``pred`` to ``succ`` (None: from the root
        milestone itself): ``via`` is the root's key, ``pred`` and ``succ``."""
        cause = _new(cls)
        cause.root_milestone_id, cause.root_title = root_milestone_id, root_title
        cause.root_unit_id, cause.root_unit_name, cause.reason = (
            root_unit_id, root_unit_name, reason
        )  # fmt: skip
        if pred is None:
            cause._prev, cause._last = None, succ
        else:
            cause._prev, cause._last = (("milestone", root_milestone_id), pred, succ), None
        return cause

    def onto(self, key: NodeKey) -> RiskCause:
        """The same cause carried one step further, to ``key``."""
        cause = _new(RiskCause)
        cause.root_milestone_id, cause.root_title = self.root_milestone_id, self.root_title
        cause.root_unit_id, cause.root_unit_name, cause.reason = (
            self.root_unit_id, self.root_unit_name, self.reason
        )  # fmt: skip
        cause._prev, cause._last = self, key
        return cause

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
            return (("milestone", cause.root_milestone_id), *after)  # type: ignore[arg-type]
        return (*prev, *after)  # type: ignore[arg-type]

    def _fields(self) -> tuple[Any, ...]:
        return (
            self.root_milestone_id, self.root_title, self.root_unit_id, self.root_unit_name,
            self.reason, self.via,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not RiskCause:
            return NotImplemented
        return self is other or self._fields() == other._fields()

    def __repr__(self) -> str:
        names = self.__match_args__
        shown = ", ".join(
            f"{name}={value!r}" for name, value in zip(names, self._fields(), strict=True)
        )
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[type[RiskCause], tuple[Any, ...]]:
        """Pickled and copied (``copy``, ``dataclasses.asdict``) with its fields."""
        return RiskCause, self._fields()
