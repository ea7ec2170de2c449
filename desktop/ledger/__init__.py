"""Excel ledgers (台账), plain Python (no Qt): openpyxl and own streaming .xlsx parts.

- ``data``: one ``LedgerRow`` per task / work item (units by role, next
  milestone and status, deadline, latest report, target progress), built one
  at a time (``ledger_rows``: the export keeps only each row's cells).
- ``export``: the 台账 workbook, one sheet per section or per unit.
- ``fill_sheet`` / ``fill_import``: a unit's fill-in sheet (填报表) and its
  import back as progress reports through the store (one action, synced);
  ``fill_batch``: many returned sheets (files, folders) as one action, or none.
- ``xlsx``: shared styles and safe file handling (locked files, bad paths).
- ``xlsx_write`` / ``xlsx_read``: a small streaming .xlsx writer (the 台账) and
  reader (the fill-in import): openpyxl's per-cell objects were most of the
  time of a province-scale ledger or import.
- ``report_rows``: the import's reports checked for a whole sheet at once.
"""
