"""The Persian text layer: normalisation, digits, Jalali dates, money, collation, display.

Nothing here imports tkinter. Services store what `normalize` returns; views convert
with `display` only at the widget boundary.
"""
