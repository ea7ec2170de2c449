"""Liandong (联动): task coordination for government action plans."""

__version__ = "0.1.0"
