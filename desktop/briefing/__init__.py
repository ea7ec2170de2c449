"""Briefing documents (issue 8): 督查通报, 单位工作单, 任务督办单, 督办/催报通知单.

Plain Python, no Qt. The GUI and the CLI call only ``api`` (``generate``,
``notice_text``, ``issue_number``, ``units_with_work``). Inside:

- ``scope``: checks the options and gathers one ``TaskFacts`` per task in scope
  (units by role, status, latest report, 序时进度 from ``desktop.models.time_progress``);
- ``overview_data`` / ``sheet_data``: the data of each document (plain dataclasses);
- ``text``: the wording, shared by the PDF and the .docx renderers;
- ``documents``: options → data → renderer, and the 第N期 register
  (``desktop.models.briefing_issues``);
- ``fonts``: the embeddable CJK face of each role (仿宋/黑体/楷体/宋体);
- ``layout``: GB/T 9704 pages, page numbers, paged tables, CJK line breaking;
- ``pdf_overview``, ``pdf_sheets``: ReportLab stories; ``docx_render``: python-docx.
"""
