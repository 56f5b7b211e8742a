"""Persian strings the paged table says by itself (desktop/views/widgets/paged_table)."""

from __future__ import annotations


class TableText:
    # The right-click menu over a row: copy the whole row, or the cell clicked.
    COPY_ROW = "رونوشت ردیف"
    COPY_CELL = "رونوشت «{heading}»"
