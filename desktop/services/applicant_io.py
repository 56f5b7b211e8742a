"""Import applicants from CSV or Excel files and export them back, for clerks and IT staff.

Centers keep lists of people in spreadsheets long before they get this app; importing
them goes through the same validation as the registration form, explains every row it
refuses, and writes all accepted rows or none. This module is the one name the views,
the CLI and the tests import; the work lives in four modules, each with its decisions:

- applicant_files.py    reading a CSV or XLSX as a `Table` of text, and what a file may
                        hold (MAX_ROWS, MAX_COLUMNS, MAX_CELL_CHARS, MAX_CSV_BYTES,
                        MAX_XLSX_UNCOMPRESSED, MAX_XLSX_RATIO); `UnreadableFile`
- applicant_columns.py  the column contract (REQUIRED_FIELDS, OPTIONAL_FIELDS,
                        EXPORT_FIELDS), which header names a column (`guess_mapping`,
                        `missing_columns`, `MissingColumns`), a row as form input
- applicant_import.py   checking and importing rows (`dry_run`, `import_rows`,
                        `RowResult`, `ImportSummary`) and the report (`write_report`)
- applicant_export.py   `export` and its CSV and XLSX writers

A name re-exported here is a copy of the binding: a test that patches a limit or a
helper patches it in the module above that reads it.
"""

from desktop.services.applicant_columns import (
    EXPORT_FIELDS,
    IMPORT_FIELDS,
    LIST_SEPARATORS,
    OPTIONAL_FIELDS,
    REQUIRED_FIELDS,
    MissingColumns,
    ProgressCallback,
    guess_mapping,
    missing_columns,
)
from desktop.services.applicant_export import export
from desktop.services.applicant_files import (
    CSV_DELIMITERS,
    CSV_SUFFIXES,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_CSV_BYTES,
    MAX_ROWS,
    MAX_XLSX_RATIO,
    MAX_XLSX_UNCOMPRESSED,
    XLSX_SUFFIXES,
    Table,
    UnreadableFile,
    read_table,
)
from desktop.services.applicant_import import (
    OK,
    REJECTED,
    REPORT_COLUMNS,
    ImportSummary,
    RowResult,
    dry_run,
    import_rows,
    rejected_for_missing_columns,
    write_report,
)

__all__ = [
    "CSV_DELIMITERS",
    "CSV_SUFFIXES",
    "EXPORT_FIELDS",
    "IMPORT_FIELDS",
    "LIST_SEPARATORS",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_CSV_BYTES",
    "MAX_ROWS",
    "MAX_XLSX_RATIO",
    "MAX_XLSX_UNCOMPRESSED",
    "OK",
    "OPTIONAL_FIELDS",
    "REJECTED",
    "REPORT_COLUMNS",
    "REQUIRED_FIELDS",
    "XLSX_SUFFIXES",
    "ImportSummary",
    "MissingColumns",
    "ProgressCallback",
    "RowResult",
    "Table",
    "UnreadableFile",
    "dry_run",
    "export",
    "guess_mapping",
    "import_rows",
    "missing_columns",
    "read_table",
    "rejected_for_missing_columns",
    "write_report",
]
