"""Reusable Persian widgets: RTL entry, identifier entry, Jalali date entry, paged table."""
