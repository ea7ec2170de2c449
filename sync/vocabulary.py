"""The plan's fixed vocabularies: what an assignment's role, a unit's kind and a target's
comparator may be, the Chinese names of the roles, and the bounds of a dependency's lag.

Plain constants, importing nothing: the schema (``sync.records``' choice columns), the
importer (``desktop.importer.model``), the store and the command line read them here,
so a command that only prints a role's name does not import the importer or the schema.
"""

from __future__ import annotations

ROLES = ("lead", "support", "responsible")
ROLE_LABELS = {"lead": "牵头", "support": "配合", "responsible": "责任"}
UNIT_KINDS = ("bureau", "district", "county", "enterprise", "group", "other")
COMPARATORS = (">=", ">", "<=", "<", "=")

# A dependency's lag: days after the predecessor's finish; a negative lag (提前) lets the
# successor start that many days before it. Beyond these bounds it is a typo.
MIN_LAG_DAYS = -365
MAX_LAG_DAYS = 3650
