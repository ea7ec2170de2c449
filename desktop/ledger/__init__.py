"""Excel ledgers (台账), plain Python with openpyxl (no Qt).

- ``data``: one ``LedgerRow`` per task / work item (units by role, next
  milestone and status, deadline, latest report, target progress).
- ``export``: the 台账 workbook, one sheet per section or per unit.
- ``fill_sheet`` / ``fill_import``: a unit's fill-in sheet (填报表) and its
  import back as progress reports through the store (one action, synced).
- ``xlsx``: shared styles and safe file handling (locked files, bad paths).
"""
