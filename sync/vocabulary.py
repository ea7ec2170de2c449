"""The plan's fixed vocabularies: what an assignment's role, a unit's kind and a target's
comparator may be, and the Chinese names of the roles.

Plain constants, importing nothing: the schema (``sync.records``' choice columns), the
importer (``desktop.importer.model``), the store and the command line read them here,
so a command that only prints a role's name does not import the importer or the schema.
"""

from __future__ import annotations

ROLES = ("lead", "support", "responsible")
ROLE_LABELS = {"lead": "牵头", "support": "配合", "responsible": "责任"}
UNIT_KINDS = ("bureau", "district", "county", "enterprise", "group", "other")
COMPARATORS = (">=", ">", "<=", "<", "=")
