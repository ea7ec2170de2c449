"""Coordination views (issue 3): dialogs, undo, unit workspace, timeline, dashboard, charts.

``integration.install_coordination(main_window)`` wires them into the main window.
"""
