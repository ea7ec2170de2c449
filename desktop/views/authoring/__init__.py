"""Plan authoring in the GUI: dialogs, the matrix edit mode, revised-plan review."""
