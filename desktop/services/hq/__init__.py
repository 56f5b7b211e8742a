"""Headquarters: the same app on a database that merges every center's sync files.

`setup` makes the HQ database and provisions centers; `imports` verifies and applies
centers' files; `acks` writes the acknowledgement each center reads back; `centers`
and `duplicates` are what HQ's people look at. Roles: hq_admin does everything,
hq_analyst reads.
"""
