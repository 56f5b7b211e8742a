"""The applicant search's backends: what `ApplicantSearch` (services/applicant_search.py)
asks of the database, in each database's own SQL.

`plans.py` routes a query by what was typed and holds the SQL both databases speak;
`sqlite.py` answers names from the FTS5 trigram index (`applicant_fts`), `postgres.py`
from a `pg_trgm` GIN index over the same `name_keys`. The backend is chosen once per
search, by the class of the open database (`backend_for`).
"""
