"""Headquarters' pages: shown by the same app on HQ's database to hq_admin and hq_analyst
(views/registry.py), each calling the services of services/hq/."""
