"""Tavana (توانا): offline-first desktop system for municipal social service centers."""

__version__ = "0.1.0"
