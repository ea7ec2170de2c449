"""打印/导出: choose a document, generate it in the background, preview, print, save.

- ``desktop.documents`` (plain Python): what to generate (``DocumentRequest``) and the background
  worker ``build_document`` (briefing PDFs / Word through ``desktop.briefing.api``,
  Excel ledgers through ``desktop.ledger``), plain Python.
- ``printing``: pages rendered at the printer's resolution onto a ``QPrinter``.
- ``dialog``: ``DocumentDialog`` (options, progress, ``QPdfView`` preview, 打印,
  另存为 PDF / Word / Excel).
- ``integration``: ``install_documents(window)`` adds the 打印/导出 menu and toolbar
  button and 导入填报表….
"""
