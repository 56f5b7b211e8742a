"""Persian strings the paged table says by itself (desktop/views/widgets/paged_table)."""

from __future__ import annotations


class TableText:
    EMPTY = "چیزی برای نمایش نیست."
    STATUS = "{first} تا {last} از {count}"
    # The right-click menu over a row: copy the whole row, or the cell clicked.
    COPY_ROW = "رونوشت ردیف"
    COPY_CELL = "رونوشت «{heading}»"
