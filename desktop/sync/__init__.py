"""Sync with headquarters: what a center's change log becomes at HQ.

Today: `replay`, the contract every sync file will rest on — the change log alone,
applied in order to an empty database, gives the same synced tables.
"""
